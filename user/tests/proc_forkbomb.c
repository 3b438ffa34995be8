/*
 * proc_forkbomb.c - fork until fork fails, then recover.
 *
 * Tiny OS allows 1024 processes: with this program as the only other
 * process, the 1024th fork fails with EAGAIN (Linux's errno for "too many
 * processes", see fork(2)). The host may never refuse (root is not bound
 * by RLIMIT_NPROC), so at most CAP children are made. Each child blocks
 * reading a pipe and exits when the parent closes it; then every child
 * must be reaped, and fork must work again.
 *
 * With argv[1] = "strict" (the Tiny OS run) fork must fail, with EAGAIN,
 * after exactly 1023 children, twice in a row (no process slot leaks).
 * Without it (the host) reaching the cap is fine too.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

enum { CAP = 1100, TINYOS_MAX_CHILDREN = 1023 };

static pid_t pids[CAP];

/* One round: returns the number of children made; *err = fork's errno on failure, 0 if the cap was hit. */
static int bomb(int *err, int *reaped_ok)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(stdout);
    int n = 0;
    *err = 0;
    while (n < CAP) {
        pid_t c = fork();
        if (c == 0) {
            char ch;
            close(fds[1]);
            _exit(read(fds[0], &ch, 1) == 0 ? 0 : 1); /* blocks until the parent closes the pipe */
        }
        if (c < 0) {
            *err = errno;
            break;
        }
        pids[n++] = c;
    }
    close(fds[0]);
    close(fds[1]); /* every child now reads end of file and exits 0 */
    int good = 0;
    for (int i = 0; i < n; i++) {
        int st;
        if (waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0)
            good++;
    }
    errno = 0;
    *reaped_ok = good == n && wait(NULL) == -1 && errno == ECHILD;
    return n;
}

static int fork_works(void)
{
    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(3);
    int st;
    return c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 3;
}

int main(int argc, char **argv)
{
    int strict = argc > 1 && !strcmp(argv[1], "strict");
    for (int round = 1; round <= 2; round++) {
        int err = 0, reaped = 0;
        int n = bomb(&err, &reaped);
        if (strict) {
            char what[128];
            snprintf(what, sizeof what, "round %d: fork fails with EAGAIN after %d children (1024 processes)", round,
                     TINYOS_MAX_CHILDREN);
            tt_check(n == TINYOS_MAX_CHILDREN && err == EAGAIN, what, "%d children, then errno %d (%s)", n, err,
                     err ? strerror(err) : "no failure");
        } else {
            tt_check(n > 0 && (err == EAGAIN || (err == 0 && n == CAP)), "fork fails with EAGAIN or the cap is reached",
                     "%d children, errno %d", n, err);
        }
        CHECK(reaped, "every child exits 0 when the pipe closes and is reaped; then ECHILD");
        int works = fork_works();
        CHECK(works, "fork works again afterwards");
        if (round == 1)
            printf("recovered: %s\n", reaped && works ? "yes" : "no");
    }
    return tt_done();
}
