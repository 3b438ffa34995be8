/*
 * pgrp_test.c - process groups and sessions: getpgid, setpgid, getpgrp,
 * getsid, setsid, kill to a group, wait4 by group, with Linux's errno
 * values. Only relations are printed, never ids: this program's own group
 * and session differ between Tiny OS (PID 1) and the host.
 *
 * argv[1] = "exec-wait FD": the execve target: writes a byte to FD, then
 * waits for end of file on stdin.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

/* A child that waits for end of file on `hold` (the parent keeps the write end). */
static pid_t blocker(int hold[2], int own_group)
{
    pid_t c = xfork();
    if (c == 0) {
        if (own_group)
            setpgid(0, 0);
        char ch;
        close(hold[1]);
        read(hold[0], &ch, 1);
        _exit(0);
    }
    if (own_group)
        setpgid(c, c); /* both sides, the usual race-free idiom */
    return c;
}

static pid_t reaped_pid(void)
{
    pid_t c = xfork();
    if (c == 0)
        _exit(0);
    child_status(c);
    return c;
}

static volatile sig_atomic_t usr1_hits;
static void on_usr1(int sig)
{
    (void)sig;
    usr1_hits++;
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exec-wait")) {
        write(atoi(argv[2]), "e", 1);
        char ch;
        read(0, &ch, 1);
        return 0;
    }
    pid_t me = getpid(), mypg = getpgrp(), mysid = getsid(0);
    signal(SIGUSR1, on_usr1);
    signal(SIGTERM, SIG_DFL); /* whatever the environment had: children get the default action */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    /* --- Queries. --- */
    CHECK_EQ(getpgid(0), mypg, "getpgid(0) == getpgrp()");
    CHECK_EQ(getpgid(me), mypg, "getpgid(getpid()) == getpgrp()");
    CHECK_EQ(getsid(me), mysid, "getsid(getpid()) == getsid(0)");
    pid_t gone = reaped_pid();
    errno = 0;
    CHECK(getpgid(gone) == -1 && errno == ESRCH, "getpgid of a reaped pid: ESRCH");
    errno = 0;
    CHECK(getsid(gone) == -1 && errno == ESRCH, "getsid of a reaped pid: ESRCH");

    /* --- A child inherits group and session; becomes a group leader with setpgid(0, 0). --- */
    {
        int p[2], q[2]; /* p: child to parent, q: parent to child */
        pipe(p);
        pipe(q);
        pid_t c = xfork();
        if (c == 0) {
            int bad = 0;
            bad |= (getpgrp() != mypg) << 0;
            bad |= (getsid(0) != mysid) << 1;
            bad |= (setpgid(0, 0) != 0) << 2;
            bad |= (getpgrp() != getpid()) << 3;
            bad |= (getpgid(0) != getpid()) << 4;
            bad |= (getsid(0) != mysid) << 5; /* same session */
            bad |= (setpgid(0, 0) != 0) << 6; /* again: a no-op */
            write(p[1], "x", 1);
            char ch;
            read(q[0], &ch, 1); /* wait for the parent's look */
            _exit(bad);
        }
        char ch;
        read(p[0], &ch, 1);
        CHECK_EQ(getpgid(c), c, "the parent sees the child's new group (getpgid(child) == child)");
        CHECK_EQ(getpgrp(), mypg, "the parent's group is unchanged");
        write(q[1], "y", 1);
        int st = child_status(c);
        tt_check(exited_with(st, 0), "child: inherited group and session; setpgid(0, 0) makes it a leader", "bits %#x",
                 st >= 0 ? WEXITSTATUS(st) : -1);
        close(p[0]);
        close(p[1]);
        close(q[0]);
        close(q[1]);
    }

    /* --- setpgid from the parent; errors. --- */
    {
        int hold[2];
        pipe(hold);
        pid_t a = blocker(hold, 0);
        CHECK_EQ(getpgid(a), mypg, "a new child is in the parent's group");
        CHECK_EQ(setpgid(a, a), 0, "the parent moves the child into a new group: setpgid(child, child)");
        CHECK_EQ(getpgid(a), a, "getpgid(child) == child");
        pid_t b = blocker(hold, 0);
        CHECK_EQ(setpgid(b, a), 0, "a second child joins the first one's group");
        CHECK_EQ(getpgid(b), a, "getpgid(second) == first");
        CHECK_EQ(setpgid(b, mypg), 0, "and moves back to the parent's group");
        CHECK_EQ(setpgid(b, 0), 0, "setpgid(child, 0) makes it its own group");
        CHECK_EQ(getpgid(b), b, "getpgid(second) == second");
        errno = 0;
        CHECK(setpgid(a, -1) == -1 && errno == EINVAL, "setpgid with a negative group: EINVAL");
        errno = 0;
        CHECK(setpgid(gone, gone) == -1 && errno == ESRCH, "setpgid of a pid that is not our child: ESRCH");
        errno = 0;
        CHECK(setpgid(a, gone) == -1 && errno == EPERM, "setpgid into a group that does not exist: EPERM");
        close(hold[0]);
        close(hold[1]);
        CHECK(exited_with(child_status(a), 0) && exited_with(child_status(b), 0), "both children exit");

        /* Not our child: a grandchild. */
        int p[2];
        pipe(p);
        pipe(hold);
        pid_t c = xfork();
        if (c == 0) {
            pid_t g = blocker(hold, 0);
            close(hold[0]);
            close(hold[1]); /* only the parent keeps g waiting */
            write(p[1], &g, sizeof g);
            child_status(g);
            _exit(0);
        }
        pid_t g = 0;
        read(p[0], &g, sizeof g);
        errno = 0;
        CHECK(setpgid(g, g) == -1 && errno == ESRCH, "setpgid of a grandchild: ESRCH");
        close(hold[0]);
        close(hold[1]);
        close(p[0]);
        close(p[1]);
        child_status(c);
    }

    /* --- setpgid after the child's execve: EACCES. --- */
    {
        int ready[2], in[2];
        pipe(ready);
        pipe(in);
        char fdstr[16];
        snprintf(fdstr, sizeof fdstr, "%d", ready[1]);
        pid_t c = xfork();
        if (c == 0) {
            dup2(in[0], 0);
            close(in[0]);
            close(in[1]);
            close(ready[0]);
            char *av[] = {argv[0], "exec-wait", fdstr, NULL};
            exec_self(av);
            _exit(127);
        }
        close(in[0]);
        close(ready[1]);
        char ch = 0;
        read(ready[0], &ch, 1);
        errno = 0;
        int r = setpgid(c, c);
        int e = errno;
        tt_check(ch == 'e' && r == -1 && e == EACCES, "setpgid of a child that has exec'd: EACCES", "returned %d, errno %d (%s)",
                 r, e, strerror(e));
        close(in[1]);
        close(ready[0]);
        CHECK(exited_with(child_status(c), 0), "the exec'd child exits");
    }

    /* --- setsid. --- */
    {
        int p[2], q[2]; /* p: child to parent, q: parent to child */
        pipe(p);
        pipe(q);
        pid_t c = xfork();
        if (c == 0) {
            int bad = 0;
            pid_t self = getpid();
            bad |= (setsid() != self) << 0;
            bad |= (getsid(0) != self) << 1;
            bad |= (getpgrp() != self) << 2;
            errno = 0;
            bad |= !(setsid() == -1 && errno == EPERM) << 3; /* now a group (and session) leader */
            errno = 0;
            bad |= !(setpgid(0, mypg) == -1 && errno == EPERM) << 4; /* a group in another session */
            errno = 0;
            bad |= !(setpgid(0, 0) == -1 && errno == EPERM) << 5; /* a session leader cannot move */
            /* A grandchild inherits the new session. */
            pid_t g = fork();
            if (g == 0)
                _exit(getsid(0) == self && getpgrp() == self ? 0 : 1);
            bad |= !exited_with(child_status(g), 0) << 6;
            write(p[1], "s", 1);
            char ch;
            read(q[0], &ch, 1);
            _exit(bad);
        }
        char ch;
        read(p[0], &ch, 1);
        CHECK_EQ(getsid(c), c, "after setsid in the child, getsid(child) == child");
        CHECK_EQ(getpgid(c), c, "and it leads its own group");
        CHECK_EQ(getsid(0), mysid, "the parent's session is unchanged");
        errno = 0;
        CHECK(setpgid(c, mypg) == -1 && errno == EPERM, "the parent cannot move a child in another session: EPERM");
        write(q[1], "t", 1);
        int st = child_status(c);
        tt_check(exited_with(st, 0),
                 "child: setsid returns its pid, session and group = pid; then EPERM for setsid and setpgid; grandchild inherits",
                 "bits %#x", st >= 0 ? WEXITSTATUS(st) : -1);

        /* A group leader cannot setsid. */
        c = xfork();
        if (c == 0) {
            setpgid(0, 0);
            errno = 0;
            _exit(setsid() == -1 && errno == EPERM ? 0 : 1);
        }
        CHECK(exited_with(child_status(c), 0), "setsid in a process group leader: EPERM");
        close(p[0]);
        close(p[1]);
        close(q[0]);
        close(q[1]);
    }

    /* --- kill(-pgid) reaches the whole group and nobody else. --- */
    {
        int hold[2];
        pipe(hold);
        pid_t a = blocker(hold, 1);
        pid_t b = xfork();
        if (b == 0) {
            setpgid(0, a);
            char ch;
            close(hold[1]);
            read(hold[0], &ch, 1);
            _exit(0);
        }
        setpgid(b, a);
        pid_t outsider = blocker(hold, 0);
        usr1_hits = 0;
        CHECK_EQ(kill(-a, SIGTERM), 0, "kill(-pgid, SIGTERM)");
        int sa = child_status(a), sb = child_status(b);
        CHECK(killed_by(sa, SIGTERM) && killed_by(sb, SIGTERM), "both group members die of SIGTERM");
        int st;
        CHECK_EQ(waitpid(outsider, &st, WNOHANG), 0, "a child outside the group is untouched");
        CHECK_EQ(usr1_hits, 0, "(and so is the parent)");
        errno = 0;
        CHECK(kill(-a, SIGTERM) == -1 && errno == ESRCH, "kill(-pgid) of an empty group: ESRCH");
        errno = 0;
        CHECK(killpg(a, 0) == -1 && errno == ESRCH, "killpg(empty group, 0): ESRCH");
        close(hold[0]);
        close(hold[1]);
        CHECK(exited_with(child_status(outsider), 0), "the outsider exits normally");
    }

    /* --- kill(0, sig) signals the caller's own group, caller included. --- */
    {
        pid_t c = xfork();
        if (c == 0) {
            setpgid(0, 0);
            usr1_hits = 0;
            int hold[2], ready[2];
            pipe(hold);
            pipe(ready);
            pid_t g = xfork();
            if (g == 0) {
                signal(SIGUSR1, SIG_DFL);
                write(ready[1], "r", 1);
                char ch;
                close(hold[1]);
                read(hold[0], &ch, 1);
                _exit(0);
            }
            char ch;
            read(ready[0], &ch, 1); /* g has reset its handler */
            int bad = kill(0, SIGUSR1) != 0;
            close(hold[1]);
            int st = child_status(g);
            bad |= !killed_by(st, SIGUSR1) << 1;
            bad |= (usr1_hits != 1) << 2;
            _exit(bad);
        }
        int st = child_status(c);
        tt_check(exited_with(st, 0), "kill(0, SIGUSR1) reaches the caller (handler) and its group", "bits %#x",
                 st >= 0 ? WEXITSTATUS(st) : -1);
    }

    /* --- wait4 by group: 0 = our group, -pgid = that group. --- */
    {
        int hold[2];
        pipe(hold);
        pid_t a = blocker(hold, 1);
        pid_t same = xfork();
        if (same == 0)
            _exit(4);
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
        int st;
        CHECK_EQ(waitpid(-a, &st, WNOHANG), 0, "wait4(-pgid, WNOHANG): 0 while that group's child runs");
        pid_t r = waitpid(0, &st, 0);
        CHECK(r == same && exited_with(st, 4), "wait4(0) reaps the child in our own group");
        errno = 0;
        CHECK(waitpid(0, &st, WNOHANG) == -1 && errno == ECHILD, "wait4(0) with none left in our group: ECHILD");
        close(hold[0]);
        close(hold[1]);
        r = waitpid(-a, &st, 0);
        CHECK(r == a && exited_with(st, 0), "wait4(-pgid) reaps the child in that group");
    }

    reap_all();
    return tt_done();
}
