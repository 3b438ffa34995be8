/*
 * dir_ops.c - the calls that make, remove and rename names (vfs_ops.h):
 * mknod, mkdir, symlink, link, unlink, rmdir, rename. Each resolves the
 * parent directory, locks it (inode.h's order), looks the last name up,
 * checks Linux's rules in Linux's order, and calls the file system.
 */
#include "fs/vfs_ops.h"

#include "fs/dentry.h"
#include "fs/fsnotify.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/namei.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "lib/string.h"
#include "proc/cred.h"
#include "uapi/errno.h"

static bool is_dot(const char *name) { return !strcmp(name, ".") || !strcmp(name, ".."); }

bool mnt_readonly(const struct mount *m) { return (m->flags & MS_RDONLY) || (m->sb->flags & SB_RDONLY); }

struct make_args {
    uint32_t mode, rdev;
    const char *target;
};

static int make(const struct path *parent, const char *name, const struct make_args *a, struct dentry **out)
{
    struct inode *dir = parent->dentry->inode;
    if (dir->nlink == 0)
        return -ENOENT; /* the directory was removed */
    if (mnt_readonly(parent->mnt))
        return -EROFS;
    int err = may_create(dir);
    if (err)
        return err;
    uint32_t type = a->mode & S_IFMT;
    if ((type == S_IFCHR || type == S_IFBLK) && !capable(CAP_MKNOD))
        return -EPERM; /* device nodes are root's to make */
    struct dentry *d = d_alloc(parent->dentry, name, strlen(name));
    if (!d)
        return -ENOMEM;
    if (type == S_IFDIR)
        err = dir->ops && dir->ops->mkdir ? dir->ops->mkdir(dir, d, a->mode) : -EPERM;
    else if (type == S_IFLNK)
        err = dir->ops && dir->ops->symlink ? dir->ops->symlink(dir, d, a->target) : -EPERM;
    else
        err = dir->ops && dir->ops->create ? dir->ops->create(dir, d, a->mode, a->rdev) : -EPERM;
    if (err) {
        d_put(d);
        return err;
    }
    fsnotify_create(dir, d);
    *out = d;
    return 0;
}

int vfs_make_locked(const struct path *parent, const char *name, uint32_t mode, uint32_t rdev, struct dentry **out)
{
    struct make_args a = {.mode = mode, .rdev = rdev};
    return make(parent, name, &a, out);
}

/* Creates the last component of pathname (the common part of mknod,
 * mkdir, symlink): -EEXIST when the name is taken. */
static int create_path(const struct path *start, const char *pathname, const struct make_args *a)
{
    struct path parent;
    char name[NAME_MAX + 1];
    bool slash;
    int err = namei_parent(start, pathname, &parent, name, &slash);
    if (err)
        return err;
    if (slash && (a->mode & S_IFMT) != S_IFDIR) {
        path_put(&parent);
        return -ENOENT; /* "name/" can only be a directory to be made */
    }
    struct inode *dir = parent.dentry->inode;
    inode_lock(dir);
    struct dentry *d;
    if (is_dot(name))
        err = -EEXIST;
    else
        err = namei_child(parent.dentry, name, strlen(name), true, &d);
    if (err == 0) {
        d_put(d);
        err = -EEXIST;
    } else if (err == -ENOENT) {
        err = make(&parent, name, a, &d);
        if (!err)
            d_put(d);
    }
    inode_unlock(dir);
    path_put(&parent);
    return err;
}

int vfs_mknod(const struct path *start, const char *pathname, uint32_t mode, uint32_t rdev)
{
    switch (mode & S_IFMT) {
    case 0: mode |= S_IFREG; break;
    case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK: break;
    case S_IFDIR: return -EPERM; /* mknod(2): use mkdir */
    default: return -EINVAL;
    }
    struct make_args a = {.mode = mode, .rdev = rdev};
    return create_path(start, pathname, &a);
}

int vfs_mkdir(const struct path *start, const char *pathname, uint32_t mode)
{
    struct make_args a = {.mode = S_IFDIR | (mode & 07777)};
    return create_path(start, pathname, &a);
}

int vfs_symlink(const struct path *start, const char *pathname, const char *target)
{
    if (!*target)
        return -ENOENT;
    struct make_args a = {.mode = S_IFLNK | 0777, .target = target};
    return create_path(start, pathname, &a);
}

int vfs_create_at(const struct path *parent, const char *name, uint32_t mode, uint32_t rdev, struct path *out)
{
    struct inode *dir = parent->dentry->inode;
    inode_lock(dir);
    struct dentry *d;
    int err = is_dot(name) ? 0 : namei_child(parent->dentry, name, strlen(name), true, &d);
    if (err == 0) {
        if (!is_dot(name))
            d_put(d);
        err = -EEXIST;
    } else if (err == -ENOENT) {
        struct make_args a = {.mode = mode, .rdev = rdev};
        err = make(parent, name, &a, &d);
        if (!err)
            *out = (struct path){mount_get(parent->mnt), d};
    }
    inode_unlock(dir);
    return err;
}

int vfs_link(const struct path *old, const struct path *start, const char *newname)
{
    struct path parent;
    char name[NAME_MAX + 1];
    int err = namei_parent(start, newname, &parent, name, NULL);
    if (err)
        return err;
    struct inode *dir = parent.dentry->inode, *inode = old->dentry->inode;
    inode_lock(dir);
    struct dentry *d;
    err = is_dot(name) ? 0 : namei_child(parent.dentry, name, strlen(name), true, &d);
    if (err == 0) {
        if (!is_dot(name))
            d_put(d);
        err = -EEXIST;
    } else if (err == -ENOENT) {
        if (parent.mnt != old->mnt)
            err = -EXDEV; /* link(2): not on the same mounted file system */
        else if ((err = may_link(inode)))
            ; /* EPERM: protected_hardlinks */
        else if (inode_is_dir(inode))
            err = -EPERM;
        else if (mnt_readonly(parent.mnt))
            err = -EROFS;
        else if (dir->nlink == 0 || (inode->nlink == 0 && d_unlinked(old->dentry) && !inode->linkable))
            err = -ENOENT; /* a removed file stays so, but for an O_TMPFILE one */
        else if ((err = may_create(dir)))
            ; /* EACCES */
        else if (!dir->ops || !dir->ops->link)
            err = -EPERM; /* a file system without hard links */
        else if (!(d = d_alloc(parent.dentry, name, strlen(name))))
            err = -ENOMEM;
        else {
            inode_lock(inode);
            err = dir->ops->link(old->dentry, dir, d);
            if (!err)
                inode->linkable = false; /* named now: Linux clears I_LINKABLE */
            inode_unlock(inode);
            if (!err)
                fsnotify_link(dir, inode, d);
            d_put(d);
        }
    }
    inode_unlock(dir);
    path_put(&parent);
    return err;
}

int vfs_unlink(const struct path *start, const char *pathname, bool want_dir)
{
    struct path parent;
    char name[NAME_MAX + 1];
    bool slash;
    int err = namei_parent(start, pathname, &parent, name, &slash);
    if (err)
        return err == -EEXIST ? (want_dir ? -EBUSY : -EISDIR) : err; /* the path "/" */
    if (is_dot(name)) {
        path_put(&parent);
        return want_dir ? (!strcmp(name, ".") ? -EINVAL : -ENOTEMPTY) : -EISDIR;
    }
    struct inode *dir = parent.dentry->inode;
    inode_lock(dir);
    struct dentry *d;
    err = namei_child(parent.dentry, name, strlen(name), true, &d);
    if (!err) {
        struct inode *inode = d->inode;
        if (mnt_readonly(parent.mnt))
            err = -EROFS;
        else if ((err = may_delete(dir, inode)))
            ; /* EACCES, or EPERM in a sticky directory */
        else if (want_dir && !inode_is_dir(inode))
            err = -ENOTDIR;
        else if (!want_dir && inode_is_dir(inode))
            err = -EISDIR;
        else if (!want_dir && slash)
            err = -ENOTDIR;
        else if (d->mounts)
            err = -EBUSY; /* a mount point */
        else if (want_dir && (dir->ops->empty ? !dir->ops->empty(inode, d) : d_has_children(d)))
            err = -ENOTEMPTY;
        else if (!(want_dir ? dir->ops->rmdir : dir->ops->unlink))
            err = -EPERM;
        if (!err) {
            inode_lock(inode);
            err = want_dir ? dir->ops->rmdir(dir, d) : dir->ops->unlink(dir, d);
            inode_unlock(inode);
            if (!err) {
                if (!want_dir)
                    fsnotify_link_count(inode);
                d_delete(d);
                fsnotify_delete(dir, d);
            }
        }
        d_put(d);
    }
    inode_unlock(dir);
    path_put(&parent);
    return err;
}

/* Locks the two parent directories of a rename, in inode.h's order. */
static void lock_two(struct dentry *a, struct dentry *b)
{
    if (a == b) {
        inode_lock(a->inode);
    } else if (d_is_ancestor(a, b) || (!d_is_ancestor(b, a) && a < b)) {
        inode_lock(a->inode);
        inode_lock(b->inode);
    } else {
        inode_lock(b->inode);
        inode_lock(a->inode);
    }
}

static void unlock_two(struct dentry *a, struct dentry *b)
{
    inode_unlock(a->inode);
    if (a != b)
        inode_unlock(b->inode);
}

static bool dir_empty(struct dentry *d)
{
    struct inode *dir = d->parent->inode;
    return dir->ops->empty ? dir->ops->empty(d->inode, d) : !d_has_children(d);
}

/* The checks of rename(2) once both names are looked up (dst may be a
 * new, negative dentry), in Linux's order. */
static int rename_checks(struct dentry *src, struct dentry *dst, struct dentry *odir, struct dentry *ndir,
                         unsigned flags, bool oslash, bool nslash)
{
    struct inode *si = src->inode, *di = dst->inode;
    (void)oslash, (void)nslash; /* checked before: the same file too */
    if ((flags & RENAME_EXCHANGE) && !di)
        return -ENOENT;
    if (inode_is_dir(si) && d_is_ancestor(src, ndir))
        return -EINVAL; /* into itself */
    if ((flags & RENAME_EXCHANGE) && inode_is_dir(di) && d_is_ancestor(dst, odir))
        return -EINVAL;
    if (!di)
        return 0;
    if (flags & RENAME_NOREPLACE)
        return -EEXIST;
    if (!(flags & RENAME_EXCHANGE)) {
        if (inode_is_dir(si) && !inode_is_dir(di))
            return -ENOTDIR;
        if (!inode_is_dir(si) && inode_is_dir(di))
            return -EISDIR;
        if (inode_is_dir(di) && !dir_empty(dst))
            return -ENOTEMPTY;
    }
    if (src->mounts || dst->mounts)
        return -EBUSY;
    return 0;
}

/* Linux's vfs_rename permission checks: the source may be deleted from
 * its directory, the target deleted or created in its one; a directory
 * moving to another parent must be writable (its ".." changes). */
static int rename_permission(struct dentry *src, struct dentry *dst, struct inode *oi, struct inode *ni,
                             unsigned flags)
{
    int err = may_delete(oi, src->inode);
    if (!err)
        err = dst->inode ? may_delete(ni, dst->inode) : may_create(ni);
    if (!err && oi != ni && inode_is_dir(src->inode))
        err = inode_permission(src->inode, MAY_WRITE);
    if (!err && oi != ni && (flags & RENAME_EXCHANGE) && dst->inode && inode_is_dir(dst->inode))
        err = inode_permission(dst->inode, MAY_WRITE);
    return err;
}

int vfs_rename(const struct path *ostart, const char *oldname, const struct path *nstart, const char *newname,
               unsigned flags)
{
    struct path op, np;
    char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
    bool oslash = false, nslash = false;
    int err = namei_parent(ostart, oldname, &op, oname, &oslash);
    if (err)
        return err == -EEXIST ? -EBUSY : err;
    err = namei_parent(nstart, newname, &np, nname, &nslash);
    if (err) {
        path_put(&op);
        return err == -EEXIST ? -EBUSY : err;
    }
    if (is_dot(oname) || is_dot(nname))
        err = -EBUSY;
    else if (op.mnt != np.mnt)
        err = -EXDEV; /* rename(2): not on the same mounted file system */
    else if (mnt_readonly(op.mnt))
        err = -EROFS;
    if (err) {
        path_put(&op);
        path_put(&np);
        return err;
    }
    struct super_block *sb = op.dentry->sb;
    struct dentry *odir = op.dentry, *ndir = np.dentry;
    struct inode *oi = odir->inode, *ni = ndir->inode;
    sleeplock_acquire(&sb->rename_lock);
    lock_two(odir, ndir);
    struct dentry *src = NULL, *dst = NULL;
    err = namei_child(odir, oname, strlen(oname), true, &src);
    if (!err) {
        err = namei_child(ndir, nname, strlen(nname), true, &dst);
        if (err == -ENOENT) { /* a new name: a dentry without an inode */
            dst = d_alloc(ndir, nname, strlen(nname));
            err = dst ? 0 : -ENOMEM;
        }
    }
    if (!err && (oslash || nslash) && !inode_is_dir(src->inode)) {
        err = -ENOTDIR; /* "name/" must be a directory, even the same file's */
    } else if (!err && (src == dst || (dst->inode && src->inode == dst->inode))) {
        err = 1; /* the same file: nothing to do (rename(2)) */
    } else if (!err) {
        err = rename_permission(src, dst, oi, ni, flags);
        if (!err)
            err = rename_checks(src, dst, odir, ndir, flags, oslash, nslash);
        if (!err && !oi->ops->rename)
            err = -EPERM;
        if (!err) {
            if (dst->inode && dst->inode != src->inode)
                inode_lock(dst->inode);
            err = oi->ops->rename(oi, src, ni, dst, flags);
            if (dst->inode && dst->inode != src->inode)
                inode_unlock(dst->inode);
        }
        if (!err) {
            if (flags & RENAME_EXCHANGE) {
                d_exchange(src, dst);
                fsnotify_move(oi, ni, oname, src, NULL);
                fsnotify_move(ni, oi, nname, dst, NULL);
            } else {
                struct inode *replaced = dst->inode;
                if (replaced)
                    d_delete(dst); /* the replaced file loses its name */
                d_move(src, dst);
                fsnotify_move(oi, ni, oname, src, replaced);
            }
        }
    }
    if (src)
        d_put(src);
    if (dst)
        d_put(dst);
    unlock_two(odir, ndir);
    sleeplock_release(&sb->rename_lock);
    path_put(&op);
    path_put(&np);
    return err == 1 ? 0 : err;
}
