/* sched_policy.c - which thread runs next (see sched_policy.h). */
#include "proc/sched_policy.h"

#include <stddef.h>

#include "proc/proc.h"
#include "proc/sched.h"
#include "time/clock.h"
#include "uapi/errno.h"

bool sched_turn_over;

static int64_t tail_seq; /* the back of every queue: counts up */
static int64_t head_seq; /* the front: counts down */
static uint64_t rt_window_ticks, rt_used_ticks; /* real-time throttling (Linux's rt_bandwidth) */

enum { CLASS_IDLE, CLASS_FAIR, CLASS_RT, CLASS_DL };

static int class_of(const struct proc *p)
{
    switch (p->se.policy) {
    case SCHED_DEADLINE:
        return CLASS_DL;
    case SCHED_FIFO:
    case SCHED_RR:
        return CLASS_RT;
    case SCHED_IDLE:
        return CLASS_IDLE;
    default:
        return CLASS_FAIR;
    }
}

bool sched_outranks(const struct proc *a, const struct proc *b)
{
    int ca = class_of(a), cb = class_of(b);
    if (ca != cb)
        return ca > cb;
    if (ca == CLASS_RT)
        return a->se.rt_priority > b->se.rt_priority;
    if (ca == CLASS_DL)
        return a->se.dl_abs_deadline < b->se.dl_abs_deadline;
    return false;
}

static bool eligible(const struct proc *p)
{
    if (p->state != PROC_READY)
        return false;
    int c = class_of(p);
    if (c == CLASS_DL)
        return !p->se.dl_throttled;
    if (c == CLASS_RT)
        return rt_used_ticks < RT_RUNTIME_TICKS;
    return true;
}

struct proc *sched_pick(void)
{
    struct proc *best = NULL;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (!p || !eligible(p))
            continue;
        if (!best || sched_outranks(p, best) || (!sched_outranks(best, p) && p->se.seq < best->se.seq))
            best = p;
    }
    if (best)
        sched_turn_over = false;
    return best;
}

void sched_enqueue(struct proc *p, bool head)
{
    p->se.seq = head ? --head_seq : ++tail_seq;
    p->state = PROC_READY;
}

bool sched_charge_tick(struct proc *cur, uint64_t ran)
{
    bool over = false;
    switch (class_of(cur)) {
    case CLASS_DL:
        cur->se.dl_budget -= (int64_t)SCHED_TICK_NS;
        if (cur->se.dl_budget <= 0) {
            cur->se.dl_throttled = true;
            over = true;
        }
        break;
    case CLASS_RT:
        if (++rt_used_ticks >= RT_RUNTIME_TICKS)
            over = true;
        if (cur->se.policy == SCHED_RR && ran >= SCHED_RR_TICKS)
            over = true;
        break;
    default:
        over = ran >= SCHED_SLICE_TICKS;
        break;
    }
    if (over)
        sched_turn_over = true;
    return over;
}

bool sched_period_tick(void)
{
    /* The real-time window runs whoever is on the CPU, idle included. */
    if (++rt_window_ticks < RT_PERIOD_TICKS)
        return false;
    bool was_throttled = rt_used_ticks >= RT_RUNTIME_TICKS;
    rt_window_ticks = rt_used_ticks = 0;
    return was_throttled;
}

bool sched_replenish(struct proc *p, uint64_t now)
{
    if (p->se.policy != SCHED_DEADLINE || !p->se.dl_throttled)
        return false;
    /* The next period starts at (deadline - relative deadline + period). */
    uint64_t next = p->se.dl_abs_deadline - p->se.dl_deadline + p->se.dl_period;
    if (now < next)
        return false;
    p->se.dl_abs_deadline = now + p->se.dl_deadline;
    p->se.dl_budget = (int64_t)p->se.dl_runtime;
    p->se.dl_throttled = false;
    return p->state == PROC_READY;
}

void sched_wakeup_policy(struct proc *p, uint64_t now)
{
    if (p->se.policy == SCHED_DEADLINE && !p->se.dl_throttled && now >= p->se.dl_abs_deadline) {
        p->se.dl_abs_deadline = now + p->se.dl_deadline;
        p->se.dl_budget = (int64_t)p->se.dl_runtime;
    }
}

int sched_fork_check(const struct proc *parent)
{
    return parent->se.policy == SCHED_DEADLINE && !parent->se.reset_on_fork ? -EAGAIN : 0;
}

void sched_fork(struct proc *child, const struct proc *parent)
{
    child->se = parent->se;
    child->nice = parent->nice;
    /* sched(7): with reset-on-fork a real-time or deadline parent's child
     * is SCHED_OTHER, and a negative nice goes back to 0; the child does
     * not keep the flag. */
    if (parent->se.reset_on_fork) {
        if (class_of(parent) >= CLASS_RT) {
            child->se.policy = SCHED_OTHER;
            child->se.rt_priority = 0;
        }
        if (child->nice < 0)
            child->nice = 0;
        child->se.reset_on_fork = false;
    }
    child->se.dl_throttled = false;
}

void sched_set(struct proc *p, int policy, int rt_priority, int nice, bool reset_on_fork)
{
    struct proc *cur = current();
    int old_prio = class_of(p) * 100 + p->se.rt_priority;
    p->se.policy = (uint8_t)policy;
    p->se.rt_priority = (uint8_t)rt_priority;
    p->se.reset_on_fork = reset_on_fork;
    p->se.dl_throttled = false;
    p->nice = nice;
    int new_prio = class_of(p) * 100 + p->se.rt_priority;
    /* sched(7): a runnable thread whose priority rose goes to the back of
     * its new queue, one whose priority fell to the front. */
    if (p->state == PROC_READY && new_prio != old_prio)
        p->se.seq = new_prio > old_prio ? ++tail_seq : --head_seq;
    /* Anyone may now outrank the running thread: let the scheduler look
     * (the running thread keeps its place, as a preempted one). */
    if (cur)
        need_resched = true;
}

void sched_set_deadline(struct proc *p, uint64_t runtime, uint64_t deadline, uint64_t period, uint32_t flags)
{
    sched_set(p, SCHED_DEADLINE, 0, p->nice, p->se.reset_on_fork);
    p->se.dl_runtime = runtime;
    p->se.dl_deadline = deadline;
    p->se.dl_period = period ? period : deadline;
    p->se.dl_flags = flags;
    p->se.dl_budget = (int64_t)runtime;
    p->se.dl_abs_deadline = clock_monotonic_ns() + deadline;
}

uint64_t sched_dl_bandwidth(const struct proc *except)
{
    uint64_t bw = 0;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (p && p != except && p->se.policy == SCHED_DEADLINE && p->state != PROC_ZOMBIE)
            bw += (p->se.dl_runtime << SCHED_BW_SHIFT) / p->se.dl_period;
    }
    return bw;
}

uint64_t sched_rr_interval(const struct proc *p)
{
    switch (p->se.policy) {
    case SCHED_RR:
        return SCHED_RR_TICKS * SCHED_TICK_NS;
    case SCHED_FIFO:
    case SCHED_DEADLINE:
        return 0; /* no quantum: runs until it blocks (or its budget ends) */
    default:
        return SCHED_SLICE_TICKS * SCHED_TICK_NS;
    }
}
