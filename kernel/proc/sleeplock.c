/* sleeplock.c - see sleeplock.h. */
#include "proc/sleeplock.h"

#include <stddef.h>

#include "arch/x86_64/cpu.h"
#include "lib/kprintf.h"
#include "proc/proc.h"
#include "proc/wait.h"

void sleeplock_acquire_slow(struct sleeplock *l)
{
    struct proc *me = current();
    uint64_t f = irq_save();
    if (me && l->owner == me)
        panic("sleeplock %p taken twice by pid %d", (void *)l, me->pid);
    /* Before the first process exists nothing can hold a lock: boot code
     * takes and releases them in one go. */
    while (l->owner) {
        l->waiters++;
        sleep_on(l);
        l->waiters--;
    }
    l->owner = me ? me : (struct proc *)1;
    irq_restore(f);
}

void sleeplock_wake_waiters(struct sleeplock *l) { wakeup(l); }

bool sleeplock_held(const struct sleeplock *l)
{
    struct proc *me = current();
    return l->owner && l->owner == (me ? me : (struct proc *)1);
}
