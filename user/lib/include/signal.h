/* signal.h - signals. sigset_t is the kernel's 64-bit mask (signal N is
 * bit N-1); sigaction() adds SA_RESTORER and a restorer that calls
 * rt_sigreturn, as the x86_64 kernel requires. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <bits/types.h>
#include "uapi/signal.h"

typedef unsigned long sigset_t;
typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

#define SIGIOT SIGABRT
#define SIGPOLL SIGIO
#define SIGUNUSED SIGSYS
#define SIGRTMIN 34
#define SIGRTMAX 64

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

union sigval {
    int sival_int;
    void *sival_ptr;
};

/* Linux's siginfo: 128 bytes, the fields after si_code depend on the
 * signal; the common ones are reachable through the si_* names. */
typedef struct {
    int si_signo;
    int si_errno;
    int si_code;
    int __pad;
    union {
        struct {
            pid_t pid;
            uid_t uid;
            int status;
        } child; /* also kill: pid, uid */
        struct {
            void *addr;
        } fault;
        char __size[112];
    } __fields;
} siginfo_t;
#define si_pid __fields.child.pid
#define si_uid __fields.child.uid
#define si_status __fields.child.status
#define si_addr __fields.fault.addr

struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);
    } __sa_handler;
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigsuspend(const sigset_t *mask);
int sigpending(sigset_t *set);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);

#endif
