/*
 * bench.c - Tiny OS's micro-benchmarks, one static Linux executable that
 * runs unchanged on Tiny OS and on Linux (tools/bench runs both in the
 * same QEMU configuration; see DESIGN.md section 6).
 *
 *   bench NAME [NAME...] [--poweroff]
 *   bench list            print the benchmark names
 *   bench exit-now        exit 0 at once (the program fork-exec-wait execs)
 *
 * For each NAME it runs a warm-up, then times a loop with rdtsc (fenced
 * by lfence on both sides) and prints one line:
 *
 *   BENCH <name> <iterations> <total_tsc_ticks> <ticks_per_op>
 *
 * or, when the system lacks something the benchmark needs:
 *
 *   BENCH-FAIL <name> <short reason>
 *
 * Exit status: the number of failed benchmarks (capped at 125).
 * Under QEMU with -icount shift=0 the guest TSC advances one tick per
 * guest instruction, so the numbers are deterministic.
 *
 * The timed paths use raw system calls (inline `syscall`), never the C
 * library's wrappers, so nothing is cached or added in user space.
 *
 * --poweroff (for Linux, where this program is /init of an initramfs):
 * after the benchmarks, power the machine off with reboot(2) so QEMU
 * exits without the "Attempted to kill init" panic. If that fails, the
 * program just exits (with panic=-1 and -no-reboot QEMU still ends).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

/* ---- raw system calls ------------------------------------------------ */

static inline long sc0(long n)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
    return r;
}

static inline long sc1(long n, long a)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a) : "rcx", "r11", "memory");
    return r;
}

static inline long sc3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static inline long sc4(long n, long a, long b, long c, long d)
{
    register long r10 __asm__("r10") = d;
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return r;
}

static __attribute__((noreturn)) void raw_exit(int code)
{
    for (;;)
        sc1(SYS_exit_group, code);
}

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi)::"memory");
    return ((uint64_t)hi << 32) | lo;
}

/* ---- output ---------------------------------------------------------- */

static void out(const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        long r = sc3(SYS_write, 1, (long)s, (long)len);
        if (r <= 0)
            return;
        s += r;
        len -= (size_t)r;
    }
}

static const char *errname(long e)
{
    static const struct {
        int no;
        const char *name;
    } t[] = {{1, "EPERM"},   {2, "ENOENT"},  {4, "EINTR"},   {8, "ENOEXEC"}, {9, "EBADF"},
             {10, "ECHILD"}, {11, "EAGAIN"}, {12, "ENOMEM"}, {13, "EACCES"}, {14, "EFAULT"},
             {22, "EINVAL"}, {24, "EMFILE"}, {32, "EPIPE"},  {38, "ENOSYS"}};
    static char buf[32];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (t[i].no == e)
            return t[i].name;
    snprintf(buf, sizeof buf, "errno %ld", e);
    return buf;
}

/* A failure reason, built in a static buffer. */
static char reason[128];

static int fail(const char *what, long ret)
{
    if (ret < 0)
        snprintf(reason, sizeof reason, "%s: %s", what, errname(-ret));
    else
        snprintf(reason, sizeof reason, "%s (got %ld)", what, ret);
    return -1;
}

/* ---- the benchmarks ---------------------------------------------------
 * Each runs `warm` untimed then `n` timed operations and stores the timed
 * ticks in *ticks; returns 0, or -1 with `reason` set. */

static const char *self_path = "/proc/self/exe";

static int b_syscall_empty(long warm, long n, uint64_t *ticks)
{
    long r = sc0(1000);
    if (r != -38)
        return fail("syscall 1000 did not return -ENOSYS", r);
    for (long i = 0; i < warm; i++)
        sc0(1000);
    uint64_t t0 = tsc();
    for (long i = 0; i < n; i++)
        sc0(1000);
    *ticks = tsc() - t0;
    return 0;
}

static int b_getpid(long warm, long n, uint64_t *ticks)
{
    long r = sc0(SYS_getpid);
    if (r <= 0)
        return fail("getpid", r);
    for (long i = 0; i < warm; i++)
        sc0(SYS_getpid);
    uint64_t t0 = tsc();
    for (long i = 0; i < n; i++)
        sc0(SYS_getpid);
    *ticks = tsc() - t0;
    return 0;
}

/* Waits for `pid` and checks it exited with status 0. */
static int reap(long pid, const char *what)
{
    int status = -1;
    long r;
    do
        r = sc4(SYS_wait4, pid, (long)&status, 0, 0);
    while (r == -4);
    if (r != pid)
        return fail("wait4", r);
    if (status != 0) {
        if ((status & 0x7f) == 0)
            snprintf(reason, sizeof reason, "%s exited with %d", what, (status >> 8) & 0xff);
        else
            snprintf(reason, sizeof reason, "%s killed by signal %d", what, status & 0x7f);
        return -1;
    }
    return 0;
}

static int b_pipe_pingpong(long warm, long n, uint64_t *ticks)
{
    int ab[2], ba[2]; /* parent -> child, child -> parent */
    long r = sc1(SYS_pipe, (long)ab);
    if (r < 0)
        return fail("pipe", r);
    r = sc1(SYS_pipe, (long)ba);
    if (r < 0)
        return fail("pipe", r);
    long pid = sc0(SYS_fork);
    if (pid < 0)
        return fail("fork", pid);
    char c = 'x';
    if (pid == 0) {
        sc1(SYS_close, ab[1]);
        sc1(SYS_close, ba[0]);
        for (long i = 0; i < warm + n; i++) {
            if (sc3(SYS_read, ab[0], (long)&c, 1) != 1)
                raw_exit(2);
            if (sc3(SYS_write, ba[1], (long)&c, 1) != 1)
                raw_exit(3);
        }
        raw_exit(0);
    }
    sc1(SYS_close, ab[0]);
    sc1(SYS_close, ba[1]);
    uint64_t t0 = 0;
    int rc = 0;
    for (long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = tsc();
        r = sc3(SYS_write, ab[1], (long)&c, 1);
        if (r != 1) {
            rc = fail("write to pipe", r);
            break;
        }
        r = sc3(SYS_read, ba[0], (long)&c, 1);
        if (r != 1) {
            rc = fail("read from pipe", r);
            break;
        }
    }
    *ticks = tsc() - t0;
    sc1(SYS_close, ab[1]);
    sc1(SYS_close, ba[0]);
    if (reap(pid, "child") < 0 && rc == 0)
        rc = -1;
    return rc;
}

static int b_fork_exit_wait(long warm, long n, uint64_t *ticks)
{
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = tsc();
        long pid = sc0(SYS_fork);
        if (pid < 0)
            return fail("fork", pid);
        if (pid == 0)
            raw_exit(0);
        if (reap(pid, "child") < 0)
            return -1;
    }
    *ticks = tsc() - t0;
    return 0;
}

static int b_fork_exec_wait(long warm, long n, uint64_t *ticks)
{
    char *const argv[] = {(char *)self_path, "exit-now", NULL};
    char *const envp[] = {NULL};
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = tsc();
        long pid = sc0(SYS_fork);
        if (pid < 0)
            return fail("fork", pid);
        if (pid == 0) {
            long r = sc3(SYS_execve, (long)self_path, (long)argv, (long)envp);
            raw_exit(r < 0 && -r < 100 ? 100 + (int)-r : 99); /* 100 + errno */
        }
        if (reap(pid, "exec'd child") < 0) {
            size_t len = strlen(reason);
            if (len < sizeof reason - 40)
                snprintf(reason + len, sizeof reason - len, " (exit 100+N: execve %s failed with errno N)",
                         self_path);
            return -1;
        }
    }
    *ticks = tsc() - t0;
    return 0;
}

static const struct bench {
    const char *name;
    long iterations;
    int (*run)(long warm, long n, uint64_t *ticks);
} benches[] = {
    {"syscall-empty", 20000, b_syscall_empty},
    {"getpid", 20000, b_getpid},
    {"pipe-pingpong", 1000, b_pipe_pingpong},
    {"fork-exit-wait", 200, b_fork_exit_wait},
    {"fork-exec-wait", 100, b_fork_exec_wait},
};
#define NBENCH (sizeof benches / sizeof benches[0])

static int run_one(const struct bench *b)
{
    char line[192];
    uint64_t ticks = 0;
    long warm = b->iterations / 10 > 0 ? b->iterations / 10 : 1;
    reason[0] = 0;
    if (b->run(warm, b->iterations, &ticks) < 0) {
        snprintf(line, sizeof line, "BENCH-FAIL %s %s\n", b->name, reason[0] ? reason : "failed");
        out(line);
        return 1;
    }
    uint64_t tenths = (ticks * 10 + (uint64_t)b->iterations / 2) / (uint64_t)b->iterations;
    snprintf(line, sizeof line, "BENCH %s %ld %llu %llu.%llu\n", b->name, b->iterations, (unsigned long long)ticks,
             (unsigned long long)(tenths / 10), (unsigned long long)(tenths % 10));
    out(line);
    return 0;
}

/* Linux runs /init with fds 0-2 on /dev/console when the initramfs has
 * it (the kernel's built-in one does). If not, make it ourselves. */
static void ensure_stdout(void)
{
    if (sc3(SYS_fcntl, 1, F_GETFD, 0) >= 0)
        return;
    sc3(SYS_mkdir, (long)"/dev", 0755, 0);
    sc3(SYS_mknod, (long)"/dev/console", S_IFCHR | 0600, (long)makedev(5, 1));
    long fd = sc3(SYS_open, (long)"/dev/console", O_RDWR, 0);
    if (fd < 0)
        return;
    for (long i = 0; i < 3; i++)
        if (fd != i)
            sc3(SYS_dup2, fd, i, 0);
    if (fd > 2)
        sc1(SYS_close, fd);
}

static void poweroff(void)
{
    sc0(SYS_sync);
    /* reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF) */
    sc4(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "exit-now") == 0)
        raw_exit(0);
    ensure_stdout();
    if (argc < 2) {
        out("usage: bench NAME [NAME...] [--poweroff]   (bench list: the names)\n");
        return 2;
    }
    if (strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < NBENCH; i++) {
            out(benches[i].name);
            out("\n");
        }
        return 0;
    }
    if (argv[0] && strchr(argv[0], '/'))
        self_path = argv[0];
    int failed = 0, off = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--poweroff") == 0) {
            off = 1;
            continue;
        }
        size_t j = 0;
        while (j < NBENCH && strcmp(argv[i], benches[j].name) != 0)
            j++;
        if (j == NBENCH) {
            char line[160];
            snprintf(line, sizeof line, "BENCH-FAIL %.60s unknown benchmark (bench list: the names)\n", argv[i]);
            out(line);
            failed++;
            continue;
        }
        failed += run_one(&benches[j]);
    }
    if (off) {
        out("BENCH-DONE\n");
        poweroff();
    }
    return failed > 125 ? 125 : failed;
}
