/*
 * sys_sched.c - scheduling policy calls, answered for Tiny OS's one
 * policy: every process is SCHED_OTHER (priority 0; nice values are
 * setpriority's business) on the one CPU, node 0. Real-time policies
 * (FIFO, RR) and BATCH/IDLE are not provided: setting them is EPERM
 * rather than a silent no-op. sched(7), sched_setscheduler(2).
 */
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define SCHED_DEADLINE 6
#define SCHED_RESET_ON_FORK 0x40000000

/* The target of a pid argument: 0 is the caller; -EINVAL for a negative
 * pid, -ESRCH for none (Linux's find_process_by_pid). */
static long target_ok(int pid)
{
    if (pid < 0)
        return -EINVAL;
    struct proc *p = pid ? proc_find(pid) : current();
    return p && p->state != PROC_ZOMBIE ? 0 : -ESRCH;
}

static bool realtime(int policy) { return policy == SCHED_FIFO || policy == SCHED_RR; }

long sys_sched_get_priority_max(int policy)
{
    if (realtime(policy))
        return 99;
    if (policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE || policy == SCHED_DEADLINE)
        return 0;
    return -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
    long max = sys_sched_get_priority_max(policy);
    return max > 0 ? 1 : max;
}

long sys_sched_getscheduler(int pid)
{
    long err = target_ok(pid);
    return err ? err : SCHED_OTHER;
}

long sys_sched_getparam(int pid, uint64_t uparam)
{
    if (!uparam)
        return -EINVAL;
    long err = target_ok(pid);
    if (err)
        return err;
    int priority = 0;
    return copy_to_user(uparam, &priority, sizeof priority) ? -EFAULT : 0;
}

/* The checks of Linux's __sched_setscheduler: a known policy, a priority
 * in its range (1..99 real-time, 0 otherwise); then only SCHED_OTHER is
 * possible here. */
static long set_policy(int pid, int policy, uint64_t uparam)
{
    if (!uparam || pid < 0)
        return -EINVAL;
    int priority;
    if (copy_from_user(&priority, uparam, sizeof priority))
        return -EFAULT;
    long err = target_ok(pid);
    if (err)
        return err;
    policy &= ~SCHED_RESET_ON_FORK;
    if (sys_sched_get_priority_max(policy) < 0 || policy == SCHED_DEADLINE)
        return -EINVAL;
    if (realtime(policy) ? priority < 1 || priority > 99 : priority != 0)
        return -EINVAL;
    return policy == SCHED_OTHER ? 0 : -EPERM;
}

long sys_sched_setscheduler(int pid, int policy, uint64_t uparam) { return set_policy(pid, policy, uparam); }

/* The policy stays (SCHED_OTHER): only its priority 0 is valid. */
long sys_sched_setparam(int pid, uint64_t uparam) { return set_policy(pid, SCHED_OTHER, uparam); }

/* getcpu(2): CPU 0 of node 0, the only ones; the cache argument is unused
 * since Linux 2.6.24. */
long sys_getcpu(uint64_t ucpu, uint64_t unode, uint64_t ucache)
{
    (void)ucache;
    unsigned zero = 0;
    if ((ucpu && copy_to_user(ucpu, &zero, sizeof zero)) || (unode && copy_to_user(unode, &zero, sizeof zero)))
        return -EFAULT;
    return 0;
}
