/*
 * sys_ioprio.c - ioprio_get(2) and ioprio_set(2): a thread's I/O
 * priority (class << 13 | hint << 3 | level), for one thread
 * (IOPRIO_WHO_PROCESS), a process group or every thread of a user, with
 * Linux's checks (block/ioprio.c). The value is kept per thread and
 * inherited by fork; no I/O scheduler weighs it yet (the block layer
 * serves requests in order).
 */
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3

#define IOPRIO_CLASS_NONE 0
#define IOPRIO_CLASS_RT 1
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_CLASS(v) (((v) >> 13) & 0x7)
#define IOPRIO_LEVEL(v) ((v) & 0x7) /* bits 3..12 are hints, passed through */

/* Linux's ioprio_check_cap: the class must exist; RT needs CAP_SYS_NICE
 * or CAP_SYS_ADMIN; NONE takes no level. */
static int check_value(int ioprio)
{
    switch (IOPRIO_CLASS(ioprio)) {
    case IOPRIO_CLASS_RT:
        if (!capable(CAP_SYS_NICE) && !capable(CAP_SYS_ADMIN))
            return -EPERM;
        return 0;
    case IOPRIO_CLASS_BE:
    case IOPRIO_CLASS_IDLE:
        return 0;
    case IOPRIO_CLASS_NONE:
        return IOPRIO_LEVEL(ioprio) ? -EINVAL : 0;
    default:
        return -EINVAL;
    }
}

/* Is t in the set (which, who)? who resolved: a pgid or a uid. Dead
 * threads other than leaders are gone for Linux already. */
static bool in_set(const struct proc *t, int which, uint32_t who)
{
    if (t->state == PROC_UNUSED || (t->state == PROC_ZOMBIE && t != t->leader))
        return false;
    return which == IOPRIO_WHO_PGRP ? (uint32_t)t->leader->pgid == who : t->cred->uid == who;
}

static uint32_t resolve(int which, int who)
{
    if (who)
        return (uint32_t)who;
    return which == IOPRIO_WHO_PGRP ? (uint32_t)current()->leader->pgid : current_cred()->uid;
}

/* Linux's set_task_ioprio: another user's thread (its real uid neither
 * the caller's real nor effective uid) needs CAP_SYS_NICE. */
static int set_one(struct proc *t, int ioprio)
{
    const struct cred *c = current_cred();
    if (t->cred->uid != c->euid && t->cred->uid != c->uid && !capable(CAP_SYS_NICE))
        return -EPERM;
    t->ioprio = (uint16_t)ioprio;
    return 0;
}

long sys_ioprio_set(int which, int who, int ioprio)
{
    int err = check_value(ioprio);
    if (err)
        return err;
    if (which == IOPRIO_WHO_PROCESS) {
        struct proc *t = who ? proc_find(who) : current();
        return t && t->state != PROC_UNUSED ? set_one(t, ioprio) : -ESRCH;
    }
    if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
        return -EINVAL;
    /* Every member until one refuses; ESRCH when there is none. */
    uint32_t id = resolve(which, who);
    long ret = -ESRCH;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *t = proc_table[i];
        if (t && in_set(t, which, id)) {
            ret = set_one(t, ioprio);
            if (ret)
                break;
        }
    }
    return ret;
}

/* Linux's ioprio_best: NONE counts as 0 (the default), the lower wins. */
static int best(int a, int b)
{
    if (IOPRIO_CLASS(a) == IOPRIO_CLASS_NONE)
        a = 0;
    if (IOPRIO_CLASS(b) == IOPRIO_CLASS_NONE)
        b = 0;
    return a < b ? a : b;
}

long sys_ioprio_get(int which, int who)
{
    if (which == IOPRIO_WHO_PROCESS) {
        struct proc *t = who ? proc_find(who) : current();
        return t && t->state != PROC_UNUSED ? t->ioprio : -ESRCH;
    }
    if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
        return -EINVAL;
    uint32_t id = resolve(which, who);
    long ret = -ESRCH;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *t = proc_table[i];
        if (t && in_set(t, which, id))
            ret = ret == -ESRCH ? t->ioprio : best((int)ret, t->ioprio);
    }
    return ret;
}
