/*
 * sys_prctl.c - prctl(2): the operations a process does on itself (its
 * name, parent-death signal, dumpable flag, no_new_privs, child
 * subreaper, timer slack, rdtsc policy; the capability options are
 * sys_caps.c's).
 */
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"


/* prctl(2): the operations programs use on themselves; unknown options
 * are EINVAL. */
long sys_prctl(int option, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5)
{
    struct proc *p = current();
    switch (option) {
    case PR_SET_NAME: {
        char name[PROC_NAME_LEN];
        long n = strncpy_from_user(name, arg2, sizeof name);
        if (n == -EFAULT)
            return -EFAULT;
        if (n < 0) { /* longer than 15 bytes: Linux keeps the first 15 */
            if (copy_from_user(name, arg2, sizeof name - 1))
                return -EFAULT;
            name[sizeof name - 1] = '\0';
        }
        memcpy(p->name, name, sizeof name);
        return 0;
    }
    case PR_GET_NAME:
        return copy_to_user(arg2, p->name, PROC_NAME_LEN);
    case PR_SET_PDEATHSIG:
        if (arg2 >= 65)
            return -EINVAL;
        p->pdeath_signal = (int)arg2;
        return 0;
    case PR_GET_PDEATHSIG:
        return copy_to_user(arg2, &p->pdeath_signal, sizeof p->pdeath_signal);
    case PR_GET_DUMPABLE:
        return p->leader->dumpable;
    case PR_SET_DUMPABLE:
        if (arg2 > 1)
            return -EINVAL;
        p->leader->dumpable = (int)arg2; /* the process's (Linux: its mm's) */
        return 0;
    /* Orphans of descendants go to the nearest subreaper ancestor
     * instead of init (proc.c's reparent_children); not inherited. */
    case PR_SET_CHILD_SUBREAPER:
        p->leader->child_subreaper = arg2 != 0;
        return 0;
    case PR_GET_CHILD_SUBREAPER: {
        int v = p->leader->child_subreaper;
        return copy_to_user(arg2, &v, sizeof v);
    }
    /* The thread's timer slack (ns), as Linux keeps it; 0 restores the
     * default, the slack the thread was created with. Timers here never
     * fire late by it (the slack is only a licence to). */
    case PR_SET_TIMERSLACK:
        p->timer_slack_ns = arg2 == 0 ? p->default_timer_slack_ns : arg2;
        return 0;
    case PR_GET_TIMERSLACK:
        return (long)p->timer_slack_ns;
    case PR_GET_TSC: {
        int mode = p->tsc_sigsegv ? PR_TSC_SIGSEGV : PR_TSC_ENABLE;
        return copy_to_user(arg2, &mode, sizeof mode);
    }
    case PR_SET_TSC:
        if (arg2 != PR_TSC_ENABLE && arg2 != PR_TSC_SIGSEGV)
            return -EINVAL;
        p->tsc_sigsegv = arg2 == PR_TSC_SIGSEGV; /* kept by fork and exec, as Linux's TIF_NOTSC */
        sched_tsc_apply(p);
        return 0;
    case PR_SET_NO_NEW_PRIVS:
        if (arg2 != 1 || arg3 || arg4 || arg5)
            return -EINVAL;
        p->no_new_privs = true; /* no set-uid programs exist: nothing more to do */
        return 0;
    case PR_GET_NO_NEW_PRIVS:
        if (arg2 || arg3 || arg4 || arg5)
            return -EINVAL;
        return p->no_new_privs;
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS:
    case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP:
    case PR_CAP_AMBIENT:
        return prctl_caps(option, arg2, arg3, arg4, arg5);
    default:
        return -EINVAL;
    }
}

