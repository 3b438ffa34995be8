/*
 * sys_dir.c - directories and a process's place in the tree: getdents64,
 * getcwd, chdir, fchdir, chroot, umask (Linux's answers, section 2).
 */
#include "fs/fsnotify.h"
#include "fs/permission.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

long sys_getcwd(uint64_t ubuf, size_t size)
{
    struct proc *p = current();
    if (d_unlinked(p->cwd.dentry))
        return -ENOENT; /* the working directory was removed */
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    static const char unreachable[] = "(unreachable)";
    bool outside = !path_reachable(&p->cwd); /* Linux's getcwd prefix, which realpath(3) refuses */
    size_t skip = outside ? sizeof unreachable - 1 : 0;
    long len = path_to_string(&p->cwd, path + skip, PATH_MAX - skip, false);
    if (len >= 0 && outside) {
        memcpy(path, unreachable, skip);
        len += (long)skip;
    }
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

/* Sets the working directory (or, with root, the root) of p and of the
 * threads sharing it; takes its own references. */
static void set_place(struct proc *p, const struct path *dir, bool root)
{
    for_each_thread(t, p) if (t->state != PROC_ZOMBIE && shares_fs_with(p, t)) {
        struct path *place = root ? &t->root : &t->cwd;
        path_get(dir);
        path_put(place);
        *place = *dir;
    }
}

/* chdir and chroot: to a directory given by path, which the caller may
 * search (EACCES); chroot needs CAP_SYS_CHROOT (EPERM). */
static long change_to(uint64_t upath, bool root)
{
    struct path p;
    long err = user_path_at(AT_FDCWD, upath, 0, &p);
    if (err)
        return err;
    if (!inode_is_dir(p.dentry->inode))
        err = -ENOTDIR;
    else if ((err = inode_permission(p.dentry->inode, MAY_EXEC)))
        ; /* EACCES */
    else if (root && !capable(CAP_SYS_CHROOT))
        err = -EPERM;
    else
        set_place(current(), &p, root);
    path_put(&p);
    return err;
}

long sys_chdir(uint64_t upath) { return change_to(upath, false); }

/* chroot(2): the working directory stays where it is, possibly outside
 * the new root, as Linux. */
long sys_chroot(uint64_t upath) { return change_to(upath, true); }

long sys_fchdir(int fd)
{
    struct file *f = fd_get_raw(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->path.dentry || !inode_is_dir(f->inode))
        return -ENOTDIR;
    long err = inode_permission(f->inode, MAY_EXEC);
    if (err)
        return err;
    set_place(current(), &f->path, false);
    return 0;
}

long sys_umask(int mask)
{
    struct proc *p = current();
    long old = p->umask;
    for_each_thread(t, p) if (shares_fs_with(p, t))
        t->umask = (uint32_t)mask & 0777;
    return old;
}

/* struct linux_dirent64 (getdents64(2)). */
struct dirent64_head {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
} __attribute__((packed));

struct getdents_ctx {
    struct dir_context ctx;
    struct file *f;
    uint64_t ubuf;
    size_t size, used;
    long err;
    bool full; /* an entry did not fit */
    bool old;  /* getdents's struct linux_dirent, not getdents64's */
};

/* Linux's older struct linux_dirent (getdents(2)): d_ino and d_off as
 * unsigned long, d_reclen, the name, a NUL, then d_type in the record's
 * last byte. */
struct dirent_head {
    uint64_t d_ino;
    uint64_t d_off;
    uint16_t d_reclen;
} __attribute__((packed));

/* Copies one record out. The file system has f->pos at the entry's own
 * position when it emits it, so d_off (where the next one starts, what
 * telldir gives) is the one after it. */
static bool emit(struct dir_context *c, const char *name, size_t len, uint64_t ino, unsigned type)
{
    struct getdents_ctx *g = (struct getdents_ctx *)c;
    /* getdents64: the header, the name and its NUL; getdents: the header,
     * the name, its NUL and d_type in the last byte. Rounded up to 8. */
    size_t head = g->old ? sizeof(struct dirent_head) : sizeof(struct dirent64_head);
    size_t reclen = (head + len + 1 + (g->old ? 1 : 0) + 7) & ~(size_t)7;
    if (g->used + reclen > g->size) {
        g->full = true;
        return false;
    }
    char rec[sizeof(struct dirent_head) + NAME_MAX + 2 + 8];
    memset(rec, 0, reclen);
    if (g->old) {
        struct dirent_head h = {ino, g->f->pos + 1, (uint16_t)reclen};
        memcpy(rec, &h, sizeof h);
        rec[reclen - 1] = (char)type;
    } else {
        struct dirent64_head h = {ino, (int64_t)g->f->pos + 1, (uint16_t)reclen, (uint8_t)type};
        memcpy(rec, &h, sizeof h);
    }
    memcpy(rec + head, name, len);
    if (copy_to_user(g->ubuf + g->used, rec, reclen)) {
        g->err = -EFAULT;
        return false;
    }
    g->used += reclen;
    return true;
}

static long getdents(int fd, uint64_t ubuf, uint32_t size, bool old)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->ops || !f->ops->iterate)
        return -ENOTDIR;
    if (!user_range_ok(ubuf, size))
        return -EFAULT;
    struct getdents_ctx g = {.ctx = {emit}, .f = f, .ubuf = ubuf, .size = size, .old = old};
    int err = f->ops->iterate(f, &g.ctx);
    if (g.used == 0) {
        if (g.err)
            return g.err;
        if (err)
            return err;
        if (g.full)
            return -EINVAL; /* the buffer cannot hold even one entry */
    }
    inode_accessed(f->inode);
    fsnotify_access(f); /* Linux's iterate_dir: every listing call, even the last, empty one */
    return (long)g.used;
}

long sys_getdents64(int fd, uint64_t ubuf, uint32_t size) { return getdents(fd, ubuf, size, false); }
long sys_getdents(int fd, uint64_t ubuf, uint32_t size) { return getdents(fd, ubuf, size, true); }
