/*
 * sys_fsmod.c - system calls that change the file tree: mkdir, mknod,
 * unlink, rmdir, rename, link, symlink, truncate, chmod, chown,
 * utimensat, fsync. They copy their arguments in, find the starting
 * directory, and call the VFS (fs/vfs_ops.h), which checks Linux's rules.
 */
#include "fs/filemap.h"
#include "fs/fsnotify.h"
#include "fs/lease.h"
#include "fs/permission.h"
#include "fs/vfs.h"
#include "fs/writeback.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/time.h"

/* A path-taking call: copies the path in, resolves the start (dirfd),
 * runs op, lets go. */
typedef int (*path_op)(const struct path *start, const char *path, void *arg);

static long with_path(int dirfd, uint64_t upath, path_op op, void *arg)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    struct path start;
    err = dir_of(dirfd, path, &start);
    if (!err) {
        err = op(&start, path, arg);
        path_put(&start);
    }
    kfree(path);
    return err;
}

struct mode_rdev {
    uint32_t mode, rdev;
};

static int do_mkdir(const struct path *start, const char *path, void *arg)
{
    return vfs_mkdir(start, path, ((struct mode_rdev *)arg)->mode);
}

long sys_mkdirat(int dirfd, uint64_t upath, uint32_t mode)
{
    struct mode_rdev a = {mode & 07777 & ~current()->umask, 0};
    return with_path(dirfd, upath, do_mkdir, &a);
}

long sys_mkdir(uint64_t upath, uint32_t mode) { return sys_mkdirat(AT_FDCWD, upath, mode); }

static int do_mknod(const struct path *start, const char *path, void *arg)
{
    struct mode_rdev *a = arg;
    return vfs_mknod(start, path, a->mode, a->rdev);
}

/* mknod(2): dev is a Linux dev_t of userspace (glibc's makedev: major in
 * bits 8-19 and 32-43, minor in 0-7 and 20-31); kept as 8-bit major and
 * minor here, enough for every device Tiny OS has. */
long sys_mknodat(int dirfd, uint64_t upath, uint32_t mode, uint64_t dev)
{
    uint32_t major = (uint32_t)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
    uint32_t minor = (uint32_t)((dev & 0xff) | ((dev >> 12) & ~0xffull));
    if (major > 255 || minor > 255)
        return -EINVAL;
    struct mode_rdev a = {(mode & S_IFMT) | (mode & 07777 & ~current()->umask), (major << 8) | minor};
    return with_path(dirfd, upath, do_mknod, &a);
}

long sys_mknod(uint64_t upath, uint32_t mode, uint64_t dev) { return sys_mknodat(AT_FDCWD, upath, mode, dev); }

static int do_unlink(const struct path *start, const char *path, void *arg)
{
    return vfs_unlink(start, path, *(bool *)arg);
}

long sys_unlinkat(int dirfd, uint64_t upath, int flags)
{
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    bool dir = flags & AT_REMOVEDIR;
    return with_path(dirfd, upath, do_unlink, &dir);
}

long sys_unlink(uint64_t upath) { return sys_unlinkat(AT_FDCWD, upath, 0); }
long sys_rmdir(uint64_t upath) { return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR); }

long sys_renameat2(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, uint32_t flags)
{
    if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT) ||
        (flags & RENAME_EXCHANGE && flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
        return -EINVAL;
    if (flags & RENAME_WHITEOUT)
        return -EINVAL; /* overlay file systems' whiteouts: none here (tmpfs would take it) */
    char *oldp = NULL, *newp = NULL;
    long err = get_path(uold, &oldp);
    if (!err)
        err = get_path(unew, &newp);
    struct path ostart = {0}, nstart = {0};
    if (!err)
        err = dir_of(olddirfd, oldp, &ostart);
    if (!err)
        err = dir_of(newdirfd, newp, &nstart);
    if (!err)
        err = vfs_rename(&ostart, oldp, &nstart, newp, flags);
    path_put(&ostart);
    path_put(&nstart);
    kfree(oldp);
    kfree(newp);
    return err;
}

long sys_renameat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew)
{
    return sys_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

long sys_rename(uint64_t uold, uint64_t unew) { return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0); }

static int do_link(const struct path *start, const char *path, void *arg)
{
    return vfs_link(arg, start, path);
}

long sys_linkat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, int flags)
{
    if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct path old;
    long err = user_path_at(olddirfd, uold, ((flags & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW) |
                                                 (flags & AT_EMPTY_PATH), &old);
    if (err)
        return err;
    err = with_path(newdirfd, unew, do_link, &old);
    path_put(&old);
    return err;
}

long sys_link(uint64_t uold, uint64_t unew) { return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0); }

static int do_symlink(const struct path *start, const char *path, void *arg)
{
    return vfs_symlink(start, path, arg);
}

long sys_symlinkat(uint64_t utarget, int newdirfd, uint64_t upath)
{
    char *target;
    long err = get_path(utarget, &target);
    if (err)
        return err;
    err = with_path(newdirfd, upath, do_symlink, target);
    kfree(target);
    return err;
}

long sys_symlink(uint64_t utarget, uint64_t upath) { return sys_symlinkat(utarget, AT_FDCWD, upath); }

/* truncate and ftruncate: the size change as an attribute change. */
static long check_truncate(const struct inode *n, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    if (inode_is_dir(n))
        return -EISDIR;
    if (!inode_is_reg(n))
        return -EINVAL;
    return 0;
}

static struct iattr size_attr(int64_t len)
{
    struct iattr a = {.valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .size = (uint64_t)len};
    a.mtime = inode_now();
    return a;
}

long sys_truncate(uint64_t upath, int64_t len)
{
    struct path p;
    long err = user_path_at(AT_FDCWD, upath, 0, &p);
    if (err)
        return err;
    err = check_truncate(p.dentry->inode, len);
    if (!err && mnt_readonly(p.mnt))
        err = -EROFS;
    if (!err)
        err = inode_permission(p.dentry->inode, MAY_WRITE);
    if (!err)
        err = inode_write_allowed(p.dentry->inode); /* ETXTBSY: a process runs it */
    if (!err)
        err = lease_break(p.dentry->inode, O_WRONLY); /* as an open for writing would */
    if (!err) {
        struct iattr a = size_attr(len);
        err = vfs_setattr(&p, &a);
    }
    path_put(&p);
    return err;
}

long sys_ftruncate(int fd, int64_t len)
{
    struct file *f = fd_get(current(), (int)fd);
    if (!f)
        return -EBADF;
    if ((f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_PATH) || !f->inode)
        return -EINVAL;
    long err = check_truncate(f->inode, len);
    if (!err) {
        struct iattr a = size_attr(len);
        err = vfs_setattr_file(f, &a);
    }
    return err;
}

long sys_fsync(int fd)
{
    struct file *f = fd_get(current(), (int)fd);
    if (!f)
        return -EBADF;
    if (f->ops && f->ops->fsync)
        return f->ops->fsync(f);
    /* Files and directories of disk file systems go to the disk
     * (writeback.h); on tmpfs memory is where the data lives (Linux's
     * noop_fsync: writeback_inode does nothing there). Pipes, FIFOs,
     * sockets, character devices and anonymous inodes have no fsync on
     * Linux: EINVAL. */
    if (f->inode && (inode_is_reg(f->inode) || inode_is_dir(f->inode)))
        return writeback_inode(f->inode, true);
    if (f->inode && (f->inode->mode & S_IFMT) == S_IFBLK)
        return 0;
    return -EINVAL;
}

/* chmod, chown and the time calls on a path or on an open file. */
static long set_path_attr(int dirfd, uint64_t upath, long at_flags, const struct iattr *a)
{
    struct path p;
    long err = user_path_at(dirfd, upath, at_flags, &p);
    if (err)
        return err;
    err = vfs_setattr(&p, a);
    path_put(&p);
    return err;
}

static long set_fd_attr(int fd, const struct iattr *a)
{
    struct file *f = fd_get(current(), fd);
    if (!f || !f->inode)
        return -EBADF;
    return vfs_setattr_file(f, a);
}

static struct iattr mode_attr(uint32_t mode)
{
    return (struct iattr){.valid = ATTR_MODE | ATTR_CTIME, .mode = mode & 07777};
}

long sys_fchmodat(int dirfd, uint64_t upath, uint32_t mode)
{
    struct iattr a = mode_attr(mode);
    return set_path_attr(dirfd, upath, 0, &a);
}

long sys_chmod(uint64_t upath, uint32_t mode) { return sys_fchmodat(AT_FDCWD, upath, mode); }

long sys_fchmod(int fd, uint32_t mode)
{
    struct iattr a = mode_attr(mode);
    return set_fd_attr(fd, &a);
}

static struct iattr owner_attr(uint32_t uid, uint32_t gid)
{
    struct iattr a = {.valid = ATTR_CTIME, .uid = uid, .gid = gid};
    if ((int)uid != -1)
        a.valid |= ATTR_UID;
    if ((int)gid != -1)
        a.valid |= ATTR_GID;
    return a;
}

long sys_fchownat(int dirfd, uint64_t upath, uint32_t uid, uint32_t gid, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct iattr a = owner_attr(uid, gid);
    return set_path_attr(dirfd, upath, flags, &a);
}

long sys_chown(uint64_t upath, uint32_t uid, uint32_t gid) { return sys_fchownat(AT_FDCWD, upath, uid, gid, 0); }
long sys_lchown(uint64_t upath, uint32_t uid, uint32_t gid) { return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW); }

long sys_fchown(int fd, uint32_t uid, uint32_t gid)
{
    struct iattr a = owner_attr(uid, gid);
    return set_fd_attr(fd, &a);
}

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* The one place file times are chosen: ts NULL means "now" for both;
 * else utimensat's pair (access, modification) with UTIME_NOW /
 * UTIME_OMIT. The change time becomes now whenever anything changes. */
static long times_attr(const struct linux_timespec *ts, struct iattr *a)
{
    struct linux_timespec now = inode_now();
    *a = (struct iattr){.valid = ATTR_ATIME | ATTR_MTIME | ATTR_CTIME, .atime = now, .mtime = now};
    if (ts && ts[0].tv_nsec == UTIME_NOW && ts[1].tv_nsec == UTIME_NOW)
        ts = NULL; /* both now: the same as no times, and the same permission */
    if (!ts) {
        a->valid |= ATTR_TOUCH; /* the owner, or anyone who may write */
        return 0;
    }
    for (int i = 0; i < 2; i++)
        if (ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT &&
            (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000))
            return -EINVAL;
    /* An explicit time is for the owner (or CAP_FOWNER) only. */
    if (ts[0].tv_nsec == UTIME_OMIT)
        a->valid &= ~ATTR_ATIME;
    else if (ts[0].tv_nsec != UTIME_NOW)
        a->atime = ts[0], a->valid |= ATTR_ATIME_SET;
    if (ts[1].tv_nsec == UTIME_OMIT)
        a->valid &= ~ATTR_MTIME;
    else if (ts[1].tv_nsec != UTIME_NOW)
        a->mtime = ts[1], a->valid |= ATTR_MTIME_SET;
    if (!(a->valid & (ATTR_ATIME | ATTR_MTIME)))
        a->valid = 0; /* both omitted: nothing changes, not even ctime */
    return 0;
}

/* Applies times ts (or now) to (dirfd, upath), or to the file at dirfd
 * when upath is 0 (futimens). */
static long set_times(int dirfd, uint64_t upath, long at_flags, const struct linux_timespec *ts)
{
    struct iattr a;
    long err = times_attr(ts, &a);
    if (err)
        return err;
    /* A NULL path names dirfd's file, but not with AT_FDCWD: then it is
     * looked up as a path, EFAULT (Linux's do_utimes). */
    if (!upath && dirfd == AT_FDCWD)
        return -EFAULT;
    return upath ? set_path_attr(dirfd, upath, at_flags, &a) : set_fd_attr(dirfd, &a);
}

long sys_utimensat(int dirfd, uint64_t upath, uint64_t utimes, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct linux_timespec ts[2];
    if (utimes && copy_from_user(ts, utimes, sizeof ts))
        return -EFAULT;
    /* upath NULL is futimens: the file behind dirfd. */
    return set_times(dirfd, upath, flags, utimes ? ts : NULL);
}

/* utimes(2): microseconds, NULL = now; the path's symlinks are followed. */
/* futimesat(2): utimes relative to a directory descriptor. */
long sys_futimesat(int dirfd, uint64_t upath, uint64_t utv)
{
    struct linux_timespec ts[2], *tsp = NULL;
    if (utv) {
        struct linux_timeval tv[2];
        if (copy_from_user(tv, utv, sizeof tv))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
                return -EINVAL;
            ts[i] = (struct linux_timespec){tv[i].tv_sec, tv[i].tv_usec * 1000};
        }
        tsp = ts;
    }
    return set_times(dirfd, upath, 0, tsp);
}

long sys_utimes(uint64_t upath, uint64_t utv) { return sys_futimesat(AT_FDCWD, upath, utv); }

/* utime(2): struct utimbuf { actime, modtime } in seconds, NULL = now. */
long sys_utime(uint64_t upath, uint64_t ubuf)
{
    struct linux_timespec ts[2], *tsp = NULL;
    if (ubuf) {
        int64_t t[2];
        if (copy_from_user(t, ubuf, sizeof t))
            return -EFAULT;
        ts[0] = (struct linux_timespec){t[0], 0};
        ts[1] = (struct linux_timespec){t[1], 0};
        tsp = ts;
    }
    return set_times(AT_FDCWD, upath, 0, tsp);
}

/* fallocate(2) on tmpfs: mode 0 (and FALLOC_FL_KEEP_SIZE) takes the pages
 * of the range now (ENOSPC now rather than at a later write) and, without
 * KEEP_SIZE, extends the size; FALLOC_FL_PUNCH_HOLE (with KEEP_SIZE)
 * zeroes the range. Other modes: EOPNOTSUPP.
 * Linux's order of checks (vfs_fallocate). */
long sys_fallocate(int fd, int mode, int64_t off, int64_t len)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    if (off < 0 || len <= 0)
        return -EINVAL;
    if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
        return -EOPNOTSUPP;
    if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
        return -EOPNOTSUPP;
    if ((f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_PATH))
        return -EBADF;
    if (!f->inode || (f->inode->mode & S_IFMT) == S_IFIFO)
        return -ESPIPE;
    if (inode_is_dir(f->inode))
        return -EISDIR;
    if (!inode_is_reg(f->inode))
        return -ENODEV;
    if (off + len < off)
        return -EFBIG;
    if (f->path.mnt && mnt_readonly(f->path.mnt))
        return -EROFS;
    inode_lock(f->inode);
    long err = filemap_fallocate(f->inode, mode, (uint64_t)off, (uint64_t)len);
    inode_unlock(f->inode);
    if (!err)
        fsnotify_modify(f);
    return err;
}
