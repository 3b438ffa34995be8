/*
 * console.h - the kernel console: output goes to COM1 and the VGA screen;
 * input from COM1 and the PS/2 keyboard lands in one queue.
 */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

void console_init(void);
/* Writes s to the screen and COM1, LF as CR LF on the serial line. */
void console_write(const char *s, size_t n);
/* The same, bytes unchanged (the tty's pipe mode). */
void console_write_raw(const char *s, size_t n);
/* True when input is waiting (console_getc would not block). */
int console_input_ready(void);
/* True when the input queue can take another byte. */
int console_input_room(void);
/* The line discipline's look at each byte as it arrives (interrupt
 * context): returning true keeps the byte out of the input queue. */
void console_set_input_filter(bool (*filter)(char c));
/* Drops input not yet read (after an interrupt key, as a tty does). */
void console_flush_input(void);
/* Called from interrupt handlers with one received byte. */
void console_input(char c);
/* Waits until a byte is available. Interrupts must be on. */
char console_getc(void);
/* The same for a process: the byte (0..255), or -EINTR when a signal
 * arrives first. */
int console_getc_interruptible(void);
/* Reads one edited line (see lib/line_edit.h) into buf, without the newline. */
size_t console_readline(char *buf, size_t size);

#endif
