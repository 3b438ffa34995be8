/*
 * posix_timer.c - POSIX per-process timers (see posix_timer.h). Each is a
 * kernel timer (time/timer.h) in its process's list; the ids are small
 * numbers from 0, per process, as Linux gives them.
 *
 * Overruns, as Linux counts them: the timer's signal is queued once; an
 * expiry while it is still pending adds to the overrun count, and when
 * the signal is taken that count becomes its si_overrun and what
 * timer_getoverrun reports, and counting starts again from 0.
 */
#include "proc/posix_timer.h"

#include "arch/x86_64/cpu.h"
#include "mm/kmalloc.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "time/ntp.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define INT_MAX 0x7fffffff

struct posix_timer {
    struct ktimer kt;
    struct posix_timer *next;
    struct proc_timers *owner;
    struct proc *thread;  /* CLOCK_THREAD_CPUTIME_ID: the thread whose time it counts */
    int id;
    int clock;
    int notify;           /* SIGEV_* */
    int signo;
    int tid;              /* SIGEV_THREAD_ID: the thread the signal goes to */
    uint64_t value;       /* sigev_value */
    bool queued;          /* its signal is pending */
    uint64_t overrun;     /* expiries while the signal was pending */
    int overrun_last;     /* the count the last signal carried */
};

static struct posix_timer *find(struct proc_timers *pt, int id)
{
    for (struct posix_timer *t = pt ? pt->posix : NULL; t; t = t->next)
        if (t->id == id)
            return t;
    return NULL;
}

/* Is t's signal (signal sig, SI_TIMER, its id) pending in *info with bit
 * set in *pending? */
static bool ours(const struct posix_timer *t, uint64_t pending, const struct ksiginfo *info)
{
    return (pending & sig_bit(t->signo)) && info->code == SI_TIMER && info->pid == t->id;
}

static void timer_fire(struct ktimer *kt, uint64_t n)
{
    struct posix_timer *t = (struct posix_timer *)kt;
    if (t->notify == SIGEV_NONE)
        return;
    if (t->queued) {
        t->overrun += n;
        return;
    }
    t->overrun += n - 1; /* ticks that went by without a run */
    struct ksiginfo info = {.code = SI_TIMER, .pid = t->id, .addr = t->value};
    struct proc *l = t->owner->owner, *target = NULL;
    if (t->notify == SIGEV_THREAD_ID)
        for_each_thread(th, l) if (th->pid == t->tid && th->state != PROC_ZOMBIE)
            target = th;
    if (target) {
        signal_send_thread(target, t->signo, &info);
        t->queued = ours(t, target->sig_pending, &target->sig_info[t->signo]);
    } else {
        signal_send_info(l, t->signo, &info);
        t->queued = ours(t, l->shared_pending, &l->shared_info[t->signo]);
    }
}

/* The clocks a timer can count on: 0, or why not. */
static long check_clock(int clock)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_MONOTONIC:
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
    case CLOCK_BOOTTIME:
    case CLOCK_TAI:
        return 0;
    case CLOCK_REALTIME_ALARM:
    case CLOCK_BOOTTIME_ALARM:
        return capable(CAP_WAKE_ALARM) ? 0 : -EPERM;
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_MONOTONIC_COARSE:
        return -EOPNOTSUPP; /* clocks Linux reads but runs no timers on */
    default:
        return -EINVAL;
    }
}

long posix_timer_create(int clock, const struct linux_sigevent *sev)
{
    struct proc *p = current();
    long err = check_clock(clock);
    if (err)
        return err;
    struct proc_timers *pt = proc_timers_get(p);
    if (!pt || pt->nposix >= POSIX_TIMER_MAX)
        return -EAGAIN;
    struct posix_timer *t = kzalloc(sizeof *t);
    if (!t)
        return -EAGAIN;
    /* Linux's good_sigevent: the target thread must be of this process. */
    if (sev) {
        int notify = sev->notify;
        bool ok = notify == SIGEV_NONE || notify == SIGEV_SIGNAL || notify == SIGEV_THREAD || notify == SIGEV_THREAD_ID;
        if (notify == SIGEV_THREAD_ID) {
            struct proc *th = proc_find(sev->tid);
            ok = th && th->leader == p->leader && th->state != PROC_ZOMBIE;
        }
        if (ok && notify != SIGEV_NONE && (sev->signo <= 0 || sev->signo >= NSIG))
            ok = false;
        if (!ok) {
            kfree(t);
            return -EINVAL;
        }
        t->notify = notify == SIGEV_THREAD ? SIGEV_SIGNAL : notify;
        t->signo = sev->signo;
        t->tid = sev->tid;
        t->value = sev->value;
    } else {
        t->notify = SIGEV_SIGNAL;
        t->signo = SIGALRM;
    }
    uint64_t f = irq_save();
    /* The lowest free id from where the last search ended, as Linux's
     * next_posix_timer_id: ids are not reused at once. */
    int id = pt->next_id;
    while (find(pt, id))
        id = id == INT_MAX ? 0 : id + 1;
    pt->next_id = id == INT_MAX ? 0 : id + 1;
    t->id = id;
    if (!sev)
        t->value = (uint64_t)id;
    t->clock = clock;
    t->owner = pt;
    t->thread = clock == CLOCK_THREAD_CPUTIME_ID ? p : NULL;
    ktimer_init(&t->kt, timer_fire);
    t->next = pt->posix;
    pt->posix = t;
    pt->nposix++;
    irq_restore(f);
    return id;
}

/* Unlinks and frees t, with its pending signal (Linux deletes that too). */
static void destroy(struct proc_timers *pt, struct posix_timer *t)
{
    ktimer_disarm(&t->kt);
    if (t->queued) {
        struct proc *l = pt->owner;
        if (ours(t, l->shared_pending, &l->shared_info[t->signo]))
            l->shared_pending &= ~sig_bit(t->signo);
        for_each_thread(th, l) if (ours(t, th->sig_pending, &th->sig_info[t->signo]))
            th->sig_pending &= ~sig_bit(t->signo);
    }
    for (struct posix_timer **pp = &pt->posix; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    pt->nposix--;
    kfree(t);
}

long posix_timer_delete(int id)
{
    struct proc_timers *pt = current()->leader->timers;
    uint64_t f = irq_save();
    struct posix_timer *t = find(pt, id);
    if (t)
        destroy(pt, t);
    irq_restore(f);
    return t ? 0 : -EINVAL;
}

static void current_setting(struct posix_timer *t, struct itimer_value *v)
{
    v->value = ktimer_remaining(&t->kt);
    v->interval = ktimer_armed(&t->kt) ? t->kt.interval : 0;
}

long posix_timer_get(int id, struct itimer_value *cur)
{
    uint64_t f = irq_save();
    struct posix_timer *t = find(current()->leader->timers, id);
    if (t)
        current_setting(t, cur);
    irq_restore(f);
    return t ? 0 : -EINVAL;
}

long posix_timer_getoverrun(int id)
{
    struct posix_timer *t = find(current()->leader->timers, id);
    return t ? t->overrun_last : -EINVAL;
}

/* Arms t for value (absolute or from now on its clock). */
static void arm(struct posix_timer *t, bool abs, int64_t value, int64_t interval)
{
    struct proc *l = t->owner->owner;
    const uint64_t *cpu = NULL;
    int base = KTIMER_MONOTONIC;
    switch (t->clock) {
    case CLOCK_PROCESS_CPUTIME_ID: cpu = &l->group_cpu_ns, base = KTIMER_CPU; break;
    case CLOCK_THREAD_CPUTIME_ID: cpu = &t->thread->cpu_ns, base = KTIMER_CPU; break;
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_ALARM:
    case CLOCK_TAI:
        /* Only an absolute time stays on the realtime clock when it is
         * set; a relative one counts monotonic time (Linux's hrtimer_init). */
        if (abs) {
            base = KTIMER_REALTIME;
            if (t->clock == CLOCK_TAI)
                value -= (int64_t)ntp_tai_offset() * 1000000000ll;
        }
        break;
    }
    int64_t now = ktimer_base_now(base, cpu);
    int64_t expires = abs ? value : value > INT64_MAX - now ? INT64_MAX : now + value;
    ktimer_arm(&t->kt, base, cpu, expires, interval);
}

long posix_timer_set(int id, int flags, const struct itimer_value *nv, struct itimer_value *old)
{
    uint64_t f = irq_save();
    struct posix_timer *t = find(current()->leader->timers, id);
    if (!t) {
        irq_restore(f);
        return -EINVAL;
    }
    if (old)
        current_setting(t, old);
    ktimer_disarm(&t->kt);
    t->overrun = 0;
    t->overrun_last = 0;
    if (t->clock == CLOCK_THREAD_CPUTIME_ID && !t->thread) {
        irq_restore(f); /* the thread it counted ended: its clock is gone */
        return -EINVAL;
    }
    if (nv->value)
        arm(t, flags & TIMER_ABSTIME, nv->value, nv->interval);
    irq_restore(f);
    return 0;
}

void posix_timer_signal_taken(struct proc *p, struct ksiginfo *info)
{
    struct posix_timer *t = find(p->leader->timers, info->pid);
    if (!t || !t->queued)
        return;
    t->queued = false;
    t->overrun_last = t->overrun > INT_MAX ? INT_MAX : (int)t->overrun;
    t->overrun = 0;
    info->uid = (uint32_t)t->overrun_last; /* si_overrun sits where si_uid does */
}

void posix_timers_delete_all(struct proc_timers *pt)
{
    while (pt->posix)
        destroy(pt, pt->posix);
    pt->next_id = 0;
}

void posix_timers_thread_exit(struct proc_timers *pt, struct proc *th)
{
    for (struct posix_timer *t = pt->posix; t; t = t->next)
        if (t->thread == th) {
            ktimer_disarm(&t->kt);
            t->thread = NULL;
        }
}

void posix_timers_moved(struct proc_timers *pt, struct proc *old)
{
    posix_timers_thread_exit(pt, old);
    for (struct posix_timer *t = pt->posix; t; t = t->next)
        if (t->clock == CLOCK_PROCESS_CPUTIME_ID && ktimer_armed(&t->kt))
            ktimer_arm(&t->kt, KTIMER_CPU, &pt->owner->group_cpu_ns, t->kt.expires, t->kt.interval);
}
