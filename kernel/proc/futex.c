/* futex.c - futex keys and wakeups (see futex.h). */
#include "proc/futex.h"

#include "arch/x86_64/cpu.h"
#include "mm/direct_map.h"
#include "mm/paging.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/wait.h"
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

int futex_wake(uint64_t uaddr)
{
    const void *key;
    if (futex_key(uaddr, &key))
        return 0;
    int n = 0;
    uint64_t f = irq_save();
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (p && p->state == PROC_BLOCKED && p->chan == key)
            n++;
    }
    wakeup(key);
    irq_restore(f);
    return n;
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
        futex_wake(uaddr);
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
