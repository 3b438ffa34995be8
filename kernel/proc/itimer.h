/*
 * itimer.h - a process's timers and CPU time: alarm(2) and setitimer(2)'s
 * three interval timers (itimer.c), POSIX timers (posix_timer.h), the
 * CPU-time counters the timer tick advances, and RLIMIT_CPU. All of them
 * are kernel timers (time/timer.h) owned by the thread-group leader in a
 * struct proc_timers made on first use.
 *
 * Lifetimes, as on Linux: fork's child has no timers; execve keeps the
 * interval timers and alarm but deletes the POSIX timers; the end of the
 * process ends them all.
 */
#ifndef PROC_ITIMER_H
#define PROC_ITIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "time/timer.h"

struct proc;
struct posix_timer;

#define ITIMER_REAL 0    /* wall time: SIGALRM */
#define ITIMER_VIRTUAL 1 /* the process's user CPU time: SIGVTALRM */
#define ITIMER_PROF 2    /* its user + system CPU time: SIGPROF */

struct proc_timers {
    struct proc *owner;          /* the thread-group leader */
    struct ktimer itimer[3];     /* by ITIMER_* */
    struct posix_timer *posix;   /* timer_create's timers */
    int nposix;
    int next_id;                 /* where the search for a free timer id starts */
};

/* A timer setting in ns (struct itimerval / itimerspec): value is the
 * time to the next expiry (0: disarmed), interval the period (0: once). */
struct itimer_value {
    int64_t value, interval;
};

/* p's process's timers, made on first use; NULL when memory is short. */
struct proc_timers *proc_timers_get(struct proc *p);

/* setitimer(2): old (if not NULL) gets the setting before. 0, -EINVAL
 * for another which, -ENOMEM. */
long itimer_set(int which, const struct itimer_value *nv, struct itimer_value *old);
/* getitimer(2): 0 or -EINVAL. */
long itimer_get(int which, struct itimer_value *cur);

/* The timer tick charges one tick of CPU time to thread t (user: it was
 * in ring 3), and enforces RLIMIT_CPU: SIGXCPU at the soft limit and
 * every second past it, SIGKILL at the hard limit. Interrupts off. */
void cputime_charge_tick(struct proc *t, bool user);

/* execve: the POSIX timers go (the other timers stay). */
void proc_timers_exec(struct proc *p);
/* A thread ends: timers counting its CPU time stop. The last thread of
 * the process: every timer goes. */
void proc_timers_thread_exit(struct proc *t, bool last);
/* execve from a thread other than the leader: that thread takes over the
 * process's timers and CPU time from old, the leader that goes. */
void proc_timers_move(struct proc *old, struct proc *p);

#endif
