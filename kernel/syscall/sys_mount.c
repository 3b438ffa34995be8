/*
 * sys_mount.c - mount(2) and umount2(2) on the mount table (fs/mount.h).
 * File system types: tmpfs, proc, devtmpfs (and rootfs); bind mounts
 * (MS_BIND, of a directory; MS_REC binds only the top), remounts with
 * new flags (MS_REMOUNT, MS_RDONLY...), and the propagation flags, which
 * are accepted without effect: every mount is private (no shared
 * subtrees). MS_MOVE is not supported (EINVAL).
 */
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)
#define DATA_MAX 4096

/* A string argument (NULL allowed: *out stays NULL). */
static long get_string(uint64_t u, char **out, size_t max)
{
    *out = NULL;
    if (!u)
        return 0;
    char *buf = kmalloc(max);
    if (!buf)
        return -ENOMEM;
    long n = strncpy_from_user(buf, u, max);
    if (n < 0) {
        kfree(buf);
        return n == -ENAMETOOLONG && max == DATA_MAX ? -EINVAL : n;
    }
    *out = buf;
    return 0;
}

long sys_mount(uint64_t usource, uint64_t utarget, uint64_t utype, unsigned long flags, uint64_t udata)
{
    if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
        flags &= ~MS_MGC_MSK; /* the old magic number in the top half */
    char *source = NULL, *type = NULL, *data = NULL;
    struct path target;
    long err = user_path_at(AT_FDCWD, utarget, 0, &target);
    if (err)
        return err;
    err = get_string(usource, &source, PATH_MAX);
    if (!err)
        err = get_string(utype, &type, 256);
    if (!err)
        err = get_string(udata, &data, DATA_MAX);
    if (!err && !capable(CAP_SYS_ADMIN))
        err = -EPERM; /* after the arguments and the target, as Linux's path_mount */
    if (err)
        goto out;
    if (flags & MS_REMOUNT) {
        err = mount_remount(&target, flags);
    } else if (flags & MS_BIND) {
        struct path from;
        err = source ? user_path_at(AT_FDCWD, usource, 0, &from) : -EFAULT;
        if (!err) {
            err = mount_bind(&from, &target, flags);
            path_put(&from);
        }
    } else if (flags & PROPAGATION) {
        /* Every mount is private already; the target must be a mount. */
        err = target.dentry == target.mnt->root ? 0 : -EINVAL;
    } else if (flags & MS_MOVE) {
        err = -EINVAL;
    } else if (!type) {
        err = -EINVAL;
    } else {
        err = mount_new(type, source ? source : "none", &target, flags, data);
    }
out:
    kfree(source);
    kfree(type);
    kfree(data);
    path_put(&target);
    return err;
}

long sys_umount2(uint64_t utarget, int flags)
{
    if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
        return -EINVAL;
    struct path target;
    long err = user_path_at(AT_FDCWD, utarget, (flags & UMOUNT_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0, &target);
    if (err)
        return err;
    err = capable(CAP_SYS_ADMIN) ? mount_remove(&target, flags) : -EPERM;
    path_put(&target);
    return err;
}
