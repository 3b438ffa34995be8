/*
 * sys_lock.c - flock(2), and fcntl(2)'s record-lock commands for
 * sys_fcntl: check the descriptor and the operation, copy struct flock
 * in and (F_GETLK) back out; the locks themselves are fs/lock.c.
 */
#include "fs/lock.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

long fcntl_lock(struct file *f, int cmd, uint64_t arg)
{
    struct linux_flock fl;
    if (copy_from_user(&fl, arg, sizeof fl))
        return -EFAULT;
    long err = lock_fcntl(f, cmd, &fl);
    if (err || (cmd != F_GETLK && cmd != F_OFD_GETLK))
        return err;
    return copy_to_user(arg, &fl, sizeof fl);
}

long sys_flock(int fd, int op)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    int what = op & ~LOCK_NB;
    if (what != LOCK_SH && what != LOCK_EX && what != LOCK_UN)
        return -EINVAL;
    return lock_flock(f, op);
}
