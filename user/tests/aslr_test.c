/*
 * aslr_test.c - address space layout randomization as Linux x86_64 has it
 * (issue 14): two runs of the same program see different stack, mmap,
 * brk and PIE addresses, over the ranges Linux uses, and the same ones
 * under personality(ADDR_NO_RANDOMIZE) and setarch -R.
 *
 *   aslr_test SETARCH PROG...   the checks, on each PROG (this program
 *                               built three ways: static, glibc
 *                               static-pie, glibc dynamic PIE); SETARCH
 *                               is our setarch (user/bin/setarch.c)
 *   aslr_test --sysctl PROG     Tiny OS only: /proc/sys/kernel/
 *                               randomize_va_space 0 / 1 / 2, its errors,
 *                               and a set-user-ID exec clearing
 *                               ADDR_NO_RANDOMIZE (the host's global
 *                               setting is not ours to change)
 *   aslr_test --norandmaps PROG Tiny OS booted with norandmaps: the
 *                               sysctl reads 0, the layout is fixed
 *   aslr_test probe             prints this run's addresses
 *
 * Only facts Linux defines are printed (ok lines): it runs on the host
 * too and the outputs must match. Linux 6.18's numbers: the stack top
 * 22 bits of pages below 0x7ffffffff000 plus 0..8191 bytes, mmap_base
 * 28 bits of pages below the stack's gap, a PIE at 0x555555554000 plus
 * 28 bits of pages, brk up to 1 GiB above the program (a static-pie's
 * above 0x555555554000).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "tt.h"

#define RUNS 8
#define PAGE 4096ul
#define USER_TOP 0x7ffffffff000ul
#define GIB (1ul << 30)
#define STACK_RANGE (((1ul << 22) - 1) * PAGE) /* STACK_RND_MASK pages */
#define MMAP_RANGE ((1ul << 28) * PAGE)         /* mmap_rnd_bits pages */
#define MMAP_TOP_FIXED (USER_TOP - (128ul << 20)) /* mmap_base without randomization */
#define ET_DYN_BASE 0x555555554000ul
#define BRK_RANGE GIB

struct sample {
    unsigned long stack, mmap, heap, end, main, pers;
    int maps_ok; /* /proc/self/maps' [stack] holds a local, [heap] the break, stat's start_brk is [heap]'s start */
};

extern char _end[];

/* The [stack] and [heap] lines of /proc/self/maps: true when found. */
static int maps_area(const char *name, unsigned long *lo, unsigned long *hi)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return 0;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, f))
        if (strstr(line, name) && sscanf(line, "%lx-%lx", lo, hi) == 2)
            found = 1;
    fclose(f);
    return found;
}

/* /proc/self/stat's field 47, start_brk (0 when unreadable). */
static unsigned long stat_start_brk(void)
{
    char buf[1024];
    int fd = open("/proc/self/stat", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return 0;
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    for (int field = 2; p && field < 47; field++)
        p = strchr(p + 1, ' ');
    return p ? strtoul(p + 1, NULL, 10) : 0;
}

static int probe(void)
{
    volatile int local = 0;
    unsigned long stack = (unsigned long)&local;
    void *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* A page of heap, so that [heap] exists; its start is the first break
     * (the C library may have moved the break already). */
    unsigned long brk0 = (unsigned long)syscall(SYS_brk, 0);
    syscall(SYS_brk, brk0 + PAGE);
    unsigned long slo = 0, shi = 0, hlo = 0, hhi = 0;
    int ok = maps_area("[stack]", &slo, &shi) && slo <= stack && stack < shi && maps_area("[heap]", &hlo, &hhi) &&
             hlo <= brk0 && hhi >= brk0 + PAGE && stat_start_brk() == hlo;
    printf("%lx %lx %lx %lx %lx %lx %d\n", stack, (unsigned long)m, hlo, (unsigned long)_end,
           (unsigned long)(void *)probe, (unsigned long)personality(0xffffffff), ok);
    return 0;
}

/* Runs argv (argv[0] a path) with "probe" appended and reads its line. */
static int sample(char *const *argv, struct sample *s)
{
    int fd[2];
    if (pipe(fd))
        return 0;
    pid_t pid = fork();
    if (pid == 0) {
        char *args[8];
        int n = 0;
        while (argv[n] && n < 6) {
            args[n] = argv[n];
            n++;
        }
        args[n++] = "probe";
        args[n] = NULL;
        dup2(fd[1], 1);
        execv(args[0], args);
        _exit(127);
    }
    close(fd[1]);
    char buf[256];
    ssize_t n = read(fd[0], buf, sizeof buf - 1), k;
    while (n > 0 && n < (ssize_t)sizeof buf - 1 && (k = read(fd[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += k;
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (n <= 0)
        return 0;
    buf[n] = 0;
    return sscanf(buf, "%lx %lx %lx %lx %lx %lx %d", &s->stack, &s->mmap, &s->heap, &s->end, &s->main, &s->pers,
                  &s->maps_ok) == 7 &&
           WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static unsigned long page_up(unsigned long a) { return (a + PAGE - 1) & ~(PAGE - 1); }

/* Values distinct among n, and the spread between the lowest and the
 * highest at least range / 32 (8 uniform picks all land in one 1/32
 * of the range with probability 8 * 32^-7: never). */
static int distinct(const unsigned long *v, int n)
{
    int d = 0;
    for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= v[j] == v[i];
        d += !seen;
    }
    return d;
}

static int spread(const unsigned long *v, int n, unsigned long range)
{
    unsigned long lo = v[0], hi = v[0];
    for (int i = 1; i < n; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    return hi - lo >= range / 32;
}

static int all_in(const unsigned long *v, int n, unsigned long lo, unsigned long hi)
{
    for (int i = 0; i < n; i++)
        if (v[i] < lo || v[i] >= hi)
            return 0;
    return 1;
}

enum kind { STATIC, STATIC_PIE, DYNAMIC };

/* Where the program's own code is: fixed (static), in the mmap area
 * (static-pie, loaded as ld.so would be), or at ELF_ET_DYN_BASE plus the
 * random offset (a PIE with an interpreter). */
static enum kind kind_of(const struct sample *s)
{
    if (s->main < ET_DYN_BASE)
        return STATIC;
    return s->main >= 0x700000000000ul ? STATIC_PIE : DYNAMIC;
}

/* "static", "spie" or "dyn": the build's suffix (aslr_test.spie ...). */
static const char *kind_name(const char *prog)
{
    const char *base = strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog;
    return strchr(base, '.') ? strchr(base, '.') + 1 : "static";
}

static void check_random(char *prog)
{
    struct sample s[RUNS];
    unsigned long stack[RUNS], sub[RUNS], mmapv[RUNS], heap[RUNS], brkoff[RUNS], main_[RUNS];
    char what[160];
    char *argv[] = {prog, NULL};
    int got = 1;
    for (int i = 0; i < RUNS; i++)
        got &= sample(argv, &s[i]);
    const char *k = kind_name(prog);
    snprintf(what, sizeof what, "%s: %d runs report their addresses", k, RUNS);
    CHECK(got, what);
    if (!got)
        return;
    enum kind kind = kind_of(&s[0]);
    int maps_ok = 1;
    for (int i = 0; i < RUNS; i++) {
        stack[i] = s[i].stack;
        sub[i] = s[i].stack & (PAGE - 1);
        mmapv[i] = s[i].mmap;
        heap[i] = s[i].heap;
        /* The break above the program (a static-pie's above ELF_ET_DYN_BASE). */
        brkoff[i] = s[i].heap - (kind == STATIC_PIE ? ET_DYN_BASE : page_up(s[i].end));
        main_[i] = s[i].main;
        maps_ok &= s[i].maps_ok;
    }
    snprintf(what, sizeof what, "%s: /proc/self/maps shows the random [stack] and [heap], /proc/self/stat its start_brk", k);
    CHECK(maps_ok, what);
    snprintf(what, sizeof what, "%s: stack addresses differ in every run, over 22 bits of pages", k);
    CHECK(distinct(stack, RUNS) == RUNS && spread(stack, RUNS, STACK_RANGE) &&
              all_in(stack, RUNS, USER_TOP - STACK_RANGE - (8ul << 20), USER_TOP),
          what);
    snprintf(what, sizeof what, "%s: the stack moves within its page too (arch_align_stack)", k);
    CHECK(distinct(sub, RUNS) >= 2, what);
    snprintf(what, sizeof what, "%s: mmap addresses differ in every run, over 28 bits of pages", k);
    CHECK(distinct(mmapv, RUNS) == RUNS && spread(mmapv, RUNS, MMAP_RANGE) &&
              all_in(mmapv, RUNS, MMAP_TOP_FIXED - STACK_RANGE - (8ul << 20) - MMAP_RANGE - GIB, MMAP_TOP_FIXED),
          what);
    snprintf(what, sizeof what, "%s: the break differs between runs, up to 1 GiB above the program", k);
    CHECK(distinct(heap, RUNS) >= RUNS / 2 && spread(brkoff, RUNS, BRK_RANGE) && all_in(brkoff, RUNS, 0, BRK_RANGE + PAGE),
          what);
    if (kind == STATIC) {
        snprintf(what, sizeof what, "%s: a program linked at a fixed address stays there", k);
        CHECK(distinct(main_, RUNS) == 1, what);
    } else {
        unsigned long lo = kind == DYNAMIC ? ET_DYN_BASE : MMAP_TOP_FIXED - STACK_RANGE - (8ul << 20) - MMAP_RANGE - GIB;
        unsigned long hi = kind == DYNAMIC ? ET_DYN_BASE + MMAP_RANGE + GIB : MMAP_TOP_FIXED;
        snprintf(what, sizeof what, "%s: the program's own base differs in every run, over 28 bits of pages", k);
        CHECK(distinct(main_, RUNS) == RUNS && spread(main_, RUNS, MMAP_RANGE) && all_in(main_, RUNS, lo, hi), what);
    }
}

/* Runs argv twice: the same addresses, Linux's fixed ones. */
static void check_fixed(char *const *argv, const char *k, const char *how)
{
    struct sample a, b;
    char what[160];
    int got = sample(argv, &a) && sample(argv, &b);
    snprintf(what, sizeof what, "%s %s: two runs see the same stack, mmap, brk and program addresses", k, how);
    CHECK(got && a.stack == b.stack && a.mmap == b.mmap && a.heap == b.heap && a.main == b.main && a.maps_ok, what);
    if (!got)
        return;
    enum kind kind = kind_of(&a);
    snprintf(what, sizeof what, "%s %s: Linux's fixed layout (stack top, mmap base, brk after the program)", k, how);
    int ok = a.stack < USER_TOP && a.stack >= USER_TOP - (1ul << 20) && a.mmap < MMAP_TOP_FIXED &&
             a.mmap >= MMAP_TOP_FIXED - GIB;
    if (kind == STATIC)
        ok &= a.heap == page_up(a.end);
    else if (kind == DYNAMIC)
        ok &= a.main >= ET_DYN_BASE && a.main < ET_DYN_BASE + (64ul << 20) && a.heap == page_up(a.end);
    else
        ok &= a.main < MMAP_TOP_FIXED && a.main >= MMAP_TOP_FIXED - (64ul << 20);
    CHECK(ok, what);
    snprintf(what, sizeof what, "%s %s: the program runs with ADDR_NO_RANDOMIZE", k, how);
    CHECK(a.pers & ADDR_NO_RANDOMIZE, what);
}


static void check_prog(char *setarch, char *prog)
{
    const char *k = kind_name(prog);
    check_random(prog);
    /* personality(ADDR_NO_RANDOMIZE) in a child, kept across execve. */
    pid_t pid = fork();
    if (pid == 0) {
        personality(ADDR_NO_RANDOMIZE);
        char *argv[] = {prog, NULL};
        check_fixed(argv, k, "under personality(ADDR_NO_RANDOMIZE)");
        fflush(stdout);
        _exit(tt_failures);
    }
    int status;
    waitpid(pid, &status, 0);
    tt_failures += WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    char *r[] = {setarch, "-R", prog, NULL};
    check_fixed(r, k, "under setarch -R");
    char *x[] = {setarch, "x86_64", "--addr-no-randomize", prog, NULL};
    check_fixed(x, k, "under setarch x86_64 --addr-no-randomize");
}

/* setarch's errors and its other forms. */
static void check_setarch(char *setarch)
{
    char *const bad[] = {setarch, "sparc", "-R", "/bin/true", NULL};
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        execv(setarch, bad);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "setarch: an unknown architecture is refused (status 1)");
}

static int write_sysctl(const char *v)
{
    int fd = open("/proc/sys/kernel/randomize_va_space", O_WRONLY);
    if (fd < 0)
        return -errno;
    int r = write(fd, v, strlen(v)) < 0 ? -errno : 0;
    close(fd);
    return r;
}

static void check_sysctl(char *prog)
{
    char buf[16] = {0};
    int fd = open("/proc/sys/kernel/randomize_va_space", O_RDONLY);
    CHECK(fd >= 0 && read(fd, buf, sizeof buf - 1) == 2 && !strcmp(buf, "2\n"), "randomize_va_space reads 2");
    if (fd >= 0)
        close(fd);
    CHECK_EQ(write_sysctl("3\n"), -EINVAL, "randomize_va_space 3: EINVAL");
    CHECK_EQ(write_sysctl("-1\n"), -EINVAL, "randomize_va_space -1: EINVAL");
    pid_t pid = fork();
    if (pid == 0) {
        _exit(setuid(1000) == 0 && write_sysctl("0\n") == -EACCES ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "randomize_va_space as uid 1000: EACCES");

    CHECK_EQ(write_sysctl("0\n"), 0, "randomize_va_space 0 written");
    char *argv[] = {prog, NULL};
    struct sample a, b;
    CHECK(sample(argv, &a) && sample(argv, &b) && a.stack == b.stack && a.mmap == b.mmap && a.heap == b.heap &&
              a.heap == page_up(a.end) && a.stack >= USER_TOP - (1ul << 20),
          "randomize_va_space 0: the fixed layout in every run");
    CHECK_EQ(write_sysctl("1\n"), 0, "randomize_va_space 1 written");
    CHECK(sample(argv, &a) && sample(argv, &b) && a.stack != b.stack && a.mmap != b.mmap && a.heap == b.heap &&
              a.heap == page_up(a.end),
          "randomize_va_space 1: stack and mmap random, brk right after the program");
    CHECK_EQ(write_sysctl("2\n"), 0, "randomize_va_space 2 written back");

    /* A set-user-ID program: ADDR_NO_RANDOMIZE is cleared when the ids
     * change (PER_CLEAR_ON_SETID), so uid 1000 cannot have root's
     * program laid out where it knows. */
    int in = open(prog, O_RDONLY), out = open("/tmp/aslr_suid", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char chunk[4096];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, chunk, sizeof chunk)) > 0)
        if (write(out, chunk, n) != n)
            break;
    close(in);
    close(out);
    CHECK(chmod("/tmp/aslr_suid", 04755) == 0, "a set-user-ID root copy made");
    pid = fork();
    if (pid == 0) {
        if (setuid(1000))
            _exit(2);
        personality(ADDR_NO_RANDOMIZE);
        char *s[] = {"/tmp/aslr_suid", NULL};
        struct sample c, d;
        int ok = sample(s, &c) && sample(s, &d) && !(c.pers & ADDR_NO_RANDOMIZE) && c.stack != d.stack &&
                 c.mmap != d.mmap;
        _exit(ok ? 0 : 1);
    }
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a set-user-ID exec clears ADDR_NO_RANDOMIZE: random addresses again");
    unlink("/tmp/aslr_suid");
}

static void check_norandmaps(char *prog)
{
    char buf[16] = {0};
    int fd = open("/proc/sys/kernel/randomize_va_space", O_RDONLY);
    CHECK(fd >= 0 && read(fd, buf, sizeof buf - 1) == 2 && !strcmp(buf, "0\n"), "norandmaps: randomize_va_space reads 0");
    if (fd >= 0)
        close(fd);
    char *argv[] = {prog, NULL};
    struct sample a, b;
    CHECK(sample(argv, &a) && sample(argv, &b) && a.stack == b.stack && a.mmap == b.mmap && a.heap == b.heap &&
              a.heap == page_up(a.end) && !(a.pers & ADDR_NO_RANDOMIZE),
          "norandmaps: the fixed layout in every run, without ADDR_NO_RANDOMIZE");
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "probe"))
        return probe();
    if (argc == 3 && !strcmp(argv[1], "--norandmaps")) {
        check_norandmaps(argv[2]);
        return tt_done();
    }
    if (argc == 3 && !strcmp(argv[1], "--sysctl")) {
        check_sysctl(argv[2]);
        return tt_done();
    }
    if (argc < 3) {
        fprintf(stderr, "usage: aslr_test SETARCH PROG... | --sysctl PROG | --norandmaps PROG | probe\n");
        return 2;
    }
    for (int i = 2; i < argc; i++)
        check_prog(argv[1], argv[i]);
    check_setarch(argv[1]);
    return tt_done();
}
