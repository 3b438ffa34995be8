/*
 * signal.c - signal delivery. The handler frame is Linux's x86_64
 * struct rt_sigframe, so C libraries' sa_restorer (which calls
 * rt_sigreturn) and code reading ucontext_t work unchanged:
 *
 *   rsp ->  pretcode        (= sa_restorer: the handler's return address)
 *           ucontext        (uc_flags, uc_link, uc_stack, uc_mcontext =
 *                            struct sigcontext, uc_sigmask)
 *           siginfo         (128 bytes)
 *           ...             FPU state (fpstate points here), 64-aligned
 *   old rsp - 128 (the red zone the interrupted code may still use)
 */
#include "proc/signal.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/syscall_vector.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

struct sigcontext64 {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;
    uint64_t reserved1[8];
};

struct ucontext64 {
    uint64_t uc_flags;
    uint64_t uc_link;
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
    struct sigcontext64 mc;
    uint64_t uc_sigmask;
};

struct siginfo64 {
    int32_t si_signo, si_errno, si_code, pad;
    union {
        struct {
            int32_t pid;
            uint32_t uid;
            int32_t status;
        } kill;
        struct {
            int32_t pid;
            uint32_t uid;
            uint64_t value; /* sigval: sigqueue's payload */
        } rt;
        uint64_t addr;
        uint8_t bytes[112];
    } u;
};

struct rt_sigframe {
    uint64_t pretcode;
    struct ucontext64 uc;
    struct siginfo64 info;
};

_Static_assert(sizeof(struct sigcontext64) == 256, "sigcontext layout");
_Static_assert(sizeof(struct siginfo64) == 128, "siginfo layout");

#define SS_ONSTACK 1
#define SS_DISABLE 2

enum dfl { DFL_TERM, DFL_IGN, DFL_STOP, DFL_CONT };

static enum dfl default_action(int sig)
{
    switch (sig) {
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH: return DFL_IGN;
    case SIGCONT: return DFL_CONT;
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU: return DFL_STOP;
    default: return DFL_TERM; /* "core" actions terminate too (no core files) */
    }
}

static const uint64_t unblockable = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1));

/* Signals p may take: its own (thread-directed) and its process's. */
static uint64_t pending_for(const struct proc *p) { return p->sig_pending | p->leader->shared_pending; }

bool signal_pending(const struct proc *p) { return (pending_for(p) & ~(p->sig_blocked & ~unblockable)) != 0; }

static bool ignored(const struct proc *p, int sig)
{
    uint64_t h = p->sighand->act[sig].handler;
    return h == SIG_IGN || (h == SIG_DFL && (default_action(sig) == DFL_IGN || default_action(sig) == DFL_CONT));
}


/* Tells p's parent that p stopped or continued (SIGCHLD unless the parent
 * asked for SA_NOCLDSTOP, and a wakeup for its wait4). */
static void notify_parent(struct proc *p, int code, int status)
{
    struct proc *parent = p->parent;
    if (!parent)
        return;
    if (!(parent->sighand->act[SIGCHLD].flags & SA_NOCLDSTOP)) {
        struct ksiginfo info = {.code = code, .pid = p->pid, .status = status};
        signal_send_info(parent, SIGCHLD, &info);
    }
    wakeup(parent);
}

int signal_send_group(int pgid, int sig, const struct ksiginfo *info)
{
    int n = 0;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (p && p->state != PROC_ZOMBIE && p->pgid == pgid) {
            n++;
            if (sig)
                signal_send_info(p, sig, info);
        }
    }
    return n;
}

void signal_send(struct proc *p, int sig)
{
    struct ksiginfo info = {.code = SI_USER, .pid = current() ? current()->pid : 0};
    signal_send_info(p, sig, &info);
}

/* Wakes the threads of p's process that sleep, so one can take a signal. */
static void wake_threads(struct proc *p)
{
    for_each_thread(t, p) if (t->state == PROC_BLOCKED && (signal_pending(t) || !t->stopped))
        sched_make_ready(t);
}

/* Process-directed: any thread of the process that does not block the
 * signal takes it (the pending bit lives with the group leader). */
void signal_send_info(struct proc *p, int sig, const struct ksiginfo *info)
{
    struct proc *l = p->leader;
    if (sig <= 0 || sig >= NSIG || (l->state == PROC_ZOMBIE && l->group_live == 0))
        return;
    /* init only gets the signals it asked for (Linux: SIGNAL_UNKILLABLE),
     * but a blocked one stays pending: the action may change before it is
     * unblocked (Linux's sig_ignored). */
    if (l->pid == 1 && p->sighand && p->sighand->act[sig].handler == SIG_DFL && !(p->sig_blocked & sig_bit(sig)))
        return;
    struct proc *any = NULL; /* a live thread, for its shared signal actions */
    for_each_thread(t, l) if (t->sighand && !any)
        any = t;
    if (!any)
        return;
    uint64_t f = irq_save();
    /* A standard signal already pending keeps its first siginfo; the new
     * instance merges into it (Linux's legacy_queue). */
    if (!(l->shared_pending & sig_bit(sig)))
        l->shared_info[sig] = *info;
    if (sig == SIGCONT || sig == SIGKILL) {
        const uint64_t stops = sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) | sig_bit(SIGTTOU);
        l->shared_pending &= ~stops;
        if (l->stopped && sig == SIGCONT) {
            /* The parent learns of it: wait4(WCONTINUED), and SIGCHLD. */
            l->continue_unreported = true;
            l->stop_unreported = false;
            notify_parent(l, CLD_CONTINUED, SIGCONT);
        }
        for_each_thread(t, l) {
            t->sig_pending &= ~stops;
            t->stopped = false;
        }
    } else if (default_action(sig) == DFL_STOP) {
        l->shared_pending &= ~sig_bit(SIGCONT);
    }
    /* An ignored signal is dropped at once (except while blocked: the
     * action may change before it is unblocked). */
    if (!(ignored(any, sig) && !(any->sig_blocked & sig_bit(sig))))
        l->shared_pending |= sig_bit(sig);
    wake_threads(l);
    irq_restore(f);
}

void signal_send_thread(struct proc *t, int sig, const struct ksiginfo *info)
{
    if (sig <= 0 || sig >= NSIG || t->state == PROC_ZOMBIE || !t->sighand)
        return;
    if (t->leader->pid == 1 && t->sighand->act[sig].handler == SIG_DFL && !(t->sig_blocked & sig_bit(sig)))
        return; /* as above */
    uint64_t f = irq_save();
    if (!(t->sig_pending & sig_bit(sig)))
        t->sig_info[sig] = *info; /* as above: the first instance's siginfo stays */
    if (!(ignored(t, sig) && !(t->sig_blocked & sig_bit(sig))))
        t->sig_pending |= sig_bit(sig);
    if (t->state == PROC_BLOCKED && (signal_pending(t) || !t->stopped))
        sched_make_ready(t);
    irq_restore(f);
}

void signal_kill_thread(struct proc *t)
{
    uint64_t f = irq_save();
    /* The kernel ending a thread (exit_group, execve): forced, so the
     * other threads of init end too. */
    t->sig_info[SIGKILL] = (struct ksiginfo){.code = SI_KERNEL, .forced = true};
    t->sig_pending |= sig_bit(SIGKILL);
    t->stopped = false;
    if (t->state == PROC_BLOCKED)
        sched_make_ready(t);
    irq_restore(f);
}

void signal_force(struct proc *p, int sig, int code, uint64_t addr)
{
    if ((p->sig_blocked & sig_bit(sig)) || p->sighand->act[sig].handler == SIG_IGN) {
        p->sighand->act[sig].handler = SIG_DFL;
        p->sig_blocked &= ~sig_bit(sig);
    }
    p->sig_info[sig] = (struct ksiginfo){.code = code, .addr = addr, .forced = true};
    p->sig_pending |= sig_bit(sig);
}

void signal_reset_on_exec(struct proc *p)
{
    for (int s = 1; s < NSIG; s++) {
        if (p->sighand->act[s].handler != SIG_IGN)
            memset(&p->sighand->act[s], 0, sizeof p->sighand->act[s]);
        else
            p->sighand->act[s].flags = 0;
    }
    p->sigaltstack_sp = p->sigaltstack_size = 0;
    p->sigaltstack_flags = SS_DISABLE;
}

/* Sets up the handler frame; false when the user stack is unusable (the
 * caller then kills the process with SIGSEGV, as Linux does). */
/* The user's siginfo_t for sig from what the kernel kept: a fault's
 * address, a queued signal's value (SI_QUEUE and the other negative
 * codes but SI_TKILL use the _rt layout), or sender pid and status. */
static void siginfo_fill(struct siginfo64 *out, int sig, const struct ksiginfo *si)
{
    memset(out, 0, sizeof *out);
    out->si_signo = sig;
    out->si_code = si->code;
    bool fault = (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) && si->code > 0;
    if (fault) {
        out->u.addr = si->addr;
    } else if (si->code < 0 && si->code != SI_TKILL) {
        out->u.rt.pid = si->pid;
        out->u.rt.value = si->addr;
    } else {
        out->u.kill.pid = si->pid;
        out->u.kill.uid = 0;
        out->u.kill.status = si->status;
    }
}

static bool setup_frame(struct proc *p, struct trap_frame *f, int sig, const struct k_sigaction *act, uint64_t old_mask,
                        const struct ksiginfo *si)
{
    uint64_t sp = f->rsp;
    bool on_alt = p->sigaltstack_size && sp - p->sigaltstack_sp < p->sigaltstack_size;
    if ((act->flags & SA_ONSTACK) && p->sigaltstack_size && !on_alt && !(p->sigaltstack_flags & SS_DISABLE))
        sp = p->sigaltstack_sp + p->sigaltstack_size;
    else
        sp -= 128; /* skip the red zone */
    size_t fpsize = fpu_area_size();
    uint64_t fpstate = (sp - fpsize) & ~(uint64_t)(FPU_ALIGN - 1);
    uint64_t frame = ((fpstate - sizeof(struct rt_sigframe)) & ~15ull) - 8; /* as if just called */

    static uint8_t fpbuf[FPU_AREA_MAX] __attribute__((aligned(FPU_ALIGN)));
    fpu_save(fpbuf);
    struct rt_sigframe fr;
    memset(&fr, 0, sizeof fr);
    fr.pretcode = act->restorer;
    fr.uc.ss_sp = p->sigaltstack_sp;
    fr.uc.ss_size = p->sigaltstack_size;
    fr.uc.ss_flags = p->sigaltstack_size ? (on_alt ? SS_ONSTACK : 0) : SS_DISABLE;
    struct sigcontext64 *mc = &fr.uc.mc;
    mc->r8 = f->r8, mc->r9 = f->r9, mc->r10 = f->r10, mc->r11 = f->r11;
    mc->r12 = f->r12, mc->r13 = f->r13, mc->r14 = f->r14, mc->r15 = f->r15;
    mc->rdi = f->rdi, mc->rsi = f->rsi, mc->rbp = f->rbp, mc->rbx = f->rbx;
    mc->rdx = f->rdx, mc->rax = f->rax, mc->rcx = f->rcx, mc->rsp = f->rsp;
    mc->rip = f->rip, mc->eflags = f->rflags;
    mc->cs = GDT_USER_CS, mc->ss = GDT_USER_DS;
    mc->trapno = f->vector == SYSCALL_VECTOR ? 0 : f->vector;
    mc->err = f->vector == SYSCALL_VECTOR ? 0 : f->error_code;
    mc->oldmask = old_mask;
    mc->cr2 = f->vector == 14 ? si->addr : 0;
    mc->fpstate = fpstate;
    fr.uc.uc_sigmask = old_mask;
    siginfo_fill(&fr.info, sig, si);
    if (copy_to_user(fpstate, fpbuf, fpsize) || copy_to_user(frame, &fr, sizeof fr))
        return false;
    /* Enter the handler: handler(sig, &info, &uc), with a clean FPU. */
    fpu_restore(fpu_clean_area());
    f->rip = act->handler;
    f->rsp = frame;
    f->rdi = (uint64_t)sig;
    f->rsi = frame + __builtin_offsetof(struct rt_sigframe, info);
    f->rdx = frame + __builtin_offsetof(struct rt_sigframe, uc);
    f->rax = 0;
    f->rflags &= ~(uint64_t)((1 << 8) | (1 << 10) | (1 << 16) | (1 << 18)); /* TF DF RF AC */
    f->cs = GDT_USER_CS;
    f->ss = GDT_USER_DS;
    return true;
}

/* Rewinds or fails an interrupted system call (see ERESTARTSYS). */
static void handle_restart(struct trap_frame *f, const struct k_sigaction *act)
{
    if (f->vector != SYSCALL_VECTOR || (int64_t)f->rax != -ERESTARTSYS)
        return;
    if (act && act->handler > SIG_IGN && !(act->flags & SA_RESTART)) {
        f->rax = (uint64_t)-EINTR;
    } else {
        f->rax = f->error_code; /* the saved system-call number */
        f->rip -= 2;            /* back onto the syscall instruction */
    }
}

/* Removes pending sig from p, the thread's own instance first, else the
 * process's, into *info. Interrupts off. */
static void take_signal(struct proc *p, int sig, struct ksiginfo *info)
{
    struct proc *l = p->leader;
    if (p->sig_pending & sig_bit(sig)) {
        p->sig_pending &= ~sig_bit(sig);
        *info = p->sig_info[sig];
    } else {
        l->shared_pending &= ~sig_bit(sig);
        *info = l->shared_info[sig];
    }
}

int signal_dequeue(struct proc *p, uint64_t set, struct ksiginfo *info)
{
    uint64_t own = p->sig_pending & set, shared = p->leader->shared_pending & set;
    if (!(own | shared))
        return 0;
    int sig = __builtin_ctzll(own ? own : shared) + 1;
    take_signal(p, sig, info);
    return sig;
}

void signal_deliver(struct trap_frame *f)
{
    struct proc *p = current(), *l = p->leader;
    for (;;) {
        cli();
        /* Another thread stopped the process: wait here for SIGCONT. */
        while (p->stopped && !(p->sig_pending & sig_bit(SIGKILL)))
            sleep_on(&p->stopped);
        uint64_t deliverable = pending_for(p) & ~(p->sig_blocked & ~unblockable);
        if (!deliverable) {
            handle_restart(f, NULL);
            if (p->sigsuspend_active) { /* no handler ran: the old mask is back */
                p->sig_blocked = p->sigsuspend_saved;
                p->sigsuspend_active = false;
            }
            return;
        }
        int sig = __builtin_ctzll(deliverable) + 1;
        if (deliverable & sig_bit(SIGKILL))
            sig = SIGKILL;
        struct ksiginfo info;
        take_signal(p, sig, &info);
        struct k_sigaction *act = &p->sighand->act[sig];
        if (act->handler == SIG_IGN)
            continue;
        if (act->handler == SIG_DFL) {
            /* init never takes a default action for a signal it was sent
             * (one kept pending while blocked lands here), but a fault's
             * forced signal ends it, as on Linux (SIGNAL_UNKILLABLE is
             * dropped by force_sig). */
            if (l->pid == 1 && !info.forced)
                continue;
            switch (default_action(sig)) {
            case DFL_IGN:
            case DFL_CONT:
                continue;
            case DFL_STOP:
                /* The whole process stops: every thread waits in here. */
                for_each_thread(t, p) t->stopped = true;
                l->stopped = true;
                l->stop_signal = sig;
                l->stop_unreported = true;
                l->continue_unreported = false;
                notify_parent(l, CLD_STOPPED, sig);
                continue;
            case DFL_TERM:
                proc_exit(sig);
            }
        }
        handle_restart(f, act);
        /* After sigsuspend the handler's sigreturn restores the mask from
         * before the call, not the temporary one. */
        uint64_t old_mask = p->sigsuspend_active ? p->sigsuspend_saved : p->sig_blocked;
        p->sigsuspend_active = false;
        if (!(act->flags & SA_RESTORER) || !setup_frame(p, f, sig, act, old_mask, &info)) {
            /* No way back from the handler, or no room for the frame. */
            p->sighand->act[SIGSEGV].handler = SIG_DFL;
            proc_exit(SIGSEGV);
        }
        p->sig_blocked |= act->mask;
        if (!(act->flags & SA_NODEFER))
            p->sig_blocked |= sig_bit(sig);
        p->sig_blocked &= ~unblockable;
        if (act->flags & SA_RESETHAND)
            memset(act, 0, sizeof *act);
        return; /* one handler at a time; the rest wait for its return */
    }
}

/* --- system calls ---------------------------------------------------- */

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
    if (uact) {
        act.mask &= ~unblockable;
        p->sighand->act[sig] = act;
        if (ignored(p, sig)) { /* POSIX: pending ignored signals are discarded, process-wide */
            p->leader->shared_pending &= ~sig_bit(sig);
            for_each_thread(t, p) t->sig_pending &= ~sig_bit(sig);
        }
    }
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
        p->sig_blocked &= ~unblockable;
    }
    return 0;
}

long sys_rt_sigpending(uint64_t uset, size_t setsize)
{
    struct proc *p = current();
    if (setsize > 8)
        return -EINVAL;
    uint64_t pend = pending_for(p) & p->sig_blocked;
    return copy_to_user(uset, &pend, setsize);
}

long signal_mask_begin(uint64_t umask, struct saved_mask *saved)
{
    struct proc *p = current();
    saved->active = umask != 0;
    if (!umask)
        return 0;
    uint64_t mask;
    if (copy_from_user(&mask, umask, sizeof mask))
        return -EFAULT;
    saved->mask = p->sig_blocked;
    p->sig_blocked = mask & ~unblockable;
    return 0;
}

void signal_mask_end(const struct saved_mask *saved, bool interrupted)
{
    struct proc *p = current();
    if (!saved->active)
        return;
    if (interrupted) { /* signal_deliver hands the saved mask to sigreturn */
        p->sigsuspend_saved = saved->mask;
        p->sigsuspend_active = true;
    } else {
        p->sig_blocked = saved->mask;
    }
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
    return (pending_for(p) & *(const uint64_t *)ctx) != 0;
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
    set &= ~unblockable;
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
    uint64_t ready = pending_for(p) & set;
    if (!ready) {
        irq_restore(f);
        return r < 0 ? -EINTR : -EAGAIN;
    }
    struct ksiginfo info;
    int sig = signal_dequeue(p, set, &info);
    irq_restore(f);
    if (uinfo) {
        struct siginfo64 out;
        siginfo_fill(&out, sig, &info);
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
    uint64_t frame = f->rsp - 8; /* the handler's ret popped pretcode */
    struct rt_sigframe fr;
    if (copy_from_user(&fr, frame, sizeof fr)) {
        proc_exit(SIGSEGV);
    }
    const struct sigcontext64 *mc = &fr.uc.mc;
    if (mc->rip >= USER_TOP) {
        proc_exit(SIGSEGV); /* would fault in IRETQ itself; Linux sends SIGSEGV too */
    }
    f->r8 = mc->r8, f->r9 = mc->r9, f->r10 = mc->r10, f->r11 = mc->r11;
    f->r12 = mc->r12, f->r13 = mc->r13, f->r14 = mc->r14, f->r15 = mc->r15;
    f->rdi = mc->rdi, f->rsi = mc->rsi, f->rbp = mc->rbp, f->rbx = mc->rbx;
    f->rdx = mc->rdx, f->rax = mc->rax, f->rcx = mc->rcx, f->rsp = mc->rsp;
    f->rip = mc->rip;
    /* Only the flags user code may change (status flags, DF, TF, AC...);
     * IF stays on and IOPL stays 0. */
    const uint64_t user_flags = 0x0CD5 | (1 << 18) | (1 << 21) | (1 << 8) | (1 << 16);
    f->rflags = (f->rflags & ~user_flags) | (mc->eflags & user_flags) | 0x202;
    f->cs = GDT_USER_CS;
    f->ss = GDT_USER_DS;
    f->vector = 0; /* no longer a restartable system call */
    p->sig_blocked = fr.uc.uc_sigmask & ~unblockable;
    if (mc->fpstate) {
        static uint8_t fpbuf[FPU_AREA_MAX] __attribute__((aligned(FPU_ALIGN)));
        if (copy_from_user(fpbuf, mc->fpstate, fpu_area_size()) || fpu_restore_checked(fpbuf))
            proc_exit(SIGSEGV);
    }
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
