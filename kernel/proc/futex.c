/* futex.c - futex keys and wakeups (see futex.h). */
#include "proc/futex.h"

#include "arch/x86_64/cpu.h"
#include "mm/direct_map.h"
#include "mm/paging.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "uapi/errno.h"

long futex_key(uint64_t uaddr, const void **key)
{
    if (uaddr % 4 || !user_range_ok(uaddr, 4))
        return -EINVAL;
    uint32_t probe;
    if (copy_from_user(&probe, uaddr, 4)) /* faults the page in if need be */
        return -EFAULT;
    uint64_t pa;
    if (!paging_translate(current()->mm->root, uaddr, &pa, NULL))
        return -EFAULT;
    *key = phys_to_virt(pa);
    return 0;
}

static uint64_t futex_clock; /* orders waiters (futex_seq) */

/* The longest-waiting thread on key not yet woken whose bitset meets
 * bitset, or NULL. Interrupts off. */
static struct proc *oldest_waiter(const void *key, uint32_t bitset)
{
    struct proc *best = NULL;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (p && p->futex_key == key && !p->futex_woken && (p->futex_bitset & bitset) &&
            (!best || p->futex_seq < best->futex_seq))
            best = p;
    }
    return best;
}

static void choose(struct proc *p)
{
    p->futex_woken = true;
    if (p->state == PROC_BLOCKED)
        sched_make_ready(p);
}

long futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset)
{
    const void *key;
    long err = futex_key(uaddr, &key);
    if (err)
        return err;
    struct proc *p = current();
    uint64_t f = irq_save();
    p->futex_key = key;
    p->futex_seq = ++futex_clock;
    p->futex_bitset = bitset;
    p->futex_woken = false;
    for (;;) {
        uint32_t cur;
        if (copy_from_user(&cur, uaddr, 4)) {
            err = -EFAULT;
            break;
        }
        if (cur != val) {
            err = -EAGAIN;
            break;
        }
        if (signal_pending(p)) {
            err = deadline ? -EINTR : -ERESTARTSYS;
            break;
        }
        p->wake_at = deadline;
        sleep_on(p->futex_key); /* (a requeue may have moved it to another futex) */
        p->wake_at = 0;
        if (p->futex_woken) {
            err = 0;
            break;
        }
        if (deadline && clock_monotonic_ns() >= deadline) {
            err = -ETIMEDOUT;
            break;
        }
        if (signal_pending(p)) {
            err = deadline ? -EINTR : -ERESTARTSYS;
            break;
        }
        /* A wakeup for something else: look at the word again. */
    }
    p->futex_key = NULL;
    p->futex_woken = false;
    irq_restore(f);
    return err;
}

int futex_wake(uint64_t uaddr, int n, uint32_t bitset, bool shared)
{
    const void *key;
    long err = futex_key(uaddr, &key);
    if (err == -EINVAL || (err && shared))
        return (int)err;
    if (err)
        return 0; /* a private futex's key is its address: nothing waits on an unmapped one */
    int woken = 0;
    uint64_t f = irq_save();
    struct proc *p;
    while (woken < n && (p = oldest_waiter(key, bitset))) {
        choose(p);
        woken++;
    }
    irq_restore(f);
    return woken;
}

long futex_requeue(uint64_t uaddr, uint64_t uaddr2, int n, int m, bool cmp, uint32_t val)
{
    const void *key, *key2;
    long err = futex_key(uaddr, &key);
    if (!err)
        err = futex_key(uaddr2, &key2);
    if (err)
        return err;
    uint64_t f = irq_save();
    uint32_t cur;
    if (cmp && (copy_from_user(&cur, uaddr, 4) || cur != val)) {
        irq_restore(f);
        return -EAGAIN;
    }
    long done = 0;
    struct proc *p;
    for (int i = 0; i < n && (p = oldest_waiter(key, FUTEX_BITSET_ANY)); i++, done++)
        choose(p);
    for (int i = 0; i < m && (p = oldest_waiter(key, FUTEX_BITSET_ANY)); i++, done++) {
        p->futex_key = key2;
        if (p->state == PROC_BLOCKED)
            p->chan = key2;
    }
    irq_restore(f);
    return done;
}

/* uapi/linux/futex.h: the futex word's owner bits and the list head. */
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu
#define ROBUST_LIST_LIMIT 2048

struct robust_list_head {
    uint64_t list;            /* the first entry (an entry points at the next; the head ends it) */
    int64_t futex_offset;     /* from an entry to its futex word */
    uint64_t list_op_pending; /* an entry being added or removed */
};

/* Marks the futex of entry as its owner's death if p owns it. */
static void owner_died(struct proc *p, uint64_t entry, int64_t offset)
{
    uint64_t uaddr = entry + (uint64_t)offset;
    uint32_t word;
    if (copy_from_user(&word, uaddr, 4) || (word & FUTEX_TID_MASK) != (uint32_t)p->pid)
        return;
    uint32_t died = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (copy_to_user(uaddr, &died, 4) == 0 && (word & FUTEX_WAITERS))
        futex_wake(uaddr, 1, FUTEX_BITSET_ANY, false);
}

void futex_exit_robust(struct proc *p)
{
    struct robust_list_head head;
    if (!p->robust_list || copy_from_user(&head, p->robust_list, sizeof head))
        return;
    uint64_t entry = head.list;
    for (int n = 0; entry != p->robust_list && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t next;
        if (copy_from_user(&next, entry, sizeof next))
            break;
        if (entry != head.list_op_pending)
            owner_died(p, entry, head.futex_offset);
        entry = next;
    }
    if (head.list_op_pending)
        owner_died(p, head.list_op_pending, head.futex_offset);
    p->robust_list = 0;
}
