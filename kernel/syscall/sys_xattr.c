/*
 * sys_xattr.c - extended attributes (xattr(7)): the twelve calls copy
 * their arguments in and out, in Linux's order (the file first, then a
 * read-only mount, the flags, the name, the size), and fs/xattr.h does
 * the rest. Which file systems keep attributes and who may touch which
 * namespace is fs/xattr.c's business: tmpfs (and so the root file
 * system and /tmp) keeps "user.", "trusted." and "security." in memory;
 * the others have none (get and set EOPNOTSUPP, an empty list).
 */
#include "fs/vfs.h"
#include "fs/xattr.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/xattr.h"

/* The file a call works on: a referenced path (the l*, plain calls) or
 * open file (the f* calls, whose file may have no path: a pipe). */
struct target {
    struct path path;
    struct file *file;
    struct inode *inode;
};

/* fd >= 0: the f* calls (an O_PATH descriptor is EBADF, as Linux's
 * fdget); else upath with at_flags 0 or AT_SYMLINK_NOFOLLOW. */
static long target_get(uint64_t upath, int fd, long at_flags, struct target *t)
{
    t->file = NULL;
    if (fd >= 0) {
        struct file *f = fd_get(current(), fd);
        if (!f || (f->flags & O_PATH) || !f->inode)
            return -EBADF;
        t->file = file_get(f); /* another thread may close fd while the call sleeps */
        t->path = f->path;
        t->inode = f->inode;
        return 0;
    }
    long err = user_path_at(AT_FDCWD, upath, at_flags, &t->path);
    if (!err)
        t->inode = t->path.dentry->inode;
    return err;
}

static void target_put(struct target *t)
{
    if (t->file)
        file_put(t->file);
    else
        path_put(&t->path);
}

/* Linux's mnt_want_write: a change on a read-only mount is EROFS before
 * its arguments are looked at. */
static bool target_readonly(const struct target *t) { return t->path.mnt && mnt_readonly(t->path.mnt); }

/* The name: empty or longer than XATTR_NAME_MAX is ERANGE. */
static long name_get(uint64_t uname, char name[XATTR_NAME_MAX + 1])
{
    long n = strncpy_from_user(name, uname, XATTR_NAME_MAX + 1);
    if (n == -EFAULT)
        return n;
    return n <= 0 ? -ERANGE : 0;
}

static long do_get(struct target *t, uint64_t uname, uint64_t uvalue, size_t size)
{
    char name[XATTR_NAME_MAX + 1];
    long r = name_get(uname, name);
    if (r)
        return r;
    if (size > XATTR_SIZE_MAX)
        size = XATTR_SIZE_MAX;
    /* The length first, then a buffer that fits the value (no 64 KiB
     * buffer for a 10-byte value); again if it grew in between. */
    for (;;) {
        long len = vfs_getxattr(t->inode, name, NULL, 0);
        if (len < 0 || size == 0)
            return len;
        if ((size_t)len > size)
            return size >= XATTR_SIZE_MAX ? -E2BIG : -ERANGE;
        char *buf = kmalloc(len ? (size_t)len : 1);
        if (!buf)
            return -ENOMEM;
        r = vfs_getxattr(t->inode, name, buf, (size_t)len);
        if (r >= 0 && copy_to_user(uvalue, buf, (size_t)r))
            r = -EFAULT;
        kfree(buf);
        if (r != -ERANGE)
            return r;
    }
}

static long do_set(struct target *t, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    if (target_readonly(t))
        return -EROFS;
    if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
        return -EINVAL;
    char name[XATTR_NAME_MAX + 1];
    long r = name_get(uname, name);
    if (r)
        return r;
    if (size > XATTR_SIZE_MAX)
        return -E2BIG;
    char *value = kmalloc(size ? size : 1);
    if (!value)
        return -ENOMEM;
    if (size && copy_from_user(value, uvalue, size))
        r = -EFAULT;
    else
        r = vfs_setxattr(&t->path, t->inode, name, value, size, flags);
    kfree(value);
    return r;
}

static long do_list(struct target *t, uint64_t ulist, size_t size)
{
    if (size > XATTR_LIST_MAX)
        size = XATTR_LIST_MAX;
    for (;;) {
        long len = vfs_listxattr(t->inode, NULL, 0);
        if (len < 0 || size == 0)
            return len;
        if ((size_t)len > size)
            return size >= XATTR_LIST_MAX ? -E2BIG : -ERANGE;
        char *buf = kmalloc(len ? (size_t)len : 1);
        if (!buf)
            return -ENOMEM;
        long r = vfs_listxattr(t->inode, buf, (size_t)len);
        if (r >= 0 && copy_to_user(ulist, buf, (size_t)r))
            r = -EFAULT;
        kfree(buf);
        if (r != -ERANGE)
            return r;
    }
}

static long do_remove(struct target *t, uint64_t uname)
{
    if (target_readonly(t))
        return -EROFS;
    char name[XATTR_NAME_MAX + 1];
    long r = name_get(uname, name);
    return r ? r : vfs_removexattr(&t->path, t->inode, name);
}

/* The twelve entry points: the target, then the operation. */
enum op { GET, SET, LIST, REMOVE };

static long xattr_call(enum op op, uint64_t upath, int fd, long at_flags, uint64_t uname, uint64_t ubuf, size_t size,
                       int flags)
{
    struct target t;
    long r = target_get(upath, fd, at_flags, &t);
    if (r)
        return r;
    switch (op) {
    case GET: r = do_get(&t, uname, ubuf, size); break;
    case SET: r = do_set(&t, uname, ubuf, size, flags); break;
    case LIST: r = do_list(&t, ubuf, size); break;
    case REMOVE: r = do_remove(&t, uname); break;
    }
    target_put(&t);
    return r;
}

#define NOFOLLOW AT_SYMLINK_NOFOLLOW

long sys_getxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size)
{
    return xattr_call(GET, upath, -1, 0, uname, uvalue, size, 0);
}
long sys_lgetxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size)
{
    return xattr_call(GET, upath, -1, NOFOLLOW, uname, uvalue, size, 0);
}
long sys_fgetxattr(int fd, uint64_t uname, uint64_t uvalue, size_t size)
{
    return fd < 0 ? -EBADF : xattr_call(GET, 0, fd, 0, uname, uvalue, size, 0);
}
long sys_setxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    return xattr_call(SET, upath, -1, 0, uname, uvalue, size, flags);
}
long sys_lsetxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    return xattr_call(SET, upath, -1, NOFOLLOW, uname, uvalue, size, flags);
}
long sys_fsetxattr(int fd, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    return fd < 0 ? -EBADF : xattr_call(SET, 0, fd, 0, uname, uvalue, size, flags);
}
long sys_listxattr(uint64_t upath, uint64_t ulist, size_t size)
{
    return xattr_call(LIST, upath, -1, 0, 0, ulist, size, 0);
}
long sys_llistxattr(uint64_t upath, uint64_t ulist, size_t size)
{
    return xattr_call(LIST, upath, -1, NOFOLLOW, 0, ulist, size, 0);
}
long sys_flistxattr(int fd, uint64_t ulist, size_t size)
{
    return fd < 0 ? -EBADF : xattr_call(LIST, 0, fd, 0, 0, ulist, size, 0);
}
long sys_removexattr(uint64_t upath, uint64_t uname) { return xattr_call(REMOVE, upath, -1, 0, uname, 0, 0, 0); }
long sys_lremovexattr(uint64_t upath, uint64_t uname)
{
    return xattr_call(REMOVE, upath, -1, NOFOLLOW, uname, 0, 0, 0);
}
long sys_fremovexattr(int fd, uint64_t uname) { return fd < 0 ? -EBADF : xattr_call(REMOVE, 0, fd, 0, uname, 0, 0, 0); }
