/*
 * format.h - printf-style formatting, independent of any output device.
 *
 * Supported: flags "-0+ #", width and precision (numbers or '*'), length
 * modifiers hh h l ll z t j, conversions d i u o x X p s c %. %p prints
 * 0x followed by the hex value, like glibc (and "(nil)" for NULL).
 * Unknown conversions are printed verbatim. No floating point: the kernel
 * is built with -mgeneral-regs-only.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the formatted output in pieces. */
typedef void (*format_sink)(void *ctx, const char *s, size_t n);

/* Formats into sink; returns the number of characters produced. */
int format_v(format_sink sink, void *ctx, const char *fmt, va_list ap);

/* Like C's vsnprintf/snprintf: always NUL-terminates when size > 0 and
 * returns the length the full output would have had. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
