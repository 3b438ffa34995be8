/* ramfs.c - see ramfs.h. */
#include "fs/ramfs.h"

#include <stdbool.h>

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "time/clock.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

static struct inode *root;
static uint64_t next_ino = 1;

static struct inode *new_inode(const char *name, size_t len, uint32_t mode)
{
    struct inode *n = kzalloc(sizeof *n);
    char *copy = kmalloc(len + 1);
    if (!n || !copy) {
        kfree(n);
        kfree(copy);
        return NULL;
    }
    memcpy(copy, name, len);
    copy[len] = '\0';
    n->name = copy;
    n->mode = mode;
    n->ino = next_ino++;
    n->nlink = (mode & S_IFMT) == S_IFDIR ? 2 : 1;
    n->fops = (mode & S_IFMT) == S_IFDIR ? &ramfs_dir_ops : &ramfs_file_ops;
    n->counted = true;
    n->refs = 1; /* the directory entry */
    n->mtime = clock_realtime_ns() / 1000000000;
    return n;
}

void inode_free(struct inode *n)
{
    if (n->owned)
        kfree((char *)n->data);
    kfree(n->name);
    kfree(n);
}

struct inode *ramfs_root(void)
{
    if (!root) {
        root = new_inode("", 0, S_IFDIR | 0755);
        if (root)
            root->parent = root;
    }
    return root;
}

struct inode *ramfs_child(struct inode *dir, const char *name, uint64_t namelen)
{
    for (struct inode *c = dir->children; c; c = c->sibling)
        if (strlen(c->name) == namelen && memcmp(c->name, name, namelen) == 0)
            return c;
    return NULL;
}

void ramfs_detach(struct inode *dir, struct inode *child)
{
    for (struct inode **pp = &dir->children; *pp; pp = &(*pp)->sibling) {
        if (*pp == child) {
            *pp = child->sibling;
            break;
        }
    }
    child->sibling = NULL;
    if ((child->mode & S_IFMT) == S_IFDIR) {
        dir->nlink--;
        child->nlink = 0;
    } else {
        child->nlink--;
    }
    dir->mtime = clock_realtime_ns() / 1000000000;
    inode_put(child); /* the entry's reference */
}

int ramfs_attach(struct inode *dir, struct inode *child, const char *name)
{
    size_t len = strlen(name);
    char *copy = kmalloc(len + 1);
    if (!copy)
        return -ENOMEM;
    memcpy(copy, name, len + 1);
    kfree(child->name);
    child->name = copy;
    child->parent = dir;
    struct inode **pp = &dir->children;
    while (*pp)
        pp = &(*pp)->sibling;
    *pp = child;
    child->sibling = NULL;
    if ((child->mode & S_IFMT) == S_IFDIR) {
        dir->nlink++;
        child->nlink = 2;
    } else {
        child->nlink++;
    }
    inode_get(child);
    dir->mtime = clock_realtime_ns() / 1000000000;
    return 0;
}

struct inode *ramfs_create(struct inode *dir, const char *name, uint32_t mode, int *err)
{
    if ((dir->mode & S_IFMT) != S_IFDIR) {
        *err = -ENOTDIR;
        return NULL;
    }
    size_t len = strlen(name);
    struct inode *old = ramfs_child(dir, name, len);
    if (old) {
        if ((old->mode & S_IFMT) == S_IFDIR && (mode & S_IFMT) == S_IFDIR)
            return old;
        *err = -EEXIST;
        return NULL;
    }
    struct inode *n = new_inode(name, len, mode);
    if (!n) {
        *err = -ENOMEM;
        return NULL;
    }
    n->parent = dir;
    /* Keep entries in creation order: append. */
    struct inode **pp = &dir->children;
    while (*pp)
        pp = &(*pp)->sibling;
    *pp = n;
    if ((mode & S_IFMT) == S_IFDIR)
        dir->nlink++;
    return n;
}

/* Walks path from start; depth counts symlinks followed so far. */
static int walk(struct inode *cwd, const char *path, int follow_last, int depth, struct inode **out)
{
    if (depth > SYMLOOP_MAX)
        return -ELOOP;
    if (!*path)
        return -ENOENT; /* Linux: the empty path names nothing */
    struct inode *cur = *path == '/' ? ramfs_root() : cwd;
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - start);
        if (len > 255)
            return -ENAMETOOLONG;
        if ((cur->mode & S_IFMT) != S_IFDIR)
            return -ENOTDIR;
        struct inode *next;
        if (len == 1 && start[0] == '.')
            next = cur;
        else if (len == 2 && start[0] == '.' && start[1] == '.')
            next = cur->parent;
        else {
            if (cur->refresh)
                cur->refresh(cur);
            next = ramfs_child(cur, start, len);
        }
        if (!next)
            return -ENOENT;
        const char *rest = p;
        while (*rest == '/')
            rest++;
        bool last = !*rest;
        bool follow = (next->mode & S_IFMT) == S_IFLNK && (!last || follow_last || *p == '/');
        if (follow && next->jump) {
            int err = next->jump(next, &next); /* a magic link: no text to walk */
            if (err)
                return err;
        } else if (follow) {
            /* Resolve the link relative to the directory holding it. The
             * copy is on the heap: links nest up to SYMLOOP_MAX deep and
             * the kernel stack is only 16 KiB. */
            char *target = kmalloc(PATH_MAX);
            if (!target)
                return -ENOMEM;
            long tl = ramfs_link_target(next, target, PATH_MAX);
            int err = tl < 0 ? (int)tl : walk(cur, target, 1, depth + 1, &next);
            kfree(target);
            if (err)
                return err;
        }
        cur = next;
    }
    *out = cur;
    return 0;
}

int ramfs_lookup(struct inode *cwd, const char *path, int follow_last, struct inode **out)
{
    if (strnlen(path, PATH_MAX) >= PATH_MAX)
        return -ENAMETOOLONG;
    return walk(cwd ? cwd : ramfs_root(), path, follow_last, 0, out);
}

long ramfs_link_target(const struct inode *link, char *buf, size_t size)
{
    if (link->priv) { /* a /proc link: its target depends on who asks */
        long (*target)(const struct inode *, char *, size_t) =
            (long (*)(const struct inode *, char *, size_t))link->priv;
        return target(link, buf, size);
    }
    size_t n = link->size < size - 1 ? link->size : size - 1;
    memcpy(buf, link->data, n);
    buf[n] = '\0';
    return (long)n;
}

long ramfs_path_of(const struct inode *n, char *buf, size_t size)
{
    /* Build it backwards from the end of buf, then move it to the front. */
    size_t pos = size - 1;
    buf[pos] = '\0';
    for (const struct inode *root = ramfs_root(); n != root; n = n->parent) {
        size_t len = strlen(n->name);
        if (len + 1 > pos)
            return -ENAMETOOLONG;
        pos -= len;
        memcpy(buf + pos, n->name, len);
        buf[--pos] = '/';
    }
    if (pos == size - 1)
        buf[--pos] = '/';
    size_t len = size - 1 - pos;
    memmove(buf, buf + pos, len + 1);
    return (long)len;
}

struct inode *ramfs_mkpath(const char *path, uint32_t mode, int *err)
{
    struct inode *dir = ramfs_root();
    if (!dir) {
        *err = -ENOMEM;
        return NULL;
    }
    char part[256];
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - start);
        if (len == 0)
            return dir; /* path was "" or "/" */
        if (len >= sizeof part) {
            *err = -ENAMETOOLONG;
            return NULL;
        }
        memcpy(part, start, len);
        part[len] = '\0';
        while (*p == '/')
            p++;
        bool last = !*p;
        struct inode *n = ramfs_create(dir, part, last ? mode : (S_IFDIR | 0755), err);
        if (!n)
            return NULL;
        if (last)
            return n;
        dir = n;
    }
}

/* --- regular files: contents live in n->data (the initramfs image) --- */

static long file_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct inode *ino = f->inode;
    if (f->pos >= ino->size)
        return 0;
    size_t avail = ino->size - f->pos;
    if (n > avail)
        n = avail;
    if (copy_to_user(ubuf, ino->data + f->pos, n))
        return -EFAULT;
    f->pos += n;
    return (long)n;
}

int ramfs_resize(struct inode *ino, uint64_t size)
{
    if (size > RAMFS_FILE_MAX)
        return -EFBIG;
    if (!ino->owned || size > ino->capacity) {
        /* Grow geometrically; the first write copies initramfs data out. */
        uint64_t cap = ino->owned ? ino->capacity : 0;
        if (cap < size)
            cap = size < 64 ? 64 : size;
        if (ino->owned && cap < ino->capacity * 2 && ino->capacity * 2 <= RAMFS_FILE_MAX)
            cap = ino->capacity * 2 > size ? ino->capacity * 2 : size;
        char *d = kmalloc(cap);
        if (!d)
            return -ENOSPC;
        uint64_t keep = ino->size < size ? ino->size : size;
        if (keep)
            memcpy(d, ino->data, keep);
        if (ino->owned)
            kfree((char *)ino->data);
        ino->data = d;
        ino->capacity = cap;
        ino->owned = true;
    }
    if (size > ino->size)
        memset((char *)ino->data + ino->size, 0, size - ino->size); /* a hole reads as zeros */
    ino->size = size;
    ino->mtime = clock_realtime_ns() / 1000000000;
    return 0;
}

static long file_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct inode *ino = f->inode;
    if (f->flags & O_APPEND)
        f->pos = ino->size;
    if (n == 0)
        return 0;
    if (f->pos > RAMFS_FILE_MAX || n > RAMFS_FILE_MAX - f->pos)
        return -EFBIG;
    uint64_t end = f->pos + n;
    if (end > ino->size) {
        int err = ramfs_resize(ino, end);
        if (err)
            return err;
    } else if (!ino->owned) {
        int err = ramfs_resize(ino, ino->size); /* take a private copy first */
        if (err)
            return err;
    }
    if (copy_from_user((char *)ino->data + f->pos, ubuf, n))
        return -EFAULT;
    f->pos = end;
    ino->mtime = clock_realtime_ns() / 1000000000;
    return (long)n;
}

static long file_lseek(struct file *f, int64_t off, int whence)
{
    int64_t base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)f->pos; break;
    case SEEK_END: base = (int64_t)f->inode->size; break;
    default: return -EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    return (long)f->pos;
}

const struct file_ops ramfs_file_ops = {.read = file_read, .write = file_write, .lseek = file_lseek};

static long dir_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return -EISDIR;
}

const struct file_ops ramfs_dir_ops = {.read = dir_read, .lseek = file_lseek};

void ramfs_ensure_dir(const char *path, uint32_t mode)
{
    struct inode *n;
    if (ramfs_lookup(NULL, path, 1, &n) == 0)
        return;
    int err = 0;
    n = ramfs_mkpath(path, S_IFDIR | mode, &err);
    if (n)
        n->mode = S_IFDIR | mode;
}
