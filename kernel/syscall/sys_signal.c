/*
 * sys_signal.c - the signal system calls: actions, masks, waiting for a
 * signal, rt_sigreturn and sigaltstack. They copy arguments in and out;
 * the mechanism is proc/signal.c, the handler frame
 * arch/x86_64/signal_frame.c.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/signal_frame.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

long sys_rt_sigaction(int sig, uint64_t uact, uint64_t uold, size_t setsize)
{
    struct proc *p = current();
    if (setsize != 8 || sig < 1 || sig >= NSIG)
        return -EINVAL;
    if (uact && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    struct k_sigaction act;
    if (uact && copy_from_user(&act, uact, sizeof act))
        return -EFAULT;
    if (uold && copy_to_user(uold, &p->sighand->act[sig], sizeof act))
        return -EFAULT;
    if (uact)
        signal_set_action(p, sig, &act);
    return 0;
}

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

long sys_rt_sigprocmask(int how, uint64_t uset, uint64_t uold, size_t setsize)
{
    struct proc *p = current();
    if (setsize != 8)
        return -EINVAL;
    uint64_t set = 0;
    if (uset) {
        if (copy_from_user(&set, uset, 8))
            return -EFAULT;
        if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
            return -EINVAL;
    }
    if (uold && copy_to_user(uold, &p->sig_blocked, 8))
        return -EFAULT;
    if (uset) {
        if (how == SIG_BLOCK)
            p->sig_blocked |= set;
        else if (how == SIG_UNBLOCK)
            p->sig_blocked &= ~set;
        else
            p->sig_blocked = set;
        p->sig_blocked &= ~SIG_UNBLOCKABLE;
    }
    return 0;
}

long sys_rt_sigpending(uint64_t uset, size_t setsize)
{
    struct proc *p = current();
    if (setsize > 8)
        return -EINVAL;
    uint64_t pend = signal_pending_set(p) & p->sig_blocked;
    return copy_to_user(uset, &pend, setsize);
}

long sys_rt_sigsuspend(uint64_t uset, size_t setsize)
{
    struct proc *p = current();
    if (setsize != 8)
        return -EINVAL;
    struct saved_mask saved;
    if (!uset || signal_mask_begin(uset, &saved))
        return -EFAULT;
    uint64_t f = irq_save();
    while (!signal_pending(p))
        sleep_on(p);
    irq_restore(f);
    signal_mask_end(&saved, true);
    return -EINTR;
}

/* rt_sigtimedwait's wait: is a signal of the set pending? */
static long set_pending(void *ctx)
{
    struct proc *p = current();
    return (signal_pending_set(p) & *(const uint64_t *)ctx) != 0;
}

/* sigwaitinfo/sigtimedwait (rt_sigtimedwait(2)): takes a pending signal
 * of the set without running its handler - the lowest, thread-directed
 * first, as Linux's dequeue_signal. With none it waits (uts: at most that
 * long, then EAGAIN; a {0, 0} timeout only looks); a signal outside the
 * set whose handler runs ends the wait with EINTR. SIGKILL and SIGSTOP
 * cannot be waited for. The set's signals are normally blocked; a sent
 * signal wakes sleeping threads whether blocked or not (wake_threads). */
long sys_rt_sigtimedwait(uint64_t uset, uint64_t uinfo, uint64_t uts, size_t setsize)
{
    struct proc *p = current();
    if (setsize != 8)
        return -EINVAL;
    uint64_t set;
    if (copy_from_user(&set, uset, sizeof set))
        return -EFAULT;
    set &= ~SIG_UNBLOCKABLE;
    uint64_t deadline = 0;
    bool poll_only = false;
    if (uts) {
        int64_t ns;
        long err = timespec_from_user(uts, &ns);
        if (err)
            return err;
        uint64_t now = clock_monotonic_ns();
        poll_only = ns == 0;
        deadline = (uint64_t)ns > UINT64_MAX - now ? UINT64_MAX : now + (uint64_t)ns;
    }
    long r = wait_until_ready(set_pending, &set, deadline, poll_only);
    uint64_t f = irq_save();
    uint64_t ready = signal_pending_set(p) & set;
    if (!ready) {
        irq_restore(f);
        return r < 0 ? -EINTR : -EAGAIN;
    }
    struct ksiginfo info;
    int sig = signal_dequeue(p, set, &info);
    irq_restore(f);
    if (uinfo) {
        struct siginfo64 out;
        signal_fill_siginfo(&out, sig, &info);
        if (copy_to_user(uinfo, &out, sizeof out))
            return -EFAULT;
    }
    return sig;
}

long sys_pause(void)
{
    struct proc *p = current();
    uint64_t f = irq_save();
    while (!signal_pending(p))
        sleep_on(p);
    irq_restore(f);
    return -EINTR;
}

long sys_rt_sigreturn(void)
{
    struct proc *p = current();
    struct trap_frame *f = proc_frame(p);
    struct sigframe_saved saved;
    if (!sigframe_restore(f, &saved))
        proc_exit(SIGSEGV);
    p->sig_blocked = saved.mask & ~SIG_UNBLOCKABLE;
    if (!sigframe_restore_fpu(&saved))
        proc_exit(SIGSEGV);
    return (long)f->rax; /* the dispatcher stores it back: RAX as it was */
}

long sys_sigaltstack(uint64_t uss, uint64_t uold)
{
    struct proc *p = current();
    struct {
        uint64_t sp;
        int32_t flags, pad;
        uint64_t size;
    } ss, old = {p->sigaltstack_sp, p->sigaltstack_size ? 0 : SS_DISABLE, 0, p->sigaltstack_size};
    uint64_t sp = proc_frame(p)->rsp;
    bool on = p->sigaltstack_size && sp - p->sigaltstack_sp < p->sigaltstack_size;
    if (on)
        old.flags = SS_ONSTACK;
    if (uss) {
        if (copy_from_user(&ss, uss, sizeof ss))
            return -EFAULT;
        if (on)
            return -EPERM;
        if (ss.flags & ~(SS_DISABLE | (1 << 31)))
            return -EINVAL;
        if (ss.flags & SS_DISABLE) {
            p->sigaltstack_sp = p->sigaltstack_size = 0;
        } else {
            if (ss.size < 2048) /* MINSIGSTKSZ */
                return -ENOMEM;
            p->sigaltstack_sp = ss.sp;
            p->sigaltstack_size = ss.size;
        }
        p->sigaltstack_flags = ss.flags & SS_DISABLE;
    }
    if (uold && copy_to_user(uold, &old, sizeof old))
        return -EFAULT;
    return 0;
}
