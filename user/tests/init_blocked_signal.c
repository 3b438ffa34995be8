/* init_blocked_signal.c - as PID 1 under Tiny OS (an ordinary process on
 * the host), a blocked signal with the default action stays pending until
 * the program installs a handler and unblocks it (Linux's sig_ignored: a
 * blocked signal is never ignored, even for init). */
#include <signal.h>
#include <string.h>

#include "tt.h"

static volatile sig_atomic_t got;

static void on_usr1(int sig) { got = sig; }

int main(void)
{
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "block SIGUSR1");
    CHECK(kill(getpid(), SIGUSR1) == 0, "send it to myself");
    sigemptyset(&pending);
    sigpending(&pending);
    CHECK(sigismember(&pending, SIGUSR1), "it is pending while blocked");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    CHECK(got == SIGUSR1, "the handler runs once it is unblocked");
    return tt_failures;
}
