/* fdobj_test.c - eventfd, timerfd and signalfd (eventfd(2),
 * timerfd_create(2), signalfd(2)): counts, flags, errors, blocking, and
 * readiness through poll and epoll. Differential: Linux is the oracle;
 * timings are only checked against bounds. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>

#include "tt.h"

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static long rd(int fd)
{
    uint64_t v = 0;
    ssize_t n = read(fd, &v, 8);
    return n == 8 ? (long)v : n < 0 ? -errno : -1000;
}

static int wr(int fd, uint64_t v) { return write(fd, &v, 8) == 8 ? 0 : -errno; }

static short poll1(int fd, short events, int timeout)
{
    struct pollfd p = {fd, events, 0};
    return poll(&p, 1, timeout) == 1 ? p.revents : 0;
}

static void eventfds(void)
{
    int e = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK_EQ(rd(e), 3, "eventfd: read returns the count");
    CHECK_EQ(rd(e), -EAGAIN, "eventfd: empty and nonblocking: EAGAIN");
    wr(e, 5);
    wr(e, 2);
    CHECK_EQ(rd(e), 7, "eventfd: writes add up");
    CHECK_EQ(fcntl(e, F_GETFD), FD_CLOEXEC, "EFD_CLOEXEC sets close-on-exec");
    CHECK((fcntl(e, F_GETFL) & (O_NONBLOCK | O_ACCMODE)) == (O_NONBLOCK | O_RDWR), "EFD_NONBLOCK: O_RDWR|O_NONBLOCK");
    struct stat st;
    CHECK(fstat(e, &st) == 0 && st.st_mode == 0600, "fstat: mode 0600, no file type");
    char path[64], link[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", e);
    readlink(path, link, sizeof link - 1);
    CHECK(strcmp(link, "anon_inode:[eventfd]") == 0, "its /proc link is anon_inode:[eventfd]");
    char small[4];
    CHECK(read(e, small, 4) < 0 && errno == EINVAL, "read of 4 bytes: EINVAL");
    CHECK_EQ(wr(e, UINT64_MAX), -EINVAL, "writing 2^64-1: EINVAL");
    CHECK_EQ(poll1(e, POLLIN | POLLOUT, 0), POLLOUT, "zero: writable, not readable");
    CHECK_EQ(wr(e, UINT64_MAX - 1), 0, "the counter holds 2^64-2");
    CHECK_EQ(wr(e, 1), -EAGAIN, "one more would overflow: EAGAIN");
    CHECK_EQ(poll1(e, POLLIN | POLLOUT, 0), POLLIN, "full: readable, not writable");
    close(e);

    int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK(rd(s) == 1 && rd(s) == 1 && rd(s) == -EAGAIN, "EFD_SEMAPHORE: reads 1 at a time");
    close(s);
    CHECK(eventfd(0, 0x100) < 0 && errno == EINVAL, "unknown flags: EINVAL");

    int b = eventfd(0, 0);
    pid_t c = fork();
    if (c == 0) {
        sleep_ms(30);
        wr(b, 42);
        _exit(0);
    }
    CHECK_EQ(rd(b), 42, "a blocking read waits for another process's write");
    waitpid(c, NULL, 0);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 77}, out[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
    CHECK_EQ(epoll_wait(ep, out, 2, 0), 0, "epoll: nothing yet");
    c = fork();
    if (c == 0) {
        sleep_ms(30);
        wr(b, 1);
        _exit(0);
    }
    CHECK(epoll_wait(ep, out, 2, 5000) == 1 && out[0].data.u64 == 77 && out[0].events == EPOLLIN,
          "epoll_wait wakes for an eventfd write");
    waitpid(c, NULL, 0);
    close(ep);
    close(b);
}

static void timerfds(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct itimerspec cur, old, nv = {{0, 0}, {0, 30000000}};
    CHECK_EQ(rd(t), -EAGAIN, "timerfd: disarmed and nonblocking: EAGAIN");
    timerfd_gettime(t, &cur);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "gettime of a disarmed timer: 0");
    uint64_t t0 = now_ms();
    timerfd_settime(t, 0, &nv, NULL);
    timerfd_gettime(t, &cur);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 30000000,
          "gettime: the time left");
    CHECK_EQ(poll1(t, POLLIN, 5000), POLLIN, "poll waits for the expiry");
    CHECK(now_ms() - t0 >= 29, "not before it");
    CHECK_EQ(rd(t), 1, "one expiration");
    CHECK_EQ(rd(t), -EAGAIN, "then none: a one-shot timer disarms");

    struct itimerspec per = {{0, 10000000}, {0, 10000000}};
    timerfd_settime(t, 0, &per, NULL);
    sleep_ms(55);
    long n = rd(t);
    CHECK(n >= 4 && n <= 8, "periodic: expirations accumulate until read");
    nv = (struct itimerspec){{0, 0}, {10, 0}};
    timerfd_settime(t, 0, &nv, &old);
    CHECK(old.it_interval.tv_nsec == 10000000 && old.it_value.tv_sec == 0, "settime returns the old setting");
    nv = (struct itimerspec){{0, 0}, {0, 0}};
    timerfd_settime(t, 0, &nv, &old);
    CHECK(old.it_value.tv_sec == 9 || old.it_value.tv_sec == 10, "a 10 s timer has about 10 s left");
    timerfd_gettime(t, &cur);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "a zero value disarms");
    close(t);

    int b = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    CHECK_EQ(fcntl(b, F_GETFD), FD_CLOEXEC, "TFD_CLOEXEC sets close-on-exec");
    nv = (struct itimerspec){{0, 0}, {0, 30000000}};
    t0 = now_ms();
    timerfd_settime(b, 0, &nv, NULL);
    CHECK(rd(b) == 1 && now_ms() - t0 >= 29, "a blocking read waits for the expiry");
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 5}, out[1];
    epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
    timerfd_settime(b, 0, &nv, NULL);
    CHECK(epoll_wait(ep, out, 1, -1) == 1 && out[0].data.u64 == 5, "epoll_wait without timeout wakes at the expiry");
    close(ep);
    close(b);

    int r = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    rt.tv_nsec += 20000000;
    if (rt.tv_nsec >= 1000000000)
        rt.tv_sec++, rt.tv_nsec -= 1000000000;
    nv = (struct itimerspec){{0, 0}, rt};
    timerfd_settime(r, TFD_TIMER_ABSTIME, &nv, NULL);
    CHECK(poll1(r, POLLIN, 5000) == POLLIN && rd(r) == 1, "CLOCK_REALTIME with TFD_TIMER_ABSTIME");
    nv.it_value.tv_sec = 1; /* long past */
    timerfd_settime(r, TFD_TIMER_ABSTIME, &nv, NULL);
    CHECK_EQ(rd(r), 1, "an absolute time in the past expires at once");

    CHECK(timerfd_create(99, 0) < 0 && errno == EINVAL, "unknown clock: EINVAL");
    CHECK(timerfd_create(CLOCK_MONOTONIC, 0x10) < 0 && errno == EINVAL, "unknown flags: EINVAL");
    nv = (struct itimerspec){{0, 0}, {0, 1000000000}};
    CHECK(timerfd_settime(r, 0, &nv, NULL) < 0 && errno == EINVAL, "tv_nsec of 1e9: EINVAL");
    nv.it_value.tv_nsec = 0;
    CHECK(timerfd_settime(r, 8, &nv, NULL) < 0 && errno == EINVAL, "unknown settime flags: EINVAL");
    int e = eventfd(0, 0);
    CHECK(timerfd_settime(e, 0, &nv, NULL) < 0 && errno == EINVAL, "settime of an eventfd: EINVAL");
    CHECK(timerfd_gettime(999, &cur) < 0 && errno == EBADF, "gettime of a closed descriptor: EBADF");
    close(e);
    close(r);
}

static void on_signal(int sig) { (void)sig; }

static void signalfds(void)
{
    /* Handlers, though the signals stay blocked: under Tiny OS this runs
     * as PID 1, and init gets no signal whose action is SIG_DFL. (Linux
     * keeps even those while blocked, sig_ignored(); Tiny OS drops them.) */
    signal(SIGUSR1, on_signal);
    signal(SIGUSR2, on_signal);
    signal(SIGCHLD, on_signal);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigaddset(&m, SIGUSR2);
    sigaddset(&m, SIGCHLD);
    sigprocmask(SIG_BLOCK, &m, NULL);
    int s = signalfd(-1, &m, SFD_NONBLOCK);
    struct signalfd_siginfo si[2];
    CHECK(read(s, si, sizeof si) < 0 && errno == EAGAIN, "signalfd: none pending: EAGAIN");
    CHECK(read(s, si, 100) < 0 && errno == EINVAL, "a buffer under 128 bytes: EINVAL");
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR1);
    CHECK_EQ(poll1(s, POLLIN, 0), POLLIN, "readable while one is pending");
    CHECK(read(s, si, sizeof si) == 256 && si[0].ssi_signo == SIGUSR1 && si[1].ssi_signo == SIGUSR2,
          "read takes every pending signal, lowest first");
    CHECK(si[0].ssi_code == SI_USER && si[0].ssi_pid == (uint32_t)getpid(), "with the sender's siginfo");
    sigset_t pend;
    sigpending(&pend);
    CHECK(!sigismember(&pend, SIGUSR1) && !sigismember(&pend, SIGUSR2), "and they are no longer pending");
    CHECK_EQ(poll1(s, POLLIN, 0), 0, "then it is not readable");

    sigset_t only1;
    sigemptyset(&only1);
    sigaddset(&only1, SIGUSR1);
    CHECK_EQ(signalfd(s, &only1, 0), s, "signalfd(fd, ...) changes the set of that signalfd");
    kill(getpid(), SIGUSR2);
    CHECK(read(s, si, sizeof si) < 0 && errno == EAGAIN, "a signal outside the set is not read");
    sigpending(&pend);
    CHECK(sigismember(&pend, SIGUSR2), "and stays pending");
    signal(SIGUSR2, SIG_IGN); /* discards it */
    signal(SIGUSR2, on_signal);
    CHECK_EQ(signalfd(s, &only1, 0x10), -1, "unknown flags: EINVAL");
    int e = eventfd(0, 0);
    CHECK(signalfd(e, &only1, 0) < 0 && errno == EINVAL, "an eventfd is not a signalfd: EINVAL");
    close(e);
    close(s);

    int b = signalfd(-1, &m, SFD_CLOEXEC);
    CHECK_EQ(fcntl(b, F_GETFD), FD_CLOEXEC, "SFD_CLOEXEC sets close-on-exec");
    pid_t parent = getpid(), c = fork();
    if (c == 0) {
        sleep_ms(30);
        kill(parent, SIGUSR1);
        _exit(7);
    }
    CHECK(read(b, si, sizeof si[0]) == 128 && si[0].ssi_signo == SIGUSR1 && si[0].ssi_pid == (uint32_t)c,
          "a blocking read waits for a signal from another process");
    CHECK(read(b, si, sizeof si[0]) == 128 && si[0].ssi_signo == SIGCHLD && si[0].ssi_code == CLD_EXITED &&
              si[0].ssi_status == 7 && si[0].ssi_pid == (uint32_t)c,
          "SIGCHLD comes with the child's pid and exit status");
    waitpid(c, NULL, 0);
    close(b);
}

int main(void)
{
    eventfds();
    timerfds();
    signalfds();
    return tt_done();
}
