/*
 * spinlock.h - short critical sections around in-memory lists (a page
 * cache's tree, a directory's child list, the mount table). Nothing may
 * sleep while one is held.
 *
 * Tiny OS runs on one CPU and the kernel never preempts itself, so today
 * a spinlock only has to keep interrupt handlers out: taking it disables
 * interrupts and remembers whether they were on. When SMP comes, the
 * lock word below gets an atomic test-and-set loop; every user already
 * takes and releases it in the right places.
 */
#ifndef ARCH_X86_64_SPINLOCK_H
#define ARCH_X86_64_SPINLOCK_H

#include <stdint.h>

#include "arch/x86_64/cpu.h"

struct spinlock {
    uint64_t saved_flags; /* RFLAGS of the holder before it took the lock */
};

#define SPINLOCK_INIT {0}

static inline void spin_lock(struct spinlock *l) { l->saved_flags = irq_save(); }
static inline void spin_unlock(struct spinlock *l) { irq_restore(l->saved_flags); }

#endif
