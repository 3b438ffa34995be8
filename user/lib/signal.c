/* signal.c - signal actions, masks and sending. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

/* The kernel's struct sigaction for rt_sigaction (x86_64): the mask is
 * last and is 8 bytes, the size passed as the 4th argument. */
struct k_sigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

#define KSIGSET_SIZE 8

void __restore_rt(void); /* sigrestore.S: calls rt_sigreturn */

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
    struct k_sigaction kact, kold;
    if (act) {
        kact.handler = (void *)act->sa_handler;
        kact.flags = (unsigned int)act->sa_flags | SA_RESTORER;
        kact.restorer = __restore_rt;
        kact.mask = act->sa_mask;
    }
    if (SC4(SYS_rt_sigaction, sig, act ? &kact : NULL, old ? &kold : NULL, KSIGSET_SIZE) < 0)
        return -1;
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = (void (*)(int))kold.handler;
        old->sa_flags = (int)(kold.flags & ~(unsigned long)SA_RESTORER);
        old->sa_mask = kold.mask;
    }
    return 0;
}

/* BSD semantics, as glibc's signal(): the handler stays installed and
 * interrupted system calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    sigemptyset(&act.sa_mask);
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

static int bad_signal(int sig)
{
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return 1;
    }
    return 0;
}

int sigemptyset(sigset_t *set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set)
{
    *set = ~0UL;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    *set |= 1UL << (sig - 1);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    *set &= ~(1UL << (sig - 1));
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    return (int)((*set >> (sig - 1)) & 1);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    return (int)SC4(SYS_rt_sigprocmask, how, set, old, KSIGSET_SIZE);
}

int sigsuspend(const sigset_t *mask)
{
    return (int)SC2(SYS_rt_sigsuspend, mask, KSIGSET_SIZE);
}

int sigpending(sigset_t *set)
{
    return (int)SC2(SYS_rt_sigpending, set, KSIGSET_SIZE);
}

int kill(pid_t pid, int sig)
{
    return (int)SC2(SYS_kill, pid, sig);
}

int killpg(pid_t pgrp, int sig)
{
    if (pgrp < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

int raise(int sig)
{
    return (int)SC3(SYS_tgkill, __syscall0(SYS_getpid), __syscall0(SYS_gettid), sig);
}
