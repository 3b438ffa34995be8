/*
 * sleeplock.h - a lock whose holder may sleep (wait for a disk, fault in
 * a user page) and whose waiters sleep instead of spinning: Linux's mutex,
 * xv6's sleeplock. The file system takes one per inode (fs/inode.h says
 * which lock protects what, and in which order locks are taken).
 *
 * Taking it is not interruptible (as mutex_lock): holders only keep it
 * across bounded work, never across a wait for another process. It is not
 * recursive: taking a lock one already holds is a kernel bug and panics.
 */
#ifndef PROC_SLEEPLOCK_H
#define PROC_SLEEPLOCK_H

#include <stdbool.h>

#include "arch/x86_64/percpu.h"

struct proc;

struct sleeplock {
    struct proc *owner; /* NULL when free */
    int waiters;        /* processes asleep in sleeplock_acquire */
};

#define SLEEPLOCK_INIT {0, 0}

/* The waits and the checks (sleeplock.c). */
void sleeplock_acquire_slow(struct sleeplock *l);
void sleeplock_wake_waiters(struct sleeplock *l);

/* The uncontended case inline, without touching the interrupt flag: the
 * kernel is not preempted (a process gives the CPU up only by sleeping
 * or on its way back to user mode) and interrupt handlers never take a
 * sleeplock, so nothing can run between the test and the store on one
 * CPU. With SMP this becomes a compare-and-swap. */
static inline void sleeplock_acquire(struct sleeplock *l)
{
    struct proc *me = this_cpu()->current;
    if (__builtin_expect(!l->owner && me != 0, 1)) {
        l->owner = me;
        return;
    }
    sleeplock_acquire_slow(l);
}

static inline void sleeplock_release(struct sleeplock *l)
{
    l->owner = 0;
    if (__builtin_expect(l->waiters != 0, 0))
        sleeplock_wake_waiters(l);
}
/* Does the current process hold l? (for assertions) */
bool sleeplock_held(const struct sleeplock *l);

#endif
