/* namei.c - see namei.h. */
#include "fs/namei.h"

#include "fs/dentry.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/path_ref.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "uapi/errno.h"

struct path namei_root(void)
{
    struct proc *p = current();
    return p && p->root.mnt ? p->root : mount_root_path();
}

struct path namei_cwd(void)
{
    struct proc *p = current();
    return p && p->cwd.mnt ? p->cwd : mount_root_path();
}

long vfs_readlink(struct inode *link, char *buf, size_t size)
{
    if (link->ops && link->ops->readlink)
        return link->ops->readlink(link, buf, size);
    if (!link->link)
        return -EINVAL;
    size_t n = strlen(link->link);
    if (n > size)
        n = size;
    memcpy(buf, link->link, n);
    return (long)n;
}

/* Is the cached dentry d still what its name means? */
static bool still_valid(struct dentry *d)
{
    bool (*revalidate)(struct dentry *) = d->sb->ops->revalidate;
    if (!revalidate || revalidate(d))
        return true;
    d_delete(d); /* stale: forget the name, look it up anew */
    d_put(d);
    return false;
}

/* The dentry cache's child of dir named name (hash its d_hash),
 * referenced, when it is surely still right (no revalidate to ask, or
 * revalidate agrees); else NULL. */
static inline struct dentry *cached_child(struct dentry *dir, const char *name, size_t len, uint64_t hash)
{
    struct dentry *d = d_find_child(dir, name, len, hash);
    return !d || !(d->flags & D_REVALIDATE) || still_valid(d) ? d : NULL;
}

/* After a miss in the dentry cache: asks the file system (its lookup,
 * under dir's lock unless the caller holds it) and caches the answer.
 * A directory without lookup has every entry cached: ENOENT. */
static int lookup_child(struct dentry *dir, const char *name, size_t len, uint64_t hash, bool locked,
                        struct dentry **out)
{
    struct inode *di = dir->inode;
    if (!di->ops || !di->ops->lookup)
        return -ENOENT;
    if (!locked)
        inode_lock(di);
    /* Another process may have looked it up while this one waited. */
    struct dentry *d = cached_child(dir, name, len, hash);
    int err = 0;
    if (!d) {
        struct inode *inode;
        err = di->ops->lookup(di, name, len, &inode);
        if (!err) {
            d = d_alloc(dir, name, len);
            if (d)
                d_instantiate(d, inode);
            else {
                inode_put(inode);
                err = -ENOMEM;
            }
        }
    }
    if (!locked)
        inode_unlock(di);
    *out = err ? NULL : d;
    return err;
}

int namei_child(struct dentry *dir, const char *name, size_t len, bool locked, struct dentry **out)
{
    uint64_t hash = d_hash(name, len);
    if ((*out = cached_child(dir, name, len, hash)))
        return 0;
    return lookup_child(dir, name, len, hash, locked, out);
}

void namei_follow_mounts(struct path *p)
{
    while (p->dentry->mounts) {
        struct mount *m = mount_lookup(p->mnt, p->dentry);
        if (!m)
            return;
        path_put(p);
        p->mnt = m; /* mount_lookup's reference */
        p->dentry = d_get(m->root);
    }
}

struct walk {
    struct path cur;  /* referenced */
    struct path root; /* the process's root, or a scoped walk's: `..` stops there */
    int links;        /* symlinks followed so far */
    unsigned flags;   /* LOOKUP_NO_XDEV... */
};

/* Steps onto mounts on p: -EXDEV instead when the walk may not cross. */
static int enter_mounts(unsigned flags, struct path *p)
{
    struct mount *before = p->mnt;
    namei_follow_mounts(p);
    return (flags & LOOKUP_NO_XDEV) && p->mnt != before ? -EXDEV : 0;
}

static int step_dotdot(struct walk *w)
{
    for (;;) {
        if (path_equal(&w->cur, &w->root))
            return (w->flags & LOOKUP_BENEATH) ? -EXDEV : 0;
        if (w->cur.dentry != w->cur.mnt->root)
            break;
        struct mount *m = w->cur.mnt;
        if (m->parent == m)
            return 0; /* the top of the whole tree */
        if (w->flags & LOOKUP_NO_XDEV)
            return -EXDEV;
        /* Leave the mount: to its mountpoint, then above that. */
        struct path up = {mount_get(m->parent), d_get(m->mountpoint)};
        path_put(&w->cur);
        w->cur = up;
    }
    struct dentry *parent = d_get(w->cur.dentry->parent);
    d_put(w->cur.dentry);
    w->cur.dentry = parent;
    return enter_mounts(w->flags, &w->cur);
}

int namei_may_follow(unsigned flags, const struct inode *link, const struct path *at, const struct path *target)
{
    if (flags & LOOKUP_NO_SYMLINKS)
        return -ELOOP;
    if (!(link->ops && link->ops->follow))
        return 0; /* a symlink's text: its own walk checks where it goes */
    if (flags & LOOKUP_NO_MAGICLINKS)
        return -ELOOP;
    if ((flags & LOOKUP_NO_XDEV) && target && target->mnt != at->mnt)
        return -EXDEV;
    if (flags & LOOKUP_SCOPED)
        return -EXDEV; /* Linux: "not currently safe for scoped lookups" */
    return 0;
}

static int walk(struct walk *w, const char *path, unsigned flags);

/* The bytes that end a path component: one table look-up per byte
 * instead of two compares. */
static const bool ends_name[256] = {[0] = true, ['/'] = true};

/* Follows the symlink at link from w->cur (the directory holding it). */
static int follow_link(struct walk *w, const struct path *link)
{
    if (++w->links > MAXSYMLINKS)
        return -ELOOP;
    struct inode *inode = link->dentry->inode;
    if (inode->ops && inode->ops->follow) { /* a magic link: no text to walk */
        struct path target;
        int err = namei_may_follow(w->flags & ~LOOKUP_NO_XDEV, inode, &w->cur, NULL);
        if (!err)
            err = inode->ops->follow(inode, &target);
        if (err)
            return err;
        if ((err = namei_may_follow(w->flags, inode, &w->cur, &target))) {
            path_put(&target);
            return err;
        }
        path_put(&w->cur);
        w->cur = target;
        return 0;
    }
    /* The text on the heap: links nest up to MAXSYMLINKS deep and the
     * kernel stack is only 16 KiB. */
    char *target = kmalloc(PATH_MAX);
    if (!target)
        return -ENOMEM;
    long n = vfs_readlink(inode, target, PATH_MAX - 1);
    int err = n < 0 ? (int)n : 0;
    if (!err) {
        target[n] = '\0';
        err = walk(w, target, LOOKUP_FOLLOW);
    }
    kfree(target);
    return err;
}

static int walk(struct walk *w, const char *path, unsigned flags)
{
    if (!*path)
        return -ENOENT; /* Linux: the empty path names nothing */
    if (*path == '/') {
        /* Linux's nd_jump_root: a scoped walk never sees the real root;
         * NO_XDEV allows an absolute path argument, not a link's jump to
         * another mount. */
        if (w->flags & LOOKUP_BENEATH)
            return -EXDEV;
        if ((w->flags & LOOKUP_NO_XDEV) && w->links && w->cur.mnt != w->root.mnt)
            return -EXDEV;
        if (!path_equal(&w->cur, &w->root)) {
            path_put_inline(&w->cur);
            w->cur = w->root;
            path_get_inline(&w->cur);
        }
    }
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        /* The component and its hash in one pass, two bytes a step (the
         * second is read only when the first is not the end). */
        const char *name = p;
        uint64_t hash = D_HASH_INIT;
        for (;;) {
            uint8_t b0 = (uint8_t)p[0];
            if (ends_name[b0])
                break;
            uint8_t b1 = (uint8_t)p[1];
            if (ends_name[b1]) {
                hash = d_hash_step(hash, b0);
                p++;
                break;
            }
            hash = d_hash_step(hash, b0 | (unsigned)b1 << 8);
            p += 2;
        }
        size_t len = (size_t)(p - name);
        if (len > NAME_MAX)
            return -ENAMETOOLONG;
        struct inode *dir = w->cur.dentry->inode;
        if (!inode_is_dir(dir))
            return -ENOTDIR;
        int err = inode_permission(dir, MAY_EXEC); /* search permission */
        if (err)
            return err;
        if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))) {
            if (len == 2 && (err = step_dotdot(w)))
                return err;
            continue;
        }
        const char *rest = p;
        while (*rest == '/')
            rest++;
        bool last = !*rest;
        const char *end = p; /* the component's end: p moves on to rest below */
        p = rest;
        /* The dentry cache first; the file system only on a miss. With
         * RESOLVE_CACHED a miss is ENOENT when the directory has no
         * lookup (its cache is complete, tmpfs), else EAGAIN: finding
         * the name would ask the file system. */
        struct dentry *child = cached_child(w->cur.dentry, name, len, hash);
        if (!child) {
            if (w->flags & LOOKUP_CACHED)
                return dir->ops && dir->ops->lookup ? -EAGAIN : -ENOENT;
            if ((err = lookup_child(w->cur.dentry, name, len, hash, false, &child)))
                return err;
        }
        /* next shares cur's mount reference while it stays on that mount
         * and cur goes next: one reference fewer to take and drop per
         * step. A mount crossing or a link to follow takes its own. */
        struct path next = {w->cur.mnt, child};
        bool own_mnt = false;
        if (child->mounts) {
            mount_get(next.mnt);
            own_mnt = true;
            if ((err = enter_mounts(w->flags, &next))) {
                path_put_inline(&next);
                return err;
            }
        }
        /* A trailing slash follows the last component's link (end != rest). */
        if (inode_is_link(next.dentry->inode) && (!last || (flags & LOOKUP_FOLLOW) || end != rest)) {
            if (!own_mnt)
                mount_get(next.mnt); /* cur stays: next needs its own */
            err = namei_may_follow(w->flags & ~LOOKUP_NO_XDEV, next.dentry->inode, &w->cur, NULL);
            if (!err)
                err = follow_link(w, &next);
            path_put_inline(&next);
            if (err)
                return err;
            continue;
        }
        if (own_mnt)
            path_put_inline(&w->cur);
        else
            d_put(w->cur.dentry); /* its mount reference is next's now */
        w->cur = next;
    }
    bool trailing_slash = p[-1] == '/'; /* p is at the path's end, and the path is not empty */
    if ((flags & LOOKUP_DIRECTORY) || trailing_slash)
        if (!inode_is_dir(w->cur.dentry->inode))
            return -ENOTDIR;
    return 0;
}

int namei(const struct path *start, const char *path, unsigned flags, struct path *out)
{
    return namei_scoped(start, NULL, path, flags, out);
}

/* Runs w (its cur referenced) over path: 0 with *out the end, or the
 * error with cur's reference dropped. */
static int walk_to(struct walk *w, const char *path, unsigned flags, struct path *out)
{
    int err = walk(w, path, flags);
    if (err) {
        path_put_inline(&w->cur);
        return err;
    }
    *out = w->cur;
    return 0;
}

int namei_from(struct path *start, const char *path, unsigned flags, struct path *out)
{
    struct walk w = {.cur = *start, .root = namei_root(), .flags = flags}; /* start's reference is the walk's */
    return walk_to(&w, path, flags, out);
}

int namei_scoped(const struct path *start, const struct path *scope, const char *path, unsigned flags,
                 struct path *out)
{
    if (!*path && (flags & LOOKUP_EMPTY)) {
        *out = *start;
        path_get(out);
        return 0;
    }
    struct walk w = {.cur = *start, .root = namei_root(), .flags = flags};
    if (flags & LOOKUP_SCOPED)
        w.root = scope ? *scope : *start;
    path_get(&w.cur);
    return walk_to(&w, path, flags, out);
}

int namei_parent(const struct path *start, const char *path, struct path *parent, char last[NAME_MAX + 1],
                 bool *trailing_slash)
{
    return namei_parent_scoped(start, NULL, path, 0, parent, last, trailing_slash);
}

int namei_parent_scoped(const struct path *start, const struct path *scope, const char *path, unsigned flags,
                        struct path *parent, char last[NAME_MAX + 1], bool *trailing_slash)
{
    size_t len = strnlen(path, PATH_MAX);
    if (len >= PATH_MAX)
        return -ENAMETOOLONG;
    if (len == 0)
        return -ENOENT;
    bool slash = false;
    while (len > 1 && path[len - 1] == '/') {
        len--;
        slash = true;
    }
    if (trailing_slash)
        *trailing_slash = slash;
    size_t name = len;
    while (name > 0 && path[name - 1] != '/')
        name--;
    size_t nl = len - name;
    if (nl == 0)
        return -EEXIST; /* the path is "/" */
    if (nl > NAME_MAX)
        return -ENAMETOOLONG;
    memcpy(last, path + name, nl);
    last[nl] = '\0';
    int err;
    if (name == 0) {
        *parent = *start;
        path_get(parent);
        err = 0;
    } else {
        char *dir = kmalloc(name + 1);
        if (!dir)
            return -ENOMEM;
        memcpy(dir, path, name);
        dir[name] = '\0'; /* keeps its slash: "a/b/" walks a/b as a directory, "/x" walks "/" */
        err = namei_scoped(start, scope ? scope : start, dir, LOOKUP_FOLLOW | flags, parent);
        kfree(dir);
    }
    if (!err && !inode_is_dir(parent->dentry->inode)) {
        path_put(parent);
        err = -ENOTDIR;
    }
    return err;
}

/* Puts "/" name in front of buf[*pos..]; false when it does not fit. */
static bool prepend(char *buf, size_t *pos, const char *name, size_t len)
{
    if (len + 1 > *pos)
        return false;
    *pos -= len;
    memcpy(buf + *pos, name, len);
    buf[--*pos] = '/';
    return true;
}

/* Moves the text built at buf[pos..size-1) to the front ("/" if empty). */
static long finish(char *buf, size_t pos, size_t size)
{
    if (pos == size - 1) {
        if (pos == 0)
            return -ENAMETOOLONG;
        buf[--pos] = '/';
    }
    size_t len = size - 1 - pos;
    memmove(buf, buf + pos, len + 1);
    return (long)len;
}

long path_to_string(const struct path *p, char *buf, size_t size, bool deleted_suffix)
{
    struct path root = namei_root(), cur = *p;
    size_t pos = size - 1;
    buf[pos] = '\0';
    for (;;) {
        if (path_equal(&cur, &root))
            break;
        if (cur.dentry == cur.mnt->root) {
            if (cur.mnt->parent == cur.mnt)
                break; /* the top of the tree: the path is shown from there */
            cur = (struct path){cur.mnt->parent, cur.mnt->mountpoint};
            continue;
        }
        if (!prepend(buf, &pos, cur.dentry->name, cur.dentry->namelen))
            return -ENAMETOOLONG;
        cur.dentry = cur.dentry->parent;
    }
    long len = finish(buf, pos, size);
    if (len >= 0 && deleted_suffix && d_unlinked(p->dentry)) {
        static const char suffix[] = " (deleted)";
        if ((size_t)len + sizeof suffix > size)
            return -ENAMETOOLONG;
        memcpy(buf + len, suffix, sizeof suffix);
        len += (long)sizeof suffix - 1;
    }
    return len;
}

bool path_reachable(const struct path *p)
{
    struct path root = namei_root(), cur = *p;
    for (;;) {
        if (path_equal(&cur, &root))
            return true;
        if (cur.dentry == cur.mnt->root) {
            if (cur.mnt->parent == cur.mnt)
                return false; /* the top of the tree, and the root was not on the way */
            cur = (struct path){cur.mnt->parent, cur.mnt->mountpoint};
            continue;
        }
        cur.dentry = cur.dentry->parent;
    }
}

long dentry_path_in_sb(const struct path *p, char *buf, size_t size)
{
    size_t pos = size - 1;
    buf[pos] = '\0';
    for (const struct dentry *d = p->dentry; d->parent != d; d = d->parent)
        if (!prepend(buf, &pos, d->name, d->namelen))
            return -ENAMETOOLONG;
    return finish(buf, pos, size);
}
