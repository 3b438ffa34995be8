/*
 * sys_xattr.c - extended attributes (xattr(7)): the calls exist and check
 * their arguments as Linux does, but no file system of Tiny OS stores
 * attributes yet, so every file has none: get and remove answer ENODATA,
 * list an empty list, and set EOPNOTSUPP (what Linux's tmpfs says for
 * namespaces it does not keep). Programs that look for ACLs or SELinux
 * labels (GNU ls -l, cp -a) then carry on as on a system without them.
 */
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define XATTR_NAME_MAX 255
#define XATTR_CREATE 1
#define XATTR_REPLACE 2

/* Linux's order: the path (or descriptor) first, then the name (empty
 * or longer than 255 bytes: ERANGE). at_flags 0 or AT_SYMLINK_NOFOLLOW;
 * fd >= 0 for the f* calls. */
static long target_and_name(uint64_t upath, int fd, long at_flags, uint64_t uname)
{
    if (fd >= 0) {
        struct file *f = fd_get(current(), fd);
        if (!f || (f->flags & O_PATH))
            return -EBADF;
    } else {
        struct path p;
        long err = user_path_at(AT_FDCWD, upath, at_flags, &p);
        if (err)
            return err;
        path_put(&p);
    }
    if (!uname)
        return 0;
    char name[XATTR_NAME_MAX + 1];
    long n = strncpy_from_user(name, uname, sizeof name);
    if (n == -EFAULT)
        return n;
    if (n <= 0 || n > XATTR_NAME_MAX)
        return -ERANGE;
    return 0;
}

static long get(uint64_t upath, int fd, long at_flags, uint64_t uname)
{
    long err = target_and_name(upath, fd, at_flags, uname);
    return err ? err : -ENODATA;
}

static long set(uint64_t upath, int fd, long at_flags, uint64_t uname, int flags)
{
    if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
        return -EINVAL;
    long err = target_and_name(upath, fd, at_flags, uname);
    return err ? err : -EOPNOTSUPP;
}

static long list(uint64_t upath, int fd, long at_flags)
{
    long err = target_and_name(upath, fd, at_flags, 0);
    return err ? err : 0; /* an empty list */
}

long sys_getxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size)
{
    (void)uvalue, (void)size;
    return get(upath, -1, 0, uname);
}
long sys_lgetxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size)
{
    (void)uvalue, (void)size;
    return get(upath, -1, AT_SYMLINK_NOFOLLOW, uname);
}
long sys_fgetxattr(int fd, uint64_t uname, uint64_t uvalue, size_t size)
{
    (void)uvalue, (void)size;
    return fd < 0 ? -EBADF : get(0, fd, 0, uname);
}
long sys_setxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    (void)uvalue, (void)size;
    return set(upath, -1, 0, uname, flags);
}
long sys_lsetxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    (void)uvalue, (void)size;
    return set(upath, -1, AT_SYMLINK_NOFOLLOW, uname, flags);
}
long sys_fsetxattr(int fd, uint64_t uname, uint64_t uvalue, size_t size, int flags)
{
    (void)uvalue, (void)size;
    return fd < 0 ? -EBADF : set(0, fd, 0, uname, flags);
}
long sys_listxattr(uint64_t upath, uint64_t ulist, size_t size)
{
    (void)ulist, (void)size;
    return list(upath, -1, 0);
}
long sys_llistxattr(uint64_t upath, uint64_t ulist, size_t size)
{
    (void)ulist, (void)size;
    return list(upath, -1, AT_SYMLINK_NOFOLLOW);
}
long sys_flistxattr(int fd, uint64_t ulist, size_t size)
{
    (void)ulist, (void)size;
    return fd < 0 ? -EBADF : list(0, fd, 0);
}
long sys_removexattr(uint64_t upath, uint64_t uname) { return get(upath, -1, 0, uname); }
long sys_lremovexattr(uint64_t upath, uint64_t uname) { return get(upath, -1, AT_SYMLINK_NOFOLLOW, uname); }
long sys_fremovexattr(int fd, uint64_t uname) { return fd < 0 ? -EBADF : get(0, fd, 0, uname); }
