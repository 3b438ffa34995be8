/* keyboard.h - PS/2 keyboard: IRQ1 scancodes become console input bytes. */
#ifndef DRIVERS_KEYBOARD_H
#define DRIVERS_KEYBOARD_H

void keyboard_init(void);

/* Pure translation, exposed for tests: scancode set 1 byte -> ASCII, or 0
 * when the byte produces no character (releases, modifiers). Keeps the
 * modifier state in *mods between calls. */
struct kbd_mods {
    int shift, ctrl, caps, extended;
};
char keyboard_translate(struct kbd_mods *m, unsigned char scancode);

/* What one scancode byte types, into out (at most KBD_SEQ_MAX bytes, not
 * NUL-terminated); returns the count, 0 for nothing. The keys a serial
 * terminal sends as escape sequences become the same VT100/xterm
 * sequences here, so programs see one kind of input from both: arrows
 * ESC [ A/B/C/D, Home ESC [ H, End ESC [ F, Insert ESC [ 2 ~, Delete
 * ESC [ 3 ~, Page Up/Down ESC [ 5 ~ / ESC [ 6 ~. Everything else is
 * keyboard_translate's one character. */
#define KBD_SEQ_MAX 4
int keyboard_key(struct kbd_mods *m, unsigned char scancode, char out[KBD_SEQ_MAX]);

#endif
