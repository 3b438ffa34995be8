/*
 * sys_signalfd.c - signalfd(2) and signalfd4(2): check the flags and the
 * set's size, copy the set in, then make a signalfd or give an existing
 * one the new set (fs/signalfd.c).
 */
#include "fs/signalfd.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

long sys_signalfd4(int fd, uint64_t umask, size_t sizemask, int flags)
{
    if (sizemask != 8 || (flags & ~(SFD_NONBLOCK | SFD_CLOEXEC)))
        return -EINVAL;
    uint64_t mask;
    if (copy_from_user(&mask, umask, sizeof mask))
        return -EFAULT;
    if (fd == -1)
        return signalfd_create(mask, flags);
    /* A new set for an existing signalfd; flags are not applied to it. */
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    struct signalfd *s = signalfd_of(f);
    if (!s)
        return -EINVAL;
    signalfd_set_mask(s, mask);
    return fd;
}

long sys_signalfd(int fd, uint64_t umask, size_t sizemask) { return sys_signalfd4(fd, umask, sizemask, 0); }
