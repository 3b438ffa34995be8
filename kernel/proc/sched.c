/* sched.c - the scheduler, sleep and wakeup (see sched.h, wait.h). */
#include "proc/sched.h"
#include "proc/sched_policy.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/msr.h"
#include "arch/x86_64/percpu.h"
#include "mm/vm.h"
#include "proc/itimer.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "time/timer.h"
#include "uapi/errno.h"
#include "uapi/signal.h"


void context_switch(uint64_t *save_rsp, uint64_t load_rsp);

static uint64_t scheduler_rsp;   /* the scheduler loop's saved stack */
volatile bool need_resched; /* sched.h */
static uint64_t slice_ticks;     /* ticks the current process has run since picked */
static bool running;

static void tick(void)
{
    struct proc *cur = current();
    if (cur) {
        bool user = this_cpu()->irq_from_user;
        if (user)
            cur->utime++;
        else
            cur->stime++;
        cputime_charge_tick(cur, user);
        if (sched_charge_tick(cur, ++slice_ticks))
            need_resched = true;
    }
    if (sched_period_tick() && cur)
        need_resched = true; /* real-time threads may run again */
    /* Timed sleepers check their deadline each tick (sleep_until_ns). */
    uint64_t now = clock_monotonic_ns();
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (p && p->state == PROC_BLOCKED && p->wake_at && p->wake_at <= now)
            sched_make_ready(p);
        if (p && sched_replenish(p, now) && cur && sched_outranks(p, cur))
            need_resched = true;
    }
    ktimer_run_expired(); /* alarm, interval and POSIX timers, timerfd */
}

/* A woken thread goes to the back of its queue; if it outranks the
 * running one, that one gives way at its next return to ring 3. */
void sched_make_ready(struct proc *p)
{
    if (p->se.policy == SCHED_DEADLINE) /* only a deadline thread's wake-up needs the clock */
        sched_wakeup_policy(p, clock_monotonic_ns());
    sched_enqueue(p, false);
    p->chan = NULL;
    struct proc *cur = current();
    if (cur && cur != p && sched_outranks(p, cur))
        need_resched = true;
}

void scheduler(void)
{
    running = true;
    clock_set_tick_hook(tick);
    for (;;) {
        cli();
        struct proc *p = sched_pick();
        if (!p) {
            this_cpu()->current = NULL;
            sti_hlt(); /* idle until an interrupt makes someone runnable */
            continue;
        }
        p->state = PROC_RUNNING;
        this_cpu()->current = p;
        percpu_set_kernel_stack(p->kstack_top);
        vm_activate(p->mm);
        wrmsr(MSR_FS_BASE, p->fs_base);
        wrmsr(MSR_KERNEL_GS_BASE, p->gs_base);
        sched_tsc_apply(p);
        fpu_restore(p->fpu);
        slice_ticks = 0;
        need_resched = false;
        context_switch(&scheduler_rsp, p->ctx_rsp);
        /* p gave the CPU back (sched); its user state is saved. A dead
         * thread no one waits for is freed here, off its own stack. */
        if (p->state == PROC_ZOMBIE && p->autoreap)
            proc_free(p);
    }
}

void sched_tsc_apply(const struct proc *p)
{
    /* CR4.TSD makes rdtsc in ring 3 a #GP (SIGSEGV): PR_SET_TSC's
     * PR_TSC_SIGSEGV, for this thread only. Written only on a change. */
    uint64_t cr4 = read_cr4();
    if (!!(cr4 & CR4_TSD) != p->tsc_sigsegv)
        write_cr4(cr4 ^ CR4_TSD);
}

void sched(void)
{
    struct proc *p = current();
    fpu_save(p->fpu);
    p->fs_base = rdmsr(MSR_FS_BASE); /* the user may have changed it (WRFSBASE) */
    p->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
    context_switch(&p->ctx_rsp, scheduler_rsp);
}

/* To the back of its queue (sched_yield(2), the end of a turn), or
 * (preempted by a higher thread) staying at the front. */
static void give_way(bool back)
{
    uint64_t f = irq_save();
    struct proc *p = current();
    if (back)
        sched_enqueue(p, false);
    else
        p->state = PROC_READY;
    sched();
    irq_restore(f);
}

void yield(void) { give_way(true); }

void sleep_on(const void *chan)
{
    struct proc *p = current();
    if (!p || !running) {
        sti_hlt(); /* boot time: wait for the next interrupt */
        cli();
        return;
    }
    p->chan = chan;
    p->state = PROC_BLOCKED;
    sched();
    p->chan = NULL;
}

int sleep_on_interruptible(const void *chan)
{
    if (current() && signal_pending(current()))
        return -EINTR;
    sleep_on(chan);
    if (current() && signal_pending(current()))
        return -EINTR;
    return 0;
}

int wait_event_sleep(const void *chan, bool nonblock)
{
    if (nonblock)
        return -EAGAIN;
    if (sleep_on_interruptible(chan))
        return -ERESTARTSYS;
    return 0;
}

const char poll_channel;

static void (*wake_listener)(const void *chan, unsigned key);

void wakeup_set_listener(void (*listener)(const void *chan, unsigned key)) { wake_listener = listener; }

void wakeup(const void *chan) { wakeup_poll(chan, 0); }

void wakeup_poll(const void *chan, unsigned key)
{
    uint64_t f = irq_save();
    if (wake_listener)
        wake_listener(chan, key);
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (p && p->state == PROC_BLOCKED && (p->chan == chan || p->chan == &poll_channel))
            sched_make_ready(p);
    }
    irq_restore(f);
}

int sleep_until_ns(uint64_t deadline)
{
    struct proc *p = current();
    uint64_t f = irq_save();
    int err = 0;
    while (clock_monotonic_ns() < deadline) {
        if (!p) {
            sleep_on(NULL); /* boot time: the next timer tick */
            continue;
        }
        p->wake_at = deadline; /* tick() makes us runnable then */
        err = sleep_on_interruptible(&p->wake_at);
        if (err)
            break;
    }
    if (p)
        p->wake_at = 0;
    irq_restore(f);
    return err;
}

/* The earliest time a ready() callback said it would change by itself
 * (wait_wake_by); 0: none. Interrupts are off while it is used. */
static uint64_t wake_by;

void wait_wake_by(uint64_t ns)
{
    if (!wake_by || ns < wake_by)
        wake_by = ns;
}

long wait_until_ready(long (*ready)(void *ctx), void *ctx, uint64_t deadline, bool no_wait)
{
    struct proc *p = current();
    uint64_t f = irq_save();
    long r;
    for (;;) {
        wake_by = 0;
        r = ready(ctx);
        if (r || no_wait || (deadline && clock_monotonic_ns() >= deadline))
            break;
        /* A timer among the files (timerfd) ends the sleep when it fires. */
        p->wake_at = wake_by && (!deadline || wake_by < deadline) ? wake_by : deadline;
        int err = sleep_on_interruptible(&poll_channel);
        p->wake_at = 0;
        if (err) {
            r = -EINTR;
            break;
        }
    }
    irq_restore(f);
    return r;
}

void return_to_user(struct trap_frame *f)
{
    struct proc *p = current();
    /* The common case, kept cheap: nothing to do. */
    if (!need_resched && !p->sig_pending && !p->leader->shared_pending && !p->exit_flags &&
        (int64_t)f->rax != -ERESTARTSYS && (int64_t)f->rax != -ERESTARTNOHAND)
        return;
    if (need_resched) {
        need_resched = false;
        give_way(sched_turn_over);
    }
    signal_deliver(f);
}
