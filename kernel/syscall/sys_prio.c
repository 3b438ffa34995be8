/*
 * sys_prio.c - nice values: getpriority(2) and setpriority(2) for one
 * thread (PRIO_PROCESS), a process group (PRIO_PGRP) or every thread of
 * a user (PRIO_USER), as Linux's kernel/sys.c does them. The nice value
 * belongs to a thread (Linux's, not POSIX's, model) and is inherited by
 * fork; the scheduler keeps it but does not yet weigh the share of the
 * normal policies by it (sched_policy.h).
 */
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "proc/sched_policy.h" /* NICE_MIN, NICE_MAX */
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

/* Does t belong to the set (which, who) names? who has been resolved:
 * a pgid or a uid (never 0 here). */
static bool in_set(const struct proc *t, int which, uint32_t who)
{
    /* A dead thread other than a leader is already gone for Linux. */
    if (t->state == PROC_ZOMBIE && t != t->leader)
        return false;
    if (which == PRIO_PGRP)
        return (uint32_t)t->leader->pgid == who;
    return t->cred->uid == who;
}

/* who 0 means the caller's own group or real uid. */
static uint32_t resolve(int which, int who)
{
    if (who)
        return (uint32_t)who;
    return which == PRIO_PGRP ? (uint32_t)current()->leader->pgid : current_cred()->uid;
}

/* getpriority(2): the best (lowest) nice value in the set, returned as
 * 20 - nice (1..40) so that no result is negative; the C library converts
 * back. ESRCH when the set is empty. */
long sys_getpriority(int which, int who)
{
    if (which < PRIO_PROCESS || which > PRIO_USER)
        return -EINVAL;
    long best = -ESRCH;
    if (which == PRIO_PROCESS) {
        struct proc *p = who ? proc_find(who) : current();
        return p ? 20 - p->nice : -ESRCH;
    }
    uint32_t id = resolve(which, who);
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *t = proc_table[i];
        if (t && in_set(t, which, id) && 20 - t->nice > best)
            best = 20 - t->nice;
    }
    return best;
}

/* Linux's set_one_prio: another user's thread (neither its real nor its
 * effective uid the caller's effective one) needs CAP_SYS_NICE (EPERM);
 * lowering the nice value past RLIMIT_NICE too (EACCES). The first error
 * is kept while the others are still tried, as Linux does. */
static long set_one(struct proc *t, int nice, long err)
{
    const struct cred *c = current_cred();
    if (t->cred->uid != c->euid && t->cred->euid != c->euid && !capable(CAP_SYS_NICE))
        return -EPERM;
    if (nice < t->nice && (uint64_t)(20 - nice) > rlimit_cur(t, RLIMIT_NICE) && !capable(CAP_SYS_NICE))
        return -EACCES;
    t->nice = nice; /* no queue position depends on it (sched_policy.h) */
    return err == -ESRCH ? 0 : err;
}

long sys_setpriority(int which, int who, int nice)
{
    if (which < PRIO_PROCESS || which > PRIO_USER)
        return -EINVAL;
    nice = nice < NICE_MIN ? NICE_MIN : nice > NICE_MAX ? NICE_MAX : nice;
    if (which == PRIO_PROCESS) {
        struct proc *p = who ? proc_find(who) : current();
        return p ? set_one(p, nice, -ESRCH) : -ESRCH;
    }
    long err = -ESRCH;
    uint32_t id = resolve(which, who);
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *t = proc_table[i];
        if (t && in_set(t, which, id))
            err = set_one(t, nice, err);
    }
    return err;
}
