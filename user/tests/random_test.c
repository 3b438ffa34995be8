/* random_test.c - the kernel's random generator as programs see it:
 * /dev/urandom, /dev/random and getrandom give different bytes each time,
 * AT_RANDOM is fresh per exec, getrandom's flags and buffers get Linux's
 * answers (differential), and 64 KiB pass crude statistical checks whose
 * bounds sit 9 or more standard deviations out, so a working generator
 * never fails them (chance below 1e-15) while a stuck bit, a repeated
 * block or a skewed byte distribution does. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "tt.h"

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

static long grnd(void *buf, size_t n, unsigned long flags) { return raw_syscall(SYS_getrandom, buf, n, flags); }

static void to_hex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

/* A child's AT_RANDOM bytes, as hex, through a pipe. */
static int child_at_random(char *argv0, char hex[33])
{
    int p[2];
    if (pipe(p))
        return -1;
    pid_t c = xfork();
    if (c == 0) {
        dup2(p[1], 1);
        close(p[0]);
        char *av[] = {argv0, "at-random", NULL};
        exec_self(av);
        _exit(127);
    }
    close(p[1]);
    ssize_t got = 0, r;
    while (got < 32 && (r = read(p[0], hex + got, 32 - got)) > 0)
        got += r;
    close(p[0]);
    hex[got] = 0;
    return exited_with(child_status(c), 0) && got == 32 ? 0 : -1;
}

static void reads_differ(const char *dev)
{
    unsigned char a[32], b[32], c[32];
    char what[96];
    int fd = open(dev, O_RDONLY), fd2 = open(dev, O_RDONLY);
    snprintf(what, sizeof what, "%s: two reads, and a read through a second open, all differ", dev);
    CHECK(fd >= 0 && fd2 >= 0 && read(fd, a, 32) == 32 && read(fd, b, 32) == 32 && read(fd2, c, 32) == 32 &&
              memcmp(a, b, 32) != 0 && memcmp(a, c, 32) != 0 && memcmp(b, c, 32) != 0,
          what);
    close(fd);
    close(fd2);
}

/* getrandom's answer for one case, against Linux's (in the message, so a
 * difference shows in the differential diff too). */
static void case_(const char *what, void *buf, size_t n, unsigned long flags, long want)
{
    long r = grnd(buf, n, flags);
    char msg[160];
    snprintf(msg, sizeof msg, "getrandom %s = %ld", what, want);
    CHECK_EQ(r, want, msg);
}

static void errno_cases(void)
{
    unsigned char buf[4096];
    case_("(16, 0)", buf, 16, 0, 16);
    case_("(16, NONBLOCK)", buf, 16, GRND_NONBLOCK, 16);
    case_("(4096, RANDOM)", buf, 4096, GRND_RANDOM, 4096);
    case_("(16, INSECURE)", buf, 16, GRND_INSECURE, 16);
    case_("(16, NONBLOCK|RANDOM)", buf, 16, GRND_NONBLOCK | GRND_RANDOM, 16);
    case_("(16, NONBLOCK|INSECURE)", buf, 16, GRND_NONBLOCK | GRND_INSECURE, 16);
    case_("(16, RANDOM|INSECURE): EINVAL", buf, 16, GRND_RANDOM | GRND_INSECURE, -EINVAL);
    case_("(16, 0x8): EINVAL", buf, 16, 0x8, -EINVAL);
    case_("(16, 0x80000000): EINVAL", buf, 16, 0x80000000ul, -EINVAL);
    case_("(16, ~0): EINVAL", buf, 16, ~0ul, -EINVAL);
    case_("(NULL, 16, 0x8): EINVAL before EFAULT", NULL, 16, 0x8, -EINVAL);
    case_("(NULL, 0, 0)", NULL, 0, 0, 0);
    case_("(NULL, 16, 0): EFAULT", NULL, 16, 0, -EFAULT);
    case_("(kernel address, 16): EFAULT", (void *)0xffffffff80000000ul, 16, 0, -EFAULT);
    case_("(last user page reaching past the end, 8192): EFAULT", (void *)0x7ffffffff000ul, 8192, 0, -EFAULT);
    /* a buffer running into an unmapped page: the bytes before it */
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 4096, 4096);
    case_("(100 bytes before a hole, 200)", p + 4096 - 100, 200, 0, 100);
    case_("(a page before a hole, 6000)", p, 6000, 0, 4096);
    case_("(in the hole, 16): EFAULT", p + 4096, 16, 0, -EFAULT);
    mprotect(p + 2 * 4096, 4096, PROT_READ);
    case_("(read-only page, 16): EFAULT", p + 2 * 4096, 16, 0, -EFAULT);
    munmap(p, 3 * 4096);
    /* one call delivers 1 MiB whole */
    size_t big = 1 << 20;
    unsigned char *m = malloc(big);
    case_("(1 MiB, 0)", m, big, 0, (long)big);
    free(m);
}

static int cmp16(const void *x, const void *y) { return memcmp(x, y, 16); }

/* Crude statistics over 64 KiB: every bit position balanced, every byte
 * value about equally common (chi-square), no 16-byte block twice. */
static void statistics(const char *what, const unsigned char *b, size_t n)
{
    long ones[8] = {0}, hist[256] = {0};
    for (size_t i = 0; i < n; i++) {
        hist[b[i]]++;
        for (int k = 0; k < 8; k++)
            ones[k] += (b[i] >> k) & 1;
    }
    /* per position: mean n/2, sd sqrt(n)/2 = 128 for 64 KiB: +-1200 is 9 sd */
    long worst = 0, total = 0;
    for (int k = 0; k < 8; k++) {
        long d = labs(ones[k] - (long)n / 2);
        worst = d > worst ? d : worst;
        total += ones[k];
    }
    char msg[128];
    snprintf(msg, sizeof msg, "%s: each bit position set in half the bytes (+-1200 of %zu)", what, n / 2);
    tt_check(worst < 1200, msg, "off by %ld", worst);
    /* all bits: sd sqrt(8n)/2 = 362; +-3300 is 9 sd */
    snprintf(msg, sizeof msg, "%s: half of all bits set (+-3300 of %zu)", what, 4 * n);
    tt_check(labs(total - 4 * (long)n) < 3300, msg, "%ld ones", total);
    /* chi-square, 255 degrees of freedom: mean 255, sd 22.6; < 500 is 10 sd */
    double chi = 0, e = (double)n / 256;
    for (int v = 0; v < 256; v++)
        chi += (hist[v] - e) * (hist[v] - e) / e;
    snprintf(msg, sizeof msg, "%s: byte values uniform (chi-square < 500)", what);
    tt_check(chi < 500, msg, "chi-square %.1f", chi);
    /* 4096 blocks of 128 bits, sorted: a repeat by chance is 2^-105 */
    unsigned char *sorted = malloc(n);
    memcpy(sorted, b, n);
    qsort(sorted, n / 16, 16, cmp16);
    int repeat = 0;
    for (size_t i = 16; i + 16 <= n; i += 16)
        repeat |= !memcmp(sorted + i - 16, sorted + i, 16);
    free(sorted);
    snprintf(msg, sizeof msg, "%s: no 16-byte block repeats", what);
    CHECK(!repeat, msg);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "at-random")) {
        char hex[33];
        to_hex((const unsigned char *)getauxval(AT_RANDOM), 16, hex);
        fputs(hex, stdout);
        return 0;
    }
    reads_differ("/dev/urandom");
    reads_differ("/dev/random");
    unsigned char a[32], b[32];
    CHECK(grnd(a, 32, 0) == 32 && grnd(b, 32, 0) == 32 && memcmp(a, b, 32) != 0, "two getrandom calls differ");

    char mine[33], first[33], second[33];
    to_hex((const unsigned char *)getauxval(AT_RANDOM), 16, mine);
    CHECK(child_at_random(argv[0], first) == 0 && child_at_random(argv[0], second) == 0, "two execs report AT_RANDOM");
    CHECK(strcmp(first, second) != 0 && strcmp(mine, first) != 0 && strcmp(mine, second) != 0,
          "AT_RANDOM differs between execs");

    errno_cases();

    size_t n = 64 * 1024;
    unsigned char *buf = malloc(n);
    CHECK_EQ(grnd(buf, n, 0), (long)n, "getrandom 64 KiB in one call");
    statistics("one 64 KiB getrandom", buf, n);
    /* small reads take the generator's short path (the block that also
     * makes the next key): 7 bytes at a time */
    int fd = open("/dev/urandom", O_RDONLY);
    size_t got = 0;
    while (got < n) {
        size_t k = n - got < 7 ? n - got : 7;
        if (read(fd, buf + got, k) != (ssize_t)k)
            break;
        got += k;
    }
    close(fd);
    CHECK_EQ(got, n, "/dev/urandom 64 KiB in 7-byte reads");
    statistics("7-byte /dev/urandom reads", buf, n);
    free(buf);
    return tt_done();
}
