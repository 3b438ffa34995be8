/* poll_test.c - poll, ppoll, select and pselect on pipes and devices:
 * readiness, hang-up, invalid descriptors, timeouts, and waking up when
 * another process writes. */
#define _GNU_SOURCE /* ppoll */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

int main(void)
{
    int p[2];
    CHECK_EQ(pipe(p), 0, "pipe");
    struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    CHECK_EQ(poll(fds, 2, 0), 1, "only the write end is ready");
    CHECK_EQ(fds[0].revents, 0, "empty read end: no events");
    CHECK_EQ(fds[1].revents, POLLOUT, "write end: POLLOUT");
    CHECK_EQ(poll(fds, 1, 50), 0, "a 50 ms timeout on an empty pipe expires");
    write(p[1], "x", 1);
    CHECK_EQ(poll(fds, 1, -1), 1, "data makes the read end ready");
    CHECK_EQ(fds[0].revents, POLLIN, "POLLIN");

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    struct timeval tv = {0, 0};
    CHECK_EQ(select(p[1] + 1, &rd, &wr, NULL, &tv), 2, "select: both ready");
    CHECK(FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "select sets both bits");
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv = (struct timeval){0, 20000};
    CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0, "select times out on an empty pipe");
    CHECK(!FD_ISSET(p[0], &rd), "and clears the bit");

    /* A descriptor that was just closed, so it lies inside the descriptor
     * table: Linux's select silently ignores bits past the table's current
     * size (at least 64), so a fixed large number is not EBADF everywhere. */
    int closed = dup(p[0]);
    close(closed);
    struct pollfd bad = {closed, POLLIN, 0};
    CHECK_EQ(poll(&bad, 1, 0), 1, "an invalid descriptor counts as ready");
    CHECK_EQ(bad.revents, POLLNVAL, "with POLLNVAL");
    FD_ZERO(&rd);
    FD_SET(closed, &rd);
    errno = 0;
    CHECK(select(closed + 1, &rd, NULL, NULL, &tv) == -1 && errno == EBADF, "select on a closed descriptor: EBADF");

    int null = open("/dev/null", O_RDWR);
    struct pollfd nf = {null, POLLIN | POLLOUT, 0};
    CHECK_EQ(poll(&nf, 1, 0), 1, "/dev/null is ready");
    CHECK_EQ(nf.revents, POLLIN | POLLOUT, "for reading and writing");

    /* A child writes after a while: poll without a timeout wakes up. */
    pid_t child = fork();
    if (child == 0) {
        struct timespec ts = {0, 30000000};
        nanosleep(&ts, NULL);
        write(p[1], "y", 1);
        _exit(0);
    }
    fds[0].revents = 0;
    CHECK_EQ(poll(fds, 1, 5000), 1, "poll wakes when another process writes");
    read(p[0], &c, 1);
    CHECK(c == 'y', "and the byte is there");
    waitpid(child, NULL, 0);

    struct timespec zero = {0, 0};
    sigset_t mask;
    sigemptyset(&mask);
    CHECK_EQ(ppoll(fds, 1, &zero, &mask), 0, "ppoll with a zero timeout");
    CHECK_EQ(pselect(p[0] + 1, &rd, NULL, NULL, &zero, &mask), 0, "pselect with a zero timeout");

    close(p[1]);
    CHECK_EQ(poll(fds, 1, 0), 1, "a closed write end wakes the reader");
    CHECK_EQ(fds[0].revents, POLLHUP, "with POLLHUP");
    int q[2];
    pipe(q);
    close(q[0]);
    struct pollfd w = {q[1], POLLOUT, 0};
    CHECK_EQ(poll(&w, 1, 0), 1, "a write end without readers is ready");
    CHECK_EQ(w.revents, POLLOUT | POLLERR, "with POLLOUT|POLLERR");
    return tt_done();
}
