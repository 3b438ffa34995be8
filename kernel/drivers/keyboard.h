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

#endif
