/*
 * itimer.c - a process's interval timers (setitimer(2), alarm(2)), its
 * CPU-time counters and RLIMIT_CPU (see itimer.h). The expiry of an
 * interval timer sends its signal with SI_KERNEL, as Linux does; the
 * kernel timer reloads itself from the interval.
 */
#include "proc/itimer.h"

#include "arch/x86_64/cpu.h"
#include "mm/kmalloc.h"
#include "proc/posix_timer.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define NSEC 1000000000ll
#define TICK_NS (NSEC / TIMER_HZ)

static const int itimer_signal[3] = {SIGALRM, SIGVTALRM, SIGPROF};

static void itimer_fire(struct ktimer *t, int which)
{
    struct proc_timers *pt = (struct proc_timers *)((char *)(t - which) - __builtin_offsetof(struct proc_timers, itimer));
    struct ksiginfo info = {.code = SI_KERNEL};
    signal_send_info(pt->owner, itimer_signal[which], &info);
}

static void real_fire(struct ktimer *t, uint64_t n) { (void)n, itimer_fire(t, ITIMER_REAL); }
static void virtual_fire(struct ktimer *t, uint64_t n) { (void)n, itimer_fire(t, ITIMER_VIRTUAL); }
static void prof_fire(struct ktimer *t, uint64_t n) { (void)n, itimer_fire(t, ITIMER_PROF); }

struct proc_timers *proc_timers_get(struct proc *p)
{
    struct proc *l = p->leader;
    if (l->timers)
        return l->timers;
    struct proc_timers *pt = kzalloc(sizeof *pt);
    if (!pt)
        return NULL;
    pt->owner = l;
    ktimer_init(&pt->itimer[ITIMER_REAL], real_fire);
    ktimer_init(&pt->itimer[ITIMER_VIRTUAL], virtual_fire);
    ktimer_init(&pt->itimer[ITIMER_PROF], prof_fire);
    l->timers = pt;
    return pt;
}

/* The counter an interval timer counts on. */
static int itimer_base(int which, struct proc *l, const uint64_t **clock)
{
    *clock = which == ITIMER_VIRTUAL ? &l->group_user_ns : which == ITIMER_PROF ? &l->group_cpu_ns : NULL;
    return which == ITIMER_REAL ? KTIMER_MONOTONIC : KTIMER_CPU;
}

static void current_setting(struct proc_timers *pt, int which, struct itimer_value *v)
{
    struct ktimer *t = &pt->itimer[which];
    v->value = ktimer_remaining(t);
    v->interval = ktimer_armed(t) ? t->interval : 0;
}

long itimer_set(int which, const struct itimer_value *nv, struct itimer_value *old)
{
    if (which < ITIMER_REAL || which > ITIMER_PROF)
        return -EINVAL;
    struct proc *l = current()->leader;
    struct proc_timers *pt = l->timers;
    if (!pt && !nv->value) { /* nothing was armed, nothing will be */
        if (old)
            *old = (struct itimer_value){0, 0};
        return 0;
    }
    if (!pt && !(pt = proc_timers_get(l)))
        return -ENOMEM;
    uint64_t f = irq_save();
    if (old)
        current_setting(pt, which, old);
    struct ktimer *t = &pt->itimer[which];
    if (!nv->value) {
        ktimer_disarm(t);
    } else {
        const uint64_t *clock;
        int base = itimer_base(which, l, &clock);
        /* CPU time is charged a tick at a time: a tick more makes sure at
         * least the value asked for passes (Linux's set_cpu_itimer). */
        int64_t value = nv->value + (base == KTIMER_CPU ? TICK_NS : 0);
        int64_t now = ktimer_base_now(base, clock);
        ktimer_arm(t, base, clock, value > INT64_MAX - now ? INT64_MAX : now + value, nv->interval);
    }
    irq_restore(f);
    return 0;
}

long itimer_get(int which, struct itimer_value *cur)
{
    if (which < ITIMER_REAL || which > ITIMER_PROF)
        return -EINVAL;
    struct proc_timers *pt = current()->leader->timers;
    *cur = (struct itimer_value){0, 0};
    if (pt) {
        uint64_t f = irq_save();
        current_setting(pt, which, cur);
        irq_restore(f);
    }
    return 0;
}

void cputime_charge_tick(struct proc *t, bool user)
{
    struct proc *l = t->leader;
    t->cpu_ns += TICK_NS;
    l->group_cpu_ns += TICK_NS;
    if (user)
        l->group_user_ns += TICK_NS;
    /* RLIMIT_CPU, in seconds, as Linux's check_process_timers: the hard
     * limit kills; the soft one sends SIGXCPU and moves up a second, so
     * the next comes a second later. */
    struct rlimit64 *r = &l->rlim[RLIMIT_CPU];
    if (r->cur == RLIM_INFINITY)
        return;
    uint64_t secs = l->group_cpu_ns / NSEC;
    struct ksiginfo info = {.code = SI_KERNEL};
    if (r->max != RLIM_INFINITY && secs >= r->max) {
        signal_send_info(l, SIGKILL, &info);
    } else if (secs >= r->cur) {
        signal_send_info(l, SIGXCPU, &info);
        r->cur++;
    }
}

void proc_timers_exec(struct proc *p)
{
    uint64_t f = irq_save();
    if (p->leader->timers)
        posix_timers_delete_all(p->leader->timers);
    irq_restore(f);
}

void proc_timers_thread_exit(struct proc *t, bool last)
{
    uint64_t f = irq_save();
    struct proc_timers *pt = t->leader->timers;
    if (pt) {
        posix_timers_thread_exit(pt, t);
        if (last) {
            posix_timers_delete_all(pt);
            for (int i = 0; i < 3; i++)
                ktimer_disarm(&pt->itimer[i]);
            t->leader->timers = NULL;
            kfree(pt);
        }
    }
    irq_restore(f);
}

void proc_timers_move(struct proc *old, struct proc *p)
{
    p->group_user_ns = old->group_user_ns;
    p->group_cpu_ns = old->group_cpu_ns;
    struct proc_timers *pt = old->timers;
    old->timers = NULL;
    p->timers = pt;
    if (!pt)
        return;
    pt->owner = p;
    /* The CPU-time interval timers count on the new leader's counters. */
    for (int which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
        struct ktimer *t = &pt->itimer[which];
        if (ktimer_armed(t)) {
            const uint64_t *clock;
            itimer_base(which, p, &clock);
            ktimer_arm(t, KTIMER_CPU, clock, t->expires, t->interval);
        }
    }
    posix_timers_moved(pt, old);
}
