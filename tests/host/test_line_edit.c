/* Host tests for kernel/lib/line_edit.c: the console's line discipline. */
#include "lib/line_edit.c"

#include "unit.h"

/* The echo, captured. */
static char echo_buf[4096];
static size_t echo_len;

static void sink(void *ctx, const char *s, size_t n)
{
    CHECK(ctx == &echo_len); /* the caller's context is passed through */
    CHECK(echo_len + n < sizeof echo_buf);
    memcpy(echo_buf + echo_len, s, n);
    echo_len += n;
    echo_buf[echo_len] = '\0';
}

static struct line_edit le;

static void start(void)
{
    memset(&le, 0x55, sizeof le); /* reset must not rely on zeroed memory */
    line_edit_reset(&le);
    echo_len = 0;
    echo_buf[0] = '\0';
}

/* Feeds bytes; returns how many of them completed a line, and the index
 * of the byte that completed the last one in *done_at (-1 if none). */
static int feed_n(const char *s, size_t n, int *done_at)
{
    int lines = 0;
    if (done_at)
        *done_at = -1;
    for (size_t i = 0; i < n; i++) {
        if (line_edit_feed(&le, s[i], sink, &echo_len)) {
            lines++;
            if (done_at)
                *done_at = (int)i;
        }
    }
    return lines;
}

static int feed(const char *s) { return feed_n(s, strlen(s), NULL); }

TEST(reset_gives_empty_line)
{
    start();
    CHECK_EQ_INT(le.len, 0);
    CHECK_STR(le.buf, "");
}

TEST(typing_echoes_and_buffers)
{
    start();
    CHECK_EQ_INT(feed("ls -l"), 0);
    CHECK_EQ_INT(le.len, 5);
    CHECK_STR(echo_buf, "ls -l");
    CHECK(memcmp(le.buf, "ls -l", 5) == 0);
}

TEST(newline_ends_line)
{
    start();
    int at;
    CHECK_EQ_INT(feed_n("echo hi\n", 8, &at), 1);
    CHECK_EQ_INT(at, 7);
    CHECK_STR(le.buf, "echo hi"); /* without the newline, NUL-terminated */
    CHECK_EQ_INT(le.len, 7);
    CHECK_STR(echo_buf, "echo hi\n");
}

TEST(carriage_return_ends_line_and_echoes_newline)
{
    start();
    CHECK_EQ_INT(feed("abc\r"), 1);
    CHECK_STR(le.buf, "abc");
    CHECK_STR(echo_buf, "abc\n");
}

TEST(empty_line)
{
    start();
    CHECK_EQ_INT(feed("\n"), 1);
    CHECK_STR(le.buf, "");
    CHECK_EQ_INT(le.len, 0);
    CHECK_STR(echo_buf, "\n");
}

TEST(backspace_and_delete_erase_one)
{
    start();
    feed("abc\b");
    CHECK_EQ_INT(le.len, 2);
    CHECK_STR(echo_buf, "abc\b \b");
    feed("\x7f");
    CHECK_EQ_INT(le.len, 1);
    CHECK_STR(echo_buf, "abc\b \b\b \b");
    feed("xy\n");
    CHECK_STR(le.buf, "axy");
}

TEST(backspace_on_empty_line_echoes_nothing)
{
    start();
    feed("\b\x7f\b");
    CHECK_EQ_INT(le.len, 0);
    CHECK_EQ_INT(echo_len, 0);
    feed("ab\b\b\b\x7f");
    CHECK_EQ_INT(le.len, 0);
    CHECK_STR(echo_buf, "ab\b \b\b \b"); /* two erasures, not four */
    CHECK_EQ_INT(feed("\n"), 1);
    CHECK_STR(le.buf, "");
}

TEST(ctrl_u_erases_line)
{
    start();
    feed("hello");
    echo_len = 0;
    feed("\x15"); /* Ctrl-U */
    CHECK_EQ_INT(le.len, 0);
    CHECK_STR(echo_buf, "\b \b\b \b\b \b\b \b\b \b"); /* one erasure per character */
    feed("ok\n");
    CHECK_STR(le.buf, "ok");
}

TEST(ctrl_u_on_empty_line_echoes_nothing)
{
    start();
    feed("\x15\x15");
    CHECK_EQ_INT(echo_len, 0);
    CHECK_EQ_INT(le.len, 0);
}

TEST(ctrl_c_abandons_line)
{
    start();
    feed("rm -rf");
    echo_len = 0;
    CHECK_EQ_INT(feed("\x03"), 1); /* Ctrl-C completes an empty line */
    CHECK_EQ_INT(le.len, 0);
    CHECK_STR(le.buf, "");
    CHECK_STR(echo_buf, "^C\n");
}

TEST(ctrl_c_on_empty_line)
{
    start();
    CHECK_EQ_INT(feed("\x03"), 1);
    CHECK_STR(le.buf, "");
    CHECK_STR(echo_buf, "^C\n");
}

TEST(other_control_bytes_ignored)
{
    start();
    static const char ctrl[] = {1, 2, 4, 5, 6, 7, 11, 12, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31};
    feed("a");
    feed_n(ctrl, sizeof ctrl, NULL);
    feed_n("\0", 1, NULL); /* NUL too */
    feed("b");
    CHECK_EQ_INT(le.len, 2);
    CHECK_STR(echo_buf, "ab");
    CHECK_EQ_INT(feed("\n"), 1);
    CHECK_STR(le.buf, "ab");
}

TEST(ctrl_w_erases_a_word)
{
    start();
    feed("one two  \x17three");
    CHECK_EQ_INT(feed("\n"), 1);
    CHECK_STR(le.buf, "one three");
}

TEST(tab_and_high_bytes_are_text)
{
    start();
    feed("a\tb\xc3\xa9");
    CHECK_EQ_INT(le.len, 5);
    CHECK_STR(echo_buf, "a\tb\xc3\xa9");
    feed("\n");
    CHECK_STR(le.buf, "a\tb\xc3\xa9");
}

TEST(overflow_drops_bytes_with_bell)
{
    start();
    char line[LINE_EDIT_MAX + 20];
    for (size_t i = 0; i < sizeof line; i++)
        line[i] = (char)('a' + i % 26);
    CHECK_EQ_INT(feed_n(line, sizeof line, NULL), 0);
    /* room for LINE_EDIT_MAX - 1 characters and the terminating NUL */
    CHECK_EQ_INT(le.len, LINE_EDIT_MAX - 1);
    CHECK(memcmp(echo_buf, line, LINE_EDIT_MAX - 1) == 0);
    size_t dropped = sizeof line - (LINE_EDIT_MAX - 1);
    CHECK_EQ_INT(echo_len, LINE_EDIT_MAX - 1 + dropped);
    for (size_t i = 0; i < dropped; i++)
        CHECK_EQ_INT(echo_buf[LINE_EDIT_MAX - 1 + i], '\a');
    CHECK_EQ_INT(feed("\n"), 1);
    CHECK_EQ_INT(strlen(le.buf), LINE_EDIT_MAX - 1);
    CHECK(memcmp(le.buf, line, LINE_EDIT_MAX - 1) == 0);
}

TEST(full_line_still_edits)
{
    start();
    char line[LINE_EDIT_MAX + 5];
    memset(line, 'x', sizeof line);
    feed_n(line, sizeof line, NULL);
    CHECK_EQ_INT(le.len, LINE_EDIT_MAX - 1);
    feed("\b");
    CHECK_EQ_INT(le.len, LINE_EDIT_MAX - 2);
    echo_len = 0;
    feed("yz"); /* one fits again, the other rings */
    CHECK_STR(echo_buf, "y\a");
    feed("\r");
    CHECK_EQ_INT(strlen(le.buf), LINE_EDIT_MAX - 1);
    CHECK_EQ_INT(le.buf[LINE_EDIT_MAX - 2], 'y');
    start();
    feed_n(line, sizeof line, NULL);
    feed("\x15");
    CHECK_EQ_INT(le.len, 0);
}

TEST(successive_lines_after_reset)
{
    start();
    CHECK_EQ_INT(feed("first\n"), 1);
    CHECK_STR(le.buf, "first");
    line_edit_reset(&le);
    CHECK_EQ_INT(feed("2nd\n"), 1);
    CHECK_STR(le.buf, "2nd"); /* no leftovers from the longer first line */
    CHECK_STR(echo_buf, "first\n2nd\n");
}

TEST(crlf_gives_line_then_empty_line)
{
    start();
    int lines = 0;
    lines += line_edit_feed(&le, 'x', sink, &echo_len);
    lines += line_edit_feed(&le, '\r', sink, &echo_len);
    CHECK_EQ_INT(lines, 1);
    CHECK_STR(le.buf, "x");
    line_edit_reset(&le);
    CHECK(line_edit_feed(&le, '\n', sink, &echo_len));
    CHECK_STR(le.buf, "");
}

TEST(random_input_matches_model)
{
    /* a simple model of the discipline, fed random bytes */
    unit_srand(3);
    static const char alphabet[] = "abc \b\x7f\x15\x03\r\n\x01\x1b\t";
    for (int round = 0; round < 200; round++) {
        start();
        char model[LINE_EDIT_MAX];
        size_t mlen = 0;
        for (int i = 0; i < 600; i++) {
            char c = alphabet[unit_rand_below(sizeof alphabet - 1)];
            if (unit_rand_below(4) == 0)
                c = 'a' + (char)unit_rand_below(26); /* runs long enough to fill the line */
            bool done = line_edit_feed(&le, c, sink, &echo_len);
            bool mdone = false;
            switch (c) {
            case '\r': case '\n': mdone = true; break;
            case '\b': case 0x7f: if (mlen) mlen--; break;
            case 0x15: mlen = 0; break;
            case 0x03: mlen = 0; mdone = true; break;
            default:
                if ((unsigned char)c >= 0x20 || c == '\t') {
                    if (mlen < LINE_EDIT_MAX - 1)
                        model[mlen++] = c;
                }
            }
            CHECKF(done == mdone, "round %d byte %d (%#x): done %d, model %d", round, i, (unsigned char)c, done, mdone);
            CHECK_EQ_INT(le.len, mlen);
            CHECK(memcmp(le.buf, model, mlen) == 0);
            if (done) {
                CHECK_EQ_INT(strlen(le.buf), mlen);
                line_edit_reset(&le);
                mlen = 0;
            }
            if (echo_len > 2000)
                echo_len = 0;
        }
    }
}

RUN_TESTS()
