/*
 * kprintf.h - formatted output from the kernel, and panic().
 * kprintf writes to the console (COM1 + VGA). klog writes kernel
 * messages: to the console as well unless "quiet" is on the command line.
 */
#ifndef LIB_KPRINTF_H
#define LIB_KPRINTF_H

#include <stdarg.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

/* Stops the kernel with a message and a backtrace of the caller. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
