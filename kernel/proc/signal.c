/*
 * signal.c - the signal mechanism that does not depend on the CPU:
 * pending sets (a thread's own and its process's), who takes a signal,
 * default actions (terminate, ignore, stop, continue) and delivery on the
 * way back to ring 3. The handler frame itself is built and taken down by
 * arch/x86_64/signal_frame.c; the system calls are syscall/sys_signal.c.
 */
#include "proc/signal.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/signal_frame.h"
#include "arch/x86_64/syscall_vector.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/coredump.h"
#include "proc/cred.h"
#include "proc/posix_timer.h"
#include "proc/proc.h"
#include "proc/ptrace.h"
#include "proc/sched.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

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
    default: return DFL_TERM; /* "core" actions too: proc/coredump.c writes the core first */
    }
}

uint64_t signal_pending_set(const struct proc *p) { return p->sig_pending | p->leader->shared_pending; }

bool signal_pending(const struct proc *p)
{
    return (signal_pending_set(p) & ~(p->sig_blocked & ~SIG_UNBLOCKABLE)) != 0;
}

static bool ignored(const struct proc *p, int sig)
{
    uint64_t h = p->sighand->act[sig].handler;
    return h == SIG_IGN || (h == SIG_DFL && (default_action(sig) == DFL_IGN || default_action(sig) == DFL_CONT));
}

void signal_set_action(struct proc *p, int sig, const struct k_sigaction *act)
{
    p->sighand->act[sig] = *act;
    p->sighand->act[sig].mask &= ~SIG_UNBLOCKABLE;
    if (ignored(p, sig)) { /* POSIX: pending ignored signals are discarded, process-wide */
        p->leader->shared_pending &= ~sig_bit(sig);
        for_each_thread(t, p) t->sig_pending &= ~sig_bit(sig);
    }
}

/* Tells p's parent that p stopped or continued (SIGCHLD unless the parent
 * asked for SA_NOCLDSTOP, and a wakeup for its wait4). */
static void notify_parent(struct proc *p, int code, int status)
{
    struct proc *parent = p->parent;
    if (!parent)
        return;
    if (!(parent->sighand->act[SIGCHLD].flags & SA_NOCLDSTOP)) {
        struct ksiginfo info = {.code = code, .pid = p->pid, .status = (int16_t)status, .uid = p->cred->uid};
        signal_send_info(parent, SIGCHLD, &info);
    }
    wakeup(parent);
}

bool signal_permitted(const struct proc *p, int sig)
{
    const struct cred *c = current_cred(), *t = p->cred;
    if (c->euid == t->suid || c->euid == t->uid || c->uid == t->suid || c->uid == t->uid)
        return true;
    if (cred_capable(c, CAP_KILL))
        return true;
    return sig == SIGCONT && p->sid == current()->sid;
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
    struct ksiginfo info = {.code = SI_USER, .pid = current() ? current()->pid : 0, .uid = current_cred()->uid};
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
    if (p->kthread)
        return; /* kernel threads ignore every signal, SIGKILL too (as Linux's) */
    /* init only gets the signals it asked for (Linux: SIGNAL_UNKILLABLE),
     * but a blocked one stays pending: the action may change before it is
     * unblocked (Linux's sig_ignored). */
    if (l->pid == 1 && p->sighand && p->sighand->act[sig].handler == SIG_DFL && !(p->sig_blocked & sig_bit(sig)))
        return;
    struct proc *any = NULL; /* a live thread, for its shared signal actions */
    bool traced = false;     /* a tracer sees even ignored signals (Linux's sig_ignored) */
    for_each_thread(t, l) {
        if (t->sighand && !any)
            any = t;
        traced |= t->tracer != NULL;
    }
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
     * action may change before it is unblocked), and wakes nobody: a
     * sleeper must not see a spurious wakeup for it (a futex wait would
     * end). SIGCONT still wakes the stopped threads. */
    bool queued = traced || !(ignored(any, sig) && !(any->sig_blocked & sig_bit(sig)));
    if (queued)
        l->shared_pending |= sig_bit(sig);
    if (queued || sig == SIGCONT)
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
    bool queued = t->tracer || !(ignored(t, sig) && !(t->sig_blocked & sig_bit(sig)));
    if (queued)
        t->sig_pending |= sig_bit(sig);
    if ((queued || sig == SIGCONT) && t->state == PROC_BLOCKED && (signal_pending(t) || !t->stopped))
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

/* The user's siginfo_t for sig from what the kernel kept: a fault's
 * address, a queued signal's value (SI_QUEUE and the other negative
 * codes but SI_TKILL use the _rt layout), or sender pid and status. */
void signal_fill_siginfo(struct siginfo64 *out, int sig, const struct ksiginfo *si)
{
    memset(out, 0, sizeof *out);
    out->si_signo = sig;
    out->si_code = si->code;
    bool fault = (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) && si->code > 0;
    /* Linux's SIL_POLL: a positive code of a signal with no codes of its
     * own, or SI_SIGIO (signal-driven I/O). */
    bool poll = !fault && sig != SIGCHLD && ((si->code > 0 && si->code <= 6) || si->code == SI_SIGIO);
    if (fault) {
        out->u.addr = si->addr;
    } else if (poll) {
        out->u.poll.band = (int64_t)si->addr;
        out->u.poll.fd = si->status;
    } else if (si->code < 0 && si->code != SI_TKILL) {
        out->u.rt.pid = si->pid;
        out->u.rt.uid = si->uid;
        out->u.rt.value = si->addr;
    } else {
        out->u.kill.pid = si->pid;
        out->u.kill.uid = si->uid;
        out->u.kill.status = si->status;
    }
}

/* Sets up the handler frame (arch/x86_64/signal_frame.c); false when the
 * user stack is unusable (the caller then kills the process with
 * SIGSEGV, as Linux does). */
static bool setup_frame(struct proc *p, struct trap_frame *f, int sig, const struct k_sigaction *act, uint64_t old_mask,
                        const struct ksiginfo *si)
{
    struct sigframe_args a = {
        .sig = sig,
        .handler = act->handler,
        .restorer = act->restorer,
        .onstack = act->flags & SA_ONSTACK,
        .altstack_sp = p->sigaltstack_sp,
        .altstack_size = p->sigaltstack_size,
        .altstack_flags = p->sigaltstack_flags,
        .old_mask = old_mask,
        .fault_addr = si->addr,
    };
    signal_fill_siginfo(&a.info, sig, si);
    return sigframe_setup(f, &a);
}

/* Rewinds or fails an interrupted system call (see ERESTARTSYS and
 * ERESTARTNOHAND). */
static void handle_restart(struct trap_frame *f, const struct k_sigaction *act)
{
    int64_t r = (int64_t)f->rax;
    if (f->vector != SYSCALL_VECTOR || (r != -ERESTARTSYS && r != -ERESTARTNOHAND))
        return;
    if (act && act->handler > SIG_IGN && (r == -ERESTARTNOHAND || !(act->flags & SA_RESTART))) {
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
    if (info->code == SI_TIMER) /* the overrun count is known now */
        posix_timer_signal_taken(p, info);
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
        /* Another thread stopped the process: wait here for SIGCONT (or,
         * when the stop was handed to a tracer, for its PTRACE_CONT). */
        while ((p->stopped || (p->ptrace_flags & PT_STOPPED)) && !(signal_pending_set(p) & sig_bit(SIGKILL)))
            sleep_on(&p->stopped);
        if (p->ptrace_trap && p->tracer) { /* PTRACE_INTERRUPT */
            ptrace_interrupt_stop();
            continue;
        }
        p->ptrace_trap = false;
        uint64_t deliverable = signal_pending_set(p) & ~(p->sig_blocked & ~SIG_UNBLOCKABLE);
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
        if (p->tracer && sig != SIGKILL) {
            /* Signal-delivery-stop: the tracer decides what is delivered
             * (Linux's ptrace_signal); a blocked replacement is queued. */
            sig = ptrace_signal_stop(sig, &info);
            if (!sig)
                continue;
            cli();
            if (p->sig_blocked & sig_bit(sig)) {
                signal_send_thread(p, sig, &info);
                continue;
            }
        }
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
                if (p->tracer)
                    ptrace_group_stop(p, sig);
                continue;
            case DFL_TERM:
                /* The core bit (WCOREDUMP) says a core file was written. */
                if (sig_dumps_core(sig) && coredump_write(sig, &info, f))
                    proc_exit(sig | 0x80);
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
        p->sig_blocked &= ~SIG_UNBLOCKABLE;
        if (act->flags & SA_RESETHAND) /* the handler only: flags and mask stay (Linux's signal_delivered) */
            act->handler = SIG_DFL;
        return; /* one handler at a time; the rest wait for its return */
    }
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
    p->sig_blocked = mask & ~SIG_UNBLOCKABLE;
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
