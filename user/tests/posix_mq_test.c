/* posix_mq_test.c - POSIX message queues (mq_open, mq_unlink,
 * mq_timedsend, mq_timedreceive, mq_notify, mq_getsetattr): names and
 * their errors, attributes and limits, priority order, O_NONBLOCK
 * (EAGAIN), absolute timeouts (ETIMEDOUT), waits ended by a signal
 * (EINTR) or by another process, mq_notify with SIGEV_SIGNAL and
 * SIGEV_NONE (EBUSY, removal on close, firing once), descriptors as
 * files (read's QSIZE line, poll, epoll, close-on-exec), RLIMIT_MSGQUEUE,
 * and the mqueue file system mounted on a directory. Differential; every
 * queue made is unlinked.
 * argv[1] = "strict" (Tiny OS): also the /proc/sys/fs/mqueue limits
 * (writing them, which the host run must not do). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "tt.h"

struct attr {
    long flags, maxmsg, msgsize, curmsgs, reserved[4];
};

struct sigev {
    long value;
    int signo, notify;
    int pad[12];
};

static long mq_open_(const char *name, int oflag, int mode, struct attr *a)
{
    return raw_syscall6(SYS_mq_open, (long)name, oflag, mode, (long)a, 0, 0);
}
static long send_(int fd, const char *msg, size_t n, unsigned prio, const struct timespec *ts)
{
    return raw_syscall6(SYS_mq_timedsend, fd, (long)msg, (long)n, prio, (long)ts, 0);
}
static long recv_(int fd, char *buf, size_t n, unsigned *prio, const struct timespec *ts)
{
    return raw_syscall6(SYS_mq_timedreceive, fd, (long)buf, (long)n, (long)prio, (long)ts, 0);
}
static long notify_(int fd, const struct sigev *ev) { return raw_syscall(SYS_mq_notify, fd, ev, 0); }
static long getset_(int fd, const struct attr *n, struct attr *o) { return raw_syscall(SYS_mq_getsetattr, fd, n, o); }
static long unlink_(const char *name) { return raw_syscall(SYS_mq_unlink, name, 0, 0); }

static char qname[64];

static struct timespec in_ms(long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += ms * 1000000;
    ts.tv_sec += ts.tv_nsec / 1000000000;
    ts.tv_nsec %= 1000000000;
    return ts;
}

static void names(void)
{
    CHECK_EQ(mq_open_("", O_RDWR | O_CREAT, 0600, NULL), -ENOENT, "an empty name: ENOENT");
    CHECK_EQ(mq_open_("a/b", O_RDWR | O_CREAT, 0600, NULL), -EACCES, "a name with '/': EACCES");
    CHECK_EQ(mq_open_("..", O_RDWR | O_CREAT, 0600, NULL), -EACCES, "\"..\": EACCES");
    char longname[300];
    memset(longname, 'a', sizeof longname);
    longname[256] = 0;
    CHECK_EQ(mq_open_(longname, O_RDWR | O_CREAT, 0600, NULL), -ENAMETOOLONG, "256 bytes: ENAMETOOLONG");
    longname[255] = 0;
    long fd = mq_open_(longname, O_RDWR | O_CREAT, 0600, NULL);
    CHECK(fd >= 0, "255 bytes: a queue");
    close((int)fd);
    CHECK_EQ(unlink_(longname), 0, "unlinked");
    CHECK_EQ(mq_open_("tt_mq_none", O_RDWR, 0, NULL), -ENOENT, "no such queue: ENOENT");
    CHECK_EQ(unlink_("tt_mq_none"), -ENOENT, "unlink of no such queue: ENOENT");
    CHECK_EQ(unlink_(""), -ENOENT, "unlink of an empty name: ENOENT");
    CHECK_EQ(mq_open_((char *)8, O_RDWR, 0, NULL), -EFAULT, "a bad name pointer: EFAULT");
    CHECK_EQ(mq_open_(qname, O_RDWR | O_CREAT, 0600, (struct attr *)8), -EFAULT, "a bad attr pointer: EFAULT");
}

/* Does this process hold CAP_SYS_RESOURCE (bit 24 of CapEff)? */
static int has_sys_resource(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    unsigned long long eff = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "CapEff: %llx", &eff) == 1)
            break;
    if (f)
        fclose(f);
    return (eff >> 24) & 1;
}

static void attributes(void)
{
    struct attr a = {.maxmsg = 3, .msgsize = 32}, o;
    long fd = mq_open_(qname, O_RDWR | O_CREAT | O_EXCL, 0640, &a);
    CHECK(fd >= 0, "mq_open(O_CREAT|O_EXCL) with attributes");
    CHECK_EQ(fcntl((int)fd, F_GETFD), FD_CLOEXEC, "its descriptor is close-on-exec");
    CHECK_EQ(mq_open_(qname, O_RDWR | O_CREAT | O_EXCL, 0640, &a), -EEXIST, "again: EEXIST");
    CHECK_EQ(mq_open_(qname, O_RDWR | O_WRONLY, 0, NULL), -EINVAL, "O_RDWR|O_WRONLY: EINVAL");
    memset(&o, 0x55, sizeof o);
    CHECK_EQ(getset_((int)fd, NULL, &o), 0, "mq_getattr");
    CHECK(o.flags == 0 && o.maxmsg == 3 && o.msgsize == 32 && o.curmsgs == 0, "flags 0, 3 x 32 bytes, empty");
    struct attr nb = {.flags = O_NONBLOCK};
    CHECK_EQ(getset_((int)fd, &nb, &o), 0, "mq_setattr O_NONBLOCK");
    CHECK_EQ(o.flags, 0, "the old flags");
    CHECK_EQ(getset_((int)fd, NULL, &o), 0, "mq_getattr");
    CHECK_EQ(o.flags, O_NONBLOCK, "O_NONBLOCK now");
    CHECK_EQ(fcntl((int)fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "and in F_GETFL");
    nb.flags = O_NONBLOCK | O_APPEND;
    CHECK_EQ(getset_((int)fd, &nb, NULL), -EINVAL, "other flags: EINVAL");
    CHECK_EQ(getset_(-1, NULL, &o), -EBADF, "fd -1: EBADF");
    CHECK_EQ(getset_(0, NULL, &o), -EBADF, "not a queue: EBADF");
    CHECK_EQ(getset_((int)fd, NULL, (struct attr *)8), -EFAULT, "a bad old pointer: EFAULT");

    long fd2 = mq_open_(qname, O_RDONLY, 0, NULL);
    CHECK(fd2 >= 0, "opened again read-only");
    CHECK_EQ(getset_((int)fd2, NULL, &o), 0, "mq_getattr there");
    CHECK_EQ(o.flags, 0, "O_NONBLOCK belongs to the other descriptor");
    struct stat st;
    CHECK(fstat((int)fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640,
          "fstat: a regular file, mode 0640");
    CHECK_EQ(st.st_size, 80, "of size 80");
    CHECK_EQ(send_((int)fd2, "x", 1, 0, NULL), -EBADF, "send on a read-only descriptor: EBADF");
    close((int)fd2);
    close((int)fd);
    CHECK_EQ(unlink_(qname), 0, "mq_unlink");

    struct attr bad = {.maxmsg = 0, .msgsize = 16};
    CHECK_EQ(mq_open_(qname, O_RDWR | O_CREAT, 0600, &bad), -EINVAL, "mq_maxmsg 0: EINVAL");
    bad = (struct attr){.maxmsg = 1, .msgsize = -1};
    CHECK_EQ(mq_open_(qname, O_RDWR | O_CREAT, 0600, &bad), -EINVAL, "mq_msgsize -1: EINVAL");
    bad = (struct attr){.maxmsg = 65537, .msgsize = 1};
    CHECK_EQ(mq_open_(qname, O_RDWR | O_CREAT, 0600, &bad), -EINVAL, "mq_maxmsg above 65536 even for root: EINVAL");
    bad = (struct attr){.maxmsg = 20, .msgsize = 16384};
    fd = mq_open_(qname, O_RDWR | O_CREAT, 0600, &bad);
    /* (The host's sandbox may withhold CAP_SYS_RESOURCE from root.) */
    CHECK(has_sys_resource() ? fd >= 0 : fd == -EINVAL, "msg_max and msgsize_max bind all but CAP_SYS_RESOURCE");
    if (fd >= 0)
        close((int)fd);
    unlink_(qname);
    fd = mq_open_(qname, O_RDWR | O_CREAT, 0600, NULL);
    CHECK(fd >= 0 && getset_((int)fd, NULL, &o) == 0 && o.maxmsg == 10 && o.msgsize == 8192,
          "no attributes: 10 x 8192 bytes");
    close((int)fd);
    unlink_(qname);
}

static void messages(void)
{
    struct attr a = {.maxmsg = 4, .msgsize = 16};
    int fd = (int)mq_open_(qname, O_RDWR | O_CREAT, 0600, &a);
    CHECK_EQ(send_(fd, "low", 4, 1, NULL), 0, "send prio 1");
    CHECK_EQ(send_(fd, "high", 5, 5, NULL), 0, "send prio 5");
    CHECK_EQ(send_(fd, "mid", 4, 3, NULL), 0, "send prio 3");
    CHECK_EQ(send_(fd, "high2", 6, 5, NULL), 0, "send prio 5 again");
    char buf[64];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("read: %s", buf);
    CHECK_EQ(send_(fd, "x", 1, 0, &(struct timespec){0, 0}), -ETIMEDOUT, "full, a past timeout: ETIMEDOUT");
    CHECK_EQ(send_(fd, "x", 17, 0, NULL), -EMSGSIZE, "17 bytes into 16: EMSGSIZE");
    CHECK_EQ(send_(fd, "x", 1, 32768, NULL), -EINVAL, "prio 32768: EINVAL");
    CHECK_EQ(send_(fd, "x", 1, 0, &(struct timespec){0, -1}), -EINVAL, "tv_nsec -1: EINVAL");
    CHECK_EQ(send_(fd, "x", 1, 0, &(struct timespec){0, 1000000000}), -EINVAL, "tv_nsec 1e9: EINVAL");
    CHECK_EQ(send_(fd, "x", 1, 0, (struct timespec *)8), -EFAULT, "a bad timeout pointer: EFAULT");
    CHECK_EQ(send_(-1, "x", 1, 0, NULL), -EBADF, "fd -1: EBADF");
    CHECK_EQ(send_(1, "x", 1, 0, NULL), -EBADF, "not a queue: EBADF");
    unsigned prio = 99;
    CHECK_EQ(recv_(fd, buf, 15, &prio, NULL), -EMSGSIZE, "a 15-byte buffer: EMSGSIZE");
    const char *want[] = {"high", "high2", "mid", "low"};
    unsigned wprio[] = {5, 5, 3, 1};
    for (int i = 0; i < 4; i++) {
        long r = recv_(fd, buf, sizeof buf, &prio, NULL);
        CHECK(r == (long)strlen(want[i]) + 1 && !strcmp(buf, want[i]) && prio == wprio[i],
              "highest priority first, oldest first within one");
    }
    CHECK_EQ(recv_(fd, buf, sizeof buf, NULL, &(struct timespec){0, 0}), -ETIMEDOUT, "empty: ETIMEDOUT");
    struct timespec t = in_ms(30);
    CHECK_EQ(recv_(fd, buf, sizeof buf, NULL, &t), -ETIMEDOUT, "empty, 30 ms: ETIMEDOUT");
    struct timespec now = in_ms(0);
    CHECK(now.tv_sec > t.tv_sec || (now.tv_sec == t.tv_sec && now.tv_nsec >= t.tv_nsec), "after the timeout");
    CHECK_EQ(send_(fd, "", 0, 7, NULL), 0, "an empty message");
    CHECK_EQ(recv_(fd, buf, sizeof buf, NULL, NULL), 0, "received: length 0");
    CHECK_EQ(send_(fd, "lost", 5, 0, NULL), 0, "a message");
    CHECK_EQ(recv_(fd, (char *)8, 16, NULL, NULL), -EFAULT, "received into a bad buffer: EFAULT");
    struct attr o;
    CHECK(getset_(fd, NULL, &o) == 0 && o.curmsgs == 0, "and the message is gone (as Linux)");

    struct attr nb = {.flags = O_NONBLOCK};
    getset_(fd, &nb, NULL);
    CHECK_EQ(recv_(fd, buf, sizeof buf, NULL, NULL), -EAGAIN, "O_NONBLOCK, empty: EAGAIN");
    for (int i = 0; i < 4; i++)
        send_(fd, "f", 2, 0, NULL);
    CHECK_EQ(send_(fd, "f", 2, 0, NULL), -EAGAIN, "O_NONBLOCK, full: EAGAIN");
    close(fd);
    CHECK_EQ(unlink_(qname), 0, "unlinked");
}

static volatile int got_sig, got_code, got_pid, got_value;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_value = si->si_value.sival_int;
}

static void waiting(void)
{
    struct attr a = {.maxmsg = 1, .msgsize = 8};
    int fd = (int)mq_open_(qname, O_RDWR | O_CREAT, 0600, &a);
    char buf[8];
    unsigned prio;
    /* A receiver waits; a child's message goes to it. */
    pid_t c = fork();
    if (c == 0) {
        msleep(50);
        _exit(send_(fd, "kid", 4, 9, NULL) == 0 ? 0 : 1);
    }
    CHECK(recv_(fd, buf, sizeof buf, &prio, NULL) == 4 && !strcmp(buf, "kid") && prio == 9,
          "a waiting receiver gets the child's message");
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child sent it");
    /* A sender waits on the full queue; the child receives. */
    send_(fd, "one", 4, 1, NULL);
    c = fork();
    if (c == 0) {
        msleep(50);
        char b[8];
        _exit(recv_(fd, b, sizeof b, NULL, NULL) == 4 && !strcmp(b, "one") ? 0 : 1);
    }
    CHECK_EQ(send_(fd, "two", 4, 2, NULL), 0, "a waiting sender gets the slot");
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child received the first");
    CHECK(recv_(fd, buf, sizeof buf, &prio, NULL) == 4 && !strcmp(buf, "two"), "then the second is queued");

    /* A signal ends a wait: EINTR with a handler. */
    struct sigaction sa = {.sa_sigaction = on_sig, .sa_flags = SA_SIGINFO};
    sigaction(SIGUSR1, &sa, NULL);
    pid_t me = getpid();
    c = fork();
    if (c == 0) {
        msleep(50);
        kill(me, SIGUSR1);
        _exit(0);
    }
    CHECK_EQ(recv_(fd, buf, sizeof buf, NULL, NULL), -EINTR, "a signal: EINTR");
    waitpid(c, &st, 0);
    send_(fd, "full", 5, 0, NULL);
    c = fork();
    if (c == 0) {
        msleep(50);
        kill(me, SIGUSR1);
        _exit(0);
    }
    struct timespec t = in_ms(5000);
    CHECK_EQ(send_(fd, "x", 2, 0, &t), -EINTR, "a signal in a timed send: EINTR");
    waitpid(c, &st, 0);
    close(fd);
    unlink_(qname);
}

static void notify(void)
{
    struct attr a = {.maxmsg = 2, .msgsize = 8};
    int fd = (int)mq_open_(qname, O_RDWR | O_CREAT, 0600, &a);
    struct sigaction sa = {.sa_sigaction = on_sig, .sa_flags = SA_SIGINFO};
    sigaction(SIGUSR2, &sa, NULL);
    struct sigev ev = {.value = 0x1234, .signo = SIGUSR2, .notify = SIGEV_SIGNAL};
    CHECK_EQ(notify_(fd, &ev), 0, "mq_notify SIGEV_SIGNAL");
    CHECK_EQ(notify_(fd, &ev), -EBUSY, "again: EBUSY");
    char buf[128];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    buf[n > 0 ? n : 0] = 0;
    char want[128];
    snprintf(want, sizeof want, "QSIZE:0          NOTIFY:0     SIGNO:%-5d NOTIFY_PID:%-6d\n", SIGUSR2, getpid());
    CHECK(!strcmp(buf, want), "the file shows the registration");
    got_sig = 0;
    CHECK_EQ(send_(fd, "hi", 3, 0, NULL), 0, "a message into the empty queue");
    CHECK(got_sig == SIGUSR2 && got_code == -3 /* SI_MESGQ */ && got_value == 0x1234 && got_pid == getpid(),
          "the signal: SI_MESGQ, the value, the sender's pid");
    got_sig = 0;
    recv_(fd, buf, sizeof buf, NULL, NULL);
    send_(fd, "hi", 3, 0, NULL);
    CHECK_EQ(got_sig, 0, "it fired once and is gone");
    CHECK_EQ(notify_(fd, &ev), 0, "so registering again works");
    send_(fd, "hi", 3, 0, NULL);
    CHECK_EQ(got_sig, 0, "a message into a non-empty queue does not fire");
    CHECK_EQ(notify_(fd, NULL), 0, "unregister");
    CHECK_EQ(notify_(fd, NULL), 0, "unregister when not registered");
    recv_(fd, buf, sizeof buf, NULL, NULL);
    recv_(fd, buf, sizeof buf, NULL, NULL);

    struct sigev none = {.notify = SIGEV_NONE};
    CHECK_EQ(notify_(fd, &none), 0, "mq_notify SIGEV_NONE");
    pid_t c = fork();
    if (c == 0)
        _exit(notify_(fd, &none) == -EBUSY && notify_(fd, NULL) == 0 ? 0 : 1);
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "another process: EBUSY, and its NULL changes nothing");
    CHECK_EQ(notify_(fd, &none), -EBUSY, "still registered");
    int fd2 = dup(fd);
    close(fd2);
    CHECK_EQ(notify_(fd, &none), 0, "closing a descriptor drops the closer's registration");
    notify_(fd, NULL);

    struct sigev bad = {.notify = 99};
    CHECK_EQ(notify_(fd, &bad), -EINVAL, "sigev_notify 99: EINVAL");
    bad = (struct sigev){.notify = SIGEV_SIGNAL, .signo = 65};
    CHECK_EQ(notify_(fd, &bad), -EINVAL, "signal 65: EINVAL");
    bad = (struct sigev){.notify = SIGEV_SIGNAL, .signo = -1};
    CHECK_EQ(notify_(fd, &bad), -EINVAL, "signal -1: EINVAL");
    CHECK_EQ(notify_(-1, &none), -EBADF, "fd -1: EBADF");
    CHECK_EQ(notify_(0, &none), -EBADF, "not a queue: EBADF");
    CHECK_EQ(notify_(fd, (struct sigev *)8), -EFAULT, "a bad sigevent pointer: EFAULT");
    close(fd);
    unlink_(qname);
}

static void as_files(void)
{
    struct attr a = {.maxmsg = 1, .msgsize = 8};
    int fd = (int)mq_open_(qname, O_RDWR | O_CREAT, 0600, &a);
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
    CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "poll, empty: POLLOUT");
    int ep = epoll_create1(0);
    struct epoll_event e = {.events = EPOLLIN, .data.u32 = 7};
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e), 0, "epoll_ctl ADD");
    CHECK_EQ(epoll_wait(ep, &e, 1, 0), 0, "epoll: not readable");
    pid_t c = fork();
    if (c == 0) {
        msleep(50);
        _exit(send_(fd, "x", 2, 0, NULL) == 0 ? 0 : 1);
    }
    CHECK(epoll_wait(ep, &e, 1, 5000) == 1 && e.data.u32 == 7, "epoll_wait wakes on a child's message");
    int st;
    waitpid(c, &st, 0);
    p.revents = 0;
    CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLIN, "poll, full: POLLIN");
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    CHECK(!strcmp(buf, "QSIZE:2          NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n"), "read: QSIZE:2");
    CHECK_EQ(read(fd, buf, sizeof buf), 0, "then the end");
    CHECK_EQ(write(fd, "x", 1), -1, "write(2)");
    CHECK_EQ(errno, EINVAL, "is EINVAL");
    close(ep);
    /* Unlinked while open: the queue lives on until its last close. */
    CHECK_EQ(unlink_(qname), 0, "unlinked while open");
    CHECK_EQ(mq_open_(qname, O_RDWR, 0, NULL), -ENOENT, "the name is gone");
    CHECK(recv_(fd, buf, sizeof buf, NULL, NULL) == 2, "the descriptor still works");
    close(fd);
}

static void mounted(void)
{
    char dir[64], path[128];
    snprintf(dir, sizeof dir, "/tmp/tt_mqueue_%d", getpid());
    mkdir(dir, 0755);
    CHECK_EQ(mount("none", dir, "mqueue", 0, NULL), 0, "mount -t mqueue");
    struct stat st;
    CHECK(stat(dir, &st) == 0 && (st.st_mode & 07777) == 01777, "its root: mode 1777");
    struct attr a = {.maxmsg = 2, .msgsize = 8};
    int fd = (int)mq_open_(qname, O_RDWR | O_CREAT, 0600, &a);
    send_(fd, "abc", 4, 0, NULL);
    snprintf(path, sizeof path, "%s/%s", dir, qname);
    int f = open(path, O_RDONLY);
    CHECK(f >= 0, "the queue is a file there");
    char buf[128];
    ssize_t n = read(f, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    CHECK(!strcmp(buf, "QSIZE:4          NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n"), "reading it: QSIZE:4");
    char rb[8];
    CHECK_EQ(recv_(f, rb, sizeof rb, NULL, NULL), 4, "an open(2) descriptor is a queue descriptor");
    close(f);
    close(fd);
    CHECK_EQ(unlink(path), 0, "unlink(2) removes a queue");
    CHECK_EQ(unlink_(qname), -ENOENT, "so mq_unlink finds none");
    snprintf(path, sizeof path, "%s/made_by_open", dir);
    f = open(path, O_RDWR | O_CREAT, 0600);
    CHECK(f >= 0, "open(O_CREAT) there makes a queue");
    struct attr o;
    CHECK(getset_(f, NULL, &o) == 0 && o.maxmsg == 10 && o.msgsize == 8192, "with the default attributes");
    close(f);
    snprintf(path, sizeof path, "%s/sub", dir);
    CHECK_EQ(mkdir(path, 0755), -1, "mkdir there");
    CHECK_EQ(errno, EPERM, "is EPERM");
    CHECK_EQ(unlink_("made_by_open"), 0, "mq_unlink removes it");
    CHECK_EQ(umount(dir), 0, "umount");
    rmdir(dir);
}

static void rlimit(void)
{
    struct rlimit old, r;
    getrlimit(RLIMIT_MSGQUEUE, &old);
    CHECK_EQ(old.rlim_cur, 819200, "RLIMIT_MSGQUEUE: 819200 bytes");
    r = (struct rlimit){10000, old.rlim_max};
    setrlimit(RLIMIT_MSGQUEUE, &r);
    /* 10 x 1000 bytes, plus Linux's 96 bytes of bookkeeping a message. */
    struct attr a = {.maxmsg = 10, .msgsize = 904};
    long fd = mq_open_(qname, O_RDWR | O_CREAT, 0600, &a);
    CHECK(fd >= 0, "a queue charged exactly the limit");
    CHECK_EQ(mq_open_("tt_mq_second", O_RDWR | O_CREAT, 0600, &(struct attr){.maxmsg = 1, .msgsize = 1}), -EMFILE,
             "one byte more: EMFILE");
    close((int)fd);
    CHECK(mq_open_("tt_mq_second", O_RDWR | O_CREAT, 0600, &(struct attr){.maxmsg = 1, .msgsize = 1}) == -EMFILE,
          "closing does not free the charge");
    unlink_(qname);
    fd = mq_open_("tt_mq_second", O_RDWR | O_CREAT, 0600, &(struct attr){.maxmsg = 1, .msgsize = 1});
    CHECK(fd >= 0, "unlinking does");
    close((int)fd);
    unlink_("tt_mq_second");
    setrlimit(RLIMIT_MSGQUEUE, &old);
    struct rlimit nofile;
    getrlimit(RLIMIT_NOFILE, &nofile);
    r = (struct rlimit){0, nofile.rlim_max};
    setrlimit(RLIMIT_NOFILE, &r);
    CHECK_EQ(mq_open_(qname, O_RDWR | O_CREAT, 0600, NULL), -EMFILE, "no descriptor left: EMFILE");
    setrlimit(RLIMIT_NOFILE, &nofile);
    CHECK_EQ(unlink_(qname), -ENOENT, "and no queue was made");
}

static void permissions(void)
{
    long fd = mq_open_(qname, O_RDWR | O_CREAT, 0600, NULL);
    pid_t c = fork();
    if (c == 0) {
        if (setresuid(65534, 65534, 65534))
            _exit(9);
        int r = 0;
        r |= mq_open_(qname, O_RDONLY, 0, NULL) != -EACCES;
        r |= (unlink_(qname) != -EPERM) << 1; /* the sticky root */
        _exit(r);
    }
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "another user: EACCES to open, EPERM to unlink");
    close((int)fd);
    unlink_(qname);
}

static int read_int(const char *path)
{
    FILE *f = fopen(path, "r");
    int v = -1;
    if (f) {
        if (fscanf(f, "%d", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

static int write_str(const char *path, const char *s)
{
    int f = open(path, O_WRONLY);
    if (f < 0)
        return -errno;
    int r = write(f, s, strlen(s)) < 0 ? -errno : 0;
    close(f);
    return r;
}

/* Tiny OS alone: the tunables (the host's must stay as they are). */
static void limits(void)
{
    CHECK_EQ(read_int("/proc/sys/fs/mqueue/queues_max"), 256, "queues_max 256");
    CHECK_EQ(read_int("/proc/sys/fs/mqueue/msg_max"), 10, "msg_max 10");
    CHECK_EQ(read_int("/proc/sys/fs/mqueue/msgsize_max"), 8192, "msgsize_max 8192");
    CHECK_EQ(read_int("/proc/sys/fs/mqueue/msg_default"), 10, "msg_default 10");
    CHECK_EQ(read_int("/proc/sys/fs/mqueue/msgsize_default"), 8192, "msgsize_default 8192");
    CHECK_EQ(write_str("/proc/sys/fs/mqueue/msg_max", "0"), -EINVAL, "msg_max 0: EINVAL");
    CHECK_EQ(write_str("/proc/sys/fs/mqueue/msgsize_max", "127"), -EINVAL, "msgsize_max 127: EINVAL");
    CHECK_EQ(write_str("/proc/sys/fs/mqueue/msg_default", "4"), 0, "msg_default 4");
    long fd = mq_open_(qname, O_RDWR | O_CREAT, 0600, NULL);
    struct attr o;
    CHECK(getset_((int)fd, NULL, &o) == 0 && o.maxmsg == 4, "a new queue holds 4");
    close((int)fd);
    unlink_(qname);
    write_str("/proc/sys/fs/mqueue/msg_default", "10");
    CHECK_EQ(write_str("/proc/sys/fs/mqueue/queues_max", "0"), 0, "queues_max 0");
    pid_t c = fork();
    if (c == 0) {
        setresuid(65534, 65534, 65534);
        _exit(mq_open_(qname, O_RDWR | O_CREAT, 0600, NULL) == -ENOSPC ? 0 : 1);
    }
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "past queues_max a user gets ENOSPC");
    fd = mq_open_(qname, O_RDWR | O_CREAT, 0600, NULL);
    CHECK(fd >= 0, "root passes it");
    close((int)fd);
    unlink_(qname);
    write_str("/proc/sys/fs/mqueue/queues_max", "256");
}

int main(int argc, char **argv)
{
    snprintf(qname, sizeof qname, "tt_mq_%d", getpid());
    names();
    attributes();
    messages();
    waiting();
    notify();
    as_files();
    mounted();
    rlimit();
    permissions();
    if (argc > 1 && !strcmp(argv[1], "strict"))
        limits();
    unlink_(qname);
    return tt_done();
}
