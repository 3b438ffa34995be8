/* string_test - string.h, strings.h, ctype.h, strtol and friends,
 * strerror/strsignal, qsort/bsearch and the environment, printed so the
 * output can be compared with the glibc build's. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int sign(int x)
{
    return x < 0 ? -1 : x > 0;
}

/* an offset into s, or -1 for NULL */
static long off(const void *p, const void *s)
{
    return p ? (const char *)p - (const char *)s : -1;
}

static void memory_functions(void)
{
    char a[32], b[32];
    memset(a, 'x', sizeof a);
    memcpy(b, "0123456789abcdefghijklmnopqrstu", 32);
    memcpy(a, b, 10);
    printf("memcpy: %.16s\n", a);
    memmove(b + 2, b, 10);
    printf("memmove up: %.16s\n", b);
    memmove(b, b + 5, 10);
    printf("memmove down: %.16s\n", b);
    memset(a, 0, sizeof a);
    printf("memset: %d %d\n", a[0], a[31]);
    printf("memcmp: %d %d %d %d\n", sign(memcmp("abc", "abd", 3)), sign(memcmp("abc", "abc", 3)),
           sign(memcmp("\xff", "\x01", 1)), sign(memcmp("a", "b", 0)));
    const char *s = "hello, world";
    printf("memchr: %ld %ld %ld\n", off(memchr(s, 'o', 12), s), off(memchr(s, 'z', 12), s), off(memchr(s, 'd', 11), s));
}

static void string_functions(void)
{
    const char *s = "the quick brown fox";
    char buf[64];
    /* sources gcc cannot see through, so it does not warn about the
     * truncations these lines test */
    const char *volatile ghijkl = "ghijkl", *volatile abcdefgh = "abcdefgh", *volatile ab = "ab";
    printf("strlen: %zu %zu strnlen: %zu %zu\n", strlen(s), strlen(""), strnlen(s, 5), strnlen(s, 100));
    printf("strcpy: %s|", strcpy(buf, "copy"));
    printf("stpcpy end: %ld|", stpcpy(buf, "abc") - buf);
    strcat(buf, "def");
    printf("strcat: %s|", buf);
    strncat(buf, ghijkl, 3);
    printf("strncat: %s\n", buf);
    memset(buf, '#', sizeof buf);
    strncpy(buf, "ab", 5);
    printf("strncpy pad: %d %d %d %c\n", buf[2], buf[3], buf[4], buf[5]);
    strncpy(buf, abcdefgh, 3);
    printf("strncpy cut: %c%c%c%c\n", buf[0], buf[1], buf[2], buf[3]);
    static const char *const pairs[][2] = {{"abc", "abc"}, {"abc", "abd"}, {"abd", "abc"}, {"ab", "abc"},
                                          {"", "a"},       {"ABC", "abc"}, {"a\xff", "a\x01"}, {"Hello", "hELLo"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        printf("cmp(%s,%s): %d %d %d %d %d\n", pairs[i][0], pairs[i][1], sign(strcmp(pairs[i][0], pairs[i][1])),
               sign(strncmp(pairs[i][0], pairs[i][1], 2)), sign(strcasecmp(pairs[i][0], pairs[i][1])),
               sign(strncasecmp(pairs[i][0], pairs[i][1], 2)), sign(strcoll(pairs[i][0], pairs[i][1])));
    printf("strchr: %ld %ld %ld\n", off(strchr(s, 'q'), s), off(strchr(s, 'z'), s), off(strchr(s, '\0'), s));
    printf("strrchr: %ld %ld\n", off(strrchr(s, 'o'), s), off(strrchr(s, 'z'), s));
    printf("strstr: %ld %ld %ld %ld\n", off(strstr(s, "brown"), s), off(strstr(s, "fox!"), s), off(strstr(s, ""), s),
           off(strstr(s, "the"), s));
    printf("strspn: %zu %zu strcspn: %zu %zu\n", strspn(s, "eht "), strspn(s, "xyz"), strcspn(s, "qb"),
           strcspn(s, "XYZ"));
    printf("strpbrk: %ld %ld\n", off(strpbrk(s, "wxy"), s), off(strpbrk(s, "Z"), s));
    char *d = strdup(s);
    char *nd = strndup(s, 9);
    printf("strdup: %s|strndup: %s|%s\n", d, nd, strndup(ab, 10));
    free(d);
    free(nd);

    char text[] = "  alpha,beta,,gamma ; delta  ";
    printf("strtok:");
    for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;"))
        printf(" [%s]", t);
    char text2[] = "a=1&b=2&&c=3";
    char *save;
    printf("\nstrtok_r:");
    for (char *t = strtok_r(text2, "&", &save); t; t = strtok_r(NULL, "&", &save)) {
        char *save2;
        char *k = strtok_r(t, "=", &save2);
        char *v = strtok_r(NULL, "=", &save2);
        printf(" %s->%s", k, v ? v : "(none)");
    }
    putchar('\n');
}

static void ctype_table(void)
{
    int (*fns[])(int) = {isalpha, isdigit, isalnum, isspace, isupper, islower,
                         isprint, isxdigit, ispunct, iscntrl, isgraph, isblank};
    for (int c = -1; c < 256; c++) {
        printf("%02x:", c & 0xff);
        for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
            putchar(fns[i](c) ? '1' : '0');
        printf(" %02x %02x%c", toupper(c) & 0xff, tolower(c) & 0xff, c % 6 == 5 ? '\n' : ' ');
    }
    putchar('\n');
}

static void conversions(void)
{
    static const char *const inputs[] = {"0", "42", "-42", "  +17xyz", "0x1F", "0X1f", "010", "0x", "0xg", "-0",
                                         "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                                         "-9223372036854775809", "18446744073709551615", "18446744073709551616",
                                         "-1", "  \t\n 12", "abc", "", "+", "- 5", "2147483648", "zz", "777",
                                         "1e5", "99999999999999999999999"};
    static const int bases[] = {0, 10, 16, 8, 2, 36};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *s = inputs[i];
        printf("\"%s\":", s);
        for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
            char *end;
            errno = 0;
            long v = strtol(s, &end, bases[b]);
            int e1 = errno;
            errno = 0;
            unsigned long u = strtoul(s, NULL, bases[b]);
            int e2 = errno;
            errno = 0;
            long long ll = strtoll(s, NULL, bases[b]);
            unsigned long long ull = strtoull(s, NULL, bases[b]);
            printf(" b%d=%ld/%ld/%d %lu/%d %lld %llu", bases[b], v, end - s, e1, u, e2, ll, ull);
        }
        printf(" atoi=%d atol=%ld\n", atoi(s), atol(s));
    }
    char *end;
    errno = 0;
    long v = strtol("123", &end, 1);
    printf("base 1: %ld errno=%d\n", v, errno);
    printf("abs: %d %ld %d\n", abs(-5), labs(-7L), abs(INT_MIN + 1));
}

static void messages(void)
{
    for (int e = 0; e <= 134; e++)
        printf("%d %s\n", e, strerror(e));
    printf("%s|%s\n", strerror(-1), strerror(1000));
    for (int s = 0; s <= 66; s++)
        printf("sig %d %s\n", s, strsignal(s));
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sorting(void)
{
    enum { N = 1000 };
    static int v[N];
    unsigned seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245 + 12345;
        v[i] = (int)(seed >> 8) % 5000 - 2500;
    }
    qsort(v, N, sizeof v[0], cmp_int);
    int sorted = 1;
    long sum = 0;
    for (int i = 0; i < N; i++) {
        sum += (long)v[i] * (i + 1);
        if (i && v[i - 1] > v[i])
            sorted = 0;
    }
    printf("qsort ints: sorted=%d weighted sum=%ld first=%d last=%d\n", sorted, sum, v[0], v[N - 1]);
    for (int key = -2600; key <= 2600; key += 130) {
        int *hit = bsearch(&key, v, N, sizeof v[0], cmp_int);
        printf("%d:%s ", key, hit ? "found" : "-");
    }
    putchar('\n');
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape", "kiwi",
                           "lemon", "mango", "nectarine", "orange", "papaya", "quince", "raspberry", "strawberry",
                           "tangerine", "ugli", "vanilla", "watermelon", "apricot"};
    size_t nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    for (size_t i = 0; i < nw; i++)
        printf("%s ", words[i]);
    putchar('\n');
    int small[] = {3, 1, 2};
    qsort(small, 3, sizeof small[0], cmp_int);
    qsort(small, 0, sizeof small[0], cmp_int);
    printf("%d %d %d\n", small[0], small[1], small[2]);
}

static void environment(void)
{
    printf("PATH=%s HOME=%s\n", getenv("PATH"), getenv("HOME"));
    printf("unset: %s\n", getenv("TINYC_NOPE") ? "set" : "(null)");
    printf("setenv: %d ", setenv("TINYC_A", "one", 1));
    printf("%s ", getenv("TINYC_A"));
    printf("%d ", setenv("TINYC_A", "two", 0));
    printf("%s ", getenv("TINYC_A"));
    printf("%d ", setenv("TINYC_A", "three", 1));
    printf("%s\n", getenv("TINYC_A"));
    errno = 0;
    printf("bad names: %d %d ", setenv("", "x", 1), errno);
    errno = 0;
    printf("%d %d\n", setenv("A=B", "x", 1), errno);
    for (int i = 0; i < 100; i++) {
        char name[16], value[16];
        snprintf(name, sizeof name, "TINYC_V%d", i);
        snprintf(value, sizeof value, "%d", i * i);
        setenv(name, value, 1);
    }
    printf("many: %s %s %s\n", getenv("TINYC_V0"), getenv("TINYC_V50"), getenv("TINYC_V99"));
    printf("unsetenv: %d ", unsetenv("TINYC_A"));
    printf("%s %d\n", getenv("TINYC_A") ? "still" : "gone", unsetenv("TINYC_NEVER"));
    printf("prefix: %s\n", getenv("TINYC_V") ? "wrong" : "ok");
}

int main(void)
{
    memory_functions();
    string_functions();
    ctype_table();
    conversions();
    messages();
    sorting();
    environment();
    return 0;
}
