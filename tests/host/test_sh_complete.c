/* Host tests for user/bin/sh/complete.c: tab completion's pure part. */
#include "../../user/bin/sh/complete.c"

#include "unit.h"

static struct cword w;

static void find(const char *line)
{
    memset(&w, 0x55, sizeof w);
    cword_find(line, strlen(line), &w);
}

TEST(first_word_is_a_command)
{
    find("ec");
    CHECK_STR(w.text, "ec");
    CHECK(w.command);
    CHECK_EQ_INT(w.start, 0);
    CHECK_EQ_INT(w.quote, 0);
}

TEST(empty_line_completes_a_command)
{
    find("");
    CHECK_STR(w.text, "");
    CHECK(w.command);
    find("  ");
    CHECK(w.command);
    CHECK_EQ_INT(w.start, 2);
}

TEST(argument_is_a_path)
{
    find("ls /us");
    CHECK_STR(w.text, "/us");
    CHECK(!w.command);
    CHECK_EQ_INT(w.start, 3);
    find("ls ");
    CHECK_STR(w.text, "");
    CHECK(!w.command);
}

TEST(after_operators_and_keywords_a_command_again)
{
    const char *cmds[] = {"ls | gr", "a; gr", "a && gr", "a || gr", "a & gr", "(gr", "if gr",
                          "while true; do gr", "! gr", "X=1 gr", "{ gr", NULL};
    for (int i = 0; cmds[i]; i++) {
        find(cmds[i]);
        CHECK_STR(w.text, "gr");
        CHECK(w.command);
    }
}

TEST(redirection_targets_are_paths)
{
    find("> fi");
    CHECK(!w.command);
    CHECK_STR(w.text, "fi");
    find("cat <fi");
    CHECK(!w.command);
    CHECK_STR(w.text, "fi");
    find("2>/dev/null ec"); /* the descriptor is no word: the command follows */
    CHECK(w.command);
    CHECK_STR(w.text, "ec");
}

TEST(quotes_and_backslashes_are_removed)
{
    find("ls My\\ Do");
    CHECK_STR(w.text, "My Do");
    CHECK_EQ_INT(w.start, 3);
    CHECK_EQ_INT(w.quote, 0);
    find("ls \"My Do");
    CHECK_STR(w.text, "My Do");
    CHECK_EQ_INT(w.quote, '"');
    find("ls 'a b'c\"d\\\"e");
    CHECK_STR(w.text, "a bcd\"e");
    CHECK_EQ_INT(w.quote, '"');
    find("echo '$x");
    CHECK_STR(w.text, "$x");
    CHECK_EQ_INT(w.quote, '\'');
}

TEST(cursor_in_the_middle_uses_the_text_before_it)
{
    const char *line = "ls /et -l";
    cword_find(line, 6, &w);
    CHECK_STR(w.text, "/et");
    CHECK(!w.command);
}

TEST(escape_outside_quotes)
{
    char out[64];
    size_t n = cword_escape("My Dir(1)&$x", 0, out, 0, sizeof out);
    CHECK_STR(out, "My\\ Dir\\(1\\)\\&\\$x");
    CHECK_EQ_INT(n, strlen(out));
    cword_escape("plain-name_1.txt", 0, out, 0, sizeof out);
    CHECK_STR(out, "plain-name_1.txt");
}

TEST(escape_control_characters_in_quotes)
{
    char out[64];
    cword_escape("a\nb\tc", 0, out, 0, sizeof out); /* never backslash-newline */
    CHECK_STR(out, "a'\n'b'\t'c");
}

TEST(escape_inside_quotes)
{
    char out[64];
    cword_escape("a b$\"`\\", '"', out, 0, sizeof out);
    CHECK_STR(out, "a b\\$\\\"\\`\\\\");
    cword_escape("it's $x", '\'', out, 0, sizeof out);
    CHECK_STR(out, "it'\\''s $x");
}

TEST(escape_stops_at_capacity)
{
    char out[6];
    size_t n = cword_escape("a b c d", 0, out, 0, sizeof out);
    CHECK(n < sizeof out);
    CHECK_STR(out, "a\\ b"); /* never half an escape */
}

TEST(common_prefix_of_names)
{
    char *names[] = {"mydata/", "myfile", "mything"};
    CHECK_EQ_INT(common_prefix(names, 3), 2);
    CHECK_EQ_INT(common_prefix(names + 1, 1), 6);
    CHECK_EQ_INT(common_prefix(names, 0), 0);
    char *same[] = {"abc", "abcd"};
    CHECK_EQ_INT(common_prefix(same, 2), 3);
}

TEST(columns_fill_down_then_across)
{
    char *names[] = {"a", "bb", "ccc", "d", "e"};
    char *t = columns_text(names, 5, 16); /* width 5 each: 3 columns, 2 rows */
    CHECK_STR(t, "a    ccc  e\nbb   d\n");
    free(t);
}

TEST(columns_one_per_line_when_too_wide)
{
    char *names[] = {"a-long-name", "b"};
    char *t = columns_text(names, 2, 10);
    CHECK_STR(t, "a-long-name\nb\n");
    free(t);
}

TEST(columns_exactly_the_width_leave_one_out)
{
    char *names[] = {"aa", "bb", "cc", "dd"}; /* 4 columns of 4 would fill 16 exactly */
    char *t = columns_text(names, 4, 16);
    CHECK_STR(t, "aa  cc\nbb  dd\n");
    free(t);
}

TEST(columns_of_nothing)
{
    char *t = columns_text(NULL, 0, 80);
    CHECK_STR(t, "");
    free(t);
}

RUN_TESTS()
