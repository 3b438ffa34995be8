/* pidfd_test.c - process file descriptors: pidfd_open(2) (close-on-exec,
 * PIDFD_NONBLOCK), poll readiness when the process exits, waitid(P_PIDFD),
 * pidfd_send_signal(2) (with and without a siginfo, /proc/PID directories
 * as pidfds), pidfd_getfd(2), clone's CLONE_PIDFD and kcmp(2); the errors
 * of each, in Linux's order. Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "tt.h"

#define NR_kcmp 312
#define NR_pidfd_send_signal 424
#define NR_pidfd_open 434
#define NR_pidfd_getfd 438
#define P_PIDFD_ 3
#define CLONE_PIDFD_ 0x1000
#define KCMP_FILE 0
#define KCMP_VM 1
#define KCMP_FILES 2
#define KCMP_SIGHAND 4

static long pidfd_open(int pid, unsigned flags) { return raw_syscall(NR_pidfd_open, pid, flags, 0); }
static long send_sig(int fd, int sig, siginfo_t *si, unsigned flags)
{
    return raw_syscall6(NR_pidfd_send_signal, fd, sig, (long)si, flags, 0, 0);
}
static long getfd(int pidfd, int target, unsigned flags) { return raw_syscall(NR_pidfd_getfd, pidfd, target, flags); }
static long kcmp(int a, int b, int type, long i1, long i2) { return raw_syscall6(NR_kcmp, a, b, type, i1, i2, 0); }
static long waitid_raw(int type, int id, siginfo_t *si, int options)
{
    return raw_syscall6(SYS_waitid, type, id, (long)si, options, 0, 0);
}

static int poll_now(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, 0);
    return r < 0 ? -1 : p.revents;
}

/* A child that waits until a byte arrives on the pipe, then exits 0. */
static pid_t waiting_child(int *wfd)
{
    int p[2];
    if (pipe(p))
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(p[1]);
        read(p[0], &c, 1);
        _exit(0);
    }
    close(p[0]);
    *wfd = p[1];
    return pid;
}

static volatile int got_value = -1, got_code;
static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got_value = si->si_value.sival_int;
    got_code = si->si_code;
}

static void open_errors(void)
{
    CHECK_EQ(pidfd_open(-1, 0), -EINVAL, "pidfd_open(-1): EINVAL");
    CHECK_EQ(pidfd_open(0, 0), -EINVAL, "pidfd_open(0): EINVAL");
    CHECK_EQ(pidfd_open(getpid(), 1), -EINVAL, "pidfd_open: unknown flags EINVAL");
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    CHECK_EQ(pidfd_open(gone, 0), -ESRCH, "pidfd_open of a reaped pid: ESRCH");

    long fd = pidfd_open(getpid(), 0);
    CHECK(fd >= 0, "pidfd_open(getpid(), 0)");
    CHECK_EQ(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC, "a pidfd is close-on-exec");
    CHECK_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, 0, "not O_NONBLOCK by default");
    char buf[8];
    CHECK_EQ(raw_syscall(SYS_read, fd, buf, 8), -EINVAL, "read of a pidfd: EINVAL");
    CHECK_EQ(poll_now(fd), 0, "our own pidfd is not readable");
    close(fd);
    fd = pidfd_open(getpid(), O_NONBLOCK);
    CHECK_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "PIDFD_NONBLOCK sets O_NONBLOCK");
    close(fd);
}

static void exit_and_wait(void)
{
    int w;
    pid_t c = waiting_child(&w);
    long fd = pidfd_open(c, O_NONBLOCK);
    CHECK(fd >= 0, "pidfd_open(child, PIDFD_NONBLOCK)");
    siginfo_t si;
    CHECK_EQ(poll_now(fd), 0, "running child: not readable");
    CHECK_EQ(waitid_raw(P_PIDFD_, fd, &si, WEXITED), -EAGAIN, "waitid(P_PIDFD) nonblocking: EAGAIN");
    memset(&si, 0x55, sizeof si);
    CHECK_EQ(waitid_raw(P_PIDFD_, fd, &si, WEXITED | WNOHANG), 0, "with WNOHANG asked for: 0");
    CHECK_EQ(si.si_pid, 0, "and si_pid 0");
    CHECK_EQ(send_sig(fd, SIGTERM, NULL, 0), 0, "pidfd_send_signal(SIGTERM)");
    struct pollfd p = {(int)fd, POLLIN, 0};
    CHECK_EQ(poll(&p, 1, 5000), 1, "poll wakes when the child dies");
    CHECK_EQ(p.revents, POLLIN, "POLLIN (not yet reaped)");
    CHECK_EQ(send_sig(fd, 0, NULL, 0), 0, "signal 0 to a zombie: 0");
    memset(&si, 0, sizeof si);
    CHECK_EQ(waitid_raw(P_PIDFD_, fd, &si, WEXITED), 0, "waitid(P_PIDFD) reaps it");
    CHECK_EQ(si.si_pid, c, "si_pid");
    CHECK_EQ(si.si_code, CLD_KILLED, "si_code CLD_KILLED");
    CHECK_EQ(si.si_status, SIGTERM, "si_status SIGTERM");
    CHECK_EQ(poll_now(fd), POLLIN | POLLHUP, "reaped: POLLIN | POLLHUP");
    CHECK_EQ(send_sig(fd, SIGTERM, NULL, 0), -ESRCH, "pidfd_send_signal after the reap: ESRCH");
    CHECK_EQ(waitid_raw(P_PIDFD_, fd, &si, WEXITED), -ECHILD, "waitid(P_PIDFD) again: ECHILD");
    CHECK_EQ(getfd(fd, 0, 0), -ESRCH, "pidfd_getfd after the reap: ESRCH");
    close(fd);
    close(w);

    /* A blocking waitid sleeps until the child exits. */
    c = waiting_child(&w);
    fd = pidfd_open(c, 0);
    write(w, "x", 1);
    CHECK_EQ(waitid_raw(P_PIDFD_, fd, &si, WEXITED), 0, "blocking waitid(P_PIDFD)");
    CHECK_EQ(si.si_code, CLD_EXITED, "CLD_EXITED");
    close(fd);
    close(w);

    CHECK_EQ(waitid_raw(P_PIDFD_, -1, &si, WEXITED), -EINVAL, "waitid(P_PIDFD, -1): EINVAL");
    CHECK_EQ(waitid_raw(P_PIDFD_, 0, &si, WEXITED), -EBADF, "waitid(P_PIDFD) on a non-pidfd: EBADF");
    fd = pidfd_open(getpid(), 0);
    CHECK_EQ(waitid_raw(P_PIDFD_, fd, &si, WEXITED), -ECHILD, "waitid(P_PIDFD) on ourselves: ECHILD");
    close(fd);
}

static void send_signal(void)
{
    long fd = pidfd_open(getpid(), 0);
    int self = open("/proc/self", O_DIRECTORY | O_RDONLY);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 777;
    CHECK_EQ(send_sig(fd, SIGUSR1, &si, 0x100), -EINVAL, "unknown flags: EINVAL");
    CHECK_EQ(send_sig(1000, SIGUSR1, &si, 0), -EBADF, "a closed descriptor: EBADF");
    int reg = open("/proc/self/status", O_RDONLY);
    CHECK_EQ(send_sig(reg, SIGUSR1, &si, 0), -EBADF, "a regular file: EBADF");
    close(reg);
    CHECK_EQ(send_sig(fd, SIGUSR2, &si, 0), -EINVAL, "sig differs from si_signo: EINVAL");
    CHECK_EQ(send_sig(fd, SIGUSR1, (siginfo_t *)8, 0), -EFAULT, "bad siginfo: EFAULT");
    CHECK_EQ(send_sig(fd, 65, NULL, 0), -EINVAL, "signal 65: EINVAL");

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    CHECK_EQ(send_sig(fd, SIGUSR1, &si, 0), 0, "pidfd_send_signal with a siginfo");
    CHECK_EQ(got_value, 777, "the handler got si_value");
    CHECK_EQ(got_code, SI_QUEUE, "and si_code SI_QUEUE");
    got_value = -1;
    CHECK_EQ(send_sig(self, SIGUSR1, NULL, 0), 0, "a /proc/self directory works as a pidfd");
    CHECK_EQ(got_code, SI_USER, "without a siginfo: SI_USER");
    CHECK_EQ(send_sig(self, 0, NULL, 0), 0, "signal 0");
    close(self);
    close(fd);
}

static void get_fd(void)
{
    int p[2], q[2];
    pipe(p);
    pipe(q);
    pid_t c = fork();
    if (c == 0) {
        char x;
        close(p[1]);
        read(p[0], &x, 1);
        _exit(0);
    }
    long fd = pidfd_open(c, 0);
    long got = getfd(fd, q[1], 0);
    CHECK(got >= 0, "pidfd_getfd of the child's pipe end");
    CHECK_EQ(fcntl(got, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC, "it is close-on-exec");
    CHECK_EQ(kcmp(getpid(), c, KCMP_FILE, got, q[1]), 0, "kcmp: the same open file as the child's");
    CHECK_EQ(write(got, "y", 1), 1, "write through it");
    char y = 0;
    CHECK_EQ(read(q[0], &y, 1), 1, "arrives in the pipe");
    CHECK_EQ(y, 'y', "the byte");
    CHECK_EQ(getfd(fd, q[1], 1), -EINVAL, "pidfd_getfd flags: EINVAL");
    CHECK_EQ(getfd(q[0], 0, 0), -EBADF, "not a pidfd: EBADF");
    int self = open("/proc/self", O_DIRECTORY | O_RDONLY);
    CHECK_EQ(getfd(self, 0, 0), -EBADF, "a /proc/PID directory is no pidfd here: EBADF");
    close(self);
    CHECK_EQ(getfd(fd, -1, 0), -EBADF, "target -1: EBADF");
    CHECK_EQ(getfd(fd, 200, 0), -EBADF, "target not open: EBADF");

    CHECK_EQ(kcmp(getpid(), getpid(), KCMP_FILE, q[0], q[0]), 0, "kcmp: a descriptor with itself");
    int d = dup(q[0]);
    CHECK_EQ(kcmp(getpid(), getpid(), KCMP_FILE, q[0], d), 0, "kcmp: a dup shares the file");
    CHECK(kcmp(getpid(), getpid(), KCMP_FILE, q[0], q[1]) > 0, "kcmp: two ends differ");
    CHECK_EQ(kcmp(getpid(), getpid(), KCMP_FILE, q[0], 200), -EBADF, "kcmp: a closed descriptor, EBADF");
    CHECK_EQ(kcmp(getpid(), getpid(), 99, 0, 0), -EINVAL, "kcmp: unknown type, EINVAL");
    CHECK_EQ(kcmp(getpid(), getpid(), -1, 0, 0), -EINVAL, "kcmp: type -1, EINVAL");
    CHECK_EQ(kcmp(getpid(), getpid(), KCMP_VM, 0, 0), 0, "kcmp: our memory is ours");
    CHECK(kcmp(getpid(), c, KCMP_VM, 0, 0) > 0, "kcmp: a child's memory differs");
    CHECK(kcmp(getpid(), c, KCMP_FILES, 0, 0) > 0, "kcmp: so does its descriptor table");
    CHECK(kcmp(getpid(), c, KCMP_SIGHAND, 0, 0) > 0, "and its signal actions");
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    CHECK_EQ(kcmp(getpid(), gone, KCMP_VM, 0, 0), -ESRCH, "kcmp: a reaped pid, ESRCH");
    close(d);
    close(got);
    write(p[1], "x", 1);
    waitpid(c, NULL, 0);
    close(fd);
    close(p[0]), close(p[1]), close(q[0]), close(q[1]);
}

static void clone_pidfd(void)
{
    int pidfd = -1;
    CHECK_EQ(raw_syscall6(SYS_clone, SIGCHLD | CLONE_PIDFD_ | 0x00100000, 0, (long)&pidfd, 0, 0, 0), -EINVAL,
             "CLONE_PIDFD with CLONE_PARENT_SETTID: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_clone, SIGCHLD | CLONE_PIDFD_, 0, 8, 0, 0, 0), -EFAULT,
             "CLONE_PIDFD with a bad pointer: EFAULT");
    long pid = raw_syscall6(SYS_clone, SIGCHLD | CLONE_PIDFD_, 0, (long)&pidfd, 0, 0, 0);
    if (pid == 0)
        _exit(9);
    CHECK(pid > 0, "clone(CLONE_PIDFD)");
    CHECK(pidfd > 2, "the pidfd was stored");
    CHECK_EQ(fcntl(pidfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC, "close-on-exec");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK_EQ(waitid_raw(P_PIDFD_, pidfd, &si, WEXITED), 0, "waitid on it");
    CHECK_EQ(si.si_pid, pid, "names the child");
    CHECK_EQ(si.si_status, 9, "exit status 9");
    close(pidfd);
}

int main(void)
{
    open_errors();
    exit_and_wait();
    send_signal();
    get_fd();
    clone_pidfd();
    return tt_done();
}
