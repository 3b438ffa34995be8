/*
 * sys_futex.c - futex(2) WAIT and WAKE (and their BITSET forms, with the
 * bitset treated as all ones). A futex is named by the physical address
 * of its word, so processes sharing memory (CLONE_VM, MAP_SHARED) meet on
 * the same one. Waiters sleep on that address as a channel; WAKE wakes
 * them all (futex users must tolerate spurious wakeups) and reports at
 * most the number asked for.
 */
#include "arch/x86_64/cpu.h"
#include "mm/direct_map.h"
#include "mm/paging.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256

long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout, uint64_t uaddr2, uint32_t val3)
{
    (void)uaddr2, (void)val3;
    int cmd = (int)(op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
    const void *key;
    long err = futex_key(uaddr, &key);
    if (err)
        return err;
    if (cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET) {
        int n = futex_wake(uaddr);
        return n < (int)val ? n : (long)val;
    }
    if (cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
        return -ENOSYS;
    uint64_t deadline = 0;
    if (utimeout) {
        int64_t ns;
        err = timespec_from_user(utimeout, &ns);
        if (err)
            return err;
        if (cmd == FUTEX_WAIT_BITSET) { /* an absolute time */
            int64_t now = (op & FUTEX_CLOCK_REALTIME) ? clock_realtime_ns() : (int64_t)clock_monotonic_ns();
            ns = ns > now ? ns - now : 0;
        }
        deadline = clock_monotonic_ns() + (uint64_t)ns;
    }
    struct proc *p = current();
    uint64_t f = irq_save();
    uint32_t cur;
    if (copy_from_user(&cur, uaddr, 4)) {
        irq_restore(f);
        return -EFAULT;
    }
    if (cur != val) {
        irq_restore(f);
        return -EAGAIN;
    }
    p->wake_at = deadline;
    err = sleep_on_interruptible(key);
    p->wake_at = 0;
    irq_restore(f);
    if (err)
        return -EINTR;
    if (deadline && clock_monotonic_ns() >= deadline)
        return -ETIMEDOUT;
    return 0;
}

/* set_robust_list(2): the list the kernel walks when the thread ends
 * (proc/futex.c). Its head is 24 bytes on x86_64; another size is EINVAL. */
long sys_set_robust_list(uint64_t head, size_t len)
{
    if (len != 24)
        return -EINVAL;
    current()->robust_list = head;
    return 0;
}

long sys_get_robust_list(int pid, uint64_t uhead, uint64_t ulen)
{
    struct proc *t = pid ? proc_find(pid) : current();
    if (!t || t->state == PROC_UNUSED)
        return -ESRCH;
    uint64_t len = 24;
    if (copy_to_user(uhead, &t->robust_list, sizeof t->robust_list) || copy_to_user(ulen, &len, sizeof len))
        return -EFAULT;
    return 0;
}
