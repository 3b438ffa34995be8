/*
 * futex.h - futexes are named by the physical address of their 32-bit
 * word, so every process (or thread) that maps the page meets on the same
 * key; waiters sleep on the key as a wait channel (wait.h).
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include <stdint.h>

/* The key of the futex at user address uaddr of the current process:
 * 0, -EINVAL (misaligned or outside user space) or -EFAULT. */
long futex_key(uint64_t uaddr, const void **key);
/* Wakes every waiter on the futex at uaddr; returns how many there were. */
int futex_wake(uint64_t uaddr);

#endif
