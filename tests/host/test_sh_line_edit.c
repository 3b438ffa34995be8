/* Host tests for user/bin/sh/line_edit.c: the shell's line editor. */
#include "../../user/bin/sh/line_edit.c"

#include "unit.h"

static struct line_edit le;
static char echo[LE_OUT_MAX * 4 + 1]; /* everything written to the screen */
static size_t echo_len;

static void start(void)
{
    memset(&le, 0x55, sizeof le); /* reset must not rely on zeroed memory */
    le_reset(&le);
    echo_len = 0;
    echo[0] = '\0';
}

/* Moves what the editor wrote onto the screen's record. */
static void collect(void)
{
    if (echo_len + le.outlen < sizeof echo) {
        memcpy(echo + echo_len, le.out, le.outlen);
        echo_len += le.outlen;
        echo[echo_len] = '\0';
    }
    le.outlen = 0;
}

/* Feeds the bytes; returns the last action other than LE_NONE (or LE_NONE). */
static enum le_action feed(const char *s)
{
    enum le_action last = LE_NONE;
    for (; *s; s++) {
        enum le_action a = le_feed(&le, (unsigned char)*s);
        if (a != LE_NONE)
            last = a;
        collect();
    }
    return last;
}

/* What a dumb terminal would show after the echo: applies printable
 * characters and backspaces to a one-line screen; returns the visible
 * text (trailing blanks trimmed) and the cursor column. */
static const char *screen(size_t *col)
{
    static char line[LE_MAX * 2];
    size_t c = 0, width = 0;
    memset(line, ' ', sizeof line);
    for (size_t i = 0; i < echo_len; i++) {
        if (echo[i] == '\b') {
            if (c > 0)
                c--;
        } else if (echo[i] == '\a') {
            /* bell */
        } else if (c < sizeof line - 1) {
            line[c++] = echo[i];
            if (c > width)
                width = c;
        }
    }
    while (width > 0 && line[width - 1] == ' ')
        width--;
    line[width] = '\0';
    if (col)
        *col = c;
    return line;
}

/* The buffer, the cursor and the screen all agree. */
static void check_state(const char *text, size_t cur)
{
    size_t col;
    CHECK_STR(le.buf, text);
    CHECK_EQ_INT(le.len, strlen(text));
    CHECK_EQ_INT(le.cur, cur);
    char want[LE_MAX];
    snprintf(want, sizeof want, "%s", text);
    for (size_t n = strlen(want); n > 0 && want[n - 1] == ' '; n--)
        want[n - 1] = '\0'; /* the screen cannot show trailing blanks */
    CHECK_STR(screen(&col), want);
    CHECK_EQ_INT(col, cur);
}

TEST(reset_gives_empty_line)
{
    start();
    check_state("", 0);
}

TEST(typing_echoes_plainly)
{
    start();
    CHECK_EQ_INT(feed("echo hi"), LE_NONE);
    CHECK_STR(echo, "echo hi"); /* no redraw noise when appending */
    check_state("echo hi", 7);
}

TEST(enter_completes_cr_or_lf)
{
    start();
    CHECK_EQ_INT(feed("ls\r"), LE_ENTER);
    CHECK_STR(le.buf, "ls");
    start();
    CHECK_EQ_INT(feed("ls\n"), LE_ENTER);
}

TEST(backspace_and_del_byte)
{
    start();
    feed("abc\x7f");
    check_state("ab", 2);
    feed("\x08");
    check_state("a", 1);
    feed("\x7f\x7f\x7f"); /* past the start: nothing happens */
    check_state("", 0);
}

TEST(left_arrow_then_insert_in_middle)
{
    start();
    feed("echo abc\x1b[D\x1b[DX");
    check_state("echo aXbc", 7);
}

TEST(right_arrow_stops_at_end)
{
    start();
    feed("ab\x1b[D\x1b[D\x1b[C\x1b[C\x1b[C");
    check_state("ab", 2);
}

TEST(backspace_in_middle)
{
    start();
    feed("abcd\x1b[D\x1b[D\x7f");
    check_state("acd", 1);
}

TEST(delete_key_removes_under_cursor)
{
    start();
    feed("abcd\x1b[D\x1b[D\x1b[3~");
    check_state("abd", 2);
    feed("\x1b[3~\x1b[3~"); /* at the end: nothing */
    check_state("ab", 2);
}

TEST(home_end_all_forms)
{
    static const char *const home[] = {"\x1b[H", "\x1b[1~", "\x1b[7~", "\x1bOH", "\x01"};
    static const char *const end[] = {"\x1b[F", "\x1b[4~", "\x1b[8~", "\x1bOF", "\x05"};
    for (size_t i = 0; i < 5; i++) {
        start();
        feed("hello");
        feed(home[i]);
        check_state("hello", 0);
        feed(">");
        check_state(">hello", 1);
        feed(end[i]);
        check_state(">hello", 6);
    }
}

TEST(ctrl_u_kills_to_start)
{
    start();
    feed("rm -rf junk\x1b[D\x1b[D\x1b[D\x1b[D\x15");
    check_state("junk", 0);
}

TEST(ctrl_k_kills_to_end)
{
    start();
    feed("abcdef\x1b[D\x1b[D\x0b");
    check_state("abcd", 4);
}

TEST(ctrl_w_kills_word)
{
    start();
    feed("ls -l /tmp \x17");
    check_state("ls -l ", 6);
}

TEST(ctrl_c_interrupts)
{
    start();
    CHECK_EQ_INT(feed("sleep\x03"), LE_INTERRUPT);
}

TEST(ctrl_d_eof_only_on_empty_line)
{
    start();
    CHECK_EQ_INT(feed("\x04"), LE_EOF);
    start();
    CHECK_EQ_INT(feed("ab\x1b[D\x04"), LE_NONE); /* deletes under the cursor */
    check_state("a", 1);
}

TEST(arrows_up_down_ask_for_history)
{
    start();
    CHECK_EQ_INT(feed("\x1b[A"), LE_HIST_PREV);
    CHECK_EQ_INT(feed("\x1b[B"), LE_HIST_NEXT);
    CHECK_EQ_INT(feed("\x1bOA"), LE_HIST_PREV);
    CHECK_EQ_INT(feed("\x10"), LE_HIST_PREV);
    CHECK_EQ_INT(feed("\x0e"), LE_HIST_NEXT);
    check_state("", 0);
}

TEST(replace_redraws_longer_and_shorter)
{
    start();
    feed("abc\x1b[D");
    le_replace(&le, "a much longer line");
    feed("");
    memcpy(echo + echo_len, le.out, le.outlen);
    echo_len += le.outlen;
    echo[echo_len] = '\0';
    le.outlen = 0;
    check_state("a much longer line", 18);
    le_replace(&le, "short");
    memcpy(echo + echo_len, le.out, le.outlen);
    echo_len += le.outlen;
    echo[echo_len] = '\0';
    le.outlen = 0;
    check_state("short", 5); /* the old tail is blanked */
}

TEST(unknown_escape_is_swallowed)
{
    start();
    feed("a\x1b[5~b\x1b[Zc\x1bxd");
    check_state("abcd", 4);
}

TEST(other_control_bytes_ignored)
{
    start();
    feed("a\x07\x0f\x12" "b");
    check_state("ab", 2);
}

TEST(full_line_rings_bell_and_stays_in_bounds)
{
    start();
    for (int i = 0; i < LE_MAX + 50; i++)
        le_feed(&le, 'x'), le.outlen = 0;
    CHECK_EQ_INT(le.len, LE_MAX - 1);
    CHECK_EQ_INT(le.buf[LE_MAX - 1], 0);
    le_feed(&le, 'y');
    CHECK(le.outlen == 1 && le.out[0] == '\a');
}

TEST(long_line_edit_in_middle_fits_output)
{
    start();
    for (int i = 0; i < LE_MAX - 2; i++)
        le_feed(&le, 'x'), le.outlen = 0;
    le_feed(&le, 0x01), le.outlen = 0;
    le_feed(&le, 'y'); /* redraws the whole line */
    CHECK(le.outlen <= LE_OUT_MAX);
    CHECK_EQ_INT(le.buf[0], 'y');
    CHECK_EQ_INT(le.len, LE_MAX - 1);
}

TEST(tab_asks_for_completion_and_inserts_nothing)
{
    start();
    CHECK_EQ_INT(feed("ec\t"), LE_COMPLETE);
    check_state("ec", 2);
}

TEST(insert_text_in_the_middle_redraws_the_tail)
{
    start();
    feed("ls  -l\x1b[D\x1b[D\x1b[D");
    CHECK(le_insert(&le, "/tmp/"));
    collect();
    check_state("ls /tmp/ -l", 8);
}

TEST(insert_too_long_rings_bell_and_keeps_line)
{
    start();
    for (int i = 0; i < LE_MAX - 3; i++)
        le_feed(&le, 'x'), le.outlen = 0;
    CHECK(!le_insert(&le, "abc"));
    CHECK(le.outlen == 1 && le.out[0] == '\a');
    CHECK_EQ_INT(le.len, LE_MAX - 3);
}

TEST(redraw_prints_line_and_restores_cursor)
{
    start();
    feed("abcd\x1b[D\x1b[D");
    le.outlen = 0;
    le_redraw(&le);
    CHECK_EQ_INT(le.outlen, 6);
    CHECK(memcmp(le.out, "abcd\b\b", 6) == 0);
    CHECK_EQ_INT(le.cur, 2);
}

RUN_TESTS()
