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
