/*
 * kprintf.h - kernel messages, and panic().
 * kprintf writes to the kernel log channel (QEMU's debug console, port
 * 0xE9) and to the console (COM1 + VGA) unless "quiet" is on the command
 * line. Panics always reach the console.
 */
#ifndef LIB_KPRINTF_H
#define LIB_KPRINTF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* Keeps kprintf off the console (the log channel still gets it). */
void kprintf_set_quiet(bool quiet);
/* One finished line (with its newline) of a message stream a reader of
 * the log must tell apart (the strace option's): the log channel gets it
 * behind tag, the console (unless quiet) as it is. */
void klog_tagged(const char *tag, const char *line, size_t n);

/* Stops the kernel with a message and a backtrace of the caller. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
