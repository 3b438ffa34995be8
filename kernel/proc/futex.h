/*
 * futex.h - futexes are named by the physical address of their 32-bit
 * word, so every process (or thread) that maps the page meets on the same
 * key; waiters sleep on the key as a wait channel (wait.h).
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include <stdint.h>

struct proc;

/* The key of the futex at user address uaddr of the current process:
 * 0, -EINVAL (misaligned or outside user space) or -EFAULT. */
long futex_key(uint64_t uaddr, const void **key);
/* Wakes every waiter on the futex at uaddr; returns how many there were. */
int futex_wake(uint64_t uaddr);

/* A thread ends: the robust futexes it still holds (its set_robust_list
 * list) are marked FUTEX_OWNER_DIED and their waiters woken, as Linux's
 * exit_robust_list does, so a process-shared mutex is not left locked by
 * a dead owner. A list that faults or loops ends the walk. */
void futex_exit_robust(struct proc *p);

#endif
