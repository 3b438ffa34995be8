/* Host tests for keyboard_translate in kernel/drivers/keyboard.c (PS/2
 * scancode set 1 to ASCII). The file's hardware half (inb via
 * arch/x86_64/cpu.h, the IRQ handler) compiles on the host but is never
 * called; the two kernel functions it refers to are stubbed here. */
#include "drivers/keyboard.c"

#include "unit.h"

void irq_register(int irq, irq_handler handler)
{
    (void)irq;
    (void)handler;
}

void console_input(char c) { (void)c; }

/* Scancode set 1: make codes; the release code is make | 0x80. */
enum {
    SC_ESC = 0x01, SC_1 = 0x02, SC_0 = 0x0B, SC_MINUS = 0x0C, SC_EQUALS = 0x0D, SC_BACKSPACE = 0x0E, SC_TAB = 0x0F,
    SC_Q = 0x10, SC_W = 0x11, SC_P = 0x19, SC_LBRACKET = 0x1A, SC_ENTER = 0x1C, SC_A = 0x1E, SC_S = 0x1F,
    SC_SEMICOLON = 0x27, SC_QUOTE = 0x28, SC_BACKTICK = 0x29, SC_BACKSLASH = 0x2B, SC_Z = 0x2C, SC_C = 0x2E,
    SC_M = 0x32, SC_COMMA = 0x33, SC_SLASH = 0x35, SC_KP_STAR = 0x37, SC_ALT = 0x38, SC_SPACE = 0x39, SC_F1 = 0x3B,
    SC_UP = 0x48, SC_DELETE = 0x53,
};
#define REL(sc) ((unsigned char)((sc) | 0x80))

static struct kbd_mods km; /* not "mods": keyboard.c has a static of that name */

static void fresh(void) { memset(&km, 0, sizeof km); }

/* Translates a sequence; returns the characters produced, in order. */
static const char *keys(const unsigned char *sc, size_t n)
{
    static char out[64];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = keyboard_translate(&km, sc[i]);
        if (c && k + 1 < sizeof out)
            out[k++] = c;
    }
    out[k] = '\0';
    return out;
}
#define KEYS(...) keys((const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__}))

TEST(letters)
{
    fresh();
    CHECK_EQ_INT(keyboard_translate(&km, SC_A), 'a');
    CHECK_EQ_INT(keyboard_translate(&km, SC_Q), 'q');
    CHECK_EQ_INT(keyboard_translate(&km, SC_Z), 'z');
    CHECK_EQ_INT(keyboard_translate(&km, SC_M), 'm');
    /* the whole top row of letters */
    static const char row[] = "qwertyuiop";
    for (int i = 0; i < 10; i++)
        CHECK_EQ_INT(keyboard_translate(&km, (unsigned char)(SC_Q + i)), row[i]);
    static const char home[] = "asdfghjkl";
    for (int i = 0; i < 9; i++)
        CHECK_EQ_INT(keyboard_translate(&km, (unsigned char)(SC_A + i)), home[i]);
    static const char bottom[] = "zxcvbnm";
    for (int i = 0; i < 7; i++)
        CHECK_EQ_INT(keyboard_translate(&km, (unsigned char)(SC_Z + i)), bottom[i]);
}

TEST(releases_produce_nothing)
{
    fresh();
    for (int sc = 0x01; sc < 0x80; sc++) {
        if (sc == 0x2A || sc == 0x36 || sc == 0x1D) /* modifier releases: tested elsewhere */
            continue;
        CHECKF(keyboard_translate(&km, REL(sc)) == 0, "release of %#x", sc);
    }
    CHECK_STR(KEYS(SC_A, REL(SC_A), SC_S, REL(SC_S)), "as");
}

TEST(digits_and_punctuation)
{
    fresh();
    CHECK_STR(KEYS(0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B), "1234567890");
    CHECK_STR(KEYS(SC_MINUS, SC_EQUALS, SC_LBRACKET, 0x1B, SC_SEMICOLON, SC_QUOTE, SC_BACKTICK, SC_BACKSLASH,
                   SC_COMMA, 0x34, SC_SLASH, SC_SPACE, SC_KP_STAR),
              "-=[];'`\\,./ *");
}

TEST(shifted_digits_and_punctuation)
{
    fresh();
    CHECK_STR(KEYS(0x2A, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B), "!@#$%^&*()");
    CHECK_STR(KEYS(SC_MINUS, SC_EQUALS, SC_LBRACKET, 0x1B, SC_SEMICOLON, SC_QUOTE, SC_BACKTICK, SC_BACKSLASH,
                   SC_COMMA, 0x34, SC_SLASH, SC_SPACE),
              "_+{}:\"~|<>? ");
}

TEST(control_keys)
{
    fresh();
    CHECK_EQ_INT(keyboard_translate(&km, SC_ENTER), '\r');
    CHECK_EQ_INT(keyboard_translate(&km, SC_BACKSPACE), '\b');
    CHECK_EQ_INT(keyboard_translate(&km, SC_TAB), '\t');
    CHECK_EQ_INT(keyboard_translate(&km, SC_ESC), 0x1B);
    CHECK_EQ_INT(keyboard_translate(&km, SC_SPACE), ' ');
    /* shift does not change them */
    keyboard_translate(&km, 0x2A);
    CHECK_EQ_INT(keyboard_translate(&km, SC_ENTER), '\r');
    CHECK_EQ_INT(keyboard_translate(&km, SC_BACKSPACE), '\b');
    CHECK_EQ_INT(keyboard_translate(&km, SC_TAB), '\t');
}

TEST(shift_left_and_right)
{
    fresh();
    CHECK_STR(KEYS(0x2A, SC_A, REL(0x2A), SC_A), "Aa");
    CHECK_STR(KEYS(0x36, SC_A, SC_1, REL(0x36), SC_A, SC_1), "A!a1");
    CHECK_EQ_INT(keyboard_translate(&km, 0x2A), 0); /* modifiers produce nothing */
    CHECK_EQ_INT(keyboard_translate(&km, REL(0x2A)), 0);
    CHECK_EQ_INT(km.shift, 0);
}

TEST(shift_held_repeats)
{
    fresh();
    /* typematic repeat sends the shift make code again; still one shift */
    CHECK_STR(KEYS(0x2A, 0x2A, 0x2A, SC_W, REL(0x2A), SC_W), "Ww");
}

TEST(caps_lock_toggles)
{
    fresh();
    CHECK_STR(KEYS(0x3A, REL(0x3A), SC_A, SC_Z, SC_1, SC_SEMICOLON), "AZ1;"); /* letters only */
    CHECK_EQ_INT(km.caps, 1);
    CHECK_STR(KEYS(0x3A, REL(0x3A), SC_A), "a");
    CHECK_EQ_INT(km.caps, 0);
    /* the release does not toggle */
    CHECK_STR(KEYS(0x3A, REL(0x3A), REL(0x3A), SC_C), "C");
}

TEST(caps_lock_with_shift_gives_lower_case)
{
    fresh();
    CHECK_STR(KEYS(0x3A, REL(0x3A), 0x2A, SC_A, SC_1, SC_SLASH, REL(0x2A), SC_A), "a!?A");
}

TEST(ctrl_letters)
{
    fresh();
    CHECK_STR(KEYS(0x1D, SC_C, REL(0x1D), SC_C), "\x03" "c");
    CHECK_EQ_INT(km.ctrl, 0);
    keyboard_translate(&km, 0x1D);
    CHECK_EQ_INT(keyboard_translate(&km, SC_A), 1);
    CHECK_EQ_INT(keyboard_translate(&km, SC_Z), 26);
    CHECK_EQ_INT(keyboard_translate(&km, 0x16), 0x15); /* Ctrl-U */
    CHECK_EQ_INT(keyboard_translate(&km, SC_1), '1'); /* not a letter: unchanged */
    /* with shift or caps lock too: still the control code */
    keyboard_translate(&km, 0x2A);
    CHECK_EQ_INT(keyboard_translate(&km, SC_C), 3);
    keyboard_translate(&km, REL(0x2A));
    keyboard_translate(&km, 0x3A);
    CHECK_EQ_INT(keyboard_translate(&km, SC_C), 3);
}

TEST(right_ctrl_via_extended_prefix)
{
    fresh();
    CHECK_STR(KEYS(0xE0, 0x1D, SC_C, 0xE0, REL(0x1D), SC_C), "\x03" "c");
}

TEST(extended_keypad_enter_and_slash)
{
    fresh();
    CHECK_EQ_INT(keyboard_translate(&km, 0xE0), 0);
    CHECK_EQ_INT(km.extended, 1);
    CHECK_EQ_INT(keyboard_translate(&km, 0x1C), '\r'); /* keypad Enter */
    CHECK_EQ_INT(km.extended, 0);
    CHECK_STR(KEYS(0xE0, SC_SLASH), "/"); /* keypad '/' */
    CHECK_STR(KEYS(0x2A, 0xE0, SC_SLASH, REL(0x2A)), "/"); /* not '?' with shift */
    CHECK_STR(KEYS(0xE0, REL(0x1C), 0xE0, REL(SC_SLASH)), ""); /* their releases */
}

TEST(extended_prefix_applies_to_one_byte)
{
    fresh();
    /* E0 48 is the up arrow, not '8' on the keypad; the next byte is normal */
    CHECK_STR(KEYS(0xE0, SC_UP, SC_A), "a");
    CHECK_STR(KEYS(0xE0, SC_DELETE, 0xE0, REL(SC_DELETE), SC_1), "1");
    /* E0 + a letter's code gives nothing (multimedia keys) */
    CHECK_STR(KEYS(0xE0, SC_A, SC_A), "a");
}

TEST(fake_shifts_ignored)
{
    fresh();
    /* E0 2A / E0 AA surround some extended keys (e.g. Print Screen,
     * arrows with NumLock on): they are not a real shift press... */
    CHECK_STR(KEYS(0xE0, 0x2A, SC_A), "a");
    /* ...and E0 AA does not cancel a real one */
    CHECK_STR(KEYS(0x2A, 0xE0, REL(0x2A), SC_A, REL(0x2A), SC_A), "Aa");
}

TEST(unmapped_codes_give_nothing)
{
    fresh();
    CHECK_EQ_INT(keyboard_translate(&km, 0x00), 0);
    CHECK_EQ_INT(keyboard_translate(&km, SC_ALT), 0);
    CHECK_EQ_INT(keyboard_translate(&km, SC_F1), 0);
    CHECK_EQ_INT(keyboard_translate(&km, SC_UP), 0); /* keypad 8, NumLock not handled */
    for (int sc = 0x3B; sc < 0x80; sc++)
        CHECKF(keyboard_translate(&km, (unsigned char)sc) == 0, "code %#x", sc);
    CHECK_EQ_INT(keyboard_translate(&km, 0xFF), 0);
    CHECK_EQ_INT(keyboard_translate(&km, 0xE1), 0); /* Pause's prefix */
    CHECK_STR(KEYS(SC_A), "a"); /* and no state was disturbed */
}

TEST(every_printable_make_code_in_range)
{
    /* no code, in any modifier state, gives a byte the console would
     * misread: control codes only for Enter, Tab, Backspace, Esc, Ctrl */
    for (int state = 0; state < 8; state++) {
        for (int sc = 0; sc < 0x80; sc++) {
            fresh();
            km.shift = state & 1;
            km.caps = (state >> 1) & 1;
            km.ctrl = (state >> 2) & 1;
            char c = keyboard_translate(&km, (unsigned char)sc);
            bool ok = c == 0 || (c >= 0x20 && c < 0x7f) || c == '\r' || c == '\t' || c == '\b' || c == 0x1B ||
                      (km.ctrl && c >= 1 && c <= 26);
            CHECKF(ok, "state %d code %#x gives %#x", state, sc, (unsigned char)c);
        }
    }
}

RUN_TESTS()
