/* strtol.c - string to integer conversions (C11 7.22.1.4): optional
 * space and sign, base 0 detects 0x/0 prefixes, overflow saturates with
 * ERANGE, *end points past the last digit used (or at s if none). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* The magnitude, clamped to `limit` (overflow sets *over); *neg tells the
 * sign seen. */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long limit, int *neg, int *over)
{
    const char *p = s;
    *neg = 0;
    *over = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value((unsigned char)p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    const char *digits = p;
    unsigned long long v = 0;
    for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
        if (*over)
            continue;
        if (v > (limit - (unsigned long long)d) / (unsigned long long)base) {
            *over = 1;
            v = limit;
        } else {
            v = v * (unsigned long long)base + (unsigned long long)d;
        }
    }
    if (end)
        *end = (char *)(p == digits ? s : p);
    return v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    int neg, over;
    unsigned long long v = parse(s, end, base, (unsigned long long)LLONG_MAX + 1, &neg, &over);
    if (!neg && v > (unsigned long long)LLONG_MAX) {
        over = 1;
        v = LLONG_MAX;
    }
    if (over) {
        errno = ERANGE;
        return neg ? LLONG_MIN : LLONG_MAX;
    }
    return neg ? (long long)(0 - v) : (long long)v;
}

/* Like strtoull: a '-' negates the value in the unsigned type. */
unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    int neg, over;
    unsigned long long v = parse(s, end, base, ULLONG_MAX, &neg, &over);
    if (over) {
        errno = ERANGE;
        return ULLONG_MAX;
    }
    return neg ? 0 - v : v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    return (long)strtoll(s, end, base);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    return (unsigned long)strtoull(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
