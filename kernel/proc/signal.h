/*
 * signal.h - POSIX signals with Linux's x86_64 numbers, actions and
 * masks: sending, pending, delivery (signal.c). The handler frame is
 * arch/x86_64/signal_frame.h; the system calls syscall/sys_signal.c.
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/trap_frame.h"
#include "uapi/signal.h"

struct proc;
struct k_sigaction;
struct siginfo64;

/* Kernel-internal: "interrupted; restart the call if the handler has
 * SA_RESTART or no handler runs, else -EINTR". Never reaches user space. */
#define ERESTARTSYS 512
/* Kernel-internal: "interrupted; restart the call only if no handler
 * runs, else -EINTR whatever SA_RESTART says" (msgsnd, msgrcv). */
#define ERESTARTNOHAND 514

#define SIG_DFL 0
#define SIG_IGN 1

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000

static inline uint64_t sig_bit(int sig) { return 1ull << (sig - 1); }

/* Signals no mask blocks and no handler catches. */
#define SIG_UNBLOCKABLE (sig_bit(SIGKILL) | sig_bit(SIGSTOP))

/* Is an unblocked signal waiting for p? */
bool signal_pending(const struct proc *p);
/* The signals pending for thread p, blocked or not: its own
 * (thread-directed) and its process's. */
uint64_t signal_pending_set(const struct proc *p);
/* si_code values (asm-generic/siginfo.h). */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define SI_TIMER (-2) /* POSIX timers: si_timerid, si_overrun, si_value */
#define SI_SIGIO (-5) /* signal-driven I/O with a signal whose codes mean other things */
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR 2 /* SIGBUS: nonexistent physical address (a page past a mapped file's end) */
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
/* Signal-driven I/O (fs/fasync.c) sends POLL_IN (1) ... POLL_HUP (6), or
 * SI_SIGIO, with the band in ksiginfo.addr and the descriptor in status. */

struct ksiginfo;

/* Queues sig for p's process with its siginfo (one pending instance per
 * signal, like Linux's standard signals): whichever of its threads does
 * not block it takes it. Signals init has no handler for are dropped, as
 * Linux does for PID 1. */
void signal_send_info(struct proc *p, int sig, const struct ksiginfo *info);
/* Takes the lowest pending signal of set from thread p - its own
 * instances first, then its process's, as Linux's dequeue_signal - into
 * *info without running a handler; returns it, or 0 if none is pending.
 * Interrupts off. (sigtimedwait, signalfd) */
int signal_dequeue(struct proc *p, uint64_t set, struct ksiginfo *info);

/* Thread-directed (tkill, tgkill): only thread t takes it. */
void signal_send_thread(struct proc *t, int sig, const struct ksiginfo *info);
/* Makes thread t die at once (its process is ending: exit_group). */
void signal_kill_thread(struct proc *t);
/* May the calling process send sig to p (kill(2)'s rule): its real or
 * effective uid is p's real or saved uid, or it has CAP_KILL, or the
 * signal is SIGCONT within its session? */
bool signal_permitted(const struct proc *p, int sig);
/* Sends sig to every live process of group pgid; returns how many. */
int signal_send_group(int pgid, int sig, const struct ksiginfo *info);
/* The same with SI_USER from the current process (kill, SIGPIPE). */
void signal_send(struct proc *p, int sig);
/* A fault's signal (SIGSEGV, SIGILL...): if p cannot take it (blocked or
 * ignored) the action resets to the default, as Linux's force_sig does. */
void signal_force(struct proc *p, int sig, int code, uint64_t addr);
/* Delivers pending signals before frame f returns to ring 3: runs the
 * default action or builds a handler frame on the user stack. */
void signal_deliver(struct trap_frame *f);
/* A wait with a temporary signal mask (rt_sigsuspend, ppoll, pselect6,
 * epoll_pwait). begin installs the mask found at user address umask (0:
 * none, the mask stays) and keeps the old one in *saved: 0 or -EFAULT.
 * end puts the old mask back - or, when a signal interrupted the wait,
 * leaves that to the handler's sigreturn, so the handler runs with the
 * temporary mask as POSIX requires. */
struct saved_mask {
    uint64_t mask;
    bool active;
};
long signal_mask_begin(uint64_t umask, struct saved_mask *saved);
void signal_mask_end(const struct saved_mask *saved, bool interrupted);

/* rt_sigaction: installs act for sig (its mask never blocks SIGKILL or
 * SIGSTOP); a signal the new action ignores is discarded from every
 * pending set of the process, as POSIX requires. */
void signal_set_action(struct proc *p, int sig, const struct k_sigaction *act);
/* The user's siginfo_t for sig, from what the kernel kept in si. */
void signal_fill_siginfo(struct siginfo64 *out, int sig, const struct ksiginfo *si);

/* execve: caught signals go back to SIG_DFL (ignored ones stay ignored). */
void signal_reset_on_exec(struct proc *p);

#endif
