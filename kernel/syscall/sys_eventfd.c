/*
 * sys_eventfd.c - eventfd(2) and eventfd2(2): check the flags and make
 * the eventfd (fs/eventfd.c), which comes back as a descriptor.
 */
#include "fs/eventfd.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

long sys_eventfd2(uint32_t initval, int flags)
{
    if (flags & ~(EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC))
        return -EINVAL;
    return eventfd_create(initval, flags);
}

long sys_eventfd(uint32_t initval) { return sys_eventfd2(initval, 0); }
