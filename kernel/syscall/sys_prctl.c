/*
 * sys_prctl.c - prctl(2): the operations a process does on itself (its
 * name, parent-death signal, dumpable flag, no_new_privs; the capability
 * options are sys_caps.c's).
 */
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"


/* prctl(2): the operations programs use on themselves. Orphans always go
 * to init, so a subreaper cannot be set (EINVAL, as for any unknown
 * option). */
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
    case PR_GET_CHILD_SUBREAPER: {
        int zero = 0;
        return copy_to_user(arg2, &zero, sizeof zero);
    }
    case PR_SET_NO_NEW_PRIVS:
        if (arg2 != 1)
            return -EINVAL;
        p->no_new_privs = true; /* no set-uid programs exist: nothing more to do */
        return 0;
    case PR_GET_NO_NEW_PRIVS:
        return p->no_new_privs;
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP:
    case PR_CAP_AMBIENT:
        return prctl_caps(option, arg2, arg3, arg4, arg5);
    default:
        return -EINVAL;
    }
}

