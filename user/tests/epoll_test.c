/* epoll_test.c - epoll on pipes: readiness, timeouts, a wake-up from
 * another process, EPOLLONESHOT, and the errors of epoll_ctl (EPERM for
 * a regular file, EEXIST, ENOENT, EBADF). Level-triggered use only: that
 * is what Tiny OS implements (docs/syscalls.md). */
#include <errno.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

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
    return tt_done();
}
