/* Host tests for kernel/lib/cmdline.c: splitting the kernel command line. */
#include "lib/cmdline.c"

#include "unit.h"

/* A fresh, poisoned struct each time, so stale contents cannot pass a test. */
static struct cmdline *parse(const char *src)
{
    static struct cmdline cl;
    memset(&cl, 0xA5, sizeof cl);
    cmdline_parse(&cl, src);
    return &cl;
}

#define CHECK_OPT(cl, i, k, v)                \
    do {                                      \
        CHECK((i) < (cl)->count);             \
        CHECK_STR((cl)->opts[i].key, k);      \
        CHECK_STR((cl)->opts[i].value, v);    \
    } while (0)

TEST(empty_and_null)
{
    struct cmdline *cl = parse("");
    CHECK_EQ_INT(cl->count, 0);
    CHECK(!cl->truncated);
    cl = parse(NULL);
    CHECK_EQ_INT(cl->count, 0);
    CHECK(!cl->truncated);
    CHECK(cmdline_get(cl, "x") == NULL);
    cl = parse("   \t \n  ");
    CHECK_EQ_INT(cl->count, 0);
    CHECK(!cl->truncated);
}

TEST(key_value_pairs)
{
    struct cmdline *cl = parse("init=/bin/sh console=ttyS0 loglevel=7");
    CHECK_EQ_INT(cl->count, 3);
    CHECK(!cl->truncated);
    CHECK_OPT(cl, 0, "init", "/bin/sh");
    CHECK_OPT(cl, 1, "console", "ttyS0");
    CHECK_OPT(cl, 2, "loglevel", "7");
    CHECK_STR(cmdline_get(cl, "init"), "/bin/sh");
    CHECK_STR(cmdline_get(cl, "loglevel"), "7");
    CHECK(cmdline_get(cl, "missing") == NULL);
    CHECK(cmdline_get(cl, "ini") == NULL);   /* no prefix matches */
    CHECK(cmdline_get(cl, "init=") == NULL);
}

TEST(flags_have_empty_value)
{
    struct cmdline *cl = parse("quiet debug");
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "quiet", "");
    CHECK_OPT(cl, 1, "debug", "");
    CHECK_STR(cmdline_get(cl, "quiet"), "");
    CHECK(cmdline_get(cl, "loud") == NULL);
}

TEST(empty_value_after_equals)
{
    struct cmdline *cl = parse("a= b");
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "a", "");
    CHECK_OPT(cl, 1, "b", "");
}

TEST(only_first_equals_splits)
{
    struct cmdline *cl = parse("test=a=b==c");
    CHECK_EQ_INT(cl->count, 1);
    CHECK_OPT(cl, 0, "test", "a=b==c");
}

TEST(quotes_group_spaces_and_are_removed)
{
    struct cmdline *cl = parse("init=\"/bin/sh -x -c 'echo hi'\" quiet");
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "init", "/bin/sh -x -c 'echo hi'");
    CHECK_OPT(cl, 1, "quiet", "");
}

TEST(quotes_anywhere_in_option)
{
    struct cmdline *cl = parse("\"a b\"=c x=\"\" y=p\"q r\"s \"\"");
    /* "a b"=c -> key "a b"; x="" -> empty value; y=p"q r"s -> "pq rs";
     * a lone "" is an empty option and ignored */
    CHECK_EQ_INT(cl->count, 3);
    CHECK_OPT(cl, 0, "a b", "c");
    CHECK_OPT(cl, 1, "x", "");
    CHECK_OPT(cl, 2, "y", "pq rs");
}

TEST(quoted_equals_still_splits)
{
    /* quotes only group whitespace; '=' inside them is still a separator */
    struct cmdline *cl = parse("k=\"v=w\"");
    CHECK_EQ_INT(cl->count, 1);
    CHECK_OPT(cl, 0, "k", "v=w");
}

TEST(unterminated_quote_runs_to_end)
{
    struct cmdline *cl = parse("a=1 b=\"x y  z");
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "a", "1");
    CHECK_OPT(cl, 1, "b", "x y  z");
    CHECK(!cl->truncated);
}

TEST(repeated_key_last_wins)
{
    struct cmdline *cl = parse("x=1 y=2 x=3 x");
    CHECK_EQ_INT(cl->count, 4);
    CHECK_STR(cmdline_get(cl, "x"), ""); /* the bare flag came last */
    cl = parse("x=1 y=2 x=3");
    CHECK_STR(cmdline_get(cl, "x"), "3");
    CHECK_STR(cmdline_get(cl, "y"), "2");
    CHECK_OPT(cl, 0, "x", "1"); /* all occurrences are kept in order */
}

TEST(whitespace_kinds_and_runs)
{
    struct cmdline *cl = parse("  \t a=1\t\tb=2 \n c  \n");
    CHECK_EQ_INT(cl->count, 3);
    CHECK_OPT(cl, 0, "a", "1");
    CHECK_OPT(cl, 1, "b", "2");
    CHECK_OPT(cl, 2, "c", "");
}

TEST(nameless_options_ignored)
{
    struct cmdline *cl = parse("=x a=1 = =  b \"\"=y");
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "a", "1");
    CHECK_OPT(cl, 1, "b", "");
    CHECK(cmdline_get(cl, "") == NULL);
    CHECK(!cl->truncated);
}

TEST(strings_point_into_own_buffer)
{
    char src[] = "k=v flag";
    static struct cmdline cl;
    cmdline_parse(&cl, src);
    memset(src, 'Z', sizeof src - 1); /* the parse must not point into src */
    CHECK_EQ_INT(cl.count, 2);
    CHECK_OPT(&cl, 0, "k", "v");
    CHECK_OPT(&cl, 1, "flag", "");
    for (int i = 0; i < cl.count; i++) {
        CHECK(cl.opts[i].key >= cl.buf && cl.opts[i].key < cl.buf + sizeof cl.buf);
        CHECK(cl.opts[i].value >= cl.buf && cl.opts[i].value < cl.buf + sizeof cl.buf);
    }
}

TEST(reparse_resets_state)
{
    static struct cmdline cl;
    cmdline_parse(&cl, "a=1 b=2 c=3");
    CHECK_EQ_INT(cl.count, 3);
    cmdline_parse(&cl, "d=4");
    CHECK_EQ_INT(cl.count, 1);
    CHECK(cmdline_get(&cl, "a") == NULL);
    CHECK_STR(cmdline_get(&cl, "d"), "4");
}

TEST(max_options_fit_exactly)
{
    char src[CMDLINE_MAX_OPTS * 8];
    int n = 0;
    for (int i = 0; i < CMDLINE_MAX_OPTS; i++)
        n += sprintf(src + n, "k%d=%d ", i, i);
    struct cmdline *cl = parse(src);
    CHECK_EQ_INT(cl->count, CMDLINE_MAX_OPTS);
    CHECK(!cl->truncated);
    CHECK_STR(cmdline_get(cl, "k31"), "31");
}

TEST(too_many_options_truncated)
{
    char src[100 * 8];
    int n = 0;
    for (int i = 0; i < 100; i++)
        n += sprintf(src + n, "k%d=%d ", i, i);
    struct cmdline *cl = parse(src);
    CHECK_EQ_INT(cl->count, CMDLINE_MAX_OPTS);
    CHECK(cl->truncated);
    CHECK_STR(cmdline_get(cl, "k0"), "0");
    CHECK_STR(cmdline_get(cl, "k31"), "31");
    CHECK(cmdline_get(cl, "k32") == NULL);
    /* trailing whitespace after exactly MAX options is not "too many" */
    n = 0;
    for (int i = 0; i < CMDLINE_MAX_OPTS; i++)
        n += sprintf(src + n, "f%d   ", i);
    cl = parse(src);
    CHECK_EQ_INT(cl->count, CMDLINE_MAX_OPTS);
    CHECK(!cl->truncated);
    /* nor are nameless words, which are ignored anyway */
    strcat(src, " =x \"\"");
    cl = parse(src);
    CHECK_EQ_INT(cl->count, CMDLINE_MAX_OPTS);
    CHECK(!cl->truncated);
}

TEST(longest_option_that_fits)
{
    /* one option of CMDLINE_MAX_LEN - 1 bytes plus its NUL fills buf */
    static char src[CMDLINE_MAX_LEN + 16];
    memset(src, 'a', CMDLINE_MAX_LEN - 1);
    src[CMDLINE_MAX_LEN - 1] = '\0';
    struct cmdline *cl = parse(src);
    CHECK_EQ_INT(cl->count, 1);
    CHECK(!cl->truncated);
    CHECK_EQ_INT(strlen(cl->opts[0].key), CMDLINE_MAX_LEN - 1);
    CHECK_STR(cl->opts[0].value, "");
}

TEST(too_long_option_truncated_and_dropped)
{
    static char src[CMDLINE_MAX_LEN + 16];
    memset(src, 'a', CMDLINE_MAX_LEN);
    src[CMDLINE_MAX_LEN] = '\0';
    struct cmdline *cl = parse(src);
    CHECK(cl->truncated);
    CHECK_EQ_INT(cl->count, 0); /* the cut-off option is not kept */
}

TEST(too_long_line_keeps_complete_options)
{
    /* many options totalling far more than the buffer: no overflow (ASan
     * watches buf's neighbours), earlier options intact, flag set */
    static char src[CMDLINE_MAX_LEN * 4];
    int n = sprintf(src, "first=1 ");
    memset(src + n, 'v', sizeof src - (size_t)n - 1);
    src[sizeof src - 1] = '\0';
    struct cmdline *cl = parse(src);
    CHECK(cl->truncated);
    CHECK_EQ_INT(cl->count, 1);
    CHECK_STR(cmdline_get(cl, "first"), "1");

    /* long value (with quotes, which take no buffer space) */
    n = sprintf(src, "a=1 b=\"");
    memset(src + n, 'x', CMDLINE_MAX_LEN + 100);
    strcpy(src + n + CMDLINE_MAX_LEN + 100, "\" c=3");
    cl = parse(src);
    CHECK(cl->truncated);
    CHECK_EQ_INT(cl->count, 1);
    CHECK_STR(cmdline_get(cl, "a"), "1");
    CHECK(cmdline_get(cl, "b") == NULL);
    CHECK(cmdline_get(cl, "c") == NULL);
}

TEST(line_filling_buffer_exactly)
{
    /* 3 options that, each stored with its NUL, use CMDLINE_MAX_LEN - 1
     * bytes (the limit is a multiple of 3 plus one) */
    _Static_assert((CMDLINE_MAX_LEN - 1) % 3 == 0, "the test splits the buffer in three");
    static char src[CMDLINE_MAX_LEN * 2];
    int n = 0;
    int each = (CMDLINE_MAX_LEN - 1) / 3 - 1;
    for (int i = 0; i < 3; i++) {
        memset(src + n, 'a' + i, (size_t)each);
        n += each;
        src[n++] = ' ';
    }
    src[n] = '\0';
    struct cmdline *cl = parse(src);
    CHECK_EQ_INT(cl->count, 3);
    CHECK(!cl->truncated);
    /* a 4th option, even of one byte, no longer fits */
    src[n++] = 'z';
    src[n] = '\0';
    cl = parse(src);
    CHECK_EQ_INT(cl->count, 3);
    CHECK(cl->truncated);
}

TEST(key_known)
{
    static const char *const known[] = {"init", "console", "test", "quiet", NULL};
    CHECK(cmdline_key_known("init", known));
    CHECK(cmdline_key_known("quiet", known));
    CHECK(!cmdline_key_known("ini", known));
    CHECK(!cmdline_key_known("initrd", known));
    CHECK(!cmdline_key_known("", known));
    CHECK(!cmdline_key_known("QUIET", known));
    static const char *const none[] = {NULL};
    CHECK(!cmdline_key_known("init", none));
}

TEST(key_known_with_parsed_options)
{
    static const char *const known[] = {"a", "b", NULL};
    struct cmdline *cl = parse("a=1 b zz=3");
    int unknown = 0;
    for (int i = 0; i < cl->count; i++)
        unknown += !cmdline_key_known(cl->opts[i].key, known);
    CHECK_EQ_INT(unknown, 1);
}

TEST(no_dashes_no_init_args)
{
    struct cmdline *cl = parse("a=1 b");
    CHECK_EQ_INT(cl->init_argc, 0);
    cl = parse("a=--b --x");
    CHECK_EQ_INT(cl->init_argc, 0);
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "a", "--b");
    CHECK_OPT(cl, 1, "--x", "");
}

TEST(words_after_dashes_are_init_args)
{
    struct cmdline *cl = parse("quiet init=/bin/sh -- -c \"echo hi\" x=1 --");
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "quiet", "");
    CHECK_OPT(cl, 1, "init", "/bin/sh");
    CHECK_EQ_INT(cl->init_argc, 4);
    CHECK_STR(cl->init_args[0], "-c");
    CHECK_STR(cl->init_args[1], "echo hi");
    CHECK_STR(cl->init_args[2], "x=1"); /* '=' does not split init args */
    CHECK_STR(cl->init_args[3], "--");  /* only the first "--" is special */
    CHECK(cmdline_get(cl, "x") == NULL);
    CHECK(!cl->truncated);
}

TEST(dashes_at_end_or_start)
{
    struct cmdline *cl = parse("a=1 --");
    CHECK_EQ_INT(cl->count, 1);
    CHECK_EQ_INT(cl->init_argc, 0);
    cl = parse("-- a=1 b");
    CHECK_EQ_INT(cl->count, 0);
    CHECK_EQ_INT(cl->init_argc, 2);
    CHECK_STR(cl->init_args[0], "a=1");
    CHECK_STR(cl->init_args[1], "b");
}

TEST(dashes_with_value_is_an_option)
{
    struct cmdline *cl = parse("--=x y");
    CHECK_EQ_INT(cl->init_argc, 0);
    CHECK_EQ_INT(cl->count, 2);
    CHECK_OPT(cl, 0, "--", "x");
}

TEST(too_many_init_args_truncated)
{
    char src[8 + 100 * 6];
    int n = sprintf(src, "a=1 --");
    for (int i = 0; i < 100; i++)
        n += sprintf(src + n, " w%d", i);
    struct cmdline *cl = parse(src);
    CHECK(cl->truncated);
    CHECK_EQ_INT(cl->count, 1);
    CHECK_EQ_INT(cl->init_argc, CMDLINE_MAX_OPTS);
    CHECK_STR(cl->init_args[CMDLINE_MAX_OPTS - 1], "w31");
    /* the limits are separate: 32 options and 32 init args both fit */
    n = 0;
    for (int i = 0; i < CMDLINE_MAX_OPTS; i++)
        n += sprintf(src + n, "o%d ", i);
    n += sprintf(src + n, "--");
    for (int i = 0; i < CMDLINE_MAX_OPTS; i++)
        n += sprintf(src + n, " a%d", i);
    cl = parse(src);
    CHECK(!cl->truncated);
    CHECK_EQ_INT(cl->count, CMDLINE_MAX_OPTS);
    CHECK_EQ_INT(cl->init_argc, CMDLINE_MAX_OPTS);
}

TEST(backslash_escapes)
{
    struct cmdline *cl = parse("a=\"x\\\"y\" b=\\x41\\x42 c=1\\ 2 d=\\n\\t e=back\\\\slash f=\\xZZ -- \"q\\\"\\x0a\"");
    CHECK_STR(cmdline_get(cl, "a"), "x\"y");
    CHECK_STR(cmdline_get(cl, "b"), "AB");
    CHECK_STR(cmdline_get(cl, "c"), "1 2");
    CHECK_STR(cmdline_get(cl, "d"), "\n\t");
    CHECK_STR(cmdline_get(cl, "e"), "back\\slash");
    CHECK_STR(cmdline_get(cl, "f"), "xZZ"); /* not hex: the x stands for itself */
    CHECK_EQ_INT(cl->init_argc, 1);
    CHECK_STR(cl->init_args[0], "q\"\n");
}

RUN_TESTS()
