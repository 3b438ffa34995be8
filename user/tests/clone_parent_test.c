/* clone_parent_test.c - clone(CLONE_PARENT): the child is the caller's
 * sibling (its parent is the caller's parent, who waits for it), and the
 * child's exit is reported to that parent (LTP clone08). Differential. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

int main(void)
{
    int fds[2], gfds[2]; /* a's answers; the sibling's */
    CHECK_EQ(pipe(fds), 0, "pipe");
    CHECK_EQ(pipe(gfds), 0, "pipe");
    pid_t top = getpid();
    pid_t a = fork();
    if (a == 0) {
        long b = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
        if (b == 0) {
            /* The grandchild: its parent is top, not a. */
            char ok = getppid() == top ? 'y' : 'n';
            write(gfds[1], &ok, 1);
            _exit(7);
        }
        /* a has no child of its own to wait for. */
        int st;
        pid_t w = waitpid(-1, &st, 0);
        char c = (b > 0 && w == -1 && errno == ECHILD) ? 'y' : 'n';
        write(fds[1], &c, 1);
        /* a gives the sibling's pid to top. */
        write(fds[1], &b, sizeof b);
        _exit(3);
    }
    char r1 = 0, r2 = 0;
    long b = 0;
    read(gfds[0], &r1, 1);
    read(fds[0], &r2, 1);
    read(fds[0], &b, sizeof b);
    CHECK_EQ(r1, 'y', "the sibling's parent is the caller's parent");
    CHECK_EQ(r2, 'y', "the caller has no child of its own");
    int st;
    CHECK_EQ(waitpid(a, &st, 0), a, "the caller is reaped");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "with its status");
    CHECK_EQ(waitpid((pid_t)b, &st, 0), (pid_t)b, "the sibling is our child: we reap it");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "with its status");
    CHECK_EQ(waitpid(-1, &st, 0), -1, "no more children");
    return tt_done();
}
