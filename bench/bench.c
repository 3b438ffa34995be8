/*
 * bench.c - Tiny OS's micro-benchmarks, one static Linux executable that
 * runs unchanged on Tiny OS and on Linux (tools/bench boots both in the
 * same QEMU configuration with this program as /init; DESIGN.md 6).
 *
 *   bench [--smoke] [--poweroff] [NAME...|all]
 *   bench list            one line per benchmark: NAME <tab> what one op is
 *
 * First thing, the program prints the guest TSC it read on entry:
 *
 *   BENCH-PID1 <tsc> <where: entry|main>
 *
 * Under QEMU's -icount shift=0 the TSC counts guest instructions (and
 * skipped idle time) since reset, so this is "ticks to PID 1". The value
 * is read in bench_entry (below) when the program is linked with
 * -Wl,-e,bench_entry, otherwise at the top of main.
 *
 * Then for each NAME, in list order and each in a child process of its
 * own, it runs a warm-up, times a loop with rdtsc (fenced by lfence on
 * both sides) and prints one line:
 *
 *   BENCH <name> <ops> <total_tsc_ticks> <ticks_per_op>
 *
 * or, when the system lacks something the benchmark needs:
 *
 *   BENCH-FAIL <name> <short reason>
 *
 * --smoke divides every iteration count by 100 (at least 1) and adds a
 * line "ok - NAME" or "not ok - NAME" per benchmark: the test suite's
 * check that each one runs, with no timing meaning.
 * --poweroff (for Linux, where this program is PID 1 and must not exit):
 * after the benchmarks, print BENCH-DONE and power off with reboot(2).
 * If that fails (Tiny OS powers off when PID 1 exits) the program exits.
 * Exit status: the number of failed benchmarks (capped at 125).
 *
 * The timed paths use raw system calls (inline `syscall`), never the C
 * library's wrappers, so nothing is cached or added in user space.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#define PAGE 4096L

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

static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long r;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
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

/* ---- the TSC at PID 1's first instruction ----------------------------
 * The process entry point when linked with -e bench_entry: read the TSC
 * before the C library starts, then continue at musl's _start. At entry
 * only RSP and RDX (the atexit pointer, SysV x86_64 ABI 3.4.1) carry
 * meaning, so RDX is kept in RCX across rdtsc. */
uint64_t bench_entry_tsc;
__asm__(".text\n"
        ".globl bench_entry\n"
        "bench_entry:\n"
        "\tmov %rdx, %rcx\n"
        "\trdtsc\n"
        "\tshl $32, %rdx\n"
        "\tor %rdx, %rax\n"
        "\tmov %rax, bench_entry_tsc(%rip)\n"
        "\tmov %rcx, %rdx\n"
        "\tjmp _start\n");

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
static char reason[160];

static int fail(const char *what, long ret)
{
    if (ret < 0)
        snprintf(reason, sizeof reason, "%s: %s", what, errname(-ret));
    else
        snprintf(reason, sizeof reason, "%s (got %ld)", what, ret);
    return -1;
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

/* Opens a device, creating its node first where the system has none:
 * Linux booted with only our initramfs has /dev/console and nothing else
 * (the kernel's built-in initramfs, init/noinitramfs.c). */
static long open_dev(const char *path, unsigned major, unsigned minor, int flags)
{
    long fd = sc3(SYS_open, (long)path, flags, 0);
    if (fd != -2)
        return fd;
    sc3(SYS_mkdir, (long)"/dev", 0755, 0);
    sc3(SYS_mknod, (long)path, S_IFCHR | 0666, (long)makedev(major, minor));
    return sc3(SYS_open, (long)path, flags, 0);
}

/* ---- the benchmarks ---------------------------------------------------
 * Each runs `warm` untimed then `n` timed iterations, stores the timed
 * ticks in *ticks and returns 0, or returns -1 with `reason` set. */

/* An unknown system call number: the kernel's entry and exit path and the
 * table lookup, nothing else. The floor every system call stands on. */
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

/* A system call that only reads one value of the current process. */
static int time_simple(long nr, long warm, long n, uint64_t *ticks)
{
    long r = sc0(nr);
    if (r < 0)
        return fail("system call", r);
    for (long i = 0; i < warm; i++)
        sc0(nr);
    uint64_t t0 = tsc();
    for (long i = 0; i < n; i++)
        sc0(nr);
    *ticks = tsc() - t0;
    return 0;
}

static int b_getpid(long warm, long n, uint64_t *ticks) { return time_simple(SYS_getpid, warm, n, ticks); }

static int b_getppid(long warm, long n, uint64_t *ticks) { return time_simple(SYS_getppid, warm, n, ticks); }

/* One byte through read(2) or write(2) on a character device. */
static int time_dev_io(const char *path, unsigned minor, long nr, long warm, long n, uint64_t *ticks)
{
    long fd = open_dev(path, 1, minor, nr == SYS_read ? O_RDONLY : O_WRONLY);
    if (fd < 0)
        return fail(path, fd);
    char c = 'x';
    long r = sc3(nr, fd, (long)&c, 1);
    if (r != 1) {
        sc1(SYS_close, fd);
        return fail(nr == SYS_read ? "read" : "write", r);
    }
    for (long i = 0; i < warm; i++)
        sc3(nr, fd, (long)&c, 1);
    uint64_t t0 = tsc();
    for (long i = 0; i < n; i++)
        sc3(nr, fd, (long)&c, 1);
    *ticks = tsc() - t0;
    sc1(SYS_close, fd);
    return 0;
}

static int b_read_zero(long warm, long n, uint64_t *ticks)
{
    return time_dev_io("/dev/zero", 5, SYS_read, warm, n, ticks);
}

static int b_write_null(long warm, long n, uint64_t *ticks)
{
    return time_dev_io("/dev/null", 3, SYS_write, warm, n, ticks);
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

/* fork, execve(path, argv) in the child, wait4: n timed iterations. The
 * environment holds only PYTHONHASHSEED=0: python3 then needs no random
 * numbers (Linux booted with rdinit= has no /dev/urandom, and early in
 * boot its getrandom would block), and runs the same way every time. */
static int fork_exec_wait(const char *path, char *const argv[], long warm, long n, uint64_t *ticks)
{
    char *const envp[] = {"PYTHONHASHSEED=0", NULL};
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = tsc();
        long pid = sc0(SYS_fork);
        if (pid < 0)
            return fail("fork", pid);
        if (pid == 0) {
            long r = sc3(SYS_execve, (long)path, (long)argv, (long)envp);
            raw_exit(r < 0 && -r < 100 ? 100 + (int)-r : 99); /* 100 + errno */
        }
        if (reap(pid, "exec'd child") < 0) {
            size_t len = strlen(reason);
            snprintf(reason + len, sizeof reason - len, " (100+N: execve %s failed with errno N)", path);
            return -1;
        }
    }
    *ticks = tsc() - t0;
    return 0;
}

/* The exec'd program: bench/tiny.c, in the benchmark initramfs. */
static const char tiny_path[] = "/bin/tiny";

static int b_fork_exec_wait(long warm, long n, uint64_t *ticks)
{
    char *const argv[] = {(char *)tiny_path, NULL};
    return fork_exec_wait(tiny_path, argv, warm, n, ticks);
}

/* A real program: Debian's busybox-static (about 2 MB, glibc inside)
 * running its `true` applet, so exec maps a big file and the C library's
 * start-up touches its pages. */
static int b_fork_exec_busybox(long warm, long n, uint64_t *ticks)
{
    char *const argv[] = {"true", NULL};
    return fork_exec_wait("/bin/busybox", argv, warm, n, ticks);
}

/* Debian's dynamically linked /usr/bin/true: the kernel maps the program
 * and ld.so, and ld.so maps libc.so.6 with mmap and relocates. */
static int b_fork_exec_dyn_true(long warm, long n, uint64_t *ticks)
{
    char *const argv[] = {"true", NULL};
    return fork_exec_wait("/usr/bin/true", argv, warm, n, ticks);
}

/* Debian's python3 starting and exiting: `python3 -c pass` (its standard
 * library from /usr/lib/python3.11, site module included). */
static int b_python3_startup(long warm, long n, uint64_t *ticks)
{
    char *const argv[] = {"python3", "-c", "pass", NULL};
    return fork_exec_wait("/usr/bin/python3", argv, warm, n, ticks);
}

#define MAP_BYTES (1L << 20)

/* mmap 1 MiB of anonymous memory, write one byte in each page (a
 * demand-zero fault each), munmap: one iteration. */
static int b_mmap_touch_munmap(long warm, long n, uint64_t *ticks)
{
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = tsc();
        long p = sc6(SYS_mmap, 0, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p < 0 && p > -4096)
            return fail("mmap", p);
        for (long off = 0; off < MAP_BYTES; off += PAGE)
            *(volatile char *)(p + off) = 1;
        long r = sc3(SYS_munmap, p, MAP_BYTES, 0);
        if (r < 0)
            return fail("munmap", r);
    }
    *ticks = tsc() - t0;
    return 0;
}

/* Page faults alone: the break is raised once, untimed, then each timed
 * iteration writes one byte into a page never touched before (a
 * demand-zero fault: allocate, zero and map a frame). */
static int b_brk_page_fault(long warm, long n, uint64_t *ticks)
{
    long base = sc1(SYS_brk, 0);
    long want = (base + PAGE - 1) / PAGE * PAGE + (warm + n) * PAGE;
    long r = sc1(SYS_brk, want);
    if (r < want)
        return fail("brk did not grow", r);
    char *page = (char *)((base + PAGE - 1) / PAGE * PAGE);
    for (long i = 0; i < warm; i++, page += PAGE)
        *(volatile char *)page = 1;
    uint64_t t0 = tsc();
    for (long i = 0; i < n; i++, page += PAGE)
        *(volatile char *)page = 1;
    *ticks = tsc() - t0;
    sc1(SYS_brk, base);
    return 0;
}

/* Two processes calling sched_yield(2) in turn: each timed parent
 * iteration is two switches (to the child and back). A pipe byte says
 * the child is running before the clock starts. */
static int b_sched_yield(long warm, long n, uint64_t *ticks)
{
    int ready[2];
    long r = sc1(SYS_pipe, (long)ready);
    if (r < 0)
        return fail("pipe", r);
    long pid = sc0(SYS_fork);
    if (pid < 0)
        return fail("fork", pid);
    char c = 'r';
    if (pid == 0) {
        if (sc3(SYS_write, ready[1], (long)&c, 1) != 1)
            raw_exit(2);
        for (long i = 0; i < warm + n; i++)
            sc0(SYS_sched_yield);
        raw_exit(0);
    }
    sc1(SYS_close, ready[1]);
    r = sc3(SYS_read, ready[0], (long)&c, 1);
    sc1(SYS_close, ready[0]);
    if (r != 1)
        return fail("read the child's ready byte", r);
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = tsc();
        sc0(SYS_sched_yield);
    }
    *ticks = tsc() - t0;
    return reap(pid, "child");
}

static const struct bench {
    const char *name;
    long iterations;
    long ops_per_iteration; /* the unit the per-op figure is in */
    const char *op;         /* what one op is, for `bench list` */
    int (*run)(long warm, long n, uint64_t *ticks);
} benches[] = {
    {"syscall-empty", 20000, 1, "call of an unknown system call number (-ENOSYS)", b_syscall_empty},
    {"getppid", 20000, 1, "getppid() call", b_getppid},
    {"getpid", 20000, 1, "getpid() call", b_getpid},
    {"read-dev-zero", 20000, 1, "1-byte read() from /dev/zero", b_read_zero},
    {"write-dev-null", 20000, 1, "1-byte write() to /dev/null", b_write_null},
    {"pipe-pingpong", 1000, 1, "round trip of 1 byte between two processes over two pipes", b_pipe_pingpong},
    {"fork-exit-wait", 200, 1, "fork(), child exit_group(0), wait4()", b_fork_exit_wait},
    {"fork-exec-wait", 100, 1, "fork(), child execve() of /bin/tiny (only exit_group), wait4()",
     b_fork_exec_wait},
    {"fork-exec-busybox", 20, 1, "fork(), child execve() of /bin/busybox true (2 MB static glibc program), wait4()",
     b_fork_exec_busybox},
    {"fork-exec-dyn-true", 20, 1, "fork(), child execve() of Debian's dynamically linked /usr/bin/true, wait4()",
     b_fork_exec_dyn_true},
    {"python3-startup", 5, 1, "fork(), child execve() of python3 -c pass (Debian's python3.11), wait4()",
     b_python3_startup},
    {"mmap-touch-munmap", 50, 1, "mmap() of 1 MiB anonymous memory, one write per page, munmap()",
     b_mmap_touch_munmap},
    {"brk-page-fault", 2048, 1, "first write to a fresh page of the heap (demand-zero fault)", b_brk_page_fault},
    {"sched-yield", 2000, 2, "switch between two processes calling sched_yield()", b_sched_yield},
};
#define NBENCH (sizeof benches / sizeof benches[0])

static int run_one(const struct bench *b, int smoke)
{
    char line[256];
    uint64_t ticks = 0;
    long n = smoke ? (b->iterations / 100 > 0 ? b->iterations / 100 : 1) : b->iterations;
    long warm = n / 10 > 0 ? n / 10 : 1;
    reason[0] = 0;
    if (b->run(warm, n, &ticks) < 0) {
        snprintf(line, sizeof line, "BENCH-FAIL %s %s\n", b->name, reason[0] ? reason : "failed");
        out(line);
        if (smoke) {
            snprintf(line, sizeof line, "not ok - %s\n", b->name);
            out(line);
        }
        return 1;
    }
    uint64_t ops = (uint64_t)n * (uint64_t)b->ops_per_iteration;
    uint64_t tenths = (ticks * 10 + ops / 2) / ops;
    snprintf(line, sizeof line, "BENCH %s %llu %llu %llu.%llu\n", b->name, (unsigned long long)ops,
             (unsigned long long)ticks, (unsigned long long)(tenths / 10), (unsigned long long)(tenths % 10));
    out(line);
    if (smoke) {
        snprintf(line, sizeof line, "ok - %s\n", b->name);
        out(line);
    }
    return 0;
}

/* Runs one benchmark in a child process, so each starts from the same
 * address space (no heap or mappings left by the one before) and a crash
 * costs one row, not the rest. Returns 1 if it failed, else 0. */
static int run_isolated(const struct bench *b, int smoke)
{
    long pid = sc0(SYS_fork);
    if (pid < 0)
        return run_one(b, smoke);
    if (pid == 0)
        raw_exit(run_one(b, smoke));
    int status = -1;
    long r;
    do
        r = sc4(SYS_wait4, pid, (long)&status, 0, 0);
    while (r == -4);
    if (r == pid && (status & 0x7f) == 0)
        return ((status >> 8) & 0xff) != 0;
    char line[128];
    if (r != pid)
        snprintf(line, sizeof line, "BENCH-FAIL %s wait4: %s\n", b->name, errname(-r));
    else
        snprintf(line, sizeof line, "BENCH-FAIL %s killed by signal %d\n", b->name, status & 0x7f);
    out(line);
    if (smoke) {
        snprintf(line, sizeof line, "not ok - %s\n", b->name);
        out(line);
    }
    return 1;
}

/* Linux runs /init with fds 0-2 on /dev/console when the initramfs has
 * it (the kernel's built-in one does). If not, make it ourselves. */
static void ensure_stdout(void)
{
    if (sc3(SYS_fcntl, 1, F_GETFD, 0) >= 0)
        return;
    long fd = open_dev("/dev/console", 5, 1, O_RDWR);
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
    uint64_t main_tsc = tsc();
    ensure_stdout();
    if (argc >= 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < NBENCH; i++) {
            out(benches[i].name);
            out("\t");
            out(benches[i].op);
            out("\n");
        }
        return 0;
    }
    char line[96];
    snprintf(line, sizeof line, "BENCH-PID1 %llu %s\n",
             (unsigned long long)(bench_entry_tsc ? bench_entry_tsc : main_tsc),
             bench_entry_tsc ? "entry" : "main");
    out(line);
    int failed = 0, off = 0, smoke = 0;
    for (int i = 1; i < argc; i++) {
        off |= strcmp(argv[i], "--poweroff") == 0;
        smoke |= strcmp(argv[i], "--smoke") == 0;
    }
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] == '-')
            continue; /* the options, taken above */
        if (strcmp(argv[i], "all") == 0) {
            for (size_t j = 0; j < NBENCH; j++)
                failed += run_isolated(&benches[j], smoke);
            continue;
        }
        size_t j = 0;
        while (j < NBENCH && strcmp(argv[i], benches[j].name) != 0)
            j++;
        if (j == NBENCH) {
            snprintf(line, sizeof line, "BENCH-FAIL %.40s unknown benchmark (bench list: the names)\n", argv[i]);
            out(line);
            failed++;
            continue;
        }
        failed += run_isolated(&benches[j], smoke);
    }
    if (off) {
        out("BENCH-DONE\n");
        poweroff();
    }
    return failed > 125 ? 125 : failed;
}
