/* err.c - warn/warnx/err/errx and their v* forms, worded as glibc's
 * (misc/err.c): "NAME: " + the formatted message + (": " + strerror(errno)
 * for warn/err) + "\n". A NULL format prints only the name (and the
 * error). Each message is one write(2): stderr is unbuffered, and
 * messages of several processes sharing it must not interleave. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* with_errno: the errno value to describe, or -1 for none */
static void report(int with_errno, const char *fmt, va_list ap)
{
    char msg[1024] = "";
    if (fmt)
        vsnprintf(msg, sizeof msg, fmt, ap);
    const char *sep = fmt && with_errno >= 0 ? ": " : "";
    const char *what = with_errno >= 0 ? strerror(with_errno) : "";
    fprintf(stderr, "%s: %s%s%s\n", program_invocation_short_name, msg, sep, what);
}

void vwarn(const char *fmt, va_list ap)
{
    report(errno, fmt, ap);
}

void vwarnx(const char *fmt, va_list ap)
{
    report(-1, fmt, ap);
}

void verr(int status, const char *fmt, va_list ap)
{
    report(errno, fmt, ap);
    exit(status);
}

void verrx(int status, const char *fmt, va_list ap)
{
    report(-1, fmt, ap);
    exit(status);
}

void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

void warnx(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
}

void err(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verr(status, fmt, ap);
}

void errx(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verrx(status, fmt, ap);
}
