/* file.c - open-file objects and their reference counts (file.h). */
#include "fs/file.h"

#include "fs/filemap.h"
#include "fs/inode.h"
#include "fs/lock.h"
#include "fs/super.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

struct file *file_new(struct inode *inode, const struct file_ops *ops, uint32_t flags)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return NULL;
    f->ops = ops;
    f->inode = inode;
    if (inode && !(inode->sb->flags & SB_PSEUDO))
        inode_get(inode); /* pseudo inodes live as long as their object */
    f->flags = flags;
    f->refs = 1;
    return f;
}

struct file *file_open(const struct path *path, uint32_t flags, int *err)
{
    static const struct file_ops path_only_ops; /* O_PATH: a handle, no I/O */
    struct inode *inode = path->dentry->inode;
    const struct file_ops *ops = (flags & O_PATH) ? &path_only_ops : inode->fops;
    if (!ops) {
        /* Sockets and anonymous inodes reached through a /proc/PID/fd
         * magic link cannot be opened again: Linux's no_open, ENXIO. */
        *err = -ENXIO;
        return NULL;
    }
    struct file *f = file_new(inode, ops, flags);
    if (!f) {
        *err = -ENOMEM;
        return NULL;
    }
    f->path = *path;
    path_get(path);
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
    file_put(f);
}

void file_release(struct file *f)
{
    lock_release(f);
    /* A pseudo inode lives in the object release frees: look first. */
    bool counted = f->inode && !(f->inode->sb->flags & SB_PSEUDO);
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
