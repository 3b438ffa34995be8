/*
 * sys_futex.c - futex(2): WAIT, WAKE, their BITSET forms, REQUEUE and
 * CMP_REQUEUE (proc/futex.c does the work). A futex is named by the
 * physical address of its word, so processes sharing memory (CLONE_VM,
 * MAP_SHARED) meet on the same one. Not done: the PI operations and
 * WAKE_OP (-ENOSYS).
 */
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256

/* The monotonic deadline of a wait: FUTEX_WAIT's timeout is relative,
 * FUTEX_WAIT_BITSET's absolute (on CLOCK_REALTIME with that flag). */
static long wait_deadline(int cmd, int op, uint64_t utimeout, uint64_t *deadline)
{
    *deadline = 0;
    if (!utimeout)
        return 0;
    int64_t ns;
    long err = timespec_from_user(utimeout, &ns);
    if (err)
        return err;
    if (cmd == FUTEX_WAIT_BITSET) {
        int64_t now = (op & FUTEX_CLOCK_REALTIME) ? clock_realtime_ns() : (int64_t)clock_monotonic_ns();
        ns = ns > now ? ns - now : 0;
    }
    *deadline = clock_monotonic_ns() + (uint64_t)ns;
    return 0;
}

long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout, uint64_t uaddr2, uint32_t val3)
{
    int cmd = (int)(op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
    if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
        return -ENOSYS;
    uint32_t bitset = FUTEX_BITSET_ANY;
    switch (cmd) {
    case FUTEX_WAIT_BITSET:
    case FUTEX_WAKE_BITSET:
        if (val3 == 0)
            return -EINVAL;
        bitset = val3;
        break;
    case FUTEX_WAIT:
    case FUTEX_WAKE:
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
        break;
    default:
        return -ENOSYS;
    }
    if (cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET)
        /* Linux wakes one for 0 or less. A shared futex's key is its page,
         * which must exist (EFAULT: unmapped, PROT_NONE, past a file's end). */
        return futex_wake(uaddr, (int)val <= 0 ? 1 : (int)val, bitset, !(op & FUTEX_PRIVATE_FLAG));
    if (cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE) {
        int n = (int)val, m = (int)utimeout; /* the fourth argument is a count here */
        if (n < 0 || m < 0)
            return -EINVAL;
        return futex_requeue(uaddr, uaddr2, n, m, cmd == FUTEX_CMP_REQUEUE, val3);
    }
    uint64_t deadline;
    long err = wait_deadline(cmd, op, utimeout, &deadline);
    if (err)
        return err;
    return futex_wait(uaddr, val, deadline, bitset);
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
    if (!proc_may_inspect(t))
        return -EPERM;
    uint64_t len = 24;
    if (copy_to_user(uhead, &t->robust_list, sizeof t->robust_list) || copy_to_user(ulen, &len, sizeof len))
        return -EFAULT;
    return 0;
}
