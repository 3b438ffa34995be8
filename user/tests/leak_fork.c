/*
 * leak_fork.c - processes do not leak memory: after 10,000 fork/exit/wait
 * cycles, 1,000 fork/execve/wait cycles and 1,000 pipe + fork + transfer
 * cycles, sysinfo's free RAM (freeram * mem_unit; Tiny OS reports its free
 * frame count there) equals its value before. A warm-up round of each runs
 * first so that one-time allocations (caches, page tables, stdio) do not
 * count.
 *
 * argv[1] = "strict" (the Tiny OS run): free RAM must be exactly equal.
 * Without it (the host, where other activity moves freeram by 100 MiB and
 * more) free RAM is only sampled: the exact check is meaningful on Tiny OS.
 * argv[1] = "exit-now": the execve target, exits 0 at once.
 */
#include <sched.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static char *self_argv[3];

static long long free_bytes(void)
{
    struct sysinfo si;
    for (int i = 0; i < 5; i++)
        sched_yield(); /* let anything freed lazily after a switch be freed */
    if (sysinfo(&si) != 0)
        return -1;
    return (long long)si.freeram * si.mem_unit;
}

/* Each cycle returns 0 on success. */
static int cycle_fork(void)
{
    pid_t c = fork();
    if (c == 0)
        _exit(7);
    int st;
    return !(c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static int cycle_exec(void)
{
    pid_t c = fork();
    if (c == 0) {
        exec_self(self_argv);
        _exit(127);
    }
    int st;
    return !(c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int cycle_pipe(void)
{
    static char buf[8192];
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    pid_t c = fork();
    if (c == 0) {
        close(fds[0]);
        memset(buf, 'x', sizeof buf);
        _exit(write(fds[1], buf, sizeof buf) == sizeof buf ? 0 : 1);
    }
    close(fds[1]);
    long total = 0, n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        total += n;
    close(fds[0]);
    int st;
    return !(c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0 && total == sizeof buf);
}

static void run(int (*cycle)(void), int warm, int n, const char *what, int strict)
{
    int bad = 0;
    for (int i = 0; i < warm; i++)
        bad += cycle();
    long long before = free_bytes();
    for (int i = 0; i < n; i++)
        bad += cycle();
    long long after = free_bytes();
    char line[160];
    snprintf(line, sizeof line, "%d %s cycles all succeed", n, what);
    tt_check(bad == 0, line, "%d failed", bad);
    long long diff = before - after;
    if (strict) {
        snprintf(line, sizeof line, "free RAM after %d %s cycles equals the start value", n, what);
        tt_check(before > 0 && diff == 0, line, "before %lld, after %lld bytes: %lld bytes (%lld pages) lost", before,
                 after, diff, diff / 4096);
    } else {
        /* The host's freeram moves by 100 MiB and more with other activity: only sample it. */
        snprintf(line, sizeof line, "free RAM sampled around %d %s cycles (compared only with 'strict')", n, what);
        tt_check(before > 0 && after > 0, line, "sysinfo failed");
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exit-now"))
        return 0;
    int strict = argc > 1 && !strcmp(argv[1], "strict");
    self_argv[0] = argv[0];
    self_argv[1] = "exit-now";
    self_argv[2] = NULL;
    fflush(stdout);
    run(cycle_fork, 100, 10000, "fork/exit/wait", strict);
    run(cycle_exec, 20, 1000, "fork/execve/wait", strict);
    run(cycle_pipe, 20, 1000, "pipe/fork/8 KiB transfer/wait", strict);
    return tt_done();
}
