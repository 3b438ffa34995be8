/*
 * sched_policy.h - Linux's scheduling policies, per thread (sched(7)).
 *
 * Four classes, always in this order: a runnable thread of a higher
 * class runs before any of a lower one.
 *   SCHED_DEADLINE  earliest absolute deadline first; each period the
 *                   thread may run for its runtime, then waits (is
 *                   throttled) until its next period (Linux's CBS, at
 *                   tick granularity).
 *   SCHED_FIFO/RR   rt_priority 1..99, the higher first. FIFO runs until
 *                   it blocks or yields; RR also ends its turn after
 *                   SCHED_RR_TICKS. Together they may use at most
 *                   RT_RUNTIME_TICKS of every RT_PERIOD_TICKS (Linux's
 *                   sched_rt_runtime_us = 950000 of sched_rt_period_us),
 *                   so a runaway real-time loop cannot lock the machine.
 *   SCHED_OTHER/BATCH  round robin with a SCHED_SLICE_TICKS slice; nice
 *                   values are kept but do not weigh the share yet.
 *   SCHED_IDLE      runs only when nothing else is runnable (Linux gives
 *                   it a weight of 3 against nice 0's 1024: a sliver).
 * Within a class (and a priority), threads run in the order they became
 * runnable: a woken, yielding or slice-expired thread goes to the back
 * of its queue; a thread preempted by a higher one stays at the front.
 */
#ifndef PROC_SCHED_POLICY_H
#define PROC_SCHED_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define SCHED_DEADLINE 6
#define SCHED_RESET_ON_FORK 0x40000000

#define SCHED_TICK_NS 10000000ull /* the timer tick */
#define SCHED_RR_TICKS 10         /* Linux's RR_TIMESLICE: 100 ms */
#define RT_PERIOD_TICKS 100       /* 1 s */
#define RT_RUNTIME_TICKS 95       /* 0.95 s */
#define NICE_MIN (-20)
#define NICE_MAX 19

/* A thread's scheduling state (in struct proc). */
struct sched_entity {
    uint8_t policy;      /* SCHED_* */
    uint8_t rt_priority; /* 1..99 for FIFO and RR, else 0 */
    bool reset_on_fork;  /* SCHED_RESET_ON_FORK: children start SCHED_OTHER */
    bool dl_throttled;   /* DEADLINE: its runtime is spent until the next period */
    uint32_t dl_flags;   /* sched_attr's sched_flags kept for DEADLINE (RECLAIM, DL_OVERRUN) */
    int64_t seq;         /* queue position within its class: lower runs first */
    uint64_t dl_runtime, dl_deadline, dl_period; /* ns, as sched_setattr(2) gave them */
    int64_t dl_budget;   /* ns of runtime left in this period */
    uint64_t dl_abs_deadline; /* monotonic ns: the current period's deadline */
};

struct proc;

/* Does a outrank b (would a, made runnable, preempt b)? */
bool sched_outranks(const struct proc *a, const struct proc *b);
/* The next thread to run among the READY ones, or NULL. */
struct proc *sched_pick(void);
/* Puts p in the run queue: at the back of its queue, or (head) the front. */
void sched_enqueue(struct proc *p, bool head);
/* The running thread cur was charged a tick, its ran-th since it was
 * picked: true when its turn is over (slice, RR quantum, real-time or
 * deadline budget). */
bool sched_charge_tick(struct proc *cur, uint64_t ran);
/* Every tick, running or idle: true when real-time threads were
 * throttled and may run again. */
bool sched_period_tick(void);
/* Per tick for every thread: a throttled DEADLINE thread whose next
 * period began gets its runtime back (true: it became runnable). */
bool sched_replenish(struct proc *p, uint64_t now);
/* A thread becomes runnable after sleeping: a DEADLINE thread past its
 * deadline starts a new period (CBS wake-up rule, simplified). */
void sched_wakeup_policy(struct proc *p, uint64_t now);
/* Was the running thread's turn ended by its time running out (rather
 * than by a higher thread's arrival)? Cleared when a thread is picked. */
extern bool sched_turn_over;

/* fork: -EAGAIN for a DEADLINE parent without reset-on-fork (Linux's
 * sched_fork), else 0. */
int sched_fork_check(const struct proc *parent);
/* fork: the child's policy, priority and nice (reset-on-fork applied). */
void sched_fork(struct proc *child, const struct proc *parent);
/* Sets p's policy and parameters (checked by the caller); takes effect
 * in the run queue at once. */
void sched_set(struct proc *p, int policy, int rt_priority, int nice, bool reset_on_fork);
/* Makes p DEADLINE with these parameters (ns), starting a period now. */
void sched_set_deadline(struct proc *p, uint64_t runtime, uint64_t deadline, uint64_t period, uint32_t flags);
/* The bandwidth (runtime/period, 20-bit fixed point) the DEADLINE threads
 * other than except hold; admission keeps the total under 95%. */
uint64_t sched_dl_bandwidth(const struct proc *except);
#define SCHED_BW_SHIFT 20
#define SCHED_BW_LIMIT ((95ull << SCHED_BW_SHIFT) / 100)
/* The RR quantum, ns, sched_rr_get_interval reports for p. */
uint64_t sched_rr_interval(const struct proc *p);

#endif
