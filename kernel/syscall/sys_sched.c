/*
 * sys_sched.c - scheduling policy calls (sched(7)): sched_setscheduler,
 * sched_setparam, sched_setattr and their getters, the priority ranges,
 * sched_rr_get_interval, CPU affinity and getcpu. The policies
 * themselves are sched_policy.c's; here are Linux's argument checks, in
 * Linux's order (kernel/sched/syscalls.c), and its permission rules.
 */
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "proc/sched_policy.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define SETPARAM_POLICY (-1) /* sched_setparam: keep the policy */

/* sched_attr's sched_flags (include/uapi/linux/sched.h). */
#define SCHED_FLAG_RESET_ON_FORK 0x01
#define SCHED_FLAG_RECLAIM 0x02
#define SCHED_FLAG_DL_OVERRUN 0x04
#define SCHED_FLAG_KEEP_POLICY 0x08
#define SCHED_FLAG_KEEP_PARAMS 0x10
#define SCHED_FLAG_UTIL_CLAMP 0x60
#define SCHED_FLAG_ALL 0x7f

/* struct sched_attr, its second version (56 bytes, with the utilization
 * clamps); the first was 48. */
struct sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};
#define SCHED_ATTR_SIZE_VER0 48
#define PAGE_SIZE_ 4096

/* SCHED_DEADLINE's period bounds: sysctl_sched_dl_period_min/max (us). */
#define DL_PERIOD_MIN_NS (100ull * 1000)
#define DL_PERIOD_MAX_NS ((1ull << 22) * 1000)
#define DL_RUNTIME_MIN_NS (1ull << 10) /* DL_SCALE: runtimes are kept in 1024 ns units */

/* The thread a pid argument names: 0 is the caller (Linux's
 * find_process_by_pid: a thread id, zombies included until reaped). */
static struct proc *find_target(int pid) { return pid ? proc_find(pid) : current(); }

static bool valid_policy(int policy)
{
    return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR || policy == SCHED_BATCH ||
           policy == SCHED_IDLE || policy == SCHED_DEADLINE;
}
static bool rt_policy(int policy) { return policy == SCHED_FIFO || policy == SCHED_RR; }
static bool fair_policy(int policy) { return policy == SCHED_OTHER || policy == SCHED_BATCH; }

long sys_sched_get_priority_max(int policy)
{
    if (rt_policy(policy))
        return 99;
    return valid_policy(policy) ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
    if (rt_policy(policy))
        return 1;
    return valid_policy(policy) ? 0 : -EINVAL;
}

long sys_sched_getscheduler(int pid)
{
    if (pid < 0)
        return -EINVAL;
    struct proc *p = find_target(pid);
    if (!p)
        return -ESRCH;
    return p->se.policy | (p->se.reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

long sys_sched_getparam(int pid, uint64_t uparam)
{
    if (!uparam || pid < 0)
        return -EINVAL;
    struct proc *p = find_target(pid);
    if (!p)
        return -ESRCH;
    int priority = rt_policy(p->se.policy) ? p->se.rt_priority : 0;
    return copy_to_user(uparam, &priority, sizeof priority) ? -EFAULT : 0;
}

/* Linux's check_same_owner: the caller's effective uid is p's real or
 * effective one. */
static bool same_owner(const struct proc *p)
{
    const struct cred *c = current_cred();
    return c->euid == p->cred->euid || c->euid == p->cred->uid;
}

/* May nice be set without privilege: RLIMIT_NICE allows it (the limit
 * counts 20 - nice, 1..40; Linux's is_nice_reduction). */
static bool nice_allowed(const struct proc *p, int nice) { return (uint64_t)(20 - nice) <= rlimit_cur(p, RLIMIT_NICE); }

/* Linux's user_check_sched_setscheduler: what an unprivileged caller may
 * do; the rest needs CAP_SYS_NICE (EPERM). */
static long user_check(const struct proc *p, const struct sched_attr *a, int policy, bool reset_on_fork)
{
    bool ok = true;
    if (fair_policy(policy) && a->sched_nice < p->nice && !nice_allowed(p, a->sched_nice))
        ok = false;
    if (rt_policy(policy)) {
        uint64_t lim = rlimit_cur(p, RLIMIT_RTPRIO);
        if (policy != p->se.policy && !lim)
            ok = false; /* may not become real-time at all */
        if (a->sched_priority > p->se.rt_priority && a->sched_priority > lim)
            ok = false; /* may not raise its priority past the limit */
    }
    if (policy == SCHED_DEADLINE)
        ok = false;
    /* SCHED_IDLE counts as nice 20: leaving it needs RLIMIT_NICE's leave. */
    if (p->se.policy == SCHED_IDLE && policy != SCHED_IDLE && !nice_allowed(p, p->nice))
        ok = false;
    if (!same_owner(p))
        ok = false;
    if (p->se.reset_on_fork && !reset_on_fork)
        ok = false;
    return ok || capable(CAP_SYS_NICE) ? 0 : -EPERM;
}

/* Linux's __checkparam_dl: runtime <= deadline <= period, within bounds. */
static bool dl_params_ok(const struct sched_attr *a)
{
    if (a->sched_deadline == 0 || a->sched_runtime < DL_RUNTIME_MIN_NS)
        return false;
    if ((a->sched_deadline | a->sched_period) & (1ull << 63))
        return false;
    uint64_t period = a->sched_period ? a->sched_period : a->sched_deadline;
    if (period < a->sched_deadline || a->sched_deadline < a->sched_runtime)
        return false;
    return period >= DL_PERIOD_MIN_NS && period <= DL_PERIOD_MAX_NS;
}

/* Linux's __sched_setscheduler for a user caller: policy SETPARAM_POLICY
 * keeps p's. */
static long set_scheduler(struct proc *p, const struct sched_attr *a)
{
    int policy = (int)a->sched_policy;
    bool reset_on_fork;
    if (policy < 0) {
        reset_on_fork = p->se.reset_on_fork;
        policy = p->se.policy;
    } else {
        reset_on_fork = a->sched_flags & SCHED_FLAG_RESET_ON_FORK;
        if (!valid_policy(policy))
            return -EINVAL;
    }
    if (a->sched_flags & ~(uint64_t)SCHED_FLAG_ALL)
        return -EINVAL;
    if (a->sched_priority > 99)
        return -EINVAL;
    if ((policy == SCHED_DEADLINE && !dl_params_ok(a)) || rt_policy(policy) != (a->sched_priority != 0))
        return -EINVAL;
    long err = user_check(p, a, policy, reset_on_fork);
    if (err)
        return err;
    /* Utilization clamps need CONFIG_UCLAMP_TASK, which this kernel (like
     * many Linux builds) does not have. */
    if (a->sched_flags & SCHED_FLAG_UTIL_CLAMP)
        return -EOPNOTSUPP;
    /* KEEP_PARAMS (sched_setattr) changes only the reset-on-fork flag:
     * Linux then leaves the policy as it is too. */
    if (a->sched_flags & SCHED_FLAG_KEEP_PARAMS) {
        p->se.reset_on_fork = reset_on_fork;
        return 0;
    }
    if (policy == SCHED_DEADLINE) {
        /* Admission control: all deadline threads together may claim at
         * most 95% of the CPU (Linux's sched_dl_overflow). */
        uint64_t period = a->sched_period ? a->sched_period : a->sched_deadline;
        uint64_t bw = (a->sched_runtime << SCHED_BW_SHIFT) / period;
        if (sched_dl_bandwidth(p) + bw > SCHED_BW_LIMIT)
            return -EBUSY;
        sched_set_deadline(p, a->sched_runtime, a->sched_deadline, a->sched_period,
                           (uint32_t)(a->sched_flags & (SCHED_FLAG_RECLAIM | SCHED_FLAG_DL_OVERRUN)));
        p->se.reset_on_fork = reset_on_fork;
        return 0;
    }
    /* sched_setscheduler passes p's own nice; sched_setattr its own for
     * the normal policies. Real-time and idle threads keep their nice. */
    int nice = fair_policy(policy) ? a->sched_nice : p->nice;
    sched_set(p, policy, rt_policy(policy) ? (int)a->sched_priority : 0, nice, reset_on_fork);
    return 0;
}

/* Linux's do_sched_setscheduler: pointer and pid, then the copy, then
 * the target. */
static long do_setscheduler(int pid, int policy, uint64_t uparam)
{
    if (!uparam || pid < 0)
        return -EINVAL;
    int priority;
    if (copy_from_user(&priority, uparam, sizeof priority))
        return -EFAULT;
    struct proc *p = find_target(pid);
    if (!p)
        return -ESRCH;
    struct sched_attr a = {.sched_policy = (uint32_t)policy, .sched_priority = (uint32_t)priority, .sched_nice = p->nice};
    if (policy >= 0 && (policy & SCHED_RESET_ON_FORK)) {
        a.sched_flags |= SCHED_FLAG_RESET_ON_FORK;
        a.sched_policy = (uint32_t)(policy & ~SCHED_RESET_ON_FORK);
    }
    return set_scheduler(p, &a);
}

long sys_sched_setscheduler(int pid, int policy, uint64_t uparam)
{
    if (policy < 0)
        return -EINVAL;
    return do_setscheduler(pid, policy, uparam);
}

long sys_sched_setparam(int pid, uint64_t uparam) { return do_setscheduler(pid, SETPARAM_POLICY, uparam); }

/* Linux's sched_copy_attr: size 0 means the first version; a size below
 * it or above a page, or unknown trailing bytes that are not zero, is
 * E2BIG with the kernel's size written back. */
static long copy_attr_in(uint64_t uattr, struct sched_attr *a)
{
    memset(a, 0, sizeof *a);
    uint32_t size;
    if (copy_from_user(&size, uattr, sizeof size))
        return -EFAULT;
    if (!size)
        size = SCHED_ATTR_SIZE_VER0;
    bool too_big = size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE_;
    if (!too_big) {
        if (copy_from_user(a, uattr, size < sizeof *a ? size : sizeof *a))
            return -EFAULT;
        /* Bytes past what this kernel knows must be zero (copy_struct_from_user). */
        for (uint64_t off = sizeof *a; off < size; off += 8) {
            uint64_t chunk = 0;
            size_t n = size - off < 8 ? size - off : 8;
            if (copy_from_user(&chunk, uattr + off, n))
                return -EFAULT;
            if (chunk) {
                too_big = true;
                break;
            }
        }
    }
    if (too_big) {
        uint32_t ksize = sizeof *a;
        copy_to_user(uattr, &ksize, sizeof ksize);
        return -E2BIG;
    }
    if ((a->sched_flags & SCHED_FLAG_UTIL_CLAMP) && size < sizeof *a)
        return -EINVAL;
    a->sched_nice = a->sched_nice < NICE_MIN ? NICE_MIN : a->sched_nice > NICE_MAX ? NICE_MAX : a->sched_nice;
    return 0;
}

/* p's parameters into a (Linux's get_params). */
static void get_params(const struct proc *p, struct sched_attr *a)
{
    if (p->se.policy == SCHED_DEADLINE) {
        a->sched_runtime = p->se.dl_runtime;
        a->sched_deadline = p->se.dl_deadline;
        a->sched_period = p->se.dl_period;
        a->sched_flags |= p->se.dl_flags;
    } else if (rt_policy(p->se.policy)) {
        a->sched_priority = p->se.rt_priority;
    } else {
        a->sched_nice = p->nice;
    }
}

long sys_sched_setattr(int pid, uint64_t uattr, uint32_t flags)
{
    if (!uattr || pid < 0 || flags)
        return -EINVAL;
    struct sched_attr a;
    long err = copy_attr_in(uattr, &a);
    if (err)
        return err;
    if ((int32_t)a.sched_policy < 0)
        return -EINVAL;
    if (a.sched_flags & SCHED_FLAG_KEEP_POLICY)
        a.sched_policy = (uint32_t)SETPARAM_POLICY;
    struct proc *p = find_target(pid);
    if (!p)
        return -ESRCH;
    if (a.sched_flags & SCHED_FLAG_KEEP_PARAMS)
        get_params(p, &a);
    return set_scheduler(p, &a);
}

long sys_sched_getattr(int pid, uint64_t uattr, uint32_t usize, uint32_t flags)
{
    if (!uattr || pid < 0 || usize > PAGE_SIZE_ || usize < SCHED_ATTR_SIZE_VER0 || flags)
        return -EINVAL;
    struct proc *p = find_target(pid);
    if (!p)
        return -ESRCH;
    struct sched_attr a = {.sched_policy = p->se.policy};
    if (p->se.reset_on_fork)
        a.sched_flags |= SCHED_FLAG_RESET_ON_FORK;
    get_params(p, &a);
    a.sched_flags &= SCHED_FLAG_ALL;
    /* The user's size or the kernel's, the smaller (sched_attr_copy_to_user). */
    a.size = usize < sizeof a ? usize : sizeof a;
    return copy_to_user(uattr, &a, a.size) ? -EFAULT : 0;
}

long sys_sched_rr_get_interval(int pid, uint64_t uts)
{
    if (pid < 0)
        return -EINVAL;
    struct proc *p = find_target(pid);
    if (!p)
        return -ESRCH;
    uint64_t ns = sched_rr_interval(p);
    int64_t ts[2] = {(int64_t)(ns / 1000000000), (int64_t)(ns % 1000000000)};
    return copy_to_user(uts, ts, sizeof ts) ? -EFAULT : 0;
}

/* One CPU: the affinity mask has bit 0 alone (sched_getaffinity(2)).
 * Linux checks the length first, then the target. */
long sys_sched_getaffinity(int pid, uint32_t len, uint64_t umask)
{
    if (len < 8 || (len & 7))
        return -EINVAL;
    if (pid < 0 || !find_target(pid))
        return -ESRCH;
    uint64_t mask = 1;
    if (copy_to_user(umask, &mask, sizeof mask) || clear_user(umask + 8, len - 8))
        return -EFAULT;
    return 8; /* the kernel's cpumask size in bytes */
}

/* The mask is copied first (EFAULT), then the target found (ESRCH), then
 * the caller must own it or have CAP_SYS_NICE (EPERM); a mask without
 * CPU 0, the only one, is EINVAL. The mask itself changes nothing. */
long sys_sched_setaffinity(int pid, uint32_t len, uint64_t umask)
{
    uint64_t mask = 0;
    if (copy_from_user(&mask, umask, len < 8 ? len : 8))
        return -EFAULT;
    struct proc *p = pid < 0 ? NULL : find_target(pid);
    if (!p)
        return -ESRCH;
    if (!same_owner(p) && !capable(CAP_SYS_NICE))
        return -EPERM;
    return (mask & 1) ? 0 : -EINVAL;
}

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
