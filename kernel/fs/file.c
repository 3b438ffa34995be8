/* file.c - open-file objects and their reference counts (file.h). */
#include "fs/file.h"

#include "fs/dnotify.h"
#include "fs/filemap.h"
#include "fs/fsnotify.h"
#include "fs/inode.h"
#include "fs/lease.h"
#include "fs/lock.h"
#include "fs/super.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

struct file *file_new(struct inode *inode, const struct file_ops *ops, uint32_t flags)
{
    struct file *f = kmalloc(sizeof *f);
    if (!f)
        return NULL;
    *f = (struct file){.ops = ops, .inode = inode, .flags = flags, .refs = 1}; /* the rest zero */
    if (inode && !(inode->sb->flags & SB_PSEUDO)) {
        inode_get(inode); /* pseudo inodes live as long as their object */
        if (file_writable(f))
            inode->open_writers++;
        else if (file_readable(f))
            inode->open_readers++;
    }
    return f;
}

struct file *file_open(const struct path *path, uint32_t flags, int *err)
{
    path_get(path);
    return file_open_owned(path, flags, err);
}

struct file *file_open_owned(const struct path *path, uint32_t flags, int *err)
{
    static const struct file_ops path_only_ops; /* O_PATH: a handle, no I/O */
    struct inode *inode = path->dentry->inode;
    const struct file_ops *ops = (flags & O_PATH) ? &path_only_ops : inode->fops;
    if (!ops) {
        /* Sockets and anonymous inodes reached through a /proc/PID/fd
         * magic link cannot be opened again: Linux's no_open, ENXIO. */
        *err = -ENXIO;
        path_put(path);
        return NULL;
    }
    struct file *f = file_new(inode, ops, flags);
    if (!f) {
        *err = -ENOMEM;
        path_put(path);
        return NULL;
    }
    f->path = *path; /* the caller's reference, now the file's */
    if (f->ops->open) {
        int e = f->ops->open(f);
        if (e) {
            f->ops = NULL; /* no release for a file that never opened */
            file_put(f);
            *err = e;
            return NULL;
        }
    }
    return f;
}

void file_close(struct file *f)
{
    if (f->ops && f->ops->flush)
        f->ops->flush(f);
    lock_close(f);
    if (fsnotify_marks_total)
        dnotify_close(f); /* Linux's dnotify_flush */
    file_put(f);
}

void file_release(struct file *f)
{
    if (f->ops)
        fsnotify_close(f); /* not for a file whose open failed (ops NULL) */
    lock_release(f);
    lease_release(f);
    if (fsnotify_marks_total)
        dnotify_close(f);
    if ((f->flags & O_ASYNC) && f->ops && f->ops->fasync)
        f->ops->fasync(f, -1, false); /* off the object's signal list, as Linux's __fput */
    /* A pseudo inode lives in the object release frees: look first. */
    bool counted = f->inode && !(f->inode->sb->flags & SB_PSEUDO);
    if (counted && file_writable(f))
        f->inode->open_writers--;
    else if (counted && file_readable(f))
        f->inode->open_readers--;
    if (f->ops && f->ops->release)
        f->ops->release(f);
    if (counted)
        inode_put(f->inode);
    path_put(&f->path);
    kfree(f);
}

unsigned vfs_poll(struct file *f)
{
    return f->ops && f->ops->poll ? f->ops->poll(f) : (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
}

long kernel_read(struct inode *inode, uint64_t off, void *buf, size_t n)
{
    return filemap_read_kernel(inode, off, buf, n);
}

long default_llseek(struct file *f, int64_t off, int whence)
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
