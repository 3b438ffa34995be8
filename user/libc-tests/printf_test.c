/* printf_test - the printf family: every conversion, flag, width,
 * precision and length, the return values, truncation in snprintf, and
 * the different destinations (stdout, a string, a descriptor). The
 * output must equal the glibc build's byte for byte. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const flags[] = {"", "-", "+", " ", "#", "0", "-+", "+0", "#0", "- "};
static const char *const widths[] = {"", "1", "6", "20"};
static const char *const precs[] = {"", ".0", ".2", ".10"};
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void ints(void)
{
    static const long long values[] = {0, 1, -1, 42, -42, 0x7f, 255, 4096, 65535, 1234567,
                                       INT_MAX, INT_MIN, UINT_MAX, LLONG_MAX, LLONG_MIN};
    const char *convs = "diouxX";
    char fmt[32];
    for (const char *c = convs; *c; c++)
        for (int f = 0; f < N(flags); f++)
            for (int w = 0; w < N(widths); w++)
                for (int p = 0; p < N(precs); p++) {
                    snprintf(fmt, sizeof fmt, "%%%s%s%s%c", flags[f], widths[w], precs[p], *c);
                    printf("%-10s", fmt);
                    for (int v = 0; v < N(values); v++) {
                        putchar('|');
                        printf(fmt, (int)values[v]);
                    }
                    snprintf(fmt, sizeof fmt, "|%%%s%s%sll%c", flags[f], widths[w], precs[p], *c);
                    printf(fmt, values[13]);
                    printf(fmt, values[14]);
                    putchar('\n');
                }
}

static void lengths(void)
{
    printf("%hhd %hhu %hhx %hd %hu %hx\n", 300, 300, 511, 70000, 70000, 0x12345);
    printf("%ld %lu %lx %lld %llu %llx\n", LONG_MIN, ULONG_MAX, 0xdeadbeefcafeL, LLONG_MIN, ULLONG_MAX, 0x1ULL << 63);
    printf("%zd %zu %zx %jd %ju %td\n", (ssize_t)-5, (size_t)SIZE_MAX, (size_t)4096, INTMAX_MIN, UINTMAX_MAX,
           (ptrdiff_t)-77);
}

static void strings_chars_pointers(void)
{
    const char *strs[] = {"", "x", "hello", "a rather longer string"};
    char fmt[32];
    for (int s = 0; s < N(strs); s++)
        for (int f = 0; f < 2; f++)
            for (int w = 0; w < N(widths); w++)
                for (int p = 0; p < N(precs); p++) {
                    snprintf(fmt, sizeof fmt, "[%%%s%s%ss]", flags[f], widths[w], precs[p]);
                    printf(fmt, strs[s]);
                }
    putchar('\n');
    printf("[%c][%5c][%-5c][%c%c%c]\n", 'a', 'b', 'c', 'x', 'y', 'z');
    printf("[%p][%20p][%-20p][%p]\n", (void *)0x1234, (void *)0xdeadbeef, (void *)0x10, (void *)0);
    const char *volatile null = NULL; /* hidden from -Wformat-overflow */
    printf("[%s][%.2s][%10s]\n", null, null, null);
    printf("[%%][100%%]\n");
}

static void floats(void)
{
    static const double values[] = {0.0, -0.0, 1.0, -1.5, 0.5, 2.5, 3.14159265358979, 1e-7, 123456.789,
                                    1e20, 1.0 / 3, 999.9995, 0.000123456, 6.02214076e23, 1e-310};
    const char *convs = "feEgG";
    char fmt[32];
    for (const char *c = convs; *c; c++)
        for (int f = 0; f < N(flags); f++)
            for (int w = 0; w < N(widths); w++)
                for (int p = 0; p < N(precs); p++) {
                    snprintf(fmt, sizeof fmt, "%%%s%s%s%c", flags[f], widths[w], precs[p], *c);
                    printf("%-10s", fmt);
                    for (int v = 0; v < N(values); v++) {
                        putchar('|');
                        printf(fmt, values[v]);
                    }
                    putchar('\n');
                }
    double inf = 1.0 / 0.0, nan = 0.0 / 0.0;
    printf("[%f][%e][%g][%F][%E][%G][%8.3f][%-8f|][%+f][%08f]\n", inf, -inf, inf, inf, -inf, inf, inf, -inf, inf,
           -inf);
    printf("[%f][%5.1f][%-6e|][%G]\n", -nan < 0 ? nan : -nan, nan, nan, nan);
}

static void star_args(void)
{
    for (int w = -8; w <= 8; w += 4)
        for (int p = -1; p <= 4; p++)
            printf("[%*.*d][%*.*s][%*.*f]", w, p, 42, w, p, "abcdef", w, p, 2.71828);
    putchar('\n');
}

/* snprintf through a pointer, so gcc does not warn about the truncation
 * these tests are about */
static int (*volatile snprintf_p)(char *, size_t, const char *, ...) = snprintf;

static void return_values_and_truncation(void)
{
    char buf[16];
    memset(buf, '#', sizeof buf);
    int n = snprintf_p(buf, 8, "%s-%d", "abcdef", 12345);
    printf("snprintf -> %d \"%s\" after=%c\n", n, buf, buf[9]);
    n = snprintf_p(NULL, 0, "%d %s", 123, "four");
    printf("snprintf(NULL, 0) -> %d\n", n);
    n = snprintf_p(buf, 1, "xyz");
    printf("snprintf(buf, 1) -> %d \"%s\"\n", n, buf);
    n = sprintf(buf, "%05d|%x", -42, 48879);
    printf("sprintf -> %d \"%s\"\n", n, buf);
    n = printf("twelve chars");
    printf(" -> %d\n", n);
    char big[300];
    n = snprintf(big, sizeof big, "%250d|", 7);
    printf("wide -> %d, last=%c\n", n, big[n - 1]);
}

static void to_descriptor(void)
{
    fflush(stdout);
    int n = dprintf(STDOUT_FILENO, "dprintf %s %d %.2f\n", "to fd", 1, 0.5);
    printf("dprintf -> %d\n", n);
    fprintf(stdout, "fprintf(stdout, %s)\n", "...");
    fputs("fputs\n", stdout);
    puts("puts");
    putchar('!');
    putchar('\n');
}

int main(void)
{
    ints();
    lengths();
    strings_chars_pointers();
    floats();
    star_args();
    return_values_and_truncation();
    to_descriptor();
    return 0;
}
