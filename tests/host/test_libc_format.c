/* Host tests for user/lib/format.c, the C library's printf engine: its
 * output is compared byte for byte with the host's (glibc) vsnprintf over
 * systematically generated formats and values. */
#include "../../user/lib/format.c"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <sys/types.h>

#include "unit.h"

#define BUF 4096

struct buf_sink {
    char *s;
    size_t len;
};

static void buf_out(void *ctx, const char *s, size_t n)
{
    struct buf_sink *k = ctx;
    for (size_t i = 0; i < n; i++)
        if (k->len < BUF - 1)
            k->s[k->len++] = s[i];
}

static int ours(char *out, const char *fmt, va_list ap)
{
    struct buf_sink k = {out, 0};
    int n = __tc_format(buf_out, &k, fmt, ap);
    out[k.len] = '\0';
    return n;
}

static int mismatches;

/* Formats with both and records the first difference. */
static void same_as_libc(const char *file, int line, const char *fmt, ...)
{
    static char want[BUF], got[BUF];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int wn = vsnprintf(want, sizeof want, fmt, ap);
    int gn = ours(got, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    if (wn < 0 || wn >= BUF) {
        unit_fail(file, line, "test bug: format \"%s\" gives %d bytes", fmt, wn);
        return;
    }
    if (gn != wn || memcmp(want, got, (size_t)wn + 1) != 0) {
        mismatches++;
        unit_fail(file, line, "format \"%s\": ours \"%s\" (%d), glibc \"%s\" (%d)", fmt, got, gn, want, wn);
    }
}
#define SAME(...) same_as_libc(__FILE__, __LINE__, __VA_ARGS__)

static const char *const flag_sets[] = {"", "-", "+", " ", "#", "0", "-+", "0+", "# ", "#0", "-#", "0 ", "-0"};
static const char *const widths[] = {"", "1", "5", "12", "25"};
static const char *const precs[] = {"", ".", ".0", ".1", ".3", ".12"};
#define N(a) (sizeof(a) / sizeof((a)[0]))

TEST(plain_and_percent)
{
    SAME("");
    SAME("hello, world");
    SAME("100%%");
    SAME("%%%%%d%%", 5);
    SAME("tab\there\n");
}

TEST(int_conversions_every_flag_width_precision)
{
    static const long long values[] = {0, 1, -1, 7, 42, -42, 255, 256, 1000000, -1000000, INT_MAX, INT_MIN,
                                       UINT_MAX, LLONG_MAX, LLONG_MIN, 0x7f, 0x80, -0x80, 0xffff, 0x10000};
    static const char convs[] = "diouxX";
    static const char *const lengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
    char fmt[64];
    for (size_t f = 0; f < N(flag_sets); f++)
        for (size_t w = 0; w < N(widths); w++)
            for (size_t p = 0; p < N(precs); p++)
                for (size_t c = 0; c < sizeof convs - 1; c++)
                    for (size_t l = 0; l < N(lengths); l++)
                        for (size_t v = 0; v < N(values); v++) {
                            snprintf(fmt, sizeof fmt, "[%%%s%s%s%s%c]", flag_sets[f], widths[w], precs[p], lengths[l],
                                     convs[c]);
                            long long x = values[v];
                            switch (l) {
                            case 0:
                            case 1:
                            case 2:
                                SAME(fmt, (int)x);
                                break;
                            default:
                                SAME(fmt, x);
                                break;
                            }
                            if (UNIT_FAILED())
                                return;
                        }
}

TEST(star_width_and_precision)
{
    for (int w = -12; w <= 12; w += 3)
        for (int p = -2; p <= 6; p++) {
            SAME("[%*.*d]", w, p, 42);
            SAME("[%-*.*x]", w, p, 0xbeef);
            SAME("[%*.*s]", w, p, "string");
            SAME("[%*.*f]", w, p, 3.14159);
            SAME("[%0*.*e]", w, p, -2.5e-10);
        }
}

TEST(chars_strings_pointers)
{
    char fmt[64];
    static const char *const strs[] = {"", "a", "hello", "a longer string than the widths"};
    for (size_t f = 0; f < N(flag_sets); f++)
        for (size_t w = 0; w < N(widths); w++) {
            for (size_t p = 0; p < N(precs); p++)
                for (size_t s = 0; s < N(strs); s++) {
                    snprintf(fmt, sizeof fmt, "[%%%s%s%ss]", flag_sets[f], widths[w], precs[p]);
                    SAME(fmt, strs[s]);
                }
            snprintf(fmt, sizeof fmt, "[%%%s%sc]", flag_sets[f], widths[w]);
            SAME(fmt, 'x');
            SAME(fmt, 0);
            snprintf(fmt, sizeof fmt, "[%%%s%sp]", flag_sets[f], widths[w]);
            SAME(fmt, (void *)0x1234abcd);
            SAME(fmt, (void *)0);
            SAME(fmt, (void *)UINTPTR_MAX);
        }
    SAME("[%.3p]", (void *)0x10);
    SAME("[%s]", (char *)NULL);
    SAME("[%.3s][%.6s][%10s]", (char *)NULL, (char *)NULL, (char *)NULL);
}

TEST(float_conversions_every_flag_width_precision)
{
    static const double values[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 0.125, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                                    1e-5, 1.5e-5, 123.456, -123.456, 999.9999, 9.9999995, 99999.95, 1e6, 1e21,
                                    1e22, 123456789012345678.0, 1e-300, 5e-324, 2.2250738585072014e-308, DBL_MAX,
                                    0.00001234, 1e100, 3.0e-7, 0.95, 0.05, 0.005, 1.005, 2.675};
    static const char convs[] = "feEgG";
    static const char *const fprecs[] = {"", ".0", ".1", ".2", ".6", ".10", ".17", ".30"};
    char fmt[64];
    for (size_t f = 0; f < N(flag_sets); f++)
        for (size_t w = 0; w < N(widths); w++)
            for (size_t p = 0; p < N(fprecs); p++)
                for (size_t c = 0; c < sizeof convs - 1; c++)
                    for (size_t v = 0; v < N(values); v++) {
                        snprintf(fmt, sizeof fmt, "[%%%s%s%s%c]", flag_sets[f], widths[w], fprecs[p], convs[c]);
                        SAME(fmt, values[v]);
                        if (UNIT_FAILED())
                            return;
                    }
}

TEST(float_specials)
{
    char fmt[64];
    static const char convs[] = "fFeEgG";
    for (size_t f = 0; f < N(flag_sets); f++)
        for (size_t w = 0; w < N(widths); w++)
            for (size_t c = 0; c < sizeof convs - 1; c++) {
                snprintf(fmt, sizeof fmt, "[%%%s%s%c]", flag_sets[f], widths[w], convs[c]);
                SAME(fmt, (double)INFINITY);
                SAME(fmt, -(double)INFINITY);
                SAME(fmt, (double)NAN);
                SAME(fmt, -(double)NAN);
            }
    SAME("%Lf %Le %Lg", 1.5L, -2.25L, 1e10L);
}

/* Random doubles of every magnitude: exact digits for %.17g and %e, and
 * %f for those small enough to print. */
TEST(float_random_bit_patterns)
{
    unit_srand(12345);
    for (int i = 0; i < 20000; i++) {
        uint64_t bits = unit_rand();
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isnan(x))
            continue;
        SAME("%.17g|%e|%.0e|%g|%.3g|%.25e", x, x, x, x, x, x);
        if (fabs(x) < 1e30)
            SAME("%f|%.0f|%.2f|%.20f", x, x, x, x);
        if (UNIT_FAILED())
            return;
    }
    /* and "ordinary" values with few digits, where ties are common */
    for (int i = 0; i < 20000; i++) {
        double x = (double)(int64_t)(unit_rand() % 2000001 - 1000000) / (double)(1 << (unit_rand() % 12));
        SAME("%f|%.0f|%.1f|%.2f|%.3f|%g|%.2e|%.1g", x, x, x, x, x, x, x, x);
        if (UNIT_FAILED())
            return;
    }
}

/* Ours alone, for what -Wformat rightly rejects or glibc cannot compare. */
static int call_ours(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = ours(out, fmt, ap);
    va_end(ap);
    return n;
}

TEST(n_and_unknown_conversions)
{
    char out[BUF];
    int n = -1;
    const char *fmt = "abc%nxyz"; /* %n stores the count so far */
    CHECK_EQ_INT(call_ours(out, fmt, &n), 6);
    CHECK_EQ_INT(n, 3);
    CHECK_STR(out, "abcxyz");
    /* unknown conversions come out as written, as in glibc */
    fmt = "[%y][%-5y][%5.2y]";
    call_ours(out, fmt);
    CHECK_STR(out, "[%y][%-5y][%5.2y]");
    call_ours(out, "%5%|");
    CHECK_STR(out, "%|");
}

RUN_TESTS()
