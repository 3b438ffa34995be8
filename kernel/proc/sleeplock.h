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

struct proc;

struct sleeplock {
    struct proc *owner; /* NULL when free */
    int waiters;        /* processes asleep in sleeplock_acquire */
};

#define SLEEPLOCK_INIT {0, 0}

void sleeplock_acquire(struct sleeplock *l);
void sleeplock_release(struct sleeplock *l);
/* Does the current process hold l? (for assertions) */
bool sleeplock_held(const struct sleeplock *l);

#endif
