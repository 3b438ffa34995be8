/* lock_statfs_test.c - advisory locks between processes (flock(2),
 * fcntl(2) record locks and OFD locks) and statfs(2). Differential:
 * Linux is the oracle (the root file system's type is checked only when
 * running as Tiny OS's init, where it is tmpfs). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statfs.h>
#include <sys/vfs.h>

#include "tt.h"

#define PATH "/tmp/lock_statfs_x"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* Runs fn in a child and returns its exit status. */
static int in_child(int (*fn)(void))
{
    pid_t c = fork();
    if (c == 0)
        _exit(fn());
    int st;
    waitpid(c, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
}

static int child_flock_ex_nb(void)
{
    int fd = open(PATH, O_RDWR);
    return flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : errno == EWOULDBLOCK ? 1 : 2;
}
static int child_flock_sh_nb(void)
{
    int fd = open(PATH, O_RDWR);
    return flock(fd, LOCK_SH | LOCK_NB) == 0 ? 0 : errno == EWOULDBLOCK ? 1 : 2;
}

static int setlk(int fd, int cmd, short type, off_t start, off_t len)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
    return fcntl(fd, cmd, &fl) == 0 ? 0 : -errno;
}
static int child_wrlock_0_10(void)
{
    int fd = open(PATH, O_RDWR);
    int r = setlk(fd, F_SETLK, F_WRLCK, 0, 10);
    return r == 0 ? 0 : r == -EAGAIN || r == -EACCES ? 1 : 2;
}
static int child_wrlock_20_5(void)
{
    int fd = open(PATH, O_RDWR);
    return setlk(fd, F_SETLK, F_WRLCK, 20, 5) == 0 ? 0 : 1;
}

static void flocks(void)
{
    int a = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_EQ(flock(a, LOCK_EX), 0, "flock LOCK_EX");
    CHECK_EQ(in_child(child_flock_ex_nb), 1, "another open file: LOCK_EX|LOCK_NB fails with EWOULDBLOCK");
    CHECK_EQ(in_child(child_flock_sh_nb), 1, "and so does LOCK_SH|LOCK_NB");
    int d = dup(a);
    CHECK_EQ(flock(d, LOCK_EX | LOCK_NB), 0, "a dup shares the lock (same open file description)");
    CHECK_EQ(flock(a, LOCK_SH), 0, "converted to shared");
    CHECK_EQ(in_child(child_flock_sh_nb), 0, "other shared locks are granted");
    CHECK_EQ(in_child(child_flock_ex_nb), 1, "exclusive ones are not");
    close(a);
    CHECK_EQ(in_child(child_flock_ex_nb), 1, "closing one of two descriptors keeps it");
    close(d);
    CHECK_EQ(in_child(child_flock_ex_nb), 0, "closing the last releases it");
    CHECK(flock(99, LOCK_EX) < 0 && errno == EBADF, "bad descriptor: EBADF");
    a = open(PATH, O_RDWR);
    CHECK(flock(a, 0) < 0 && errno == EINVAL, "no operation: EINVAL");

    /* A blocked LOCK_EX waits until the holder (a child) exits. */
    int p[2];
    pipe(p);
    pid_t c = fork();
    if (c == 0) {
        int fd = open(PATH, O_RDWR);
        flock(fd, LOCK_EX);
        write(p[1], "x", 1);
        sleep_ms(50);
        _exit(0);
    }
    char x;
    read(p[0], &x, 1);
    CHECK(flock(a, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK, "the child holds it");
    CHECK_EQ(flock(a, LOCK_EX), 0, "a blocking flock gets it when the holder exits");
    waitpid(c, NULL, 0);
    flock(a, LOCK_UN);
    close(a);
    close(p[0]);
    close(p[1]);
}

static void on_alarm(int sig) { (void)sig; }

static void records(void)
{
    int a = open(PATH, O_RDWR);
    CHECK_EQ(setlk(a, F_SETLK, F_WRLCK, 0, 10), 0, "F_SETLK write lock on bytes 0-9");
    CHECK_EQ(in_child(child_wrlock_0_10), 1, "another process cannot lock them: EAGAIN");
    CHECK_EQ(in_child(child_wrlock_20_5), 0, "but can lock bytes 20-24");
    struct flock q = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1};
    CHECK(fcntl(a, F_GETLK, &q) == 0 && q.l_type == F_UNLCK, "F_GETLK: the owner's own lock is no conflict");
    pid_t c = fork();
    if (c == 0) {
        int fd = open(PATH, O_RDWR);
        struct flock g = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 100};
        fcntl(fd, F_GETLK, &g);
        _exit(g.l_type == F_WRLCK && g.l_start == 0 && g.l_len == 10 && g.l_pid == getppid() ? 0 : 1);
    }
    int st;
    waitpid(c, &st, 0);
    CHECK_EQ(WEXITSTATUS(st), 0, "F_GETLK in another process describes the lock and its owner");
    CHECK_EQ(setlk(a, F_SETLK, F_UNLCK, 0, 5), 0, "unlocking bytes 0-4");
    CHECK_EQ(in_child(child_wrlock_0_10), 1, "bytes 5-9 stay locked");
    int b = open(PATH, O_RDONLY);
    close(b);
    CHECK_EQ(in_child(child_wrlock_0_10), 0, "closing any descriptor of the file drops the process's locks");

    /* F_SETLKW waits for the holder and is interrupted by a signal. */
    int p[2];
    pipe(p);
    c = fork();
    if (c == 0) {
        int fd = open(PATH, O_RDWR);
        setlk(fd, F_SETLK, F_WRLCK, 0, 0);
        write(p[1], "x", 1);
        sleep_ms(300);
        _exit(0); /* exit releases it */
    }
    char x;
    read(p[0], &x, 1);
    struct sigaction sa = {.sa_handler = on_alarm}; /* no SA_RESTART */
    sigaction(SIGALRM, &sa, NULL);
    ualarm(50000, 0);
    CHECK_EQ(setlk(a, F_SETLKW, F_WRLCK, 0, 1), -EINTR, "F_SETLKW is interrupted by a signal: EINTR");
    CHECK_EQ(setlk(a, F_SETLKW, F_WRLCK, 0, 1), 0, "F_SETLKW gets the lock when the holder exits");
    waitpid(c, NULL, 0);

    int ro = open(PATH, O_RDONLY);
    CHECK_EQ(setlk(ro, F_SETLK, F_WRLCK, 0, 1), -EBADF, "a write lock on a read-only descriptor: EBADF");
    CHECK_EQ(setlk(a, F_SETLK, F_WRLCK, -5, 1), -EINVAL, "a negative start: EINVAL");
    CHECK_EQ(setlk(a, F_SETLK, 7, 0, 1), -EINVAL, "an unknown type: EINVAL");

    /* OFD locks belong to the open file and conflict with POSIX ones. */
    int o = open(PATH, O_RDWR);
    CHECK_EQ(setlk(o, F_OFD_SETLK, F_WRLCK, 0, 1), -EAGAIN, "an OFD lock conflicts with this process's POSIX lock");
    CHECK_EQ(setlk(o, F_OFD_SETLK, F_WRLCK, 50, 1), 0, "F_OFD_SETLK elsewhere");
    int o2 = open(PATH, O_RDWR);
    CHECK_EQ(setlk(o2, F_OFD_SETLK, F_WRLCK, 50, 1), -EAGAIN, "another open file of the same process conflicts");
    struct flock bad = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1, .l_pid = 3};
    CHECK(fcntl(o2, F_OFD_SETLK, &bad) < 0 && errno == EINVAL, "F_OFD_SETLK with l_pid set: EINVAL");
    close(o);
    CHECK_EQ(setlk(o2, F_OFD_SETLK, F_WRLCK, 50, 1), 0, "closing the open file releases its OFD lock");
    close(o2);
    close(ro);
    close(a);
    close(p[0]);
    close(p[1]);
    unlink(PATH);
}

static void statfses(void)
{
    struct statfs s;
    CHECK(statfs("/proc", &s) == 0 && s.f_type == 0x9fa0, "statfs /proc: PROC_SUPER_MAGIC");
    CHECK(statfs("/proc/self/status", &s) == 0 && s.f_type == 0x9fa0, "and files in it");
    CHECK(statfs("/", &s) == 0 && s.f_bsize > 0 && s.f_bfree <= s.f_blocks && s.f_bavail <= s.f_blocks,
          "statfs /: block size and counts");
    CHECK(getpid() != 1 || s.f_type == 0x01021994, "Tiny OS's root is tmpfs (TMPFS_MAGIC)");
    int p[2];
    pipe(p);
    CHECK(fstatfs(p[0], &s) == 0 && s.f_type == 0x50495045, "fstatfs of a pipe: PIPEFS_MAGIC");
    close(p[0]);
    close(p[1]);
    CHECK(statfs("/nonexistent", &s) < 0 && errno == ENOENT, "missing path: ENOENT");
    CHECK(fstatfs(99, &s) < 0 && errno == EBADF, "bad descriptor: EBADF");
    CHECK_EQ(raw_syscall(137, "/", 8, 0), -EFAULT, "bad buffer: EFAULT"); /* raw: musl copies through its own buffer */
}

int main(void)
{
    flocks();
    records();
    statfses();
    return tt_done();
}
