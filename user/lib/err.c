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

/* error: strerror's text, or NULL for the x forms (which then do not
 * link strerror's table into programs that only use them). */
static void report(const char *error, const char *fmt, va_list ap)
{
    char msg[1024] = "";
    if (fmt)
        vsnprintf(msg, sizeof msg, fmt, ap);
    const char *sep = fmt && error ? ": " : "";
    fprintf(stderr, "%s: %s%s%s\n", program_invocation_short_name, msg, sep, error ? error : "");
}

void vwarn(const char *fmt, va_list ap)
{
    report(strerror(errno), fmt, ap);
}

void vwarnx(const char *fmt, va_list ap)
{
    report(NULL, fmt, ap);
}

void verr(int status, const char *fmt, va_list ap)
{
    vwarn(fmt, ap);
    exit(status);
}

void verrx(int status, const char *fmt, va_list ap)
{
    vwarnx(fmt, ap);
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
