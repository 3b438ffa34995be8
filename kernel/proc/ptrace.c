/*
 * ptrace.c - the tracee side of ptrace(2): ptrace-stops and what starts
 * and ends tracing. A stop is taken by the traced thread itself (signal
 * delivery, system-call entry or exit, an event) or, for a process that a
 * signal already stopped, handed over at attach time; either way the
 * thread sleeps with PT_STOPPED set until the tracer resumes it or
 * SIGKILL arrives, and the tracer's wait4 (sys_wait.c) reports
 * ptrace_status once. One CPU: the flags, read with interrupts off, say
 * all there is (Linux's TASK_TRACED and JOBCTL bits).
 */
#include "proc/ptrace.h"

#include "arch/x86_64/cpu.h"
#include "lib/string.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define CLD_TRAPPED 4

bool syscall_tracing;
#define RFLAGS_TF 0x100

/* Tells p's tracer that p stopped (SIGCHLD with CLD_TRAPPED unless the
 * tracer asked for SA_NOCLDSTOP, and a wakeup for its wait4). */
static void notify_tracer(struct proc *p, int sig)
{
    struct proc *t = p->tracer;
    if (!t)
        return;
    if (t->sighand && !(t->sighand->act[SIGCHLD].flags & SA_NOCLDSTOP)) {
        struct ksiginfo info = {.code = CLD_TRAPPED, .pid = p->pid, .status = (int16_t)sig, .uid = p->cred->uid};
        signal_send_info(t, SIGCHLD, &info);
    }
    wakeup(t);
    wakeup(t->leader);
}

static bool killed(struct proc *p) { return (signal_pending_set(p) & sig_bit(SIGKILL)) != 0; }

/* The stop itself: status is the wait status the tracer will read, info
 * the siginfo it may get and change. Returns the signal the tracer
 * resumed with. Interrupts are off throughout. */
static int stop(int status, int signo, const struct ksiginfo *info)
{
    struct proc *p = current();
    uint64_t f = irq_save();
    if (!p->tracer || killed(p)) {
        irq_restore(f);
        return signo;
    }
    p->ptrace_si = *info;
    p->ptrace_si_signo = signo;
    p->ptrace_sig = signo;
    p->ptrace_status = status;
    p->ptrace_flags |= PT_STOPPED | PT_UNREPORTED;
    notify_tracer(p, (status >> 8) & 0xff);
    while ((p->ptrace_flags & PT_STOPPED) && !killed(p))
        sleep_on(&p->ptrace_flags);
    p->ptrace_flags &= ~(PT_STOPPED | PT_UNREPORTED);
    p->ptrace_si_signo = 0;
    int sig = p->ptrace_sig;
    irq_restore(f);
    return sig;
}

int ptrace_may_attach(const struct proc *p)
{
    struct proc *self = current();
    /* Linux's ptrace_attach: not our own thread group, allowed to
     * inspect it with the real ids, not exiting, not traced already. */
    if (p->leader == self->leader || p->kthread)
        return -EPERM;
    if (!proc_may_inspect(p))
        return -EPERM;
    if (p->state == PROC_ZOMBIE || p->leader->group_exiting)
        return -EPERM;
    if (p->tracer)
        return -EPERM;
    return 0;
}

void ptrace_link(struct proc *p, struct proc *tracer, uint32_t options, bool seize, bool send_stop)
{
    uint64_t f = irq_save();
    p->tracer = tracer;
    p->ptrace_flags = options | (seize ? PT_SEIZED : 0);
    memset(p->debugreg, 0, sizeof p->debugreg);
    if (send_stop) {
        if (p->leader->stopped) {
            /* Stopped by a signal already: it becomes a ptrace-stop the
             * tracer's wait reports, and may inspect at once. */
            ptrace_group_stop(p, SIGSTOP);
        } else {
            /* SIGSTOP from the kernel: even init takes it (Linux's
             * SEND_SIG_PRIV passes SIGNAL_UNKILLABLE for SIGSTOP). */
            p->sig_info[SIGSTOP] = (struct ksiginfo){.code = SI_USER, .pid = current()->tgid,
                                                      .uid = current_cred()->uid, .forced = true};
            p->sig_pending |= sig_bit(SIGSTOP);
            if (p->state == PROC_BLOCKED)
                sched_make_ready(p);
        }
    }
    irq_restore(f);
}

void ptrace_resume(struct proc *p, int sig)
{
    uint64_t f = irq_save();
    p->ptrace_sig = sig;
    p->ptrace_flags &= ~(PT_STOPPED | PT_UNREPORTED);
    /* A group stop handed to the tracer ends with the ptrace-stop, as
     * PTRACE_CONT ends Linux's group-stop trap. */
    if (p->stopped) {
        p->stopped = false;
        bool any = false;
        for_each_thread(t, p) any |= t->stopped;
        if (!any)
            p->leader->stopped = false;
        wakeup(&p->stopped);
    }
    wakeup(&p->ptrace_flags);
    if (p->state == PROC_BLOCKED)
        sched_make_ready(p);
    irq_restore(f);
}

void ptrace_unlink(struct proc *p, int sig)
{
    uint64_t f = irq_save();
    bool was_stopped = p->ptrace_flags & PT_STOPPED;
    struct trap_frame *fr = proc_frame(p);
    if (p->ptrace_flags & PT_FORCED_TF)
        fr->rflags &= ~(uint64_t)RFLAGS_TF;
    p->tracer = NULL;
    p->ptrace_flags = 0;
    p->syscall_work &= ~SYSCALL_WORK_PTRACE;
    p->ptrace_trap = false;
    if (was_stopped) {
        /* Detached from a ptrace-stop: a group stop (the process was
         * stopped by a signal) stays, as on Linux. */
        p->ptrace_sig = sig;
        wakeup(&p->ptrace_flags);
        wakeup(&p->stopped);
        if (p->state == PROC_BLOCKED)
            sched_make_ready(p);
    }
    irq_restore(f);
}

int ptrace_signal_stop(int sig, struct ksiginfo *info)
{
    struct proc *p = current();
    int nsig = stop((sig << 8) | 0x7f, sig, info);
    if (nsig && nsig != sig) {
        /* The tracer changed the signal: it comes from the tracer now. */
        struct proc *t = p->tracer;
        *info = (struct ksiginfo){.code = SI_USER, .pid = t ? t->tgid : 0, .uid = t ? t->cred->uid : 0};
    } else if (nsig) {
        *info = p->ptrace_si; /* PTRACE_SETSIGINFO may have changed it */
    }
    return nsig;
}

void ptrace_group_stop(struct proc *p, int sig)
{
    p->stopped = true;
    p->ptrace_si = (struct ksiginfo){.code = SI_USER};
    p->ptrace_si_signo = sig;
    p->ptrace_sig = 0;
    p->ptrace_status = (sig << 8) | 0x7f;
    p->ptrace_flags |= PT_STOPPED | PT_UNREPORTED;
    notify_tracer(p, sig);
}

void ptrace_syscall_stop(bool entry)
{
    struct proc *p = current();
    (void)entry;
    int code = SIGTRAP | ((p->ptrace_flags & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
    struct ksiginfo si = {.code = code, .pid = p->pid, .uid = p->cred->uid};
    int sig = stop((code << 8) | 0x7f, SIGTRAP, &si);
    /* A signal given at a syscall stop is sent, not delivered in place
     * (Linux's ptrace_report_syscall). */
    if (sig) {
        struct ksiginfo info = {.code = SI_USER, .pid = p->tracer ? p->tracer->tgid : 0};
        signal_send_thread(p, sig, &info);
    }
}

bool ptrace_event(int event, uint64_t msg)
{
    struct proc *p = current();
    if (!p->tracer || !(p->ptrace_flags & (1u << event)))
        return false;
    p->ptrace_msg = msg;
    int code = SIGTRAP | (event << 8);
    struct ksiginfo si = {.code = code, .pid = p->pid, .uid = p->cred->uid};
    int sig = stop((code << 8) | 0x7f, SIGTRAP, &si);
    if (sig) {
        struct ksiginfo info = {.code = SI_USER, .pid = p->tracer ? p->tracer->tgid : 0};
        signal_send_thread(p, sig, &info);
    }
    return true;
}

void ptrace_exec(int old_pid)
{
    struct proc *p = current();
    if (!p->tracer)
        return;
    /* PTRACE_O_TRACEEXEC's bit is 1 << PTRACE_EVENT_EXEC. */
    if (ptrace_event(PTRACE_EVENT_EXEC, (uint64_t)old_pid))
        return;
    if (!(p->ptrace_flags & PT_SEIZED)) {
        struct ksiginfo info = {.code = SI_USER};
        signal_send_thread(p, SIGTRAP, &info);
    }
}

int ptrace_fork(struct proc *child, uint64_t clone_flags)
{
    struct proc *p = current();
    if (!p->tracer)
        return 0;
    /* Which event: CLONE_VFORK, then a non-SIGCHLD exit signal means
     * clone, else fork (Linux's kernel_clone). */
    int event;
    if (clone_flags & 0x00004000)
        event = PTRACE_EVENT_VFORK;
    else if ((clone_flags & 0xff) != SIGCHLD)
        event = PTRACE_EVENT_CLONE;
    else
        event = PTRACE_EVENT_FORK;
    if (!(p->ptrace_flags & (1u << event)))
        return 0;
    ptrace_link(child, p->tracer, p->ptrace_flags & PTRACE_O_MASK, p->ptrace_flags & PT_SEIZED, true);
    return event;
}

void ptrace_interrupt_stop(void)
{
    struct proc *p = current();
    p->ptrace_trap = false;
    int code = SIGTRAP | (PTRACE_EVENT_STOP << 8);
    struct ksiginfo si = {.code = code, .pid = p->pid, .uid = p->cred->uid};
    stop((code << 8) | 0x7f, SIGTRAP, &si);
}

void ptrace_thread_exit(struct proc *p)
{
    uint64_t f = irq_save();
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *t = proc_table[i];
        if (!t || t->tracer != p)
            continue;
        bool kill = t->ptrace_flags & PTRACE_O_EXITKILL;
        ptrace_unlink(t, t->ptrace_sig);
        if (kill)
            signal_send_info(t, SIGKILL, &(struct ksiginfo){.code = SI_KERNEL});
    }
    irq_restore(f);
}

void ptrace_notify_exit(struct proc *leader)
{
    struct proc *t = leader->tracer;
    if (!t || t->leader == leader->parent)
        return; /* the parent hears of it anyway */
    wakeup(t);
    wakeup(t->leader);
}
