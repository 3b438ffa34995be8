/* date: the current time, or the time of -d @SECONDS, in UTC (Tiny OS
 * has no time zones, so -u changes nothing). The default format is GNU
 * date's in the C locale, "Thu Nov 26 04:21:39 UTC 2026"; "+FORMAT" is
 * strftime's. Setting the clock is not supported. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static time_t parse_date(const char *s)
{
    char *end;
    errno = 0;
    long long v = s[0] == '@' ? strtoll(s + 1, &end, 10) : 0;
    if (s[0] != '@' || end == s + 1 || *end || errno)
        errx(1, "invalid date '%s'", s);
    return (time_t)v;
}

int main(int argc, char **argv)
{
    const char *when = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "ud:")) != -1) {
        if (opt == 'd')
            when = optarg;
        else if (opt != 'u')
            return 1;
    }
    const char *format = "%a %b %e %H:%M:%S %Z %Y";
    if (optind < argc) {
        if (argv[optind][0] != '+')
            errx(1, "invalid date '%s'", argv[optind]);
        format = argv[optind++] + 1;
    }
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    time_t t = when ? parse_date(when) : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        errx(1, "time %lld is out of range", (long long)t);
    /* gmtime names the zone "GMT" (as glibc's does); GNU date -u says "UTC" */
    tm.tm_zone = "UTC";
    /* strftime's 0 is also an empty result: only an overflow grows the buffer */
    size_t size = 256;
    for (;;) {
        char *buf = malloc(size);
        if (!buf)
            err(1, NULL);
        size_t n = strftime(buf, size, format, &tm);
        if (n || !*format || size > 65536) {
            puts(n ? buf : "");
            free(buf);
            break;
        }
        free(buf);
        size *= 4;
    }
    return fflush(stdout) ? 1 : 0;
}
