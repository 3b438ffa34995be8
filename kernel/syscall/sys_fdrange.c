/*
 * sys_fdrange.c - close_range(2): closes, or marks close-on-exec, every
 * open descriptor from first to last. Closing goes through close(2).
 */
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define CLOSE_RANGE_UNSHARE 2
#define CLOSE_RANGE_CLOEXEC 4

/* Partial: CLOSE_RANGE_UNSHARE (first give the caller its own table) is
 * EINVAL - a thread sharing its table would lose descriptors otherwise. */
long sys_close_range(uint32_t first, uint32_t last, uint32_t flags)
{
    if (flags & ~CLOSE_RANGE_CLOEXEC)
        return -EINVAL;
    if (first > last)
        return -EINVAL;
    struct proc *p = current();
    for (uint32_t fd = first; fd <= last && fd < (uint32_t)p->fdt->nused; fd++) {
        if (!p->fdt->fd[fd])
            continue;
        if (flags & CLOSE_RANGE_CLOEXEC)
            p->fdt->cloexec[fd] = 1;
        else
            sys_close((int)fd);
    }
    return 0;
}
