/*
 * sys_fs.c - file system calls on descriptors: open, close, read, write,
 * seek, ioctl, dup (fcntl: sys_fcntl.c). Semantics follow the Linux man pages
 * (section 2); the VFS (fs/vfs_ops.h) does the work.
 */
#include "syscall/path.h"
#include "fs/fsnotify.h"
#include "fs/namei.h"
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
    struct path_name pn;
    long err = path_name_get(&pn, upath);
    if (err)
        return err;
    struct path start;
    err = dir_of(dirfd, pn.s, &start);
    struct file *f = NULL;
    if (!err) {
        err = vfs_open(&start, pn.s, flags & ~VFS_OPEN_EXEC, mode & 07777 & ~current()->umask, &f);
        path_put(&start);
    }
    path_name_put(&pn);
    if (err)
        return err;
    int fd = fd_install(current(), -1, f, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

/* openat2(2)'s struct open_how (linux/openat2.h); later versions may
 * grow it, and a caller's larger struct is accepted while the part this
 * kernel does not know is zeros (copy_struct_from_user). */
struct open_how {
    uint64_t flags, mode, resolve;
};
#define OPEN_HOW_SIZE_VER0 24
#define RESOLVE_NO_XDEV 0x01
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_BENEATH 0x08
#define RESOLVE_IN_ROOT 0x10
#define RESOLVE_CACHED 0x20
#define VALID_RESOLVE_FLAGS 0x3f
#define O_SYNC_BIT 04000000    /* __O_SYNC */
#define O_TMPFILE_BIT 020000000 /* __O_TMPFILE */
/* Linux's VALID_OPEN_FLAGS: openat2 refuses any other bit (open(2)
 * ignores them). */
#define VALID_OPEN_FLAGS                                                                                   \
    (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | \
     O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_SYNC_BIT | O_PATH | O_TMPFILE_BIT)
#define O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* Copies a struct of usize bytes the kernel knows as ksize: a longer one
 * must end in zeros (E2BIG otherwise, EFAULT if unreadable), a shorter
 * one is zero-extended (Linux's copy_struct_from_user). */
static long copy_struct_from_user(void *dst, size_t ksize, uint64_t usrc, size_t usize)
{
    for (size_t off = ksize; off < usize; off++) {
        uint8_t b;
        if (copy_from_user(&b, usrc + off, 1))
            return -EFAULT;
        if (b)
            return -E2BIG;
    }
    memset(dst, 0, ksize);
    return copy_from_user(dst, usrc, usize < ksize ? usize : ksize);
}

/* build_open_flags's checks for openat2, in its order: the how's flags
 * to namei's LOOKUP_* bits, or -errno. */
static long open_how_check(const struct open_how *how, unsigned *lookup)
{
    uint64_t flags = how->flags;
    if (flags & ~(uint64_t)VALID_OPEN_FLAGS)
        return -EINVAL;
    if (how->resolve & ~(uint64_t)VALID_RESOLVE_FLAGS)
        return -EINVAL;
    if ((how->resolve & RESOLVE_BENEATH) && (how->resolve & RESOLVE_IN_ROOT))
        return -EINVAL; /* the scopes exclude each other */
    bool creates = (flags & O_CREAT) || (flags & O_TMPFILE_BIT);
    if (creates ? (how->mode & ~(uint64_t)07777) : how->mode)
        return -EINVAL;
    if ((flags & O_CREAT) && (flags & O_DIRECTORY))
        return -EINVAL;
    if (flags & O_TMPFILE_BIT) {
        if (!(flags & O_DIRECTORY) || (flags & O_CREAT))
            return -EINVAL;
        if ((flags & O_ACCMODE) == O_RDONLY)
            return -EINVAL;
    }
    if ((flags & O_PATH) && (flags & ~(uint64_t)O_PATH_FLAGS))
        return -EINVAL;
    unsigned l = 0;
    if (how->resolve & RESOLVE_NO_XDEV)
        l |= LOOKUP_NO_XDEV;
    if (how->resolve & RESOLVE_NO_MAGICLINKS)
        l |= LOOKUP_NO_MAGICLINKS;
    if (how->resolve & RESOLVE_NO_SYMLINKS)
        l |= LOOKUP_NO_SYMLINKS;
    if (how->resolve & RESOLVE_BENEATH)
        l |= LOOKUP_BENEATH;
    if (how->resolve & RESOLVE_IN_ROOT)
        l |= LOOKUP_IN_ROOT;
    if (how->resolve & RESOLVE_CACHED) {
        /* Creating or truncating always means more than the cache. */
        if (flags & (O_TRUNC | O_CREAT | O_TMPFILE_BIT))
            return -EAGAIN;
        l |= LOOKUP_CACHED;
    }
    *lookup = l;
    return 0;
}

long sys_openat2(int dirfd, uint64_t upath, uint64_t uhow, size_t usize)
{
    if (usize < OPEN_HOW_SIZE_VER0)
        return -EINVAL;
    if (usize > 4096)
        return -E2BIG; /* PAGE_SIZE */
    struct open_how how;
    unsigned lookup;
    long err = copy_struct_from_user(&how, sizeof how, uhow, usize);
    if (!err)
        err = open_how_check(&how, &lookup);
    if (err)
        return err;
    char *path;
    if ((err = get_path(upath, &path)))
        return err;
    /* A scoped walk starts at dirfd even for an absolute path: "/" means
     * the scope (IN_ROOT) or is refused (BENEATH). */
    struct path start;
    err = dir_of(dirfd, (lookup & LOOKUP_SCOPED) && path[0] ? "." : path, &start);
    struct file *f = NULL;
    if (!err) {
        err = vfs_open_how(&start, path, (int)how.flags, (uint32_t)how.mode & ~current()->umask, lookup, &f);
        path_put(&start);
    }
    kfree(path);
    if (err)
        return err;
    int fd = fd_install(current(), -1, f, how.flags & O_CLOEXEC);
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

