/*
 * proc_basic.c - fork, vfork, clone, wait4, exit statuses, getppid and
 * orphan reparenting, checked the way Linux defines them.
 *
 * On Tiny OS this program is PID 1, so orphans are reparented to it. On
 * the host it is not, so it makes itself a child subreaper
 * (PR_SET_CHILD_SUBREAPER) and orphans are reparented to it there too:
 * either way the orphan's new parent is this program, whatever its pid.
 * Nothing printed depends on pids.
 *
 * argv[1] selects a helper role when the program execs itself:
 *   exit N     exit at once with status N (from execve'd vfork children)
 *   return N   return N from main (exit through the C library)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

/* forkforkfork: a tree of processes; each node exits with the number of
 * processes in its subtree (itself included). */
__attribute__((noreturn)) static void tree(int depth)
{
    if (depth == 0)
        _exit(1);
    int total = 1;
    pid_t kids[3];
    for (int i = 0; i < 3; i++) {
        kids[i] = fork();
        if (kids[i] == 0)
            tree(depth - 1);
        if (kids[i] < 0)
            _exit(200);
    }
    for (int i = 0; i < 3; i++) {
        int st;
        if (waitpid(kids[i], &st, 0) != kids[i] || !WIFEXITED(st))
            _exit(201);
        total += WEXITSTATUS(st);
    }
    _exit(total);
}

static volatile int vf_shared;
static int clone_fn(void *arg)
{
    *(volatile int *)arg = 77;
    return 12;
}
static char clone_stack[3][16384] __attribute__((aligned(16)));

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exit"))
        _exit(atoi(argv[2]));
    if (argc > 2 && !strcmp(argv[1], "return"))
        return atoi(argv[2]);

    pid_t me = getpid();
    int st;

    /* --- 50 children, distinct exit statuses, reaped with wait(-1). --- */
    {
        enum { N = 50 };
        pid_t pids[N];
        int forked = 0;
        for (int i = 0; i < N; i++) {
            pids[i] = xfork();
            if (pids[i] == 0)
                _exit(i * 5);
            forked += pids[i] > 0;
        }
        CHECK_EQ(forked, N, "fork 50 children");
        int seen[N] = {0}, good = 0;
        for (int k = 0; k < forked; k++) {
            pid_t r = wait4(-1, &st, 0, NULL);
            for (int i = 0; i < N; i++)
                if (pids[i] == r && !seen[i] && WIFEXITED(st) && WEXITSTATUS(st) == i * 5) {
                    seen[i] = 1;
                    good++;
                }
        }
        CHECK_EQ(good, N, "wait4(-1) reaps each child once with its own exit status");
        errno = 0;
        CHECK(wait4(-1, &st, 0, NULL) == -1 && errno == ECHILD, "then wait4(-1) fails with ECHILD");
        reap_all();
    }

    /* --- wait4 for a specific pid, in a different order than exit order. --- */
    {
        pid_t p[3];
        for (int i = 0; i < 3; i++) {
            p[i] = xfork();
            if (p[i] == 0)
                _exit(i + 1);
        }
        msleep(20); /* let them all become zombies (the result does not depend on it) */
        pid_t r = wait4(p[1], &st, 0, NULL);
        CHECK(r == p[1] && exited_with(st, 2), "wait4(pid) reaps that child (status 2)");
        r = wait4(p[2], &st, 0, NULL);
        CHECK(r == p[2] && exited_with(st, 3), "wait4(pid) reaps the next one (status 3)");
        r = waitpid(p[0], &st, 0);
        CHECK(r == p[0] && exited_with(st, 1), "waitpid(pid) reaps the first one (status 1)");
        errno = 0;
        CHECK(waitpid(p[0], &st, 0) == -1 && errno == ECHILD, "waitpid of a reaped child: ECHILD");
        reap_all();
    }

    /* --- WNOHANG: 0 while the child runs, its pid once it exits. --- */
    {
        int fds[2];
        CHECK_EQ(pipe(fds), 0, "pipe for the WNOHANG child");
        pid_t c = xfork();
        if (c == 0) {
            char ch;
            close(fds[1]);
            _exit(read(fds[0], &ch, 1) == 0 ? 7 : 8); /* exits when the parent closes the pipe */
        }
        close(fds[0]);
        CHECK_EQ(wait4(c, &st, WNOHANG, NULL), 0, "wait4(pid, WNOHANG) returns 0 while the child runs");
        CHECK_EQ(wait4(-1, &st, WNOHANG, NULL), 0, "wait4(-1, WNOHANG) returns 0 while the child runs");
        close(fds[1]);
        pid_t r = wait4(c, &st, 0, NULL);
        CHECK(r == c && exited_with(st, 7), "after the pipe closes the child exits 7 and is reaped");
        reap_all();
    }

    /* --- ECHILD and EINVAL. --- */
    errno = 0;
    CHECK(wait4(-1, &st, 0, NULL) == -1 && errno == ECHILD, "wait4(-1) with no children: ECHILD");
    errno = 0;
    CHECK(wait4(-1, &st, WNOHANG, NULL) == -1 && errno == ECHILD, "wait4(-1, WNOHANG) with no children: ECHILD");
    errno = 0;
    CHECK(wait4(me, &st, 0, NULL) == -1 && errno == ECHILD, "wait4(own pid): ECHILD");
    CHECK_EQ(raw_syscall6(SYS_wait4, -1, (long)&st, 0x10000, 0, 0, 0), -EINVAL, "wait4 with an unknown option bit: EINVAL");
    {
        pid_t c = xfork();
        if (c == 0)
            _exit(0);
        CHECK_EQ(raw_syscall6(SYS_wait4, c, 8, 0, 0, 0, 0), -EFAULT, "wait4 with a bad status pointer: EFAULT");
        reap_all();
    }
    {
        pid_t c = xfork();
        if (c == 0)
            _exit(3);
        CHECK(waitpid(c, NULL, 0) == c, "waitpid with a NULL status pointer");
        reap_all();
    }

    /* --- Exit statuses 0..255, and values outside that range. --- */
    {
        int bad = 0;
        for (int code = 0; code < 256; code++) {
            pid_t c = xfork();
            if (c == 0)
                _exit(code);
            int s = child_status(c);
            if (!exited_with(s, code) || WIFSIGNALED(s) || (s >> 8) != code || (s & 0xff) != 0)
                bad++;
        }
        CHECK_EQ(bad, 0, "exit codes 0..255 arrive as WEXITSTATUS (status = code << 8)");
        static const int codes[][2] = {{256, 0}, {-1, 255}, {0x1234, 0x34}, {-256, 0}};
        bad = 0;
        for (int i = 0; i < 4; i++) {
            pid_t c = xfork();
            if (c == 0)
                _exit(codes[i][0]);
            bad += !exited_with(child_status(c), codes[i][1]);
        }
        CHECK_EQ(bad, 0, "exit codes are taken modulo 256 (256->0, -1->255, 0x1234->0x34)");
        pid_t c = xfork();
        if (c == 0) {
            char *av[] = {argv[0], "return", "42", NULL};
            exec_self(av);
            _exit(127);
        }
        CHECK(exited_with(child_status(c), 42), "returning 42 from main gives exit status 42");
        c = xfork();
        if (c == 0)
            syscall(SYS_exit, 9); /* the thread-exit call ends a single-threaded process too */
        CHECK(exited_with(child_status(c), 9), "SYS_exit (not exit_group) in a one-thread process: status 9");
    }

    /* --- killstatus: SIGKILL from the parent. --- */
    {
        int bad = 0;
        for (int i = 0; i < 10; i++) {
            pid_t c = xfork();
            if (c == 0)
                for (;;)
                    getpid(); /* xv6 killstatus: spin in and out of the kernel */
            if (kill(c, SIGKILL) != 0)
                bad++;
            int s = child_status(c);
            if (!(s >= 0 && WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL && !WIFEXITED(s) && !WCOREDUMP(s) && s == 9))
                bad++;
        }
        CHECK_EQ(bad, 0, "10 spinning children killed by SIGKILL: WIFSIGNALED, WTERMSIG 9, status == 9");
        int fds[2];
        pipe(fds);
        pid_t c = xfork();
        if (c == 0) {
            char ch;
            close(fds[1]);
            read(fds[0], &ch, 1); /* blocks: the parent keeps the write end */
            _exit(0);
        }
        close(fds[0]);
        msleep(10);
        kill(c, SIGKILL);
        int s = child_status(c);
        CHECK(s >= 0 && WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL, "a child blocked in read is killed by SIGKILL");
        close(fds[1]);
        reap_all();
    }

    /* --- twochildren (xv6): fork two, wait for both, 100 times. --- */
    {
        int bad = 0;
        for (int i = 0; i < 100; i++) {
            pid_t a = xfork();
            if (a == 0)
                _exit(0);
            pid_t b = xfork();
            if (b == 0)
                _exit(0);
            pid_t w1 = wait(&st);
            pid_t w2 = wait(&st);
            if (a < 0 || b < 0 || !((w1 == a && w2 == b) || (w1 == b && w2 == a)))
                bad++;
        }
        CHECK_EQ(bad, 0, "twochildren: 100 rounds of two children both reaped");
        reap_all();
    }

    /* --- forkfork (xv6): two children each fork and reap 50 grandchildren. --- */
    {
        pid_t c[2];
        for (int i = 0; i < 2; i++) {
            c[i] = xfork();
            if (c[i] == 0) {
                int bad = 0;
                for (int j = 0; j < 50; j++) {
                    pid_t g = fork();
                    if (g == 0)
                        _exit(j);
                    int s;
                    if (g < 0 || waitpid(g, &s, 0) != g || !WIFEXITED(s) || WEXITSTATUS(s) != j)
                        bad++;
                }
                _exit(bad);
            }
        }
        int s0 = child_status(c[0]), s1 = child_status(c[1]);
        CHECK(exited_with(s0, 0) && exited_with(s1, 0), "forkfork: two children each reap 50 grandchildren");
    }

    /* --- forkforkfork: a process tree 3 deep, fan-out 3 (40 processes). --- */
    {
        pid_t c = xfork();
        if (c == 0)
            tree(3);
        int s = child_status(c);
        CHECK(exited_with(s, 40), "forkforkfork: a 40-process tree is built and reaped level by level");
    }

    /* --- getpid / getppid in the child. --- */
    {
        int fds[2];
        pipe(fds);
        pid_t c = xfork();
        if (c == 0) {
            pid_t mine = getpid();
            write(fds[1], &mine, sizeof mine);
            _exit(getppid() == me ? 0 : 1);
        }
        pid_t reported = 0;
        read(fds[0], &reported, sizeof reported);
        CHECK(exited_with(child_status(c), 0), "getppid() in the child is the parent's pid");
        CHECK(reported == c && c != me, "the child's getpid() is what fork returned, not the parent's pid");
        CHECK(syscall(SYS_gettid) == me, "gettid() == getpid() in a one-thread process");
        close(fds[0]);
        close(fds[1]);
    }

    /* --- Orphans are reparented (to PID 1 on Tiny OS, the subreaper here). --- */
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); /* no effect needed on Tiny OS: we are PID 1 */
    {
        int fds[2];
        pipe(fds);
        pid_t a = xfork();
        if (a == 0) {
            pid_t self = getpid();
            pid_t b = fork();
            if (b == 0) {
                /* Wait (up to ~10 s) for the parent to die, then report who adopted us. */
                for (int i = 0; i < 2000 && getppid() == self; i++)
                    msleep(5);
                _exit(getppid() == me ? 0 : 1);
            }
            write(fds[1], &b, sizeof b);
            _exit(0); /* b becomes an orphan */
        }
        close(fds[1]);
        pid_t b = -1;
        read(fds[0], &b, sizeof b);
        close(fds[0]);
        CHECK(exited_with(child_status(a), 0), "the orphan's parent exits 0");
        pid_t r = wait(&st);
        int ok = r == b && b > 0 && exited_with(st, 0);
        printf("reparented: %s\n", ok ? "yes" : "no");
        CHECK(ok, "the orphan is adopted (getppid() = the reaper) and the reaper's wait() reaps it");
        reap_all();
    }
    {
        /* A zombie whose parent exits without waiting is reaped by the reaper. */
        int fds[2];
        pipe(fds);
        pid_t a = xfork();
        if (a == 0) {
            int q[2];
            pipe(q);
            pid_t b = fork();
            if (b == 0)
                _exit(33);
            /* b closes its files when it exits: end of file on q means b is
             * (almost certainly) a zombie. Do not wait for it. */
            close(q[1]);
            char ch;
            read(q[0], &ch, 1);
            msleep(20);
            write(fds[1], &b, sizeof b);
            _exit(0);
        }
        close(fds[1]);
        pid_t b = -1;
        read(fds[0], &b, sizeof b);
        close(fds[0]);
        CHECK(exited_with(child_status(a), 0), "the zombie's parent exits without reaping it");
        pid_t r = wait(&st);
        CHECK(r == b && b > 0 && exited_with(st, 33), "the reparented zombie is reaped by the reaper with status 33");
        reap_all();
    }

    /* --- vfork: the parent waits until the child exits or execs; memory is shared. --- */
    {
        vf_shared = 0;
        fflush(stdout);
        pid_t c = vfork();
        if (c == 0) {
            vf_shared = 1;
            for (int i = 0; i < 20; i++)
                sched_yield();
            vf_shared = 2;
            _exit(9);
        }
        int v = vf_shared; /* the child has exited by now */
        CHECK(c > 0 && v == 2, "vfork: the parent resumes only after the child exits, and sees its writes");
        CHECK(exited_with(child_status(c), 9), "vfork child's exit status 9");
        fflush(stdout);
        char *av[] = {argv[0], "exit", "5", NULL};
        c = vfork();
        if (c == 0) {
            exec_self(av);
            _exit(127);
        }
        CHECK(exited_with(child_status(c), 5), "vfork + execve: the exec'd program's exit status 5");
    }

    /* --- clone: fork-like, CLONE_VM, CLONE_VM|CLONE_VFORK. --- */
    {
        volatile int x = 0;
        fflush(stdout);
        pid_t c = clone(clone_fn, clone_stack[0] + sizeof clone_stack[0], SIGCHLD, (void *)&x);
        int s = child_status(c);
        CHECK(c > 0 && exited_with(s, 12) && x == 0, "clone(SIGCHLD): own memory, fn's return is the exit status");
        x = 0;
        c = clone(clone_fn, clone_stack[1] + sizeof clone_stack[1], CLONE_VM | SIGCHLD, (void *)&x);
        s = child_status(c);
        CHECK(c > 0 && exited_with(s, 12) && x == 77, "clone(CLONE_VM|SIGCHLD): the child's write is seen");
        x = 0;
        c = clone(clone_fn, clone_stack[2] + sizeof clone_stack[2], CLONE_VM | CLONE_VFORK | SIGCHLD, (void *)&x);
        int seen = x; /* CLONE_VFORK: the child has exited before clone returns */
        s = child_status(c);
        CHECK(c > 0 && seen == 77 && exited_with(s, 12), "clone(CLONE_VM|CLONE_VFORK|SIGCHLD): parent waits for child");
    }

    reap_all();
    return tt_done();
}
