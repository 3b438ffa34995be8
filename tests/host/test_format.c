/* Host tests for kernel/lib/format.c: the kernel's printf engine is
 * compared byte for byte against the host C library's snprintf. */
#include "lib/format.c"

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#include "unit.h"

#define BUF 2048

/* Formats with the kernel's kvsnprintf and the host's vsnprintf and
 * records a failure if the output or the return value differ. */
static __attribute__((format(printf, 3, 4))) void same_as_libc(const char *file, int line, const char *fmt, ...)
{
    static char want[BUF], got[BUF];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int wn = vsnprintf(want, sizeof want, fmt, ap);
    int gn = kvsnprintf(got, sizeof got, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    if (wn < 0 || wn >= BUF) {
        unit_fail(file, line, "test bug: format \"%s\" gives %d bytes", fmt, wn);
        return;
    }
    /* compare wn+1 bytes: the output may contain NULs (%c of 0) */
    if (gn != wn || memcmp(want, got, (size_t)wn + 1) != 0)
        unit_fail(file, line, "format \"%s\": kernel \"%s\" (returned %d), libc \"%s\" (returned %d)", fmt, got, gn, want,
                  wn);
}
#define SAME(...) same_as_libc(__FILE__, __LINE__, __VA_ARGS__)

/* The kernel formatter alone, without compile-time format checking (for
 * formats that -Wformat rightly rejects, like unknown conversions). */
/* The host's snprintf, hidden from gcc's -Wformat-truncation (truncation
 * is what the tests using it want). */
static int libc_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static const char *kfmt(const char *fmt, ...)
{
    static char buf[BUF];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

TEST(plain_text_and_percent)
{
    SAME("%s", "");
    SAME("hello, world");
    SAME("%%");
    SAME("100%%");
    SAME("%%%%%%");
    SAME("a%%b%%c");
    SAME("%d%%", 50);
    char empty[4] = "xyz";
    CHECK_EQ_INT(ksnprintf(empty, sizeof empty, "%s", ""), 0);
    CHECK_STR(empty, "");
}

/* Every format in the table with every value. The formats are not string
 * literals, so -Wformat does not object to flag combinations C defines as
 * ignored (like "%-05d" or "%+ d"), which are exactly the interesting ones. */
static const char *const int_fmts[] = {
    "%d", "%i", "%5d", "%-5d", "%05d", "%+d", "% d", "%+5d", "%-+5d", "% 5d", "% 05d", "%+05d", "%-05d", "%+ d",
    "% +d", "%.0d", "%.d", "%.1d", "%.3d", "%.12d", "%8.3d", "%-8.3d", "%08.3d", "%+.3d", "% .3d", "%+08d",
    "%-+8.3d", "%1d", "%0d", "%20d", "%-20d|", "%020d", "%+020d", "%-+020d", "%+.0d", "% .0d", "%5.0d", "%-5.0d|",
    "%u", "%5u", "%-5u|", "%05u", "%.3u", "%8.3u", "%08.3u", "%+u", "% u", "%.0u",
    "%o", "%#o", "%5o", "%#5o", "%-#5o|", "%05o", "%#05o", "%.3o", "%#.3o", "%#.2o", "%#.1o", "%#.0o", "%.0o",
    "%#8.4o", "%#-8.4o|",
    "%x", "%X", "%#x", "%#X", "%8x", "%-8x|", "%08x", "%#08x", "%#-8x|", "%#8x", "%.4x", "%#.4x", "%#10.4x",
    "%#010x", "%#.0x", "%.0x", "%#.0X", "%#5.0x|", "%+x", "% X",
    "[%d|%u|%x|%o]", "%d%d", "%5d%-5d%05d",
};

TEST(int_table)
{
    static const int vals[] = {0, 1, -1, 7, 8, 9, 10, 15, 16, 42, -42, 99, 100, 255, 256, 1000, -99999, 123456789,
                               0x7fff, -32768, 65535, INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1};
    for (size_t f = 0; f < sizeof int_fmts / sizeof *int_fmts; f++)
        for (size_t v = 0; v < sizeof vals / sizeof *vals; v++) {
            int n = vals[v];
            /* up to four conversions per format: pass the value four times */
            SAME(int_fmts[f], n, n, n, n);
        }
}

static const char *const ll_fmts[] = {
    "%lld", "%lli", "%+lld", "% lld", "%25lld", "%-25lld|", "%025lld", "%.20lld", "%+.0lld", "%llu", "%llo",
    "%#llo", "%llx", "%#llX", "%#025llx", "%.0llx", "%ld", "%li", "%lu", "%lx", "%#lo", "%jd", "%ju", "%jx",
    "%zd", "%zu", "%zx", "%td", "%tu", "%tx", "%+jd", "%-+30jd|", "%030lu",
};

TEST(long_long_table)
{
    static const long long vals[] = {0, 1, -1, 42, -42, 4294967295LL, 4294967296LL, -4294967296LL,
                                     0x123456789abcdefLL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1, 1000000000000LL};
    for (size_t f = 0; f < sizeof ll_fmts / sizeof *ll_fmts; f++)
        for (size_t v = 0; v < sizeof vals / sizeof *vals; v++)
            SAME(ll_fmts[f], vals[v]);
}

TEST(extreme_values)
{
    SAME("%d %d", INT_MIN, INT_MAX);
    SAME("%ld %ld", LONG_MIN, LONG_MAX);
    SAME("%lld %lld", LLONG_MIN, LLONG_MAX);
    SAME("%jd %jd %ju", INTMAX_MIN, INTMAX_MAX, UINTMAX_MAX);
    SAME("%u %lu %llu", UINT_MAX, ULONG_MAX, ULLONG_MAX);
    SAME("%x %lx %#llX %llo", UINT_MAX, ULONG_MAX, ULLONG_MAX, ULLONG_MAX);
    SAME("%zu %zx", SIZE_MAX, SIZE_MAX);
    SAME("%td %td", PTRDIFF_MIN, PTRDIFF_MAX);
    SAME("%zd", (ssize_t)-1);
    SAME("%+d %+lld % jd", INT_MIN, LLONG_MIN, INTMAX_MIN);
    /* INT64_MIN: its magnitude does not fit in int64_t */
    CHECK_STR(kfmt("%lld", (long long)INT64_MIN), "-9223372036854775808");
    CHECK_STR(kfmt("%jd", (intmax_t)INT64_MIN), "-9223372036854775808");
    CHECK_STR(kfmt("%30lld|", (long long)INT64_MIN), "          -9223372036854775808|");
}

TEST(short_and_char_lengths)
{
    /* the argument is an int; h and hh convert it to (unsigned) short/char */
    SAME("%hd %hd %hd %hd", 0, 70000, -1, 32768);
    SAME("%hu %hu %hx %ho", -1, 70000, 0x12345, 65536 + 8);
    SAME("%hhd %hhd %hhd %hhd", 0, 127, 128, 200);
    SAME("%hhu %hhu %hhx %hhX %hho", 300, -1, -1, 0x1ab, 0777);
    SAME("%hhi %hi", -129, -32769);
    SAME("%#hhx %05hhd %-5hhu|", 0x100, -5, 256 + 65);
    CHECK_STR(kfmt("%hhd", 200), "-56");
    CHECK_STR(kfmt("%hu", -1), "65535");
}

TEST(zero_with_precision_zero)
{
    /* C11 7.21.6.1p8: converting 0 with precision 0 produces no characters */
    SAME("[%.0d]", 0);
    SAME("[%.d]", 0);
    SAME("[%5.0d]", 0);
    SAME("[%-5.0d]", 0);
    SAME("[%.0u][%.0x][%.0X][%.0o]", 0, 0, 0, 0);
    SAME("[%+.0d][% .0d]", 0, 0);
    SAME("[%.0lld][%.0zu]", 0LL, (size_t)0);
    SAME("[%.*d]", 0, 0);
    CHECK_STR(kfmt("[%.0d]", 0), "[]");
    /* ... except "%#o", whose leading 0 is the digit */
    SAME("[%#.0o]", 0);
    CHECK_STR(kfmt("[%#.0o]", 0), "[0]");
    SAME("[%#.0x][%#.0X]", 0, 0);
    CHECK_STR(kfmt("[%#.0x]", 0), "[]");
}

TEST(alternate_form)
{
    SAME("%#o", 0);
    SAME("%#x", 0);
    SAME("%#X", 0);
    SAME("%#5x|%#-5x|", 0, 0);
    CHECK_STR(kfmt("%#o %#x %#X", 0, 0, 0), "0 0 0");
    SAME("%#o %#o %#o", 1, 8, 0777);
    SAME("%#x %#X", 0xabc, 0xabc);
    SAME("%#08x %#-8x| %#8x", 255, 255, 255);
    CHECK_STR(kfmt("%#08x", 255), "0x0000ff");
    SAME("%#.4x %#.4o %#.2o %#.3o", 255, 8, 8, 8);
    CHECK_STR(kfmt("%#.3o", 8), "010");
    CHECK_STR(kfmt("%#.2o", 8), "010");
    CHECK_STR(kfmt("%#.5o", 8), "00010");
    SAME("%#lx %#llo", 0x8000000000000000UL, 01777777777777777777777ULL);
}

TEST(star_width_and_precision)
{
    SAME("[%*d]", 5, 42);
    SAME("[%*d]", -5, 42); /* negative width: '-' flag plus the width */
    SAME("[%-*d]", -5, 42);
    SAME("[%-*d]", 5, 42);
    SAME("[%*d]", 0, 42);
    SAME("[%0*d]", 6, -42);
    SAME("[%0*d]", -6, -42);
    SAME("[%.*d]", 5, 42);
    SAME("[%.*d]", -1, 42); /* negative precision: as if omitted */
    SAME("[%.*d]", -3, 0);
    SAME("[%.*d]", 0, 0);
    const char *zero_star = "[%08.*d]"; /* not a literal: gcc warns the '0' is ignored */
    SAME(zero_star, -1, 42);             /* negative precision: omitted, so '0' applies */
    SAME(zero_star, 3, 42);
    SAME("[%*.*d]", 8, 4, -42);
    SAME("[%*.*d]", -8, 4, -42);
    SAME("[%*.*x]", 10, 6, 0xbeef);
    SAME("[%#*.*o]", 7, 0, 0);
    SAME("[%*s]", 6, "ab");
    SAME("[%*s]", -6, "ab");
    SAME("[%.*s]", 2, "abcdef");
    SAME("[%.*s]", -1, "abcdef");
    SAME("[%.*s]", 0, "abcdef");
    SAME("[%-*.*s]", -8, 3, "abcdef");
    SAME("[%*.*s]", 8, 3, "abcdef");
    SAME("[%*c]", 3, 'x');
    SAME("[%*c]", -3, 'x');
    SAME("[%*lld]", 25, LLONG_MIN);
    SAME("[%*d|%*d]", 3, 1, -3, 2);
}

static const char *const str_fmts[] = {
    "[%s]", "[%10s]", "[%-10s]", "[%.3s]", "[%10.3s]", "[%-10.3s]", "[%.0s]", "[%.30s]", "[%1s]", "[%.1s]", "[%30s]",
};

TEST(strings)
{
    static const char *const vals[] = {"", "a", "abc", "hello", "hello world, this is longer than 30 bytes",
                                       "tab\there"};
    for (size_t f = 0; f < sizeof str_fmts / sizeof *str_fmts; f++)
        for (size_t v = 0; v < sizeof vals / sizeof *vals; v++)
            SAME(str_fmts[f], vals[v]);
    /* precision bounds the read: the array need not be terminated */
    char unterminated[3] = {'x', 'y', 'z'};
    SAME("[%.3s]", unterminated);
    SAME("[%.2s]", unterminated);
    SAME("%s=%s;%s", "key", "value", "");
}

TEST(null_string_prints_null_like_glibc)
{
    const char *volatile null = NULL; /* volatile: keep gcc from warning about the NULL */
    SAME("[%s]", null);
    SAME("[%10s]", null);
    SAME("[%-10s]", null);
    SAME("[%.6s]", null);
    SAME("[%.10s]", null);
    SAME("[%3s]", null);
    CHECK_STR(kfmt("%s", null), "(null)");
}

TEST(chars)
{
    SAME("[%c]", 'a');
    SAME("[%5c]", 'b');
    SAME("[%-5c]", 'c');
    SAME("[%c%c%c]", 'x', 'y', 'z');
    SAME("[%c]", 255);
    SAME("[%c]", 0x141); /* converted to unsigned char: 'A' */
    SAME("[%c]", ' ');
    /* a NUL character is output (and counted) like any other */
    SAME("[%c]", 0);
    SAME("[%3c]", 0);
    char buf[8];
    memset(buf, 'q', sizeof buf);
    CHECK_EQ_INT(ksnprintf(buf, sizeof buf, "a%cb", 0), 3);
    CHECK(memcmp(buf, "a\0b\0", 4) == 0);
}

TEST(pointers)
{
    int local;
    static const char *const fmts[] = {"%p", "[%20p]", "[%-20p]", "[%2p]", "[%010p]", "[%.3p]", "[%-#20p]"};
    void *const vals[] = {(void *)1, (void *)0x1234, (void *)0xdeadbeef, (void *)&local, (void *)same_as_libc,
                          (void *)UINTPTR_MAX, (void *)0xffffffff80000000ull};
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
        for (size_t v = 0; v < sizeof vals / sizeof *vals; v++)
            SAME(fmts[f], vals[v]);
    CHECK_STR(kfmt("%p", (void *)0x1234), "0x1234");
    CHECK_STR(kfmt("%p", (void *)UINTPTR_MAX), "0xffffffffffffffff");
}

TEST(null_pointer_prints_nil_like_glibc)
{
    static const char *const fmts[] = {"[%p]", "[%10p]", "[%-10p]", "[%3p]"};
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
        SAME(fmts[f], (void *)NULL);
    CHECK_STR(kfmt("%p", (void *)NULL), "(nil)");
    CHECK_STR(kfmt("%.2p", (void *)NULL), "(nil)"); /* glibc prints all of it */
}

TEST(mixed_conversions)
{
    SAME("%s=%d (%#x) [%-4c] %5.1s %p %%", "answer", 42, 42, 'k', "xyz", (void *)0x10);
    SAME("%d %s %d %s %d", 1, "two", 3, "four", 5);
    SAME("pid %d exited with status %d (signal %s)", 1, 139, "SIGSEGV");
    SAME("%lu/%lu frames free (%llu KiB)", 123UL, 4567UL, 123ULL * 4);
    SAME("%08lx:%08lx %c%c%c", 0xffffUL, 0x1000UL, 'r', '-', 'x');
}

TEST(wide_fields_longer_than_pad_chunk)
{
    /* the padder emits in chunks of 16: cross that boundary */
    SAME("[%15d][%16d][%17d][%33d]", 1, 2, 3, 4);
    SAME("[%-100d]", -7);
    SAME("[%0100d]", -7);
    SAME("[%.100d]", 7);
    SAME("[%1000s]", "x");
    SAME("[%-1000c]", 'y');
    SAME("[%#.90x]", 0xabc);
}

/* Random specifications: flags, width, precision (as numbers or '*') and
 * length modifiers combined, restricted to what C defines, so that every
 * combination must match the host C library exactly. */
TEST(random_integer_specs_match_libc)
{
    unit_srand(12345);
    static const char *const lengths[] = {"", "hh", "h", "l", "ll", "z", "t", "j"};
    for (int iter = 0; iter < 30000 && !UNIT_FAILED(); iter++) {
        char fmt[64];
        int n = 0;
        char conv = "diuoxX"[unit_rand_below(6)];
        fmt[n++] = '[';
        fmt[n++] = '%';
        for (const char *fl = "-0+ #"; *fl; fl++)
            if (unit_rand_below(4) == 0 && (*fl != '#' || strchr("oxX", conv)))
                fmt[n++] = *fl;
        int wstar = 0, pstar = 0;
        switch (unit_rand_below(4)) {
        case 0: break;
        case 1: wstar = 1; fmt[n++] = '*'; break;
        default: n += sprintf(fmt + n, "%d", (int)unit_rand_below(30)); break;
        }
        switch (unit_rand_below(5)) {
        case 0: case 1: break;
        case 2: pstar = 1; n += sprintf(fmt + n, ".*"); break;
        case 3: fmt[n++] = '.'; break;
        default: n += sprintf(fmt + n, ".%d", (int)unit_rand_below(25)); break;
        }
        int li = (int)unit_rand_below(8);
        n += sprintf(fmt + n, "%s%c]", lengths[li], conv);
        fmt[n] = '\0';

        int w = (int)unit_rand_below(61) - 30, p = (int)unit_rand_below(31) - 5;
        uint64_t v;
        switch (unit_rand_below(4)) {
        case 0: v = unit_rand_below(20) - 10; break;       /* small, both signs */
        case 1: v = 1ull << unit_rand_below(64); break;     /* powers of two */
        case 2: v = (1ull << unit_rand_below(64)) - 1; break;
        default: v = unit_rand(); break;
        }
#define CALL(T)                                          \
        do {                                             \
            if (wstar && pstar) SAME(fmt, w, p, (T)v);   \
            else if (wstar) SAME(fmt, w, (T)v);          \
            else if (pstar) SAME(fmt, p, (T)v);          \
            else SAME(fmt, (T)v);                        \
        } while (0)
        switch (li) {
        case 0: case 1: case 2: CALL(int); break;
        case 3: CALL(long); break;
        case 4: CALL(long long); break;
        case 5: CALL(size_t); break;
        case 6: CALL(ptrdiff_t); break;
        default: CALL(intmax_t); break;
        }
    }
}

TEST(random_string_specs_match_libc)
{
    unit_srand(777);
    static const char *const strs[] = {"", "x", "hello", "0123456789abcdefghijklmnopqrstuvwxyz"};
    for (int iter = 0; iter < 5000 && !UNIT_FAILED(); iter++) {
        char fmt[32];
        int n = sprintf(fmt, "<%%%s", unit_rand_below(2) ? "-" : "");
        if (unit_rand_below(2))
            n += sprintf(fmt + n, "%d", (int)unit_rand_below(40));
        int is_char = unit_rand_below(3) == 0;
        if (!is_char && unit_rand_below(2))
            n += sprintf(fmt + n, ".%d", (int)unit_rand_below(40));
        sprintf(fmt + n, "%c>", is_char ? 'c' : 's');
        if (is_char)
            SAME(fmt, (int)(' ' + unit_rand_below(95)));
        else
            SAME(fmt, strs[unit_rand_below(4)]);
    }
}

TEST(truncation_matches_libc)
{
    static const size_t sizes[] = {1, 2, 3, 5, 8, 11, 12, 13, 14, 20};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        size_t size = sizes[i];
        char want[32], got[32];
        memset(want, '#', sizeof want);
        memset(got, '#', sizeof got);
        int wn = libc_snprintf(want, size, "hello %d%s", 12345, "!");
        int gn = ksnprintf(got, size, "hello %d%s", 12345, "!");
        CHECK_EQ_INT(gn, 12); /* the full length of "hello 12345!", not what fit */
        CHECK_EQ_INT(gn, wn);
        CHECKF(memcmp(want, got, sizeof got) == 0, "size %zu: kernel \"%.32s\", libc \"%.32s\"", size, got, want);
        CHECK(got[(size < 13 ? size : 13) - 1] == '\0'); /* always terminated */
        CHECK(got[size] == '#');                       /* nothing past size */
    }
}

TEST(truncation_size_zero_writes_nothing)
{
    char buf[4] = {'a', 'b', 'c', 'd'};
    CHECK_EQ_INT(ksnprintf(buf, 0, "%s %d", "hello", 42), 8);
    CHECK(memcmp(buf, "abcd", 4) == 0);
    CHECK_EQ_INT(ksnprintf(NULL, 0, "%50d", 1), 50);
}

TEST(truncation_size_one_is_empty_string)
{
    char buf[4] = {'a', 'b', 'c', 'd'};
    CHECK_EQ_INT(ksnprintf(buf, 1, "xyz"), 3);
    CHECK_EQ_INT(buf[0], '\0');
    CHECK_EQ_INT(buf[1], 'b');
}

TEST(truncation_exact_fit)
{
    char buf[8];
    memset(buf, '#', sizeof buf);
    CHECK_EQ_INT(ksnprintf(buf, 6, "%s", "hello"), 5); /* 5 chars + NUL = 6 */
    CHECK_STR(buf, "hello");
    CHECK_EQ_INT(buf[6], '#');
    CHECK_EQ_INT(ksnprintf(buf, 5, "%s", "hello"), 5);
    CHECK_STR(buf, "hell");
}

TEST(truncation_inside_padding_and_numbers)
{
    for (size_t size = 1; size < 40; size++) {
        char want[48], got[48];
        memset(want, '#', sizeof want);
        memset(got, '#', sizeof got);
        int wn = libc_snprintf(want, size, "%-20s|%020lld|", "ab", -123456789LL);
        int gn = ksnprintf(got, size, "%-20s|%020lld|", "ab", -123456789LL);
        CHECK_EQ_INT(gn, wn);
        CHECKF(memcmp(want, got, sizeof got) == 0, "size %zu differs", size);
    }
}

TEST(unknown_conversions_printed_verbatim)
{
    CHECK_STR(kfmt("%y"), "%y");
    CHECK_STR(kfmt("a%yb"), "a%yb");
    CHECK_STR(kfmt("[%5y]"), "[%5y]");
    CHECK_STR(kfmt("[%-#5.3ly]"), "[%-#5.3ly]");
    CHECK_STR(kfmt("%q%d", 7), "%q7"); /* no argument consumed */
    CHECK_STR(kfmt("%f", 1), "%f");    /* no floating point in the kernel */
    char buf[8];
    CHECK_EQ_INT(ksnprintf(buf, sizeof buf, "%s", "ok"), 2);
}

TEST(lone_percent_at_end)
{
    CHECK_STR(kfmt("abc%"), "abc%");
    CHECK_STR(kfmt("%"), "%");
    CHECK_STR(kfmt("abc%-0"), "abc%-0");
    CHECK_STR(kfmt("abc%5.2l"), "abc%5.2l");
    char buf[8];
    CHECK_EQ_INT(ksnprintf(buf, sizeof buf, "%s", "x"), 1);
}

struct collect {
    char buf[256];
    size_t len;
    int calls, empty_calls;
};

static void collect_sink(void *ctx, const char *s, size_t n)
{
    struct collect *c = ctx;
    c->calls++;
    if (n == 0)
        c->empty_calls++;
    for (size_t i = 0; i < n && c->len + 1 < sizeof c->buf; i++)
        c->buf[c->len++] = s[i];
    c->buf[c->len] = '\0';
}

static int call_format_v(struct collect *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = format_v(collect_sink, c, fmt, ap);
    va_end(ap);
    return n;
}

TEST(format_v_sink_gets_whole_output)
{
    struct collect c = {0};
    int n = call_format_v(&c, "x=%d, s=%-6s|%%|%.0d|%c", -5, "ab", 0, 'z');
    CHECK_STR(c.buf, "x=-5, s=ab    |%||z");
    CHECK_EQ_INT(n, (int)strlen(c.buf));
    CHECK_EQ_INT(c.empty_calls, 0);
    CHECK(c.calls >= 1);
    struct collect e = {0};
    CHECK_EQ_INT(call_format_v(&e, ""), 0);
    CHECK_EQ_INT(e.calls, 0);
    CHECK_EQ_INT(call_format_v(&e, "%.0s", "abc"), 0);
    CHECK_EQ_INT(e.calls, 0); /* nothing to emit: the sink is not called */
}

RUN_TESTS()
