/* seq: print numbers from FIRST (default 1) by INCR (default 1) up to
 * LAST. Decimal operands (1.5) work in exact fixed point: the output has
 * as many decimals as FIRST or INCR has, as GNU seq. -s SEP: between the
 * numbers (default "\n"); -w: zero-padded to equal width. No exponents
 * and no -f FORMAT. */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DECIMALS 9

struct number {
    const char *text;
    bool negative;
    long long whole, frac; /* frac: the digits after the point, as written */
    int decimals;
};

static struct number parse(const char *s)
{
    struct number n = {.text = s};
    const char *p = s;
    if (*p == '+' || *p == '-')
        n.negative = *p++ == '-';
    const char *digits = p;
    while (*p >= '0' && *p <= '9')
        n.whole = n.whole * 10 + (*p++ - '0');
    bool any = p > digits;
    if (*p == '.') {
        p++;
        for (; *p >= '0' && *p <= '9'; p++, any = true)
            if (n.decimals < MAX_DECIMALS) {
                n.frac = n.frac * 10 + (*p - '0');
                n.decimals++;
            }
    }
    if (!any || *p || p - digits > 18)
        errx(1, "invalid floating point argument: '%s'", s);
    return n;
}

static long long power10(int n)
{
    long long v = 1;
    while (n-- > 0)
        v *= 10;
    return v;
}

/* N as an integer count of 10^-scale */
static long long scaled(const struct number *n, int scale)
{
    long long v = n->whole * power10(scale) + n->frac * power10(scale - n->decimals);
    return n->negative ? -v : v;
}

/* V (in 10^-scale units) with DECIMALS decimals, zero-padded after the
 * sign to WIDTH */
static int format(char *buf, size_t size, long long v, int scale, int decimals, int width)
{
    unsigned long long a = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
    unsigned long long unit = (unsigned long long)power10(scale);
    char digits[64];
    int n = snprintf(digits, sizeof digits, "%llu", a / unit);
    if (decimals)
        snprintf(digits + n, sizeof digits - (size_t)n, ".%0*llu", decimals,
                 a % unit / (unsigned long long)power10(scale - decimals));
    int pad = width - (int)strlen(digits) - (v < 0);
    return snprintf(buf, size, "%s%.*s%s", v < 0 ? "-" : "", pad > 0 ? pad : 0,
                    "00000000000000000000000000000000", digits);
}

int main(int argc, char **argv)
{
    const char *sep = "\n";
    bool equal_width = false;
    /* "+": stop at the first operand; a negative number ("-5") is an
     * operand, not options, as in GNU seq */
    for (;;) {
        if (optind < argc && argv[optind][0] == '-' &&
            ((argv[optind][1] >= '0' && argv[optind][1] <= '9') || argv[optind][1] == '.'))
            break;
        int opt = getopt(argc, argv, "+s:w");
        if (opt == -1)
            break;
        if (opt == 's')
            sep = optarg;
        else if (opt == 'w')
            equal_width = true;
        else
            return 1;
    }
    int count = argc - optind;
    if (count < 1)
        errx(1, "missing operand");
    if (count > 3)
        errx(1, "extra operand '%s'", argv[optind + 3]);
    struct number one = parse("1");
    struct number first = count > 1 ? parse(argv[optind]) : one;
    struct number incr = count > 2 ? parse(argv[optind + 1]) : one;
    struct number last = parse(argv[argc - 1]);

    int scale = first.decimals;
    if (incr.decimals > scale)
        scale = incr.decimals;
    int decimals = scale;
    if (last.decimals > scale)
        scale = last.decimals;
    long long v = scaled(&first, scale), step = scaled(&incr, scale), end = scaled(&last, scale);
    if (step == 0)
        errx(1, "invalid Zero increment value: '%s'", incr.text);

    char buf[96];
    int width = 0;
    if (equal_width) {
        int w1 = format(buf, sizeof buf, v, scale, decimals, 0);
        int w2 = format(buf, sizeof buf, end, scale, decimals, 0);
        width = w1 > w2 ? w1 : w2;
    }
    bool printed = false;
    for (; step > 0 ? v <= end : v >= end; v += step) {
        format(buf, sizeof buf, v, scale, decimals, width);
        printf("%s%s", printed ? sep : "", buf);
        printed = true;
    }
    if (printed)
        putchar('\n');
    return fflush(stdout) ? 1 : 0;
}
