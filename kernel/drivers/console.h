/*
 * console.h - the kernel console: output goes to COM1 and the VGA screen;
 * input from COM1 and the PS/2 keyboard lands in one queue.
 */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include <stddef.h>

void console_init(void);
void console_write(const char *s, size_t n);
/* Called from interrupt handlers with one received byte. */
void console_input(char c);
/* Waits (halting the CPU) until a byte is available. Interrupts must be on. */
char console_getc(void);
/* Reads one edited line (see lib/line_edit.h) into buf, without the newline. */
size_t console_readline(char *buf, size_t size);

#endif
