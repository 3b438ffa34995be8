/*
 * sys_fsmod.c - system calls that change the file tree: mkdir, unlink,
 * rmdir, rename, symlink, truncate, chmod, chown, utimensat, fsync (and
 * link, which is refused: no hard links).
 * Errors follow the Linux man pages (section 2).
 */
#include "fs/ramfs.h"
#include "fs/vfs.h"
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

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2

static bool is_dir(const struct inode *n) { return (n->mode & S_IFMT) == S_IFDIR; }
static bool is_dot(const char *name) { return !strcmp(name, ".") || !strcmp(name, ".."); }

long sys_mkdirat(int dirfd, uint64_t upath, uint32_t mode)
{
    struct inode *n;
    return fs_create(dirfd, upath, S_IFDIR | ((uint32_t)mode & 07777 & ~current()->umask), &n);
}

long sys_mkdir(uint64_t upath, uint32_t mode) { return sys_mkdirat(AT_FDCWD, upath, mode); }

/* Is dir an ancestor of (or the same as) n? rename must not move a
 * directory into itself. */
static bool contains(const struct inode *dir, const struct inode *n)
{
    for (;;) {
        if (n == dir)
            return true;
        if (n->parent == n)
            return false;
        n = n->parent;
    }
}

static bool in_use_as_cwd(const struct inode *dir)
{
    for (int i = 0; i < proc_slots_used; i++)
        if (proc_table[i] && proc_table[i]->cwd == dir)
            return true;
    return false;
}

static long remove_entry(long dirfd, uint64_t upath, bool want_dir)
{
    struct inode *dir;
    char name[256];
    bool slash;
    long err = resolve_parent(dirfd, upath, &dir, name, &slash);
    if (err)
        return err == -EEXIST ? -EBUSY : err; /* "/" itself */
    if (is_dot(name))
        return want_dir ? (!strcmp(name, ".") ? -EINVAL : -ENOTEMPTY) : -EISDIR;
    struct inode *n = ramfs_child(dir, name, strlen(name));
    if (!n)
        return -ENOENT;
    if (want_dir) {
        if (!is_dir(n))
            return -ENOTDIR;
        if (n->children)
            return -ENOTEMPTY;
        if (n == ramfs_root())
            return -EBUSY;
    } else {
        if (is_dir(n))
            return -EISDIR;
        if (slash)
            return -ENOTDIR;
    }
    (void)in_use_as_cwd; /* Linux lets a working directory be removed too */
    ramfs_detach(dir, n);
    return 0;
}

long sys_unlinkat(int dirfd, uint64_t upath, int flags)
{
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    return remove_entry(dirfd, upath, flags & AT_REMOVEDIR);
}

long sys_unlink(uint64_t upath) { return remove_entry(AT_FDCWD, upath, false); }
long sys_rmdir(uint64_t upath) { return remove_entry(AT_FDCWD, upath, true); }

long sys_renameat2(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, uint32_t flags)
{
    if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) || flags == (RENAME_NOREPLACE | RENAME_EXCHANGE))
        return -EINVAL;
    if (flags & RENAME_EXCHANGE)
        return -EINVAL; /* not supported */
    struct inode *odir, *ndir;
    char oname[256], nname[256];
    bool oslash = false, nslash = false;
    long err = resolve_parent(olddirfd, uold, &odir, oname, &oslash);
    if (!err)
        err = resolve_parent(newdirfd, unew, &ndir, nname, &nslash);
    if (err)
        return err == -EEXIST ? -EBUSY : err;
    if (is_dot(oname) || is_dot(nname))
        return -EBUSY;
    struct inode *src = ramfs_child(odir, oname, strlen(oname));
    if (!src)
        return -ENOENT;
    if ((oslash || nslash) && !is_dir(src))
        return -ENOTDIR; /* "name/" must be a directory */
    struct inode *dst = ramfs_child(ndir, nname, strlen(nname));
    if (dst == src)
        return 0; /* the same file: nothing to do */
    if (is_dir(src) && contains(src, ndir))
        return -EINVAL;
    if (dst) {
        if (flags & RENAME_NOREPLACE)
            return -EEXIST;
        if (is_dir(src) && !is_dir(dst))
            return -ENOTDIR;
        if (!is_dir(src) && is_dir(dst))
            return -EISDIR;
        if (is_dir(dst) && dst->children)
            return -ENOTEMPTY;
    }
    inode_get(src); /* keep it alive between detach and attach */
    if (dst)
        ramfs_detach(ndir, dst);
    ramfs_detach(odir, src);
    err = ramfs_attach(ndir, src, nname);
    if (err) /* out of memory for the name: put it back where it was */
        ramfs_attach(odir, src, oname);
    inode_put(src);
    return err;
}

long sys_renameat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew)
{
    return sys_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

long sys_rename(uint64_t uold, uint64_t unew) { return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0); }

/* Hard links: an inode here is also its one directory entry (name,
 * parent, place in the list), so a second name cannot exist. Linux's
 * answer for a file system without hard links is EPERM. */
long sys_linkat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, int flags)
{
    if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct inode *src, *ndir;
    long err = resolve(olddirfd, uold, AT_SYMLINK_NOFOLLOW | (flags & AT_EMPTY_PATH), &src);
    if (err)
        return err;
    /* The new name is checked first, as Linux's lookup does. */
    char nname[256];
    err = resolve_parent(newdirfd, unew, &ndir, nname, NULL);
    if (err)
        return err;
    return ramfs_child(ndir, nname, strlen(nname)) ? -EEXIST : -EPERM;
}

long sys_link(uint64_t uold, uint64_t unew) { return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0); }

long sys_symlinkat(uint64_t utarget, int newdirfd, uint64_t upath)
{
    char *target;
    long err = get_path(utarget, &target);
    if (err)
        return err;
    struct inode *n;
    err = target[0] ? fs_create(newdirfd, upath, S_IFLNK | 0777, &n) : -ENOENT;
    if (!err) {
        size_t len = strlen(target);
        err = ramfs_resize(n, len);
        if (!err)
            memcpy((char *)n->data, target, len);
    }
    kfree(target);
    return err;
}

long sys_symlink(uint64_t utarget, uint64_t upath) { return sys_symlinkat(utarget, AT_FDCWD, upath); }

static long truncate_inode(struct inode *n, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    if (is_dir(n))
        return -EISDIR;
    if ((n->mode & S_IFMT) != S_IFREG)
        return -EINVAL;
    return ramfs_resize(n, (uint64_t)len);
}

long sys_truncate(uint64_t upath, int64_t len)
{
    struct inode *n;
    long err = resolve(AT_FDCWD, upath, 0, &n);
    return err ? err : truncate_inode(n, len);
}

long sys_ftruncate(int fd, int64_t len)
{
    struct file *f = fd_get(current(), (int)fd);
    if (!f)
        return -EBADF;
    if ((f->flags & O_ACCMODE) == O_RDONLY || !f->inode)
        return -EINVAL;
    return truncate_inode(f->inode, len);
}

long sys_fsync(int fd)
{
    return fd_get(current(), (int)fd) ? 0 : -EBADF; /* nothing is cached: all is "on disk" */
}

long sys_fchmodat(int dirfd, uint64_t upath, uint32_t mode)
{
    struct inode *n;
    long err = resolve(dirfd, upath, 0, &n);
    if (err)
        return err;
    n->mode = (n->mode & S_IFMT) | ((uint32_t)mode & 07777);
    return 0;
}

long sys_chmod(uint64_t upath, uint32_t mode) { return sys_fchmodat(AT_FDCWD, upath, mode); }

long sys_fchmod(int fd, uint32_t mode)
{
    struct file *f = fd_get(current(), (int)fd);
    if (!f || !f->inode)
        return -EBADF;
    f->inode->mode = (f->inode->mode & S_IFMT) | ((uint32_t)mode & 07777);
    return 0;
}

static void set_owner(struct inode *n, long uid, long gid)
{
    if ((int)uid != -1)
        n->uid = (uint32_t)uid;
    if ((int)gid != -1)
        n->gid = (uint32_t)gid;
}

long sys_fchownat(int dirfd, uint64_t upath, uint32_t uid, uint32_t gid, int flags)
{
    struct inode *n;
    long err = resolve(dirfd, upath, flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), &n);
    if (!err)
        set_owner(n, uid, gid);
    return err;
}

long sys_chown(uint64_t upath, uint32_t uid, uint32_t gid) { return sys_fchownat(AT_FDCWD, upath, uid, gid, 0); }
long sys_lchown(uint64_t upath, uint32_t uid, uint32_t gid) { return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW); }

long sys_fchown(int fd, uint32_t uid, uint32_t gid)
{
    struct file *f = fd_get(current(), (int)fd);
    if (!f || !f->inode)
        return -EBADF;
    set_owner(f->inode, uid, gid);
    return 0;
}

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* The one place file times change: ts NULL means "now" for both; else
 * utimensat's pair (access, modification) with UTIME_NOW / UTIME_OMIT.
 * Only the modification time is kept (atime and ctime equal it). */
static long set_times(struct inode *n, const struct linux_timespec *ts)
{
    int64_t now = clock_realtime_ns() / 1000000000;
    if (!ts) {
        n->mtime = now;
        return 0;
    }
    for (int i = 0; i < 2; i++)
        if (ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT &&
            (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000))
            return -EINVAL;
    if (ts[1].tv_nsec == UTIME_NOW)
        n->mtime = now;
    else if (ts[1].tv_nsec != UTIME_OMIT)
        n->mtime = ts[1].tv_sec;
    return 0;
}

long sys_utimensat(int dirfd, uint64_t upath, uint64_t utimes, int flags)
{
    struct inode *n;
    long err;
    if (flags & ~AT_SYMLINK_NOFOLLOW)
        return -EINVAL;
    if (!upath) { /* futimens: the file behind dirfd */
        struct file *f = fd_get(current(), (int)dirfd);
        if (!f || !f->inode)
            return -EBADF;
        n = f->inode;
    } else {
        err = resolve(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, &n);
        if (err)
            return err;
    }
    if (!utimes)
        return set_times(n, NULL);
    struct linux_timespec ts[2];
    if (copy_from_user(ts, utimes, sizeof ts))
        return -EFAULT;
    return set_times(n, ts);
}

/* utimes(2): microseconds, NULL = now; the path's symlinks are followed. */
long sys_utimes(uint64_t upath, uint64_t utv)
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
    struct inode *n;
    long err = resolve(AT_FDCWD, upath, 0, &n);
    return err ? err : set_times(n, tsp);
}

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
    struct inode *n;
    long err = resolve(AT_FDCWD, upath, 0, &n);
    return err ? err : set_times(n, tsp);
}
