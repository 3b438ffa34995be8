/*
 * format.h - the one printf engine (private). Every printf-family
 * function formats through __tc_format, which hands the output in pieces
 * to `out`. It needs nothing but <stdarg.h>, <stddef.h> and <stdint.h>,
 * so the host tests include format.c and compare it with glibc.
 */
#ifndef TINYC_FORMAT_H
#define TINYC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*tc_out_fn)(void *ctx, const char *s, size_t n);

/* Returns the number of bytes produced (all of them, whatever `out` did
 * with them). */
int __tc_format(tc_out_fn out, void *ctx, const char *fmt, va_list ap);

#endif
