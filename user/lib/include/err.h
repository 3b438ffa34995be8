/* err.h - BSD/glibc error messages for programs: "NAME: MESSAGE: strerror"
 * (warn/err) or "NAME: MESSAGE" (warnx/errx) on stderr, NAME being
 * program_invocation_short_name; err/errx then exit with the status. */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
_Noreturn void err(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void errx(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void verr(int status, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
_Noreturn void verrx(int status, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
