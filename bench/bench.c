/*
 * bench.c - Tiny OS's micro-benchmarks, one static Linux executable that
 * runs unchanged on Tiny OS and on Linux (tools/bench boots both in the
 * same QEMU configuration with this program as /init; DESIGN.md 6).
 *
 *   bench [--smoke] [--ops N] [--poweroff] [--load-modules DIR] [NAME...|all|cpu|disk]
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
 * NAME may also be a group: all, cpu (every row but the disk ones) or
 * disk (the disk-* rows, which need an ext2-formatted /dev/vda).
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
 * --ops N runs N timed iterations of each (and N / 10 to warm up):
 * for tools/profile, whose log grows with every instruction.
 * --load-modules DIR (Linux: Debian's kernel has virtio_blk and ext4 as
 * modules): before the benchmarks, load the modules DIR/order names, in
 * that order, with finit_module(2) (tools/bench puts them in the
 * initramfs at /usr/lib/modules/bench). Any failure is printed as
 * BENCH-MODULE NAME errno and the disk rows then fail on their own.
 * --poweroff (for Linux, where this program is PID 1 and must not exit):
 * after the benchmarks, print BENCH-DONE and power off with reboot(2).
 * If that fails (Tiny OS powers off when PID 1 exits) the program exits.
 * Exit status: the number of failed benchmarks (capped at 125).
 *
 * The timed paths use raw system calls (inline `syscall`), never the C
 * library's wrappers, so nothing is cached or added in user space.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
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

/* A forked child's execve: when it fails, the child exits with 100 +
 * errno (99 past errno 99), which the parent's reap reports. */
static __attribute__((noreturn)) void exec_or_exit(const char *path, char *const argv[], char *const envp[])
{
    long r = sc3(SYS_execve, (long)path, (long)argv, (long)envp);
    raw_exit(r < 0 && -r < 100 ? 100 + (int)-r : 99);
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
             {16, "EBUSY"},  {17, "EEXIST"}, {19, "ENODEV"}, {20, "ENOTDIR"}, {21, "EISDIR"},
             {22, "EINVAL"}, {24, "EMFILE"}, {28, "ENOSPC"}, {30, "EROFS"},  {32, "EPIPE"},
             {38, "ENOSYS"}, {5, "EIO"},     {6, "ENXIO"},   {117, "EUCLEAN"}};
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
        if (pid == 0)
            exec_or_exit(path, argv, envp);
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


/* ---- bulk data, signals, path walks -----------------------------------
 * The paths real programs spend their time in: moving 64 KiB at a time
 * through a pipe or a socket, files on tmpfs, a signal handler's round
 * trip, and a path walk four directories down. The file rows work in a
 * tmpfs mounted on /tmp for the row and unmounted after it. */

/* --smoke: smaller files (cat-wc's and the disk rows'), so the test
 * suite's run stays short. */
static int smoke_mode;

#define BULK_CHUNK (64L << 10) /* bytes per write() and read() */
static char bulk_buf[BULK_CHUNK] __attribute__((aligned(4096)));
static char bulk_out[BULK_CHUNK] __attribute__((aligned(4096)));

static const char tmp_dir[] = "/tmp";

static int tmp_mount(void)
{
    sc3(SYS_mkdir, (long)tmp_dir, 01777, 0);
    long r = sc6(SYS_mount, (long)"tmpfs", (long)tmp_dir, (long)"tmpfs", 0, 0, 0);
    return r < 0 ? fail("mount -t tmpfs tmpfs /tmp", r) : 0;
}

static void tmp_umount(void) { sc3(SYS_umount2, (long)tmp_dir, 0, 0); }

/* Reads exactly len bytes from fd, in read() calls of at most
 * BULK_CHUNK bytes: byte i of the stream lands at buf[i % BULK_CHUNK],
 * so a whole number of chunks leaves the last chunk in buf however the
 * reads were cut. 0, or -1 with `reason` set. */
static int read_full(long fd, long len, char *buf)
{
    for (long pos = 0; len > 0;) {
        long want = BULK_CHUNK - pos < len ? BULK_CHUNK - pos : len;
        long r = sc3(SYS_read, fd, (long)buf + pos, want);
        if (r <= 0)
            return fail("read", r);
        len -= r;
        pos = (pos + r) % BULK_CHUNK;
    }
    return 0;
}

/* A writer process sends warm + n chunks of BULK_CHUNK bytes through
 * fds[1]; this process reads them from fds[0] and times the last n. The
 * writer has room ahead of the reader (the pipe's or socket's buffer),
 * as it would in a real producer-consumer pair. */
static int time_stream(int fds[2], long warm, long n, uint64_t *ticks)
{
    for (long i = 0; i < BULK_CHUNK; i++)
        bulk_out[i] = (char)i;
    long pid = sc0(SYS_fork);
    if (pid < 0)
        return fail("fork", pid);
    if (pid == 0) {
        sc1(SYS_close, fds[0]);
        for (long i = 0; i < warm + n; i++)
            for (long done = 0; done < BULK_CHUNK;) {
                long r = sc3(SYS_write, fds[1], (long)bulk_out + done, BULK_CHUNK - done);
                if (r <= 0)
                    raw_exit(2);
                done += r;
            }
        raw_exit(0);
    }
    sc1(SYS_close, fds[1]);
    int rc = read_full(fds[0], warm * BULK_CHUNK, bulk_buf);
    uint64_t t0 = tsc();
    if (rc == 0)
        rc = read_full(fds[0], n * BULK_CHUNK, bulk_buf);
    *ticks = tsc() - t0;
    if (rc == 0 && memcmp(bulk_buf, bulk_out, BULK_CHUNK) != 0)
        rc = fail("the bytes read are not the bytes written", 0);
    sc1(SYS_close, fds[0]);
    if (reap(pid, "writer") < 0 && rc == 0)
        rc = -1;
    return rc;
}

static int b_pipe_bandwidth(long warm, long n, uint64_t *ticks)
{
    int fds[2];
    long r = sc1(SYS_pipe, (long)fds);
    return r < 0 ? fail("pipe", r) : time_stream(fds, warm, n, ticks);
}

static int b_unix_bandwidth(long warm, long n, uint64_t *ticks)
{
    int fds[2];
    long r = sc4(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (long)fds);
    return r < 0 ? fail("socketpair(AF_UNIX, SOCK_STREAM)", r) : time_stream(fds, warm, n, ticks);
}

#define TMP_FILE_BYTES (1L << 20)

/* A 1 MiB file on tmpfs, written once (untimed); then each op writes or
 * reads all of it again in BULK_CHUNK pwrite64/pread64 calls. */
static int time_tmp_file(long nr, long warm, long n, uint64_t *ticks)
{
    if (tmp_mount() < 0)
        return -1;
    int rc = 0;
    long fd = sc4(SYS_open, (long)"/tmp/data", O_CREAT | O_RDWR, 0644, 0);
    if (fd < 0) {
        tmp_umount();
        return fail("create /tmp/data", fd);
    }
    for (long off = 0; off < TMP_FILE_BYTES && rc == 0; off += BULK_CHUNK) {
        long r = sc4(SYS_pwrite64, fd, (long)bulk_out, BULK_CHUNK, off);
        if (r != BULK_CHUNK)
            rc = fail("write /tmp/data", r);
    }
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n && rc == 0; i++) {
        if (i == warm)
            t0 = tsc();
        char *buf = nr == SYS_pread64 ? bulk_buf : bulk_out;
        for (long off = 0; off < TMP_FILE_BYTES; off += BULK_CHUNK) {
            long r = sc4(nr, fd, (long)buf, BULK_CHUNK, off);
            if (r != BULK_CHUNK) {
                rc = fail(nr == SYS_pread64 ? "pread64" : "pwrite64", r);
                break;
            }
        }
    }
    *ticks = tsc() - t0;
    sc1(SYS_close, fd);
    sc1(SYS_unlink, (long)"/tmp/data");
    tmp_umount();
    return rc;
}

static int b_tmpfs_write(long warm, long n, uint64_t *ticks) { return time_tmp_file(SYS_pwrite64, warm, n, ticks); }

static int b_tmpfs_read(long warm, long n, uint64_t *ticks) { return time_tmp_file(SYS_pread64, warm, n, ticks); }

static volatile long signals_caught;

static void on_usr1(int sig)
{
    (void)sig;
    signals_caught++;
}

/* kill(2) of the process itself with SIGUSR1: the kernel builds the
 * signal frame on the way out of kill, the handler runs, rt_sigreturn
 * restores the frame. The handler is installed untimed, through the C
 * library (which supplies the SA_RESTORER trampoline both kernels need). */
static int b_signal_roundtrip(long warm, long n, uint64_t *ticks)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    if (sigaction(SIGUSR1, &sa, NULL) < 0)
        return fail("sigaction", -1);
    long pid = sc0(SYS_getpid);
    for (long i = 0; i < warm; i++)
        sc3(SYS_kill, pid, SIGUSR1, 0);
    uint64_t t0 = tsc();
    for (long i = 0; i < n; i++)
        sc3(SYS_kill, pid, SIGUSR1, 0);
    *ticks = tsc() - t0;
    if (signals_caught != warm + n)
        return fail("handler calls", signals_caught);
    return 0;
}

static const char deep_dirs[][32] = {"/tmp/usr", "/tmp/usr/share", "/tmp/usr/share/doc", "/tmp/usr/share/doc/tinyos"};
static const char deep_file[] = "/tmp/usr/share/doc/tinyos/README";

/* stat(2) or open(2)+close(2) of a file four directories below /tmp
 * (a tmpfs): a path walk of six components, the mount crossing included. */
static int time_deep_path(int do_open, long warm, long n, uint64_t *ticks)
{
    if (tmp_mount() < 0)
        return -1;
    long r = 0;
    for (size_t i = 0; i < sizeof deep_dirs / sizeof deep_dirs[0] && r >= 0; i++)
        r = sc3(SYS_mkdir, (long)deep_dirs[i], 0755, 0);
    if (r >= 0 && (r = sc4(SYS_open, (long)deep_file, O_CREAT | O_WRONLY, 0644, 0)) >= 0)
        r = sc1(SYS_close, r);
    int rc = r < 0 ? fail("make /tmp/usr/share/doc/tinyos/README", r) : 0;
    struct stat st;
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n && rc == 0; i++) {
        if (i == warm)
            t0 = tsc();
        if (do_open) {
            r = sc3(SYS_open, (long)deep_file, O_RDONLY, 0);
            if (r >= 0)
                r = sc1(SYS_close, r);
        } else {
            r = sc3(SYS_stat, (long)deep_file, (long)&st, 0);
        }
        if (r < 0)
            rc = fail(do_open ? "open" : "stat", r);
    }
    *ticks = tsc() - t0;
    sc1(SYS_unlink, (long)deep_file);
    for (long i = sizeof deep_dirs / sizeof deep_dirs[0] - 1; i >= 0; i--)
        sc1(SYS_rmdir, (long)deep_dirs[i]);
    tmp_umount();
    return rc;
}

static int b_stat_path(long warm, long n, uint64_t *ticks) { return time_deep_path(0, warm, n, ticks); }

static int b_open_close_path(long warm, long n, uint64_t *ticks) { return time_deep_path(1, warm, n, ticks); }

#define CAT_FILE_BYTES (16L << 20)

static long cat_file_bytes(void) { return smoke_mode ? CAT_FILE_BYTES / 16 : CAT_FILE_BYTES; }


/* Forks a child running busybox argv with stdin and stdout moved to in
 * and out (-1: left as they are). */
static long spawn_busybox(char *const argv[], long in, long out_fd, long close1, long close2)
{
    long pid = sc0(SYS_fork);
    if (pid != 0)
        return pid;
    if (in >= 0)
        sc3(SYS_dup2, in, 0, 0);
    if (out_fd >= 0)
        sc3(SYS_dup2, out_fd, 1, 0);
    sc1(SYS_close, close1);
    sc1(SYS_close, close2);
    char *const envp[] = {NULL};
    exec_or_exit("/bin/busybox", argv, envp);
}

/* The shell's `cat FILE | wc -c` without the shell: busybox cat of a
 * 16 MiB tmpfs file into a pipe, busybox wc -c reading it, both
 * started, run and waited for in each op. wc's answer is checked. */
static int b_cat_wc(long warm, long n, uint64_t *ticks)
{
    if (tmp_mount() < 0)
        return -1;
    int rc = 0;
    long fd = sc4(SYS_open, (long)"/tmp/big", O_CREAT | O_WRONLY, 0644, 0);
    if (fd < 0)
        rc = fail("create /tmp/big", fd);
    for (long off = 0; off < cat_file_bytes() && rc == 0; off += BULK_CHUNK) {
        long r = sc3(SYS_write, fd, (long)bulk_out, BULK_CHUNK);
        if (r != BULK_CHUNK)
            rc = fail("write /tmp/big", r);
    }
    if (fd >= 0)
        sc1(SYS_close, fd);
    char *const cat_argv[] = {"cat", "/tmp/big", NULL};
    char *const wc_argv[] = {"wc", "-c", NULL};
    uint64_t t0 = 0;
    for (long i = 0; i < warm + n && rc == 0; i++) {
        if (i == warm)
            t0 = tsc();
        int data[2], answer[2];
        long r = sc1(SYS_pipe, (long)data);
        if (r < 0 || (r = sc1(SYS_pipe, (long)answer)) < 0) {
            rc = fail("pipe", r);
            break;
        }
        long cat = spawn_busybox(cat_argv, -1, data[1], data[0], answer[0]);
        long wc = spawn_busybox(wc_argv, data[0], answer[1], data[1], answer[0]);
        sc1(SYS_close, data[0]);
        sc1(SYS_close, data[1]);
        sc1(SYS_close, answer[1]);
        char got[32] = {0};
        long len = sc3(SYS_read, answer[0], (long)got, sizeof got - 1);
        sc1(SYS_close, answer[0]);
        if (cat < 0 || wc < 0)
            rc = fail("fork", cat < 0 ? cat : wc);
        else if (reap(cat, "busybox cat") < 0 || reap(wc, "busybox wc") < 0)
            rc = -1;
        else if (len <= 0 || strtol(got, NULL, 10) != cat_file_bytes())
            rc = fail("wc -c did not count the file's bytes", len);
    }
    *ticks = tsc() - t0;
    sc1(SYS_unlink, (long)"/tmp/big");
    tmp_umount();
    return rc;
}


/* ---- the disk benchmarks ---------------------------------------------
 * The same virtio disk on both kernels: tools/bench makes a fresh ext2
 * image on the host for every boot (mke2fs -t ext2, 4 KiB blocks) and
 * attaches it as the first virtio disk, /dev/vda. Each benchmark mounts
 * it on /mnt, leaves nothing behind and unmounts it, so the rows do not
 * depend on each other's leftovers (beyond where free blocks lie). */

static const char disk_dev[] = "/dev/vda";
static const char disk_mnt[] = "/mnt";
#define DISK_FILE_BYTES (16L << 20) /* the file the data rows write and read */
#define DISK_CHUNK (64L << 10)      /* bytes per read() or write() call */
#define DISK_FILES 1000             /* the metadata rows' files */

static long disk_file_bytes(void) { return smoke_mode ? DISK_FILE_BYTES / 16 : DISK_FILE_BYTES; }

static char disk_buf[DISK_CHUNK] __attribute__((aligned(4096)));

/* /dev/vda, mounted on /mnt. Linux started with only our initramfs has
 * no /dev/vda node (its devtmpfs is not mounted there): mount one. */
static int disk_mount(void)
{
    long r = sc3(SYS_open, (long)disk_dev, O_RDONLY, 0);
    if (r == -2) {
        sc3(SYS_mkdir, (long)"/dev", 0755, 0);
        sc6(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0, 0);
        r = sc3(SYS_open, (long)disk_dev, O_RDONLY, 0);
    }
    if (r < 0)
        return fail("open /dev/vda (no virtio disk?)", r);
    sc1(SYS_close, r);
    sc3(SYS_mkdir, (long)disk_mnt, 0755, 0);
    r = sc6(SYS_mount, (long)disk_dev, (long)disk_mnt, (long)"ext2", 0, 0, 0);
    if (r < 0)
        return fail("mount -t ext2 /dev/vda /mnt", r);
    return 0;
}

static int disk_umount(void)
{
    long r = sc3(SYS_umount2, (long)disk_mnt, 0, 0);
    return r < 0 ? fail("umount /mnt", r) : 0;
}

/* Writes `bytes` of disk_buf's pattern to path (created or truncated) in
 * DISK_CHUNK calls, then fsync; *ticks gets the time of all that when
 * ticks is not NULL. */
static int disk_write_file(const char *path, long bytes, uint64_t *ticks)
{
    uint64_t t0 = tsc();
    long fd = sc3(SYS_open, (long)path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0)
        return fail("create a file on /mnt", fd);
    for (long done = 0; done < bytes; done += DISK_CHUNK) {
        long r = sc3(SYS_write, fd, (long)disk_buf, DISK_CHUNK);
        if (r != DISK_CHUNK) {
            sc1(SYS_close, fd);
            return fail("write", r);
        }
    }
    long r = sc1(SYS_fsync, fd);
    sc1(SYS_close, fd);
    if (ticks)
        *ticks += tsc() - t0;
    return r < 0 ? fail("fsync", r) : 0;
}

static void disk_fill_pattern(void)
{
    for (long i = 0; i < DISK_CHUNK; i++)
        disk_buf[i] = (char)(i * 7 + 1);
}

/* One op: a new 16 MiB file written with 64 KiB write() calls, then
 * fsync() (data, inode, bitmaps and directory on the disk, the device's
 * cache flushed) and close(). Each iteration writes its own file. */
static int b_disk_write_fsync(long warm, long n, uint64_t *ticks)
{
    if (disk_mount() < 0)
        return -1;
    disk_fill_pattern();
    char path[32];
    uint64_t t = 0;
    int rc = 0;
    for (long i = 0; i < warm + n && rc == 0; i++) {
        snprintf(path, sizeof path, "/mnt/w%ld", i);
        rc = disk_write_file(path, disk_file_bytes(), i < warm ? NULL : &t);
    }
    for (long i = 0; i < warm + n; i++) {
        snprintf(path, sizeof path, "/mnt/w%ld", i);
        sc1(SYS_unlink, (long)path);
    }
    *ticks = t;
    if (disk_umount() < 0 && rc == 0)
        rc = -1;
    return rc;
}

/* One op: open(), the whole 16 MiB file with 64 KiB read() calls,
 * close(), from a cold cache: before each, untimed, the file system is
 * unmounted and mounted again, so both kernels read the disk (Linux
 * drops the device's and the file's pages with its last user). */
static int b_disk_read_cold(long warm, long n, uint64_t *ticks)
{
    static const char path[] = "/mnt/r";
    if (disk_mount() < 0)
        return -1;
    disk_fill_pattern();
    int rc = disk_write_file(path, disk_file_bytes(), NULL);
    uint64_t t = 0;
    for (long i = 0; i < warm + n && rc == 0; i++) {
        if (disk_umount() < 0 || disk_mount() < 0)
            return -1;
        memset(disk_buf, 0, sizeof disk_buf);
        uint64_t t0 = tsc();
        long fd = sc3(SYS_open, (long)path, O_RDONLY, 0);
        if (fd < 0) {
            rc = fail("open the file again", fd);
            break;
        }
        long total = 0, r;
        while ((r = sc3(SYS_read, fd, (long)disk_buf, DISK_CHUNK)) > 0)
            total += r;
        sc1(SYS_close, fd);
        if (i >= warm)
            t += tsc() - t0;
        if (r < 0)
            rc = fail("read", r);
        else if (total != disk_file_bytes())
            rc = fail("read back a different size", total);
        else if (disk_buf[DISK_CHUNK - 1] != (char)((DISK_CHUNK - 1) * 7 + 1))
            rc = fail("read back different bytes", (unsigned char)disk_buf[DISK_CHUNK - 1]);
    }
    sc1(SYS_unlink, (long)path);
    *ticks = t;
    if (disk_umount() < 0 && rc == 0)
        rc = -1;
    return rc;
}

/* The metadata rows: DISK_FILES empty files in a new directory. */
enum meta_op { META_CREATE, META_STAT, META_UNLINK };

static char meta_names[DISK_FILES + DISK_FILES / 10 + 1][24];

/* Times one kind of operation on each of n files (after warm on other
 * files); the files the timed part needs are made beforehand, untimed,
 * and everything is removed afterwards. */
static int disk_meta(enum meta_op op, long warm, long n, uint64_t *ticks)
{
    if (warm + n > (long)(sizeof meta_names / sizeof meta_names[0]))
        return fail("too many files", warm + n);
    if (disk_mount() < 0)
        return -1;
    long r = sc3(SYS_mkdir, (long)"/mnt/d", 0755, 0);
    if (r < 0) {
        disk_umount();
        return fail("mkdir /mnt/d", r);
    }
    for (long i = 0; i < warm + n; i++)
        snprintf(meta_names[i], sizeof meta_names[i], "/mnt/d/file-%05ld", i);
    int rc = 0;
    long made = 0;
    uint64_t t0 = 0, t = 0;
    if (op != META_CREATE) {
        for (; made < warm + n; made++) {
            r = sc3(SYS_open, (long)meta_names[made], O_CREAT | O_EXCL | O_WRONLY, 0644);
            if (r < 0)
                break;
            sc1(SYS_close, r);
        }
        if (r < 0)
            rc = fail("create", r);
    }
    struct stat st;
    for (long i = 0; i < warm + n && rc == 0; i++) {
        if (i == warm)
            t0 = tsc();
        if (op == META_CREATE) {
            r = sc3(SYS_open, (long)meta_names[i], O_CREAT | O_EXCL | O_WRONLY, 0644);
            if (r >= 0) {
                made++;
                r = sc1(SYS_close, r);
            }
        } else if (op == META_STAT) {
            r = sc3(SYS_stat, (long)meta_names[i], (long)&st, 0);
        } else {
            r = sc1(SYS_unlink, (long)meta_names[i]);
        }
        if (r < 0)
            rc = fail(op == META_CREATE ? "create" : op == META_STAT ? "stat" : "unlink", r);
    }
    t = tsc() - t0;
    if (op != META_UNLINK)
        for (long i = 0; i < made; i++)
            sc1(SYS_unlink, (long)meta_names[i]);
    r = sc1(SYS_rmdir, (long)"/mnt/d");
    if (r < 0 && rc == 0)
        rc = fail("rmdir /mnt/d", r);
    *ticks = t;
    if (disk_umount() < 0 && rc == 0)
        rc = -1;
    return rc;
}

static int b_disk_create(long warm, long n, uint64_t *ticks) { return disk_meta(META_CREATE, warm, n, ticks); }

static int b_disk_stat(long warm, long n, uint64_t *ticks) { return disk_meta(META_STAT, warm, n, ticks); }

static int b_disk_unlink(long warm, long n, uint64_t *ticks) { return disk_meta(META_UNLINK, warm, n, ticks); }

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
    {"pipe-bandwidth", 1000, 1, "64 KiB write() into a pipe, read() by another process (64 KiB read() calls)",
     b_pipe_bandwidth},
    {"unix-bandwidth", 1000, 1, "64 KiB write() into an AF_UNIX stream socket, read() by another process",
     b_unix_bandwidth},
    {"tmpfs-write", 100, 1, "1 MiB written over a tmpfs file (64 KiB pwrite64() calls)", b_tmpfs_write},
    {"tmpfs-read", 100, 1, "1 MiB read from a tmpfs file (64 KiB pread64() calls)", b_tmpfs_read},
    {"signal-roundtrip", 5000, 1, "kill() of itself with SIGUSR1, handler, rt_sigreturn()", b_signal_roundtrip},
    {"stat-path", 5000, 1, "stat() of /tmp/usr/share/doc/tinyos/README (tmpfs)", b_stat_path},
    {"open-close-path", 5000, 1, "open() and close() of /tmp/usr/share/doc/tinyos/README (tmpfs)",
     b_open_close_path},
    {"cat-wc", 5, 1, "busybox cat of a 16 MiB tmpfs file into a pipe, busybox wc -c reading it (fork, exec, wait both)",
     b_cat_wc},
    {"disk-write-fsync", 4, 1, "16 MiB written to a new file on ext2 (64 KiB write() calls), fsync(), close()",
     b_disk_write_fsync},
    {"disk-read-cold", 4, 1, "16 MiB file read (64 KiB read() calls) after umount and mount (cold caches)",
     b_disk_read_cold},
    {"disk-create", DISK_FILES, 1, "empty file created in an ext2 directory growing to 1,100 files (open O_CREAT|O_EXCL, close)",
     b_disk_create},
    {"disk-stat", DISK_FILES, 1, "stat() of a file in an ext2 directory of 1,100 files (just created)",
     b_disk_stat},
    {"disk-unlink", DISK_FILES, 1, "unlink() of an empty file in an ext2 directory of 1,100 files", b_disk_unlink},
};
#define NBENCH (sizeof benches / sizeof benches[0])

/* --ops N: every benchmark runs N timed iterations (tools/profile's
 * runs: enough to drown the boot, few enough to keep its log small). */
static long ops_override;

static int run_one(const struct bench *b, int smoke)
{
    char line[256];
    uint64_t ticks = 0;
    long n = smoke ? (b->iterations / 100 > 0 ? b->iterations / 100 : 1) : b->iterations;
    if (ops_override > 0)
        n = ops_override;
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

/* --load-modules DIR: finit_module(2) of each file DIR/order names (one
 * a line), in order; a module already there (EEXIST) is fine. */
static void load_modules(const char *dir)
{
    char path[256], list[1024], line[320];
    snprintf(path, sizeof path, "%s/order", dir);
    long fd = sc3(SYS_open, (long)path, O_RDONLY, 0);
    long len = fd < 0 ? fd : sc3(SYS_read, fd, (long)list, sizeof list - 1);
    if (fd >= 0)
        sc1(SYS_close, fd);
    if (len < 0) {
        snprintf(line, sizeof line, "BENCH-MODULE %s %s\n", path, errname(-len));
        out(line);
        return;
    }
    list[len] = 0;
    for (char *name = list, *end; *name; name = end) {
        end = strchr(name, '\n');
        if (!end)
            end = name + strlen(name);
        else
            *end++ = 0;
        if (!*name)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        long r = fd = sc3(SYS_open, (long)path, O_RDONLY, 0);
        if (fd >= 0) {
            r = sc3(SYS_finit_module, fd, (long)"", 0);
            sc1(SYS_close, fd);
        }
        if (r < 0 && r != -17) {
            snprintf(line, sizeof line, "BENCH-MODULE %s %s\n", name, errname(-r));
            out(line);
        }
    }
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
        if (strcmp(argv[i], "--load-modules") == 0 && i + 1 < argc)
            load_modules(argv[++i]);
        if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc)
            ops_override = strtol(argv[++i], NULL, 10);
    }
    smoke_mode = smoke;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--load-modules") == 0 || strcmp(argv[i], "--ops") == 0) {
            i++; /* and its argument */
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] == '-')
            continue; /* the options, taken above */
        /* all, or the groups: disk (the disk-* rows, which need a disk)
         * and cpu (the others). */
        if (strcmp(argv[i], "all") == 0 || strcmp(argv[i], "cpu") == 0 || strcmp(argv[i], "disk") == 0) {
            for (size_t j = 0; j < NBENCH; j++) {
                int disk_row = strncmp(benches[j].name, "disk-", 5) == 0;
                if (argv[i][0] == 'a' || disk_row == (argv[i][0] == 'd'))
                    failed += run_isolated(&benches[j], smoke);
            }
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
