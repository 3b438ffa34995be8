/* Host tests for kernel/lib/ansi_term.c: the VT100 subset the VGA console
 * interprets, checked on a small screen by reading back its text. */
#include "lib/ansi_term.c"

#include "unit.h"

#define R 4
#define C 10

static uint16_t cells[R * C];
static struct ansi_term t;

static void fresh(void) { ansi_init(&t, cells, R, C); }
static void out(const char *s) { ansi_write(&t, s, strlen(s)); }

/* Row r's text, trailing blanks kept. */
static const char *row_text(int r)
{
    static char line[C + 1];
    for (int i = 0; i < C; i++)
        line[i] = (char)(cells[r * C + i] & 0xFF);
    line[C] = '\0';
    return line;
}

TEST(text_cr_lf_and_backspace)
{
    fresh();
    out("abc\r\nxy\bz");
    CHECK_STR(row_text(0), "abc       ");
    CHECK_STR(row_text(1), "xz        ");
    CHECK_EQ_INT(t.row, 1);
    CHECK_EQ_INT(t.col, 2);
    out("\n"); /* a pure line feed: the column stays */
    CHECK_EQ_INT(t.row, 2);
    CHECK_EQ_INT(t.col, 2);
}

TEST(pending_wrap_and_scroll)
{
    fresh();
    out("0123456789");
    CHECK_EQ_INT(t.row, 0); /* VT100: no wrap until the next character */
    out("\r\n");
    CHECK_EQ_INT(t.row, 1);
    out("abcdefghijK");
    CHECK_STR(row_text(2), "K         ");
    out("\r\n\r\nlast");
    CHECK_STR(row_text(0), "abcdefghij"); /* scrolled up one line */
    CHECK_STR(row_text(3), "last      ");
}

TEST(cursor_position_and_moves)
{
    fresh();
    out("\x1b[2;3HX");
    CHECK_STR(row_text(1), "  X       ");
    out("\x1b[H");
    CHECK_EQ_INT(t.row, 0);
    CHECK_EQ_INT(t.col, 0);
    out("\x1b[2B\x1b[5CY\x1b[AZ\x1b[3DW");
    CHECK_STR(row_text(2), "     Y    ");
    CHECK_STR(row_text(1), "  X W Z   ");
    out("\x1b[99;99H");
    CHECK_EQ_INT(t.row, R - 1); /* clamped to the screen */
    CHECK_EQ_INT(t.col, C - 1);
    out("\x1b[;4H");
    CHECK_EQ_INT(t.row, 0);
    CHECK_EQ_INT(t.col, 3);
}

TEST(erase_screen_and_line)
{
    fresh();
    out("aaaaaaaaaa\r\nbbbbbbbbbb\r\ncccccccccc");
    out("\x1b[2;5H\x1b[K");
    CHECK_STR(row_text(1), "bbbb      ");
    out("\x1b[1K");
    CHECK_STR(row_text(1), "          ");
    out("\x1b[1;3H\x1b[0J");
    CHECK_STR(row_text(0), "aa        ");
    CHECK_STR(row_text(2), "          ");
    out("aaa\x1b[2K");
    CHECK_STR(row_text(0), "          ");
    out("zz\x1b[2J"); /* clear: the cursor stays */
    CHECK_STR(row_text(0), "          ");
    CHECK_EQ_INT(t.col, 7);
    out("\x1b[H\x1b[J"); /* what `clear` sends */
    CHECK_EQ_INT(t.row, 0);
    CHECK_EQ_INT(t.col, 0);
}

TEST(insert_delete_characters)
{
    fresh();
    out("abcdef\x1b[1;2H\x1b[2P");
    CHECK_STR(row_text(0), "adef      ");
    out("\x1b[3@");
    CHECK_STR(row_text(0), "a   def   ");
}

TEST(colours_and_ignored_sequences)
{
    fresh();
    out("\x1b[31mR\x1b[0mN\x1b[1;44mB");
    CHECK_EQ_INT(cells[0] >> 8, 0x04); /* red on black */
    CHECK_EQ_INT(cells[1] >> 8, 0x07);
    CHECK_EQ_INT(cells[2] >> 8, 0x1F); /* bright white on blue */
    out("\x1b[m\x1b[?25l\x1b[?2004h\x1b]0;title\a\x1b]2;t\x1b\\\x1b(Bok");
    CHECK_STR(row_text(0), "RNBok     ");
    CHECK_EQ_INT(cells[3] >> 8, 0x07);
}

TEST(save_restore_and_reset)
{
    fresh();
    out("ab\x1b[s\x1b[3;3Hx\x1b[uc\x1b" "7\r\n\x1b" "8d");
    CHECK_STR(row_text(0), "abcd      ");
    out("\x1b" "c");
    CHECK_STR(row_text(0), "          ");
    CHECK_EQ_INT(t.row, 0);
}

TEST(random_bytes_stay_in_bounds)
{
    fresh();
    unsigned x = 12345;
    char buf[4096];
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            x = x * 1103515245 + 12345;
            static const char pick[] = "\x1b[;0123456789ABCDHJKPm@?\r\n\b\tab";
            buf[i] = (x >> 16) % 3 ? pick[(x >> 8) % (sizeof pick - 1)] : (char)(x >> 8);
        }
        ansi_write(&t, buf, sizeof buf);
        CHECK(t.row >= 0 && t.row < R && t.col >= 0 && t.col < C);
    }
}

RUN_TESTS()
