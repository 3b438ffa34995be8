/*
 * sys_fs.c - file system calls: descriptors, paths, reading and writing.
 * Semantics follow the Linux man pages (section 2); the root file system
 * is read-only, so anything that would change it answers -EROFS.
 */
#include "fs/ramfs.h"
#include "syscall/path.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "fs/lock.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"

/* Linux caps one read or write at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT (0x7fffffffL & ~4095L)

#define R_OK 4
#define W_OK 2
#define X_OK 1

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
    return f->ops->read(f, ubuf, n);
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
    return f->ops->write(f, ubuf, n);
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
out:
    kfree(iov);
    return result;
}

long sys_readv(long fd, uint64_t uiov, long iovcnt) { return vector_io(fd, uiov, iovcnt, false); }
long sys_writev(long fd, uint64_t uiov, long iovcnt) { return vector_io(fd, uiov, iovcnt, true); }

/* Copies a user path into a kmalloc'd buffer (*out); 0 or -errno. */
long get_path(uint64_t upath, char **out)
{
    char *buf = kmalloc(PATH_MAX);
    if (!buf)
        return -ENOMEM;
    long n = strncpy_from_user(buf, upath, PATH_MAX);
    if (n < 0) {
        kfree(buf);
        return n;
    }
    *out = buf;
    return 0;
}

/* The directory a *at() call starts from. */
long dir_of(long dirfd, const char *path, struct inode **out)
{
    if (path[0] == '/' || (int)dirfd == AT_FDCWD) {
        *out = current()->cwd;
        return 0;
    }
    struct file *f = getf(dirfd);
    if (!f)
        return -EBADF;
    if (!f->inode || (f->inode->mode & S_IFMT) != S_IFDIR)
        return -ENOTDIR;
    *out = f->inode;
    return 0;
}

/* Resolves (dirfd, upath) to an inode. flags: AT_SYMLINK_NOFOLLOW and
 * AT_EMPTY_PATH (then an empty path means dirfd itself). */
long resolve(long dirfd, uint64_t upath, long flags, struct inode **out)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    if (!path[0] && (flags & AT_EMPTY_PATH)) {
        kfree(path);
        if ((int)dirfd == AT_FDCWD) {
            *out = current()->cwd;
            return 0;
        }
        struct file *f = getf(dirfd);
        if (!f || !f->inode)
            return -EBADF;
        *out = f->inode;
        return 0;
    }
    struct inode *dir;
    err = dir_of(dirfd, path, &dir);
    if (!err)
        err = ramfs_lookup(dir, path, !(flags & AT_SYMLINK_NOFOLLOW), out);
    kfree(path);
    return err;
}

/* Splits (dirfd, upath) into the directory that holds the last name and
 * that name (copied into name, at most 255 bytes). Trailing slashes are
 * allowed (mkdir("a/")); *trailing_slash says whether there were any. */
long resolve_parent(long dirfd, uint64_t upath, struct inode **dir, char name[256], bool *trailing_slash)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    size_t len = strlen(path);
    bool slash = false;
    while (len > 1 && path[len - 1] == '/') {
        path[--len] = '\0';
        slash = true;
    }
    char *last = path + len;
    while (last > path && last[-1] != '/')
        last--;
    size_t nl = strlen(last);
    if (len == 0) {
        err = -ENOENT;
    } else if (nl == 0) { /* the path is "/" */
        err = -EEXIST;
    } else if (nl > 255) {
        err = -ENAMETOOLONG;
    } else {
        memcpy(name, last, nl + 1);
        struct inode *start;
        err = dir_of(dirfd, path, &start);
        if (!err) {
            if (last == path) {
                *dir = start;
            } else {
                last[-1] = '\0';
                err = ramfs_lookup(start, last - 1 == path ? "/" : path, 1, dir);
            }
        }
        if (!err && ((*dir)->mode & S_IFMT) != S_IFDIR)
            err = -ENOTDIR;
    }
    if (trailing_slash)
        *trailing_slash = slash;
    kfree(path);
    return err;
}

/* Creates a new inode of the given mode at (dirfd, upath). */
long fs_create(long dirfd, uint64_t upath, uint32_t mode, struct inode **out)
{
    struct inode *dir;
    char name[256];
    bool slash;
    long err = resolve_parent(dirfd, upath, &dir, name, &slash);
    if (err)
        return err;
    if (slash && (mode & S_IFMT) != S_IFDIR)
        return -EISDIR;
    if (!strcmp(name, ".") || !strcmp(name, "..") || ramfs_child(dir, name, strlen(name)))
        return -EEXIST;
    if (dir->nlink == 0)
        return -ENOENT; /* the directory was removed */
    int e = 0;
    struct inode *n = ramfs_create(dir, name, mode, &e);
    if (!n)
        return e;
    *out = n;
    return 0;
}

long sys_openat(int dirfd, uint64_t upath, int flags, uint32_t mode)
{
    struct inode *ino;
    long err = resolve(dirfd, upath, (flags & (O_NOFOLLOW | O_CREAT | O_EXCL)) ? AT_SYMLINK_NOFOLLOW : 0, &ino);
    if (err == 0 && (flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if (err == 0 && (ino->mode & S_IFMT) == S_IFLNK && !(flags & O_NOFOLLOW) && (flags & O_CREAT))
        err = resolve(dirfd, upath, 0, &ino); /* O_CREAT without O_EXCL follows a link that exists */
    if (err == -ENOENT && (flags & O_CREAT)) {
        if (flags & O_DIRECTORY)
            return -EINVAL;
        err = fs_create(dirfd, upath, S_IFREG | ((uint32_t)mode & 07777 & ~current()->umask), &ino);
    }
    if (err)
        return err;
    uint32_t type = ino->mode & S_IFMT;
    if (type == S_IFLNK && !(flags & O_PATH))
        return -ELOOP; /* O_NOFOLLOW on a link */
    if ((flags & O_DIRECTORY) && type != S_IFDIR)
        return -ENOTDIR;
    if ((flags & O_ACCMODE) == O_ACCMODE)
        return -EINVAL;
    bool wants_write = (flags & O_ACCMODE) != O_RDONLY;
    if (type == S_IFDIR && (wants_write || (flags & O_TRUNC)))
        return -EISDIR;
    if (type == S_IFREG && (flags & O_TRUNC) && wants_write && !(flags & O_PATH)) {
        err = ramfs_resize(ino, 0);
        if (err)
            return err;
    }
    /* Sockets and anonymous inodes (eventfd...) reached through a
     * /proc/PID/fd magic link cannot be opened again: Linux's no_open
     * answers ENXIO. An O_PATH open needs no operations. */
    static const struct file_ops path_only_ops;
    if (!ino->fops && !(flags & O_PATH))
        return -ENXIO;
    const struct file_ops *ops = ino->fops ? ino->fops : &path_only_ops;
    struct file *f = file_new(ino, ops, (uint32_t)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC));
    if (!f)
        return -ENOMEM;
    if (f->ops->open && !(flags & O_PATH)) {
        int err2 = f->ops->open(f);
        if (err2) {
            f->ops = NULL; /* no release for a file that never opened */
            file_put(f);
            return err2;
        }
    }
    int fd = fd_install(current(), -1, f, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

long sys_open(uint64_t upath, int flags, uint32_t mode) { return sys_openat(AT_FDCWD, upath, flags, mode); }

long sys_close(int fd)
{
    struct proc *p = current();
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    p->fdt->fd[fd] = NULL;
    p->fdt->cloexec[fd] = 0;
    file_put(f);
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

static long put_stat(struct inode *ino, uint64_t ustat)
{
    struct linux_stat st;
    vfs_stat(ino, &st);
    return copy_to_user(ustat, &st, sizeof st);
}

long sys_fstat(int fd, uint64_t ustat)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    if (!f->inode)
        return -EBADF;
    return put_stat(f->inode, ustat);
}

long sys_newfstatat(int dirfd, uint64_t upath, uint64_t ustat, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */))
        return -EINVAL;
    struct inode *ino;
    long err = resolve(dirfd, upath, flags, &ino);
    return err ? err : put_stat(ino, ustat);
}

long sys_stat(uint64_t upath, uint64_t ustat) { return sys_newfstatat(AT_FDCWD, upath, ustat, 0); }
long sys_lstat(uint64_t upath, uint64_t ustat) { return sys_newfstatat(AT_FDCWD, upath, ustat, AT_SYMLINK_NOFOLLOW); }

long sys_ioctl(int fd, uint32_t cmd, uint64_t arg)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->ioctl)
        return -ENOTTY;
    return f->ops->ioctl(f, cmd, arg);
}

long sys_faccessat(int dirfd, uint64_t upath, int mode, int flags)
{
    if (mode & ~(R_OK | W_OK | X_OK))
        return -EINVAL;
    struct inode *ino;
    long err = resolve(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, &ino);
    if (err)
        return err;
    uint32_t type = ino->mode & S_IFMT;
    /* root may read and write anything; it may execute what has an x bit. */
    if ((mode & X_OK) && type != S_IFDIR && !(ino->mode & 0111))
        return -EACCES;
    return 0;
}

long sys_access(uint64_t upath, int mode) { return sys_faccessat(AT_FDCWD, upath, mode, 0); }

long sys_getcwd(uint64_t ubuf, size_t size)
{
    if (current()->cwd->nlink == 0)
        return -ENOENT; /* the working directory was removed */
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    long len = ramfs_path_of(current()->cwd, path, PATH_MAX);
    if (len >= 0) {
        len++; /* getcwd counts the NUL */
        if (size < (size_t)len)
            len = -ERANGE;
        else if (copy_to_user(ubuf, path, (size_t)len))
            len = -EFAULT;
    }
    kfree(path);
    return len;
}

/* Does thread t (of p's process) see p's working directory and umask?
 * Threads made with CLONE_FS share them with their group leader. */
static bool shares_fs_with(const struct proc *p, const struct proc *t)
{
    if (t == p)
        return true;
    return (t->shares_fs || t == t->leader) && (p->shares_fs || p == p->leader);
}

static void set_cwd(struct proc *p, struct inode *dir)
{
    for_each_thread(t, p) if (t->state != PROC_ZOMBIE && shares_fs_with(p, t)) {
        inode_get(dir);
        inode_put(t->cwd);
        t->cwd = dir;
    }
}

long sys_chdir(uint64_t upath)
{
    struct inode *ino;
    long err = resolve(AT_FDCWD, upath, 0, &ino);
    if (err)
        return err;
    if ((ino->mode & S_IFMT) != S_IFDIR)
        return -ENOTDIR;
    set_cwd(current(), ino);
    return 0;
}

long sys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, int size)
{
    if (size <= 0)
        return -EINVAL;
    struct inode *ino;
    long err = resolve(dirfd, upath, AT_SYMLINK_NOFOLLOW, &ino);
    if (err)
        return err;
    if ((ino->mode & S_IFMT) != S_IFLNK)
        return -EINVAL;
    char *target = kmalloc(PATH_MAX);
    if (!target)
        return -ENOMEM;
    long n = ramfs_link_target(ino, target, PATH_MAX);
    if (n >= 0) {
        if (n > size)
            n = size; /* no NUL, may truncate */
        if (copy_to_user(ubuf, target, (size_t)n))
            n = -EFAULT;
    }
    kfree(target);
    return n;
}

long sys_readlink(uint64_t upath, uint64_t ubuf, int size) { return sys_readlinkat(AT_FDCWD, upath, ubuf, size); }

/* struct linux_dirent64 (getdents64(2)). */
struct dirent64_head {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
} __attribute__((packed));

static uint8_t dtype(uint32_t mode)
{
    /* DT_* are the S_IF* type bits shifted down by 12. */
    return (uint8_t)((mode & S_IFMT) >> 12);
}

long sys_getdents64(int fd, uint64_t ubuf, uint32_t size)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    struct inode *dir = f->inode;
    if (!dir || (dir->mode & S_IFMT) != S_IFDIR)
        return -ENOTDIR;
    if (dir->refresh && f->pos == 0)
        dir->refresh(dir); /* /proc: list the processes alive now */
    /* f->pos counts entries: 0 ".", 1 "..", then the children in order. */
    size_t used = 0;
    uint64_t index = 0;
    struct inode *child = dir->children;
    for (;; index++) {
        const char *name;
        struct inode *ino;
        if (index == 0) {
            name = ".";
            ino = dir;
        } else if (index == 1) {
            name = "..";
            ino = dir->parent;
        } else {
            if (!child)
                break;
            name = child->name;
            ino = child;
            child = child->sibling;
        }
        if (index < f->pos)
            continue;
        size_t namelen = strlen(name);
        size_t reclen = (sizeof(struct dirent64_head) + namelen + 1 + 7) & ~(size_t)7;
        if (used + reclen > size)
            break;
        char rec[sizeof(struct dirent64_head) + 256 + 8] = {0};
        struct dirent64_head h = {ino->ino, (int64_t)index + 1, (uint16_t)reclen, dtype(ino->mode)};
        memcpy(rec, &h, sizeof h);
        memcpy(rec + sizeof h, name, namelen + 1);
        if (copy_to_user(ubuf + used, rec, reclen))
            return -EFAULT;
        used += reclen;
        f->pos = index + 1;
    }
    if (used == 0 && (child || index < 2) && index >= f->pos)
        return -EINVAL; /* the buffer cannot hold even one entry */
    return (long)used;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
    struct proc *p = current();
    struct file *f = getf(oldfd);
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
        file_put(old);
    return newfd;
}

long sys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd)
        return getf(oldfd) ? newfd : -EBADF; /* dup2(fd, fd) returns fd */
    return sys_dup3(oldfd, newfd, 0);
}

long sys_dup(int fd)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    int nfd = fd_install(current(), -1, file_get(f), false);
    if (nfd < 0)
        file_put(f);
    return nfd;
}

long sys_fcntl(int fd, int cmd, uint64_t arg)
{
    struct proc *p = current();
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
        int limit = fd_limit(p);
        if ((long)arg < 0 || (long)arg >= limit)
            return -EINVAL; /* fcntl(2): arg beyond RLIMIT_NOFILE */
        for (int i = (int)arg; i < limit; i++) {
            if (!p->fdt->fd[i])
                return fd_install(p, i, file_get(f), cmd == F_DUPFD_CLOEXEC);
        }
        return -EMFILE;
    }
    case F_GETFD:
        return p->fdt->cloexec[fd] ? FD_CLOEXEC : 0;
    case F_SETFD:
        p->fdt->cloexec[fd] = (arg & FD_CLOEXEC) != 0;
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL: {
        /* Only O_APPEND and O_NONBLOCK may change (fcntl(2)). */
        uint32_t changeable = O_APPEND | O_NONBLOCK;
        f->flags = (f->flags & ~changeable) | ((uint32_t)arg & changeable);
        return 0;
    }
    default:
        if (lock_is_fcntl_cmd(cmd))
            return lock_fcntl(f, cmd, arg); /* fs/lock.c */
        return -EINVAL;
    }
}

long sys_umask(int mask)
{
    struct proc *p = current();
    long old = p->umask;
    for_each_thread(t, p) if (shares_fs_with(p, t))
        t->umask = (uint32_t)mask & 0777;
    return old;
}

long sys_fchdir(int fd)
{
    struct file *f = getf(fd);
    if (!f)
        return -EBADF;
    if (!f->inode || (f->inode->mode & S_IFMT) != S_IFDIR)
        return -ENOTDIR;
    set_cwd(current(), f->inode);
    return 0;
}

/* struct statx (statx(2), include/uapi/linux/stat.h). */
struct statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};

struct linux_statx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, pad1;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t stx_mnt_id;
    uint32_t stx_dio_mem_align, stx_dio_offset_align;
    uint64_t spare[12];
};

_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS 0x7ff
#define AT_STATX_SYNC_TYPE 0x6000

long sys_statx(int dirfd, uint64_t upath, int flags, uint32_t mask, uint64_t ubuf)
{
    (void)mask; /* everything basic is always filled in */
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */ | AT_STATX_SYNC_TYPE))
        return -EINVAL;
    struct inode *ino;
    long err = resolve(dirfd, upath, flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), &ino);
    if (err)
        return err;
    struct linux_stat st;
    vfs_stat(ino, &st);
    struct linux_statx sx;
    memset(&sx, 0, sizeof sx);
    sx.stx_mask = STATX_BASIC_STATS;
    sx.stx_blksize = (uint32_t)st.st_blksize;
    sx.stx_nlink = (uint32_t)st.st_nlink;
    sx.stx_uid = st.st_uid;
    sx.stx_gid = st.st_gid;
    sx.stx_mode = (uint16_t)st.st_mode;
    sx.stx_ino = st.st_ino;
    sx.stx_size = (uint64_t)st.st_size;
    sx.stx_blocks = (uint64_t)st.st_blocks;
    sx.stx_atime.tv_sec = sx.stx_ctime.tv_sec = sx.stx_mtime.tv_sec = st.st_mtim.tv_sec;
    sx.stx_rdev_major = (uint32_t)(st.st_rdev >> 8);
    sx.stx_rdev_minor = (uint32_t)(st.st_rdev & 0xff);
    sx.stx_dev_major = 0;
    sx.stx_dev_minor = (uint32_t)st.st_dev;
    return copy_to_user(ubuf, &sx, sizeof sx);
}
