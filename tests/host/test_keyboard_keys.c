/* Host tests for keyboard_key in kernel/drivers/keyboard.c: the PS/2
 * navigation keys become the escape sequences a serial terminal (xterm)
 * sends, so the console's one input queue looks the same from both. */
#include "drivers/keyboard.c"

#include "unit.h"

void irq_register(int irq, irq_handler handler)
{
    (void)irq;
    (void)handler;
}

void console_input(char c) { (void)c; }

#define REL(sc) ((unsigned char)((sc) | 0x80))

static struct kbd_mods km;

/* What a run of scancodes types, as one NUL-terminated string. */
static const char *typed(const unsigned char *sc, size_t n)
{
    static char out[64];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char seq[KBD_SEQ_MAX];
        int m = keyboard_key(&km, sc[i], seq);
        for (int j = 0; j < m && k + 1 < sizeof out; j++)
            out[k++] = seq[j];
    }
    out[k] = '\0';
    return out;
}
#define TYPED(...) typed((const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__}))

TEST(arrows)
{
    memset(&km, 0, sizeof km);
    CHECK_STR(TYPED(0xE0, 0x48, 0xE0, REL(0x48)), "\x1b[A");
    CHECK_STR(TYPED(0xE0, 0x50), "\x1b[B");
    CHECK_STR(TYPED(0xE0, 0x4D), "\x1b[C");
    CHECK_STR(TYPED(0xE0, 0x4B), "\x1b[D");
}

TEST(home_end_delete_pages)
{
    memset(&km, 0, sizeof km);
    CHECK_STR(TYPED(0xE0, 0x47), "\x1b[H");
    CHECK_STR(TYPED(0xE0, 0x4F), "\x1b[F");
    CHECK_STR(TYPED(0xE0, 0x53), "\x1b[3~");
    CHECK_STR(TYPED(0xE0, 0x52), "\x1b[2~");
    CHECK_STR(TYPED(0xE0, 0x49, 0xE0, 0x51), "\x1b[5~\x1b[6~");
}

TEST(releases_and_plain_keys_unchanged)
{
    memset(&km, 0, sizeof km);
    CHECK_STR(TYPED(0xE0, REL(0x48), 0x1E), "a"); /* up's release types nothing */
    CHECK_STR(TYPED(0x48), "");                    /* keypad 8 without E0: nothing (no NumLock) */
    CHECK_STR(TYPED(0xE0, 0x1C), "\r");            /* keypad Enter: CR, as Linux */
    CHECK_STR(TYPED(0x1D, 0x2E, REL(0x1D)), "\x03");
    CHECK_EQ_INT(km.extended, 0);
}

RUN_TESTS()
