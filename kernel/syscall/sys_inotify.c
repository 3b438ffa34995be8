/*
 * sys_inotify.c - inotify_init, inotify_init1, inotify_add_watch,
 * inotify_rm_watch (inotify(7)): the arguments in Linux's order
 * (fs/notify/inotify/inotify_user.c), then the instance (fs/inotify.c).
 */
#include "fs/inotify.h"
#include "fs/permission.h"
#include "fs/vfs.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/inotify.h"

/* Every bit inotify_add_watch knows; a mask with none of them is EINVAL. */
#define ALL_INOTIFY_BITS                                                                                       \
    (IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK | \
     IN_MASK_CREATE | IN_MASK_ADD | IN_ISDIR | IN_ONESHOT)

long sys_inotify_init1(int flags)
{
    if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
        return -EINVAL;
    return inotify_create(flags);
}

long sys_inotify_init(void) { return inotify_create(0); }

long sys_inotify_add_watch(int fd, uint64_t upath, uint32_t mask)
{
    if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE))
        return -EINVAL;
    if (!(mask & ALL_INOTIFY_BITS))
        return -EINVAL;
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    struct inotify *in = inotify_of(f);
    if (!in)
        return -EINVAL;
    file_get(f); /* the lookup may sleep while another thread closes fd */
    struct path p;
    long r = user_path_at(AT_FDCWD, upath, (mask & IN_DONT_FOLLOW) ? AT_SYMLINK_NOFOLLOW : 0, &p);
    if (!r) {
        struct inode *inode = p.dentry->inode;
        if ((mask & IN_ONLYDIR) && !inode_is_dir(inode))
            r = -ENOTDIR;
        else if ((r = inode_permission(inode, MAY_READ)))
            ; /* "the caller must have read permission for this file" */
        else
            r = inotify_watch(in, inode, mask);
        path_put(&p);
    }
    file_put(f);
    return r;
}

long sys_inotify_rm_watch(int fd, int wd)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    struct inotify *in = inotify_of(f);
    return in ? inotify_unwatch(in, wd) : -EINVAL;
}
