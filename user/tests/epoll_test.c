/* epoll_test.c - epoll on pipes: readiness, timeouts, a wake-up from
 * another process, EPOLLONESHOT, the errors of epoll_ctl (EPERM for a
 * regular file, EEXIST, ENOENT, EBADF), level-triggered fairness with a
 * small maxevents, EPOLLET (a report per new event, not per readiness)
 * and EPOLLEXCLUSIVE (its EINVAL cases; one write wakes one of several
 * exclusive waiters). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

/* Level-triggered watches that stay ready come back in turn when
 * maxevents is smaller than their number (Linux re-queues reported ones
 * at the tail of the ready list). */
static void lt_fairness(void)
{
    int ep = epoll_create1(0), p[5][2];
    for (int i = 0; i < 5; i++) {
        pipe(p[i]);
        write(p[i][1], "x", 1);
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, p[i][0], &ev);
    }
    int count[5] = {0};
    struct epoll_event out[2];
    for (int round = 0; round < 5; round++) {
        int n = epoll_wait(ep, out, 2, 0);
        CHECK_EQ(n, 2, "LT: maxevents ready watches each call");
        for (int i = 0; i < n; i++)
            count[out[i].data.u64 % 5]++;
    }
    for (int i = 0; i < 5; i++)
        CHECK_EQ(count[i], 2, "LT: every ready watch reported in turn");
    for (int i = 0; i < 5; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
    close(ep);
}

/* EPOLLET: a report when something new happens, not while ready; the
 * pipe sized to one page as LTP's epoll_wait06 does. */
static void edge_triggered(void)
{
    int ep = epoll_create1(0), p[2];
    pipe2(p, O_NONBLOCK);
    fcntl(p[1], F_SETPIPE_SZ, 4096);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0};
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0, "ET: watch the read end");
    ev = (struct epoll_event){.events = EPOLLOUT | EPOLLET, .data.u64 = 1};
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev), 0, "ET: watch the write end");
    struct epoll_event out[4];
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "ET: an empty pipe reports writable once");
    CHECK(out[0].data.u64 == 1 && out[0].events == EPOLLOUT, "ET: the write end, EPOLLOUT");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "ET: and not again while nothing happens");
    static char buf[4096];
    CHECK_EQ(write(p[1], buf, sizeof buf), 4096, "ET: fill the pipe");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "ET: the write reports the read end");
    CHECK(out[0].data.u64 == 0 && out[0].events == EPOLLIN, "ET: EPOLLIN");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "ET: still readable, but no new event");
    CHECK_EQ(read(p[0], buf, 2048), 2048, "ET: read half");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "ET: half a page read frees no slot: nothing");
    CHECK_EQ(read(p[0], buf, 2048), 2048, "ET: read the rest");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "ET: the freed slot reports the write end");
    CHECK(out[0].data.u64 == 1, "ET: the write end");
    errno = 0;
    CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN, "ET: drained to EAGAIN");
    write(p[1], "a", 1);
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "ET: new data after EAGAIN reports again");
    CHECK(out[0].data.u64 == 0, "ET: the read end");
    write(p[1], "b", 1);
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "ET: more data while readable is a new event");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "ET: reported once");
    ev = (struct epoll_event){.events = EPOLLIN | EPOLLET, .data.u64 = 2};
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0, "ET: EPOLL_CTL_MOD");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "ET: a modified watch that is ready reports once");
    CHECK(out[0].data.u64 == 2, "ET: with its new data");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "ET: and then waits for an event");
    close(p[0]);
    close(p[1]);
    close(ep);
}

/* EPOLLEXCLUSIVE: its EINVAL cases, and one write wakes one of several
 * instances waiting on the same pipe (LTP's epoll_wait16, shortened). */
static void exclusive(void)
{
    int ep = epoll_create1(0), ep2 = epoll_create1(0), p[2];
    pipe(p);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev) == -1 && errno == EINVAL, "EXCLUSIVE on an epoll: EINVAL");
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EINVAL, "EXCLUSIVE with ONESHOT: EINVAL");
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == -1 && errno == EINVAL, "MOD with EXCLUSIVE: EINVAL first");
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0, "EXCLUSIVE watch added");
    ev.events = EPOLLIN;
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == -1 && errno == EINVAL, "MOD of an exclusive watch: EINVAL");
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0, "DEL of an exclusive watch");
    close(ep);
    close(ep2);

    volatile int *woken = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t kids[4];
    fflush(stdout);
    for (int i = 0; i < 4; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            int e = epoll_create1(0);
            struct epoll_event w = {.events = EPOLLIN | EPOLLET | EPOLLEXCLUSIVE};
            epoll_ctl(e, EPOLL_CTL_ADD, p[0], &w);
            if (epoll_wait(e, &w, 1, 3000) == 1)
                __atomic_add_fetch(woken, 1, __ATOMIC_SEQ_CST);
            _exit(0);
        }
    }
    struct timespec ts = {0, 300000000};
    nanosleep(&ts, NULL); /* the children are in epoll_wait */
    write(p[1], "x", 1);
    nanosleep(&ts, NULL);
    CHECK_EQ(*woken, 1, "EXCLUSIVE: one write wakes one waiter");
    char c;
    read(p[0], &c, 1);
    write(p[1], "y", 1);
    nanosleep(&ts, NULL);
    CHECK_EQ(*woken, 2, "EXCLUSIVE: the next write wakes the next");
    for (int i = 0; i < 4; i++) {
        kill(kids[i], SIGKILL);
        waitpid(kids[i], NULL, 0);
    }
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0, "epoll_create1");
    CHECK_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC, "EPOLL_CLOEXEC sets close-on-exec");
    int p[2];
    pipe(p);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1234};
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0, "watch the read end");
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EEXIST, "adding twice: EEXIST");
    int file = open((const char *)getauxval(AT_EXECFN), O_RDONLY);
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev) == -1 && errno == EPERM, "a regular file: EPERM");
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev) == -1 && errno == ENOENT, "modifying an unwatched fd: ENOENT");
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev) == -1 && errno == EBADF, "a closed fd: EBADF");

    struct epoll_event out[4];
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "nothing ready yet");
    CHECK_EQ(epoll_wait(ep, out, 4, 30), 0, "a 30 ms wait times out");
    write(p[1], "x", 1);
    CHECK_EQ(epoll_wait(ep, out, 4, -1), 1, "data makes it ready");
    CHECK(out[0].events == EPOLLIN && out[0].data.u64 == 0x1234, "with the events and the user data");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "level-triggered: still ready until read");
    char c;
    read(p[0], &c, 1);
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "not after the read");

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        struct timespec ts = {0, 20000000};
        nanosleep(&ts, NULL);
        write(p[1], "y", 1);
        _exit(0);
    }
    CHECK_EQ(epoll_wait(ep, out, 4, 5000), 1, "another process's write wakes epoll_wait");
    waitpid(child, NULL, 0);

    ev.events = EPOLLIN | EPOLLONESHOT;
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0, "EPOLL_CTL_MOD to one-shot");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "one-shot reports once");
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 0, "and then not again");
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0, "EPOLL_CTL_DEL");
    close(p[1]);
    ev.events = EPOLLIN;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    CHECK_EQ(epoll_wait(ep, out, 4, 0), 1, "a hung-up pipe is ready");
    CHECK((out[0].events & EPOLLHUP) != 0, "with EPOLLHUP");
    errno = 0;
    CHECK(epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL, "maxevents 0: EINVAL");
    lt_fairness();
    edge_triggered();
    exclusive();
    return tt_done();
}
