/* sleep: pause for the sum of the arguments, each a number of seconds
 * (fractions allowed: 0.5) with an optional suffix s, m, h or d. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* Parses "12.345m" into nanoseconds without floating point; -1 if bad. */
static long long parse_duration(const char *s)
{
    long long whole = 0, frac = 0, scale = 1000000000LL;
    const char *p = s;
    if (!isdigit((unsigned char)*p) && *p != '.')
        return -1;
    for (; isdigit((unsigned char)*p); p++) {
        whole = whole * 10 + (*p - '0');
        if (whole > 1000000000LL)
            whole = 1000000000LL; /* about 31 years is forever enough */
    }
    if (*p == '.') {
        long long digit = 100000000LL;
        for (p++; isdigit((unsigned char)*p); p++, digit /= 10)
            frac += (*p - '0') * digit;
    }
    if (p == s || (p == s + 1 && *s == '.'))
        return -1;
    long long mult = 1;
    switch (*p) {
    case 0: case 's': break;
    case 'm': mult = 60; break;
    case 'h': mult = 3600; break;
    case 'd': mult = 86400; break;
    default: return -1;
    }
    if (*p && p[1])
        return -1;
    return (whole * scale + frac) * mult;
}

int main(int argc, char **argv)
{
    /* no options, but "--" and GNU's "invalid option" for "-x" */
    if (getopt(argc, argv, "") != -1)
        return 1;
    if (optind == argc)
        errx(1, "missing operand");
    long long total = 0;
    for (int i = optind; i < argc; i++) {
        long long ns = parse_duration(argv[i]);
        if (ns < 0)
            errx(1, "invalid time interval '%s'", argv[i]);
        total += ns;
    }
    struct timespec ts = {(time_t)(total / 1000000000LL), (long)(total % 1000000000LL)};
    while (nanosleep(&ts, &ts) != 0)
        if (errno != EINTR)
            return 1;
    return 0;
}
