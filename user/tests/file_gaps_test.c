/* file_gaps_test.c - file-side rules LTP checks: O_PATH descriptors are
 * handles only (EBADF for I/O, fchmod, fcntl's file commands; fstat,
 * dup, fchdir work), fsync on pipes and sockets (EINVAL), ETXTBSY (a
 * running program cannot be opened for writing or truncated, a file open
 * for writing cannot be run), RLIMIT_FSIZE (a short write up to it, then
 * SIGXFSZ and EFBIG, also for truncate), O_NOATIME for the owner only,
 * readlinkat on an empty path, statx's reserved mask bit, utimes(NULL),
 * getcwd outside a chroot, epoll nesting (ELOOP) and epoll_pwait2's
 * timeout checks, SEEK_DATA / SEEK_HOLE, O_TMPFILE and linkat of it.
 * Differential. Run as root (the chroot and O_NOATIME
 * parts drop to uid 65534 in a child). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "tt.h"

#define DIR_ "/tmp/tt_file_gaps"

static int err_of(long r) { return r < 0 ? errno : 0; }

static void o_path(void)
{
    int fd = open(DIR_ "/f", O_RDWR | O_CREAT, 0644);
    write(fd, "data", 4);
    close(fd);
    fd = open(DIR_ "/f", O_PATH);
    CHECK(fd >= 0, "open O_PATH");
    char b[4];
    CHECK_EQ(err_of(read(fd, b, 4)), EBADF, "read on O_PATH: EBADF");
    CHECK_EQ(err_of(write(fd, b, 4)), EBADF, "write on O_PATH: EBADF");
    /* Raw calls: libc retries these through /proc/self/fd on EBADF. */
    CHECK_EQ(err_of(syscall(SYS_fchmod, fd, 0600)), EBADF, "fchmod on O_PATH: EBADF");
    CHECK_EQ(err_of(syscall(SYS_fchown, fd, 0, 0)), EBADF, "fchown on O_PATH: EBADF");
    CHECK_EQ(err_of(lseek(fd, 0, SEEK_SET)), EBADF, "lseek on O_PATH: EBADF");
    CHECK_EQ(err_of(fsync(fd)), EBADF, "fsync on O_PATH: EBADF");
    CHECK_EQ(err_of(fcntl(fd, F_SETFL, O_NONBLOCK)), EBADF, "fcntl F_SETFL on O_PATH: EBADF");
    CHECK_EQ(fcntl(fd, F_GETFL) & O_PATH, O_PATH, "fcntl F_GETFL on O_PATH works");
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0, "fstat on O_PATH works");
    CHECK_EQ(st.st_size, 4, "and sees the file");
    int d = dup(fd);
    CHECK(d >= 0, "dup of O_PATH works");
    CHECK_EQ(err_of(read(d, b, 4)), EBADF, "read on its dup: EBADF");
    close(d);
    int ep = epoll_create1(0), p[2];
    pipe(p);
    struct epoll_event ev = {.events = EPOLLIN};
    CHECK_EQ(err_of(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)), EBADF, "epoll_ctl of an O_PATH file: EBADF");
    int dir = open(DIR_, O_PATH | O_DIRECTORY);
    CHECK_EQ(fstatat(dir, "f", &st, 0), 0, "an O_PATH directory serves as dirfd");
    close(dir);
    close(ep);
    close(p[0]);
    close(p[1]);
    close(fd);
}

static void fsync_kinds(void)
{
    int p[2], s[2];
    pipe(p);
    socketpair(AF_UNIX, SOCK_STREAM, 0, s);
    CHECK_EQ(err_of(fsync(p[1])), EINVAL, "fsync on a pipe: EINVAL");
    CHECK_EQ(err_of(fdatasync(p[0])), EINVAL, "fdatasync on a pipe: EINVAL");
    CHECK_EQ(err_of(fsync(s[0])), EINVAL, "fsync on a socket: EINVAL");
    int fd = open(DIR_ "/f", O_RDONLY);
    CHECK_EQ(fsync(fd), 0, "fsync on a regular file works");
    close(fd);
    fd = open(DIR_, O_RDONLY);
    CHECK_EQ(fsync(fd), 0, "fsync on a directory works");
    close(fd);
    close(p[0]);
    close(p[1]);
    close(s[0]);
    close(s[1]);
}

/* Copies our own program to path, executable. */
static void copy_self(const char *path)
{
    int in = open("/proc/self/exe", O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char buf[4096];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        write(out, buf, (size_t)n);
    close(in);
    close(out);
}

static void txtbsy(const char *self)
{
    (void)self;
    copy_self(DIR_ "/prog");
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[1]);
        char fdarg[16];
        snprintf(fdarg, sizeof fdarg, "%d", p[0]);
        execl(DIR_ "/prog", "prog", "wait", fdarg, (char *)NULL);
        _exit(99);
    }
    close(p[0]);
    usleep(300000); /* the child is running prog now */
    CHECK_EQ(err_of(open(DIR_ "/prog", O_WRONLY)), ETXTBSY, "open a running program for writing: ETXTBSY");
    CHECK_EQ(err_of(open(DIR_ "/prog", O_RDWR | O_TRUNC)), ETXTBSY, "open it O_TRUNC: ETXTBSY");
    CHECK_EQ(err_of(truncate(DIR_ "/prog", 0)), ETXTBSY, "truncate it: ETXTBSY");
    int r = open(DIR_ "/prog", O_RDONLY);
    CHECK(r >= 0, "reading it is fine");
    close(r);
    close(p[1]); /* the child ends */
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "the child ran prog");
    int w = open(DIR_ "/prog", O_WRONLY);
    CHECK(w >= 0, "once it exited, it may be opened for writing");
    pid = fork();
    if (pid == 0) {
        execl(DIR_ "/prog", "prog", "wait", "-1", (char *)NULL);
        _exit(errno == ETXTBSY ? 3 : 4);
    }
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "running a file open for writing: ETXTBSY");
    close(w);
    unlink(DIR_ "/prog");
}

static void fsize_limit(void)
{
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGXFSZ);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct rlimit old, rl = {1000, 1000};
    getrlimit(RLIMIT_FSIZE, &old);
    int base = tt_failures;
    pid_t pid = fork();
    if (pid == 0) {
        setrlimit(RLIMIT_FSIZE, &rl);
        int fd = open(DIR_ "/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
        char buf[2000];
        memset(buf, 'x', sizeof buf);
        CHECK_EQ(write(fd, buf, sizeof buf), 1000, "a write across RLIMIT_FSIZE stops at it");
        sigpending(&pending);
        CHECK(!sigismember(&pending, SIGXFSZ), "no SIGXFSZ for the short write");
        CHECK_EQ(err_of(write(fd, buf, 10)), EFBIG, "a write at the limit: EFBIG");
        sigpending(&pending);
        CHECK(sigismember(&pending, SIGXFSZ), "and SIGXFSZ");
        CHECK_EQ(err_of(pwrite(fd, buf, 10, 5000)), EFBIG, "pwrite past it: EFBIG");
        CHECK_EQ(err_of(ftruncate(fd, 2000)), EFBIG, "ftruncate past it: EFBIG");
        CHECK_EQ(err_of(truncate(DIR_ "/big", 1001)), EFBIG, "truncate past it: EFBIG");
        CHECK_EQ(truncate(DIR_ "/big", 1000), 0, "truncate to it works");
        CHECK_EQ(ftruncate(fd, 10), 0, "shrinking works");
        close(fd);
        fflush(stdout);
        _exit(tt_failures - base);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "RLIMIT_FSIZE child");
    unlink(DIR_ "/big");
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void noatime_and_chroot(void)
{
    if (geteuid() != 0) {
        printf("skip - not root\n");
        return;
    }
    mkdir(DIR_ "/jail", 0755);
    int base = tt_failures;
    pid_t pid = fork();
    if (pid == 0) {
        chdir(DIR_);
        CHECK_EQ(chroot(DIR_ "/jail"), 0, "chroot, cwd left outside");
        char cwd[256];
        long n = syscall(SYS_getcwd, cwd, sizeof cwd);
        CHECK(n > 0 && !strncmp(cwd, "(unreachable)/", 14), "getcwd outside the root: (unreachable)/...");
        fflush(stdout);
        _exit(tt_failures - base);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "chroot child");
    rmdir(DIR_ "/jail");
    int fd = open(DIR_ "/f", O_RDONLY | O_NOATIME);
    CHECK(fd >= 0, "O_NOATIME for the owner works");
    close(fd);
    base = tt_failures;
    pid = fork();
    if (pid == 0) {
        setuid(65534);
        CHECK_EQ(err_of(open("/etc/passwd", O_RDONLY | O_NOATIME)), EPERM, "O_NOATIME for another user: EPERM");
        int fd2 = open("/etc/passwd", O_RDONLY);
        CHECK(fd2 >= 0, "without it the open works");
        fflush(stdout);
        _exit(tt_failures - base);
    }
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "O_NOATIME child");
}

static void paths(void)
{
    symlink("target_name", DIR_ "/link");
    int fd = open(DIR_ "/link", O_PATH | O_NOFOLLOW);
    char b[64] = {0};
    CHECK_EQ(readlinkat(fd, "", b, sizeof b), 11, "readlinkat(fd of the link, \"\") reads it");
    CHECK(!strcmp(b, "target_name"), "the target");
    close(fd);
    fd = open(DIR_ "/f", O_PATH);
    CHECK_EQ(err_of(readlinkat(fd, "", b, sizeof b)), ENOENT, "readlinkat(\"\") of a non-link: ENOENT");
    close(fd);
    CHECK_EQ(err_of(readlink(DIR_ "/f", b, sizeof b)), EINVAL, "readlink of a non-link: EINVAL");
    unlink(DIR_ "/link");
    char sx[256];
    CHECK_EQ(err_of(syscall(SYS_statx, AT_FDCWD, DIR_ "/f", 0, 0x80000000u, sx)), EINVAL,
             "statx with STATX__RESERVED: EINVAL");
    CHECK_EQ(syscall(SYS_statx, AT_FDCWD, DIR_ "/f", 0, 0x7ffu, sx), 0, "statx with the basic mask works");
    CHECK_EQ(err_of(syscall(SYS_utimes, NULL, NULL)), EFAULT, "utimes(NULL): EFAULT");
    CHECK_EQ(err_of(syscall(SYS_utimensat, AT_FDCWD, NULL, NULL, 0)), EFAULT, "utimensat(AT_FDCWD, NULL): EFAULT");
}

static void seek_data_hole(void)
{
    int fd = open(DIR_ "/sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 10 * 4096);
    pwrite(fd, "data", 4, 4 * 4096 + 100); /* page 4 holds data */
    pwrite(fd, "tail", 4, 9 * 4096);       /* and the last page */
    CHECK_EQ(lseek(fd, 0, SEEK_DATA), 4 * 4096, "SEEK_DATA finds the first page with data");
    CHECK_EQ(lseek(fd, 4 * 4096 + 8, SEEK_DATA), 4 * 4096 + 8, "SEEK_DATA inside data stays");
    CHECK_EQ(lseek(fd, 0, SEEK_HOLE), 0, "SEEK_HOLE at a hole stays");
    CHECK_EQ(lseek(fd, 4 * 4096, SEEK_HOLE), 5 * 4096, "SEEK_HOLE after the data page");
    CHECK_EQ(lseek(fd, 5 * 4096, SEEK_DATA), 9 * 4096, "SEEK_DATA skips the second hole");
    CHECK_EQ(lseek(fd, 9 * 4096, SEEK_HOLE), 10 * 4096, "the end of the file is a hole");
    CHECK_EQ(lseek(fd, 10 * 4096 - 1, SEEK_DATA), 10 * 4096 - 1, "SEEK_DATA in the last data page");
    CHECK_EQ(err_of(lseek(fd, 10 * 4096, SEEK_DATA)), ENXIO, "SEEK_DATA at the end: ENXIO");
    CHECK_EQ(err_of(lseek(fd, 1 << 20, SEEK_HOLE)), ENXIO, "SEEK_HOLE past the end: ENXIO");
    CHECK_EQ(err_of(lseek(fd, -1, SEEK_DATA)), ENXIO, "a negative offset: ENXIO");
    close(fd);
    unlink(DIR_ "/sparse");
}

static void o_tmpfile(void)
{
    int fd = open(DIR_, O_TMPFILE | O_RDWR, 0600);
    CHECK(fd >= 0, "open O_TMPFILE in a directory");
    CHECK_EQ(write(fd, "temp", 4), 4, "write to it");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(st.st_nlink, 0, "it has no name");
    CHECK_EQ(st.st_mode, S_IFREG | 0600, "a regular file with the mode given");
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    CHECK_EQ(linkat(AT_FDCWD, proc, AT_FDCWD, DIR_ "/named", AT_SYMLINK_FOLLOW), 0, "linkat through /proc/self/fd names it");
    CHECK_EQ(stat(DIR_ "/named", &st), 0, "the name exists");
    CHECK_EQ(st.st_size, 4, "with the data");
    CHECK_EQ(st.st_nlink, 1, "one link now");
    CHECK_EQ(linkat(fd, "", AT_FDCWD, DIR_ "/named2", AT_EMPTY_PATH), 0, "linkat AT_EMPTY_PATH names it again");
    close(fd);
    fd = open(DIR_, O_TMPFILE | O_WRONLY | O_EXCL, 0600);
    CHECK(fd >= 0, "open O_TMPFILE | O_EXCL");
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    CHECK_EQ(err_of(linkat(AT_FDCWD, proc, AT_FDCWD, DIR_ "/never", AT_SYMLINK_FOLLOW)), ENOENT,
             "with O_EXCL it can never be named: ENOENT");
    close(fd);
    CHECK_EQ(err_of(open(DIR_, O_TMPFILE | O_RDONLY, 0600)), EINVAL, "O_TMPFILE read-only: EINVAL");
    CHECK_EQ(err_of(open(DIR_ "/named", O_TMPFILE | O_RDWR, 0600)), ENOTDIR, "O_TMPFILE on a file: ENOTDIR");
    CHECK_EQ(err_of(open(DIR_ "/none", O_TMPFILE | O_RDWR, 0600)), ENOENT, "O_TMPFILE in a missing directory: ENOENT");
    unlink(DIR_ "/named");
    unlink(DIR_ "/named2");
}

static void epoll_nesting(void)
{
    int p[2];
    pipe(p);
    int eps[6], prev = p[0];
    struct epoll_event ev = {.events = EPOLLIN};
    for (int i = 0; i < 5; i++) {
        eps[i] = epoll_create1(0);
        CHECK_EQ(epoll_ctl(eps[i], EPOLL_CTL_ADD, prev, &ev), 0, "nesting epoll instances up to 5 levels");
        prev = eps[i];
    }
    eps[5] = epoll_create1(0);
    CHECK_EQ(err_of(epoll_ctl(eps[5], EPOLL_CTL_ADD, eps[4], &ev)), ELOOP, "a sixth level: ELOOP");
    CHECK_EQ(err_of(epoll_ctl(eps[0], EPOLL_CTL_ADD, eps[1], &ev)), ELOOP, "a cycle of two: ELOOP");
    int a = epoll_create1(0), b = epoll_create1(0);
    CHECK_EQ(epoll_ctl(a, EPOLL_CTL_ADD, b, &ev), 0, "a watches b");
    CHECK_EQ(err_of(epoll_ctl(b, EPOLL_CTL_ADD, a, &ev)), ELOOP, "b watching a: ELOOP");
    write(p[1], "x", 1);
    struct epoll_event out;
    CHECK_EQ(epoll_wait(eps[4], &out, 1, 0), 1, "readiness climbs the nest");
    struct timespec bad[] = {{-1, 0}, {0, -1}, {0, 1000000000}}, zero = {0, 0};
    for (int i = 0; i < 3; i++)
        CHECK_EQ(err_of(syscall(441, eps[0], &out, 1, &bad[i], NULL, 8)), EINVAL, "epoll_pwait2 bad timeout: EINVAL");
    CHECK_EQ(syscall(441, eps[0], &out, 1, &zero, NULL, 8), 1, "epoll_pwait2 with a zero timeout");
    CHECK_EQ(syscall(441, a, &out, 1, &zero, NULL, 8), 0, "epoll_pwait2: nothing ready");
    CHECK_EQ(err_of(syscall(441, a, &out, 1, (void *)8, NULL, 8)), EFAULT, "epoll_pwait2 bad timeout pointer: EFAULT");
    for (int i = 0; i < 6; i++)
        close(eps[i]);
    close(a);
    close(b);
    close(p[0]);
    close(p[1]);
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "wait")) {
        char c;
        int fd = atoi(argv[2]);
        if (fd >= 0)
            read(fd, &c, 1);
        return 7;
    }
    system("rm -rf " DIR_);
    mkdir(DIR_, 0755);
    o_path();
    fsync_kinds();
    txtbsy(argv[0]);
    fsize_limit();
    noatime_and_chroot();
    paths();
    seek_data_hole();
    o_tmpfile();
    epoll_nesting();
    system("rm -rf " DIR_);
    return tt_done();
}
