/*
 * keyboard.c - PS/2 keyboard. The i8042 controller (port 0x60 data, 0x64
 * status) raises IRQ1 per byte; by default it translates to scancode set 1,
 * where bit 7 marks a key release and 0xE0 prefixes extended keys.
 */
#include "drivers/keyboard.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "drivers/console.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64

/* US layout, set 1 make codes 0x00..0x39. Enter is CR, as Linux's console
 * keyboard sends it: the tty's ICRNL makes it a newline for line reading,
 * and raw-mode programs (less, vi) see the CR they expect. */
static const char normal[0x3A] = {
    0,   0x1B, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b', '\t',
    'q', 'w',  'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0,   'a',  's',
    'd', 'f',  'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0,  '\\', 'z', 'x', 'c',  'v',
    'b', 'n',  'm', ',', '.', '/', 0,   '*', 0,   ' '};
static const char shifted[0x3A] = {
    0,   0x1B, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b', '\t',
    'Q', 'W',  'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0,   'A',  'S',
    'D', 'F',  'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0,   '|', 'Z', 'X', 'C',  'V',
    'B', 'N',  'M', '<', '>', '?', 0,   '*', 0,   ' '};

#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1D
#define SC_CAPS 0x3A

char keyboard_translate(struct kbd_mods *m, unsigned char sc)
{
    if (sc == 0xE0) {
        m->extended = 1;
        return 0;
    }
    int ext = m->extended;
    m->extended = 0;
    int release = sc & 0x80;
    unsigned char code = sc & 0x7F;
    if (code == SC_LSHIFT || code == SC_RSHIFT) {
        if (!ext)
            m->shift = !release;
        return 0;
    }
    if (code == SC_CTRL) { /* left, or right with the E0 prefix */
        m->ctrl = !release;
        return 0;
    }
    if (release)
        return 0;
    if (code == SC_CAPS) {
        m->caps = !m->caps;
        return 0;
    }
    if (ext) /* keypad Enter and '/' only; arrows etc. give nothing yet */
        return code == 0x1C ? '\r' : code == 0x35 ? '/' : 0;
    if (code >= sizeof normal)
        return 0;
    char c = m->shift ? shifted[code] : normal[code];
    if (m->caps && c >= 'a' && c <= 'z')
        c -= 32;
    else if (m->caps && c >= 'A' && c <= 'Z' && m->shift)
        c += 32;
    if (m->ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        c &= 0x1F; /* Ctrl-A = 1 ... Ctrl-Z = 26 */
    return c;
}

/* The E0-prefixed navigation keys (set 1 make codes) and the sequence
 * an xterm sends for each (the part after ESC [). */
static const struct {
    unsigned char code;
    const char *seq;
} nav_keys[] = {
    {0x48, "A"},  {0x50, "B"},  {0x4D, "C"},  {0x4B, "D"},  /* up, down, right, left */
    {0x47, "H"},  {0x4F, "F"},                              /* home, end */
    {0x52, "2~"}, {0x53, "3~"}, {0x49, "5~"}, {0x51, "6~"}, /* insert, delete, page up, page down */
};

int keyboard_key(struct kbd_mods *m, unsigned char sc, char out[KBD_SEQ_MAX])
{
    if (m->extended && !(sc & 0x80)) {
        for (size_t i = 0; i < sizeof nav_keys / sizeof nav_keys[0]; i++) {
            if (nav_keys[i].code == sc) {
                m->extended = 0;
                out[0] = 0x1B;
                out[1] = '[';
                int n = 2;
                for (const char *s = nav_keys[i].seq; *s; s++)
                    out[n++] = *s;
                return n;
            }
        }
    }
    char c = keyboard_translate(m, sc);
    if (!c)
        return 0;
    out[0] = c;
    return 1;
}

static struct kbd_mods mods;

static void keyboard_irq(void)
{
    while (inb(KBD_STATUS) & 1) {
        char seq[KBD_SEQ_MAX];
        int n = keyboard_key(&mods, inb(KBD_DATA), seq);
        for (int i = 0; i < n; i++)
            console_input(seq[i]); /* the same queue the serial line feeds */
    }
}

void keyboard_init(void)
{
    while (inb(KBD_STATUS) & 1) /* drop bytes left over from the BIOS */
        (void)inb(KBD_DATA);
    irq_register(IRQ_KEYBOARD, keyboard_irq);
}
