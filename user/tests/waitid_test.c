/* waitid_test.c - waitid(2): P_ALL, P_PID, P_PGID; WEXITED, WSTOPPED,
 * WCONTINUED, WNOHANG, WNOWAIT; the siginfo_t it fills. Differential. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "tt.h"

static pid_t child(int code)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(code);
    return pid;
}

static void check_info(const siginfo_t *si, pid_t pid, int code, int status, const char *what)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s: si_signo SIGCHLD", what);
    CHECK_EQ(si->si_signo, SIGCHLD, buf);
    snprintf(buf, sizeof buf, "%s: si_code", what);
    CHECK_EQ(si->si_code, code, buf);
    snprintf(buf, sizeof buf, "%s: si_pid", what);
    CHECK_EQ(si->si_pid, pid, buf);
    snprintf(buf, sizeof buf, "%s: si_status", what);
    CHECK_EQ(si->si_status, status, buf);
    snprintf(buf, sizeof buf, "%s: si_uid", what);
    CHECK_EQ(si->si_uid, getuid(), buf);
}

int main(void)
{
    siginfo_t si;
    CHECK_EQ(waitid(P_ALL, 0, &si, WEXITED), -1, "no children");
    CHECK_EQ(errno, ECHILD, "is ECHILD");
    CHECK_EQ(waitid(P_ALL, 0, &si, 0), -1, "no WEXITED/WSTOPPED/WCONTINUED");
    CHECK_EQ(errno, EINVAL, "is EINVAL");
    CHECK_EQ(waitid(7, 0, &si, WEXITED), -1, "a bad idtype");
    CHECK_EQ(errno, EINVAL, "is EINVAL");
    CHECK_EQ(waitid(P_PID, 0, &si, WEXITED), -1, "P_PID 0");
    CHECK_EQ(errno, EINVAL, "is EINVAL");

    pid_t a = child(7);
    memset(&si, 0x55, sizeof si);
    CHECK_EQ(waitid(P_PID, a, &si, WEXITED | WNOWAIT), 0, "WNOWAIT sees the exit");
    check_info(&si, a, CLD_EXITED, 7, "WNOWAIT");
    CHECK_EQ(waitid(P_ALL, 0, &si, WEXITED), 0, "P_ALL reaps it");
    check_info(&si, a, CLD_EXITED, 7, "P_ALL");
    CHECK_EQ(waitid(P_PID, a, &si, WEXITED), -1, "reaped once");
    CHECK_EQ(errno, ECHILD, "is ECHILD");

    pid_t b = child(3);
    CHECK_EQ(waitid(P_PGID, 0, &si, WEXITED), 0, "P_PGID 0: our own group");
    check_info(&si, b, CLD_EXITED, 3, "P_PGID 0");
    pid_t c = child(4);
    CHECK_EQ(waitid(P_PGID, getpgrp(), &si, WEXITED), 0, "P_PGID by number");
    check_info(&si, c, CLD_EXITED, 4, "P_PGID");

    int p[2];
    pipe(p);
    pid_t d = fork();
    if (d == 0) {
        char x;
        read(p[0], &x, 1);
        _exit(0);
    }
    memset(&si, 0x55, sizeof si);
    CHECK_EQ(waitid(P_PID, d, &si, WEXITED | WNOHANG), 0, "WNOHANG with a running child");
    CHECK_EQ(si.si_pid, 0, "WNOHANG: si_pid 0");
    CHECK_EQ(si.si_signo, 0, "WNOHANG: si_signo 0");
    CHECK_EQ(kill(d, SIGSTOP), 0, "stop it");
    CHECK_EQ(waitid(P_PID, d, &si, WSTOPPED), 0, "WSTOPPED");
    check_info(&si, d, CLD_STOPPED, SIGSTOP, "stopped");
    CHECK_EQ(waitid(P_PID, d, &si, WSTOPPED | WNOHANG), 0, "a stop is reported once");
    CHECK_EQ(si.si_pid, 0, "so none now");
    CHECK_EQ(kill(d, SIGCONT), 0, "continue it");
    CHECK_EQ(waitid(P_PID, d, &si, WCONTINUED | WNOWAIT), 0, "WCONTINUED | WNOWAIT");
    check_info(&si, d, CLD_CONTINUED, SIGCONT, "continued (WNOWAIT)");
    CHECK_EQ(waitid(P_PID, d, &si, WCONTINUED), 0, "WCONTINUED again");
    check_info(&si, d, CLD_CONTINUED, SIGCONT, "continued");
    CHECK_EQ(kill(d, SIGTERM), 0, "terminate it");
    CHECK_EQ(waitid(P_ALL, 0, &si, WEXITED), 0, "WEXITED after a signal");
    check_info(&si, d, CLD_KILLED, SIGTERM, "killed");
    return tt_done();
}
