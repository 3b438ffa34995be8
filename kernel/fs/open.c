/*
 * open.c - open(2) on the VFS (vfs_ops.h): resolving or creating the
 * name, the checks on the kind of file and the flags, O_TRUNC, and the
 * new open file. Errors in Linux's order (fs/namei.c do_open).
 */
#include "fs/vfs_ops.h"

#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/filemap.h"
#include "fs/fsnotify.h"
#include "fs/inode.h"
#include "fs/lease.h"
#include "fs/mount.h"
#include "fs/namei.h"
#include "fs/permission.h"
#include "fs/tmpfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* The flags an open file keeps (the rest only matter while opening). */
#define KEPT_FLAGS(f) ((uint32_t)(f) & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC | VFS_OPEN_EXEC | VFS_OPEN_EMPTY))

/* One step of O_CREAT: finds or makes the last component of pathname
 * from start. 0 with *out (referenced) the file, and *link_parent
 * {NULL} - or, when the name is a symlink to follow (not O_NOFOLLOW nor
 * O_EXCL), 0 with *out the link and *link_parent its directory (both
 * referenced) for the caller to go on from. */
static int create_step(const struct path *start, const struct path *scope, unsigned lookup, const char *pathname,
                       int flags, uint32_t mode, struct path *out, struct path *link_parent, bool *made)
{
    struct path parent;
    char name[NAME_MAX + 1];
    bool slash;
    *link_parent = (struct path){NULL, NULL};
    int err = namei_parent_scoped(start, scope, pathname, lookup, &parent, name, &slash);
    if (err)
        return err == -EEXIST ? -EISDIR : err; /* open("/", O_CREAT) */
    if (slash || !strcmp(name, ".") || !strcmp(name, "..")) {
        path_put(&parent);
        return -EISDIR;
    }
    struct inode *dir = parent.dentry->inode;
    inode_lock(dir);
    struct dentry *d;
    bool created = false;
    err = namei_child(parent.dentry, name, strlen(name), true, &d);
    if (err == -ENOENT) {
        if (!dir->ops || !dir->ops->create)
            err = -EACCES; /* Linux's lookup_open: a directory that cannot hold files */
        else if (!(err = may_create(dir)))
            err = vfs_make_locked(&parent, name, S_IFREG | (mode & 07777), 0, &d);
        created = !err;
        *made = created;
    }
    inode_unlock(dir);
    if (err) {
        path_put(&parent);
        return err;
    }
    *out = (struct path){mount_get(parent.mnt), d};
    if (!created && (flags & O_EXCL)) {
        path_put(out);
        err = -EEXIST;
    } else if (!created && inode_is_link(d->inode) && !(flags & O_NOFOLLOW)) {
        *link_parent = parent; /* the caller follows it from here */
        return 0;
    } else if (!created) {
        struct mount *before = out->mnt;
        namei_follow_mounts(out);
        if ((lookup & LOOKUP_NO_XDEV) && out->mnt != before) {
            path_put(out);
            err = -EXDEV;
        }
    }
    path_put(&parent);
    return err;
}

/* O_CREAT: finds or makes the last component of pathname. A symlink
 * there is followed (unless O_NOFOLLOW or O_EXCL), even a dangling one:
 * then its target is created, as Linux does - a magic link jumps, a
 * symlink's text is opened (and created) relative to the directory
 * holding it, up to MAXSYMLINKS of them. A loop, not a recursion: the
 * kernel stack holds 16 KiB. */
static int open_create(const struct path *start, unsigned lookup, const char *pathname, int flags, uint32_t mode,
                       struct path *out, bool *made)
{
    struct path base = *start, link_dir;
    path_get(&base);
    char *text = NULL; /* the link text being followed */
    const char *cur = pathname;
    int err;
    for (int links = 0;; links++) {
        err = create_step(&base, start, lookup, cur, flags, mode, out, &link_dir, made);
        if (err || !link_dir.dentry)
            break;
        struct inode *link = out->dentry->inode;
        if (links >= MAXSYMLINKS) {
            err = -ELOOP;
        } else if ((err = namei_may_follow(lookup & ~LOOKUP_NO_XDEV, link, &link_dir, NULL))) {
            ; /* RESOLVE_NO_SYMLINKS, NO_MAGICLINKS, scoped */
        } else if (link->ops && link->ops->follow) {
            struct path target;
            err = link->ops->follow(link, &target);
            if (!err && (err = namei_may_follow(lookup, link, &link_dir, &target)))
                path_put(&target);
            if (!err) {
                path_put(out);
                *out = target;
                path_put(&link_dir);
                break;
            }
        } else {
            char *next = kmalloc(PATH_MAX);
            long n = next ? vfs_readlink(link, next, PATH_MAX - 1) : -ENOMEM;
            /* An absolute link jumps to the root: not across mounts
             * under RESOLVE_NO_XDEV (Linux's nd_jump_root). */
            if (n > 0 && next[0] == '/' && (lookup & LOOKUP_NO_XDEV) &&
                link_dir.mnt != ((lookup & LOOKUP_SCOPED) ? start->mnt : namei_root().mnt))
                n = -EXDEV;
            if (n >= 0) {
                next[n] = '\0';
                kfree(text);
                cur = text = next;
                path_put(out);
                path_put(&base);
                base = link_dir; /* its reference moves over */
                continue;
            }
            kfree(next);
            err = (int)n;
        }
        path_put(out);
        path_put(&link_dir);
        break;
    }
    kfree(text);
    path_put(&base);
    return err;
}

/* O_TRUNC of a regular file opened for writing. */
#define TRUNCATE_VALID (ATTR_SIZE | ATTR_MTIME | ATTR_CTIME)
static int truncate_on_open(const struct path *p)
{
    struct inode *inode = p->dentry->inode;
    inode_lock(inode);
    int err = 0;
    if (inode->size) {
        struct iattr a = {.valid = TRUNCATE_VALID, .size = 0};
        a.mtime = inode_now();
        err = inode_change(inode, &a);
    }
    inode_unlock(inode);
    return err;
}

/* The permission open asks for: reading and writing as the access mode
 * says, writing for O_TRUNC (Linux's may_open), executing for execve. A
 * file the open just created is not checked: its mode may forbid what
 * its creator does. */
static int may_open(const struct inode *inode, int flags)
{
    if (flags & VFS_OPEN_EXEC)
        return inode_permission(inode, MAY_EXEC);
    int mask = 0;
    if ((flags & O_ACCMODE) != O_WRONLY)
        mask |= MAY_READ;
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
        mask |= MAY_WRITE;
    return inode_permission(inode, mask);
}

/* O_TMPFILE (open(2)): an unnamed regular file in the directory at
 * pathname, on tmpfs only (EOPNOTSUPP elsewhere); linkat may give it a
 * name later unless O_EXCL. Its dentry is on no list, so its path shows
 * "#INO (deleted)" as Linux's. */
static int open_tmpfile(const struct path *start, const char *pathname, int flags, uint32_t mode, struct file **out)
{
    if ((flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE || (flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL; /* build_open_flags: with O_DIRECTORY, without O_CREAT, for writing */
    struct path p;
    int err = namei(start, pathname, LOOKUP_FOLLOW, &p);
    if (err)
        return err;
    struct inode *dir = p.dentry->inode, *inode = NULL;
    if (!inode_is_dir(dir))
        err = -ENOTDIR;
    else if ((err = inode_permission(dir, MAY_WRITE | MAY_EXEC)))
        ; /* EACCES */
    else if (mnt_readonly(p.mnt))
        err = -EROFS;
    else
        err = tmpfs_tmpfile(dir, mode, &inode);
    struct dentry *d = NULL;
    if (!err) {
        char name[32];
        int len = ksnprintf(name, sizeof name, "#%lu", (unsigned long)inode->ino);
        d = d_alloc(p.dentry, name, (size_t)len);
        if (!d) {
            inode_put(inode);
            err = -ENOMEM;
        }
    }
    if (!err) {
        d->inode = inode; /* the dentry keeps the inode's reference */
        inode->linkable = !(flags & O_EXCL);
        struct path tp = {mount_get(p.mnt), d};
        struct file *f = file_open(&tp, KEPT_FLAGS(flags), &err);
        path_put(&tp);
        if (f)
            *out = f;
    }
    path_put(&p);
    return err;
}

int vfs_open(const struct path *start, const char *pathname, int flags, uint32_t mode, struct file **out)
{
    return vfs_open_how(start, pathname, flags, mode, 0, out);
}

int vfs_open_how(const struct path *start, const char *pathname, int flags, uint32_t mode, unsigned lookup,
                 struct file **out)
{
    if (flags & __O_TMPFILE)
        return open_tmpfile(start, pathname, flags, mode, out);
    struct path p;
    bool created = false;
    int err = (flags & O_CREAT) ? open_create(start, lookup, pathname, flags, mode, &p, &created)
                                : namei_scoped(start, start, pathname,
                                               lookup | ((flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
                                                   ((flags & VFS_OPEN_EMPTY) ? LOOKUP_EMPTY : 0),
                                               &p);
    if (err)
        return err;
    struct inode *inode = p.dentry->inode;
    uint32_t type = inode->mode & S_IFMT;
    bool wants_write = (flags & O_ACCMODE) != O_RDONLY;
    if (type == S_IFLNK && !(flags & O_PATH))
        err = -ELOOP; /* O_NOFOLLOW on a link */
    else if ((flags & O_DIRECTORY) && type != S_IFDIR)
        err = -ENOTDIR;
    else if ((flags & O_ACCMODE) == O_ACCMODE)
        err = -EINVAL;
    else if (type == S_IFDIR && !(flags & O_PATH) && (wants_write || (flags & (O_TRUNC | O_CREAT))))
        err = -EISDIR;
    else if (!(flags & O_PATH) && !created && (err = may_open(inode, flags)))
        ; /* EACCES */
    else if (!(flags & O_PATH) && (wants_write || (flags & O_TRUNC)) && (type == S_IFREG || type == S_IFDIR) &&
             mnt_readonly(p.mnt))
        err = -EROFS;
    else if ((flags & O_NOATIME) && !(flags & O_PATH) && !inode_owner_or_capable(inode))
        err = -EPERM; /* may_open: only the owner may keep atime still */
    /* A lease that conflicts is broken first: its holder is told and
     * given time (lease.h). */
    if (!err && type == S_IFREG && !(flags & O_PATH) && (wants_write || (flags & O_TRUNC)))
        err = inode_write_allowed(inode); /* ETXTBSY: a process runs it */
    if (!err && type == S_IFREG && !(flags & O_PATH))
        err = lease_break(inode, (uint32_t)flags);
    if (!err && type == S_IFREG && (flags & O_TRUNC) && wants_write && !(flags & O_PATH))
        err = truncate_on_open(&p);
    if (err) {
        path_put(&p);
        return err;
    }
    struct file *f = file_open_owned(&p, KEPT_FLAGS(flags), &err); /* p's reference goes to f */
    if (f) {
        /* IN_OPEN, then (a file that existed) the truncation's IN_MODIFY
         * even when it was empty already: Linux's order since 6.5
         * (do_open: vfs_open, then handle_truncate). */
        fsnotify_open(f);
        if (type == S_IFREG && (flags & O_TRUNC) && wants_write && !(flags & O_PATH) && !created)
            fsnotify_change(&f->path, inode, TRUNCATE_VALID);
        *out = f;
    }
    return err;
}
