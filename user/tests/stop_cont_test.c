/* stop_cont_test.c - job control's process side: a stopped child is
 * reported by wait4(WUNTRACED), a continued one by WCONTINUED, each once,
 * the parent gets SIGCHLD (CLD_STOPPED / CLD_CONTINUED) unless it set
 * SA_NOCLDSTOP, and the child then runs on to a normal exit. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static volatile int chld_codes[8], nchld;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    if (nchld < 8)
        chld_codes[nchld++] = si->si_code;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        raise(SIGSTOP);
        char b;
        read(p[0], &b, 1); /* after SIGCONT: wait for the parent's go */
        _exit(4);
    }
    int st = 0;
    CHECK_EQ(waitpid(c, &st, WUNTRACED), c, "waitpid(WUNTRACED) reports the stop");
    CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "WIFSTOPPED, WSTOPSIG == SIGSTOP");
    CHECK_EQ(waitpid(c, &st, WUNTRACED | WNOHANG), 0, "a stop is reported once");
    CHECK_EQ(kill(c, SIGCONT), 0, "SIGCONT");
    CHECK_EQ(waitpid(c, &st, WCONTINUED), c, "waitpid(WCONTINUED) reports the continue");
    CHECK(WIFCONTINUED(st), "WIFCONTINUED");
    write(p[1], "g", 1);
    CHECK_EQ(waitpid(c, &st, 0), c, "then it exits");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4, "with its status");
    /* SIGCHLD is a standard signal: an instance sent while one is still
     * pending merges into it and keeps the first one's siginfo, so which
     * codes the handler sees depends on timing; each must be one of the
     * three events, and at least one arrived. */
    int codes_ok = nchld >= 1;
    for (int i = 0; i < nchld; i++)
        codes_ok &= chld_codes[i] == CLD_STOPPED || chld_codes[i] == CLD_CONTINUED || chld_codes[i] == CLD_EXITED;
    CHECK(codes_ok, "SIGCHLD arrives with CLD_STOPPED, CLD_CONTINUED or CLD_EXITED");

    sa.sa_flags |= SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    nchld = 0;
    fflush(stdout);
    c = fork();
    if (c == 0) {
        raise(SIGSTOP);
        _exit(0);
    }
    waitpid(c, &st, WUNTRACED);
    kill(c, SIGCONT);
    waitpid(c, &st, 0);
    CHECK(nchld == 1 && chld_codes[0] == CLD_EXITED, "SA_NOCLDSTOP: SIGCHLD only for the exit");
    return tt_done();
}
