/*
 * sys_fs.c - file system calls on descriptors: open, close, read, write,
 * seek, ioctl, dup (fcntl: sys_fcntl.c). Semantics follow the Linux man pages
 * (section 2); the VFS (fs/vfs_ops.h) does the work.
 */
#include "syscall/path.h"
#include "fs/fsnotify.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"

static struct file *getf(long fd) { return fd_get(current(), (int)fd); }

static bool readable(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY && !(f->flags & O_PATH); }
static bool writable(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH); }

long sys_read(int fd, uint64_t ubuf, size_t n)
{
    struct file *f = getf(fd);
    if (!f || !readable(f))
        return -EBADF;
    if (!f->ops->read)
        return -EINVAL;
    n = n > MAX_RW_COUNT ? MAX_RW_COUNT : n;
    if (!user_range_ok(ubuf, n))
        return -EFAULT; /* like Linux's access_ok() before any transfer */
    long r = f->ops->read(f, ubuf, n);
    if (r > 0)
        fsnotify_access(f);
    return r;
}

long sys_write(int fd, uint64_t ubuf, size_t n)
{
    struct file *f = getf(fd);
    if (!f || !writable(f))
        return -EBADF;
    if (!f->ops->write)
        return -EINVAL;
    n = n > MAX_RW_COUNT ? MAX_RW_COUNT : n;
    if (!user_range_ok(ubuf, n))
        return -EFAULT;
    long r = f->ops->write(f, ubuf, n);
    if (r > 0)
        fsnotify_modify(f);
    return r;
}

/* readv and writev: one loop, the direction chosen by write. */
static long vector_io(long fd, uint64_t uiov, long iovcnt, bool write)
{
    struct file *f = getf(fd);
    if (!f || !(write ? writable(f) : readable(f)))
        return -EBADF;
    if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
        return -EINVAL;
    if (!(write ? f->ops->write : f->ops->read))
        return -EINVAL;
    struct linux_iovec *iov = kmalloc(sizeof *iov * (size_t)(iovcnt ? iovcnt : 1));
    if (!iov)
        return -ENOMEM;
    long result = 0;
    if (copy_from_user(iov, uiov, sizeof *iov * (size_t)iovcnt)) {
        result = -EFAULT;
        goto out;
    }
    uint64_t total = 0;
    for (long i = 0; i < iovcnt; i++) {
        if (iov[i].iov_len > (uint64_t)INT64_MAX - total) {
            result = -EINVAL;
            goto out;
        }
        if (!user_range_ok(iov[i].iov_base, iov[i].iov_len)) {
            result = -EFAULT;
            goto out;
        }
        total += iov[i].iov_len;
    }
    for (long i = 0; i < iovcnt; i++) {
        if (!iov[i].iov_len)
            continue;
        size_t n = iov[i].iov_len > MAX_RW_COUNT ? MAX_RW_COUNT : iov[i].iov_len;
        long r = write ? f->ops->write(f, iov[i].iov_base, n) : f->ops->read(f, iov[i].iov_base, n);
        if (r < 0) {
            if (result == 0)
                result = r;
            break;
        }
        result += r;
        if ((size_t)r < n)
            break; /* short transfer: stop like Linux does */
    }
    if (result > 0 && write)
        fsnotify_modify(f);
    else if (result > 0)
        fsnotify_access(f);
out:
    kfree(iov);
    return result;
}

long sys_readv(long fd, uint64_t uiov, long iovcnt) { return vector_io(fd, uiov, iovcnt, false); }
long sys_writev(long fd, uint64_t uiov, long iovcnt) { return vector_io(fd, uiov, iovcnt, true); }

long sys_openat(int dirfd, uint64_t upath, int flags, uint32_t mode)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    struct path start;
    err = dir_of(dirfd, path, &start);
    struct file *f = NULL;
    if (!err) {
        err = vfs_open(&start, path, flags & ~VFS_OPEN_EXEC, mode & 07777 & ~current()->umask, &f);
        path_put(&start);
    }
    kfree(path);
    if (err)
        return err;
    int fd = fd_install(current(), -1, f, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

long sys_open(uint64_t upath, int flags, uint32_t mode) { return sys_openat(AT_FDCWD, upath, flags, mode); }
long sys_creat(uint64_t upath, uint32_t mode) { return sys_openat(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode); }

long sys_close(int fd)
{
    struct proc *p = current();
    struct file *f = fd_get_raw(p, fd);
    if (!f)
        return -EBADF;
    p->fdt->fd[fd] = NULL;
    p->fdt->cloexec[fd] = 0;
    file_close(f);
    return 0;
}

long sys_lseek(int fd, int64_t off, uint32_t whence)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    return f->ops->lseek(f, off, (int)whence);
}

long sys_ioctl(int fd, uint32_t cmd, uint64_t arg)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->ioctl)
        return -ENOTTY;
    return f->ops->ioctl(f, cmd, arg);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
    struct proc *p = current();
    struct file *f = fd_get_raw(p, oldfd);
    if (!f)
        return -EBADF;
    if (flags & ~O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    if (newfd < 0 || newfd >= fd_limit(p))
        return -EBADF; /* dup2(2): newfd out of the allowed range */
    struct file *old = p->fdt->fd[newfd];
    fd_install(p, newfd, file_get(f), (flags & O_CLOEXEC) != 0);
    if (old)
        file_close(old);
    return newfd;
}

long sys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd)
        return fd_get_raw(current(), oldfd) ? newfd : -EBADF; /* dup2(fd, fd) returns fd */
    return sys_dup3(oldfd, newfd, 0);
}

long sys_dup(int fd)
{
    struct file *f = fd_get_raw(current(), fd);
    if (!f)
        return -EBADF;
    int nfd = fd_install(current(), -1, file_get(f), false);
    if (nfd < 0)
        file_put(f);
    return nfd;
}

