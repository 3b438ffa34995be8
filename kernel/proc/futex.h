/*
 * futex.h - futexes are named by the physical address of their 32-bit
 * word, so every process (or thread) that maps the page meets on the same
 * key. A waiter records the key and sleeps; a wake picks waiters oldest
 * first, marks them woken and makes them runnable: a wait returns 0 only
 * when a wake chose it (any other wakeup makes it look at the word again
 * and sleep on), as Linux's futex_wait.
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

struct proc;

/* The key of the futex at user address uaddr of the current process:
 * 0, -EINVAL (misaligned or outside user space) or -EFAULT. */
long futex_key(uint64_t uaddr, const void **key);
#define FUTEX_BITSET_ANY 0xffffffffu

/* FUTEX_WAIT: sleeps while the word at uaddr is val, until a wake that
 * matches bitset chooses it (0), the monotonic deadline passes (0: none;
 * -ETIMEDOUT), or a signal comes (-ERESTARTSYS, or -EINTR with a
 * deadline). -EAGAIN when the word is not val; -EINVAL, -EFAULT. */
long futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset);
/* Wakes up to n waiters on the futex at uaddr whose bitset meets bitset,
 * the longest waiting first; returns how many, or -EINVAL (misaligned),
 * or -EFAULT for a shared futex whose page cannot be had (a private
 * futex there has no waiters: 0, as Linux, whose key is the address). */
int futex_wake(uint64_t uaddr, int n, uint32_t bitset, bool shared);
/* FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wakes up to n waiters of uaddr and
 * moves up to m more to wait on uaddr2; returns how many were woken and
 * moved. With cmp, -EAGAIN unless the word at uaddr is val. */
long futex_requeue(uint64_t uaddr, uint64_t uaddr2, int n, int m, bool cmp, uint32_t val);

/* A thread ends: the robust futexes it still holds (its set_robust_list
 * list) are marked FUTEX_OWNER_DIED and their waiters woken, as Linux's
 * exit_robust_list does, so a process-shared mutex is not left locked by
 * a dead owner. A list that faults or loops ends the walk. */
void futex_exit_robust(struct proc *p);

#endif
