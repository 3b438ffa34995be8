/* file.c - open-file objects and their reference counts (vfs.h). */
#include "fs/vfs.h"

#include "fs/lock.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/poll.h"

void inode_free(struct inode *inode); /* ramfs.c */

void inode_get(struct inode *inode)
{
    if (inode->counted)
        inode->refs++;
}

void inode_put(struct inode *inode)
{
    if (inode->counted && --inode->refs == 0)
        inode_free(inode);
}

struct file *file_new(struct inode *inode, const struct file_ops *ops, uint32_t flags)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return NULL;
    f->ops = ops;
    f->inode = inode;
    if (inode)
        inode_get(inode);
    f->flags = flags;
    f->refs = 1;
    return f;
}

struct file *file_get(struct file *f)
{
    f->refs++;
    return f;
}

void file_put(struct file *f)
{
    lock_file_put(f, f->refs == 1); /* fs/lock.c: locks end with closes */
    if (--f->refs > 0)
        return;
    if (f->ops && f->ops->release)
        f->ops->release(f);
    if (f->inode)
        inode_put(f->inode);
    kfree(f);
}

void vfs_stat(const struct inode *inode, struct linux_stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = 1;
    st->st_ino = inode->ino;
    st->st_nlink = inode->nlink;
    st->st_mode = inode->mode;
    st->st_uid = inode->uid;
    st->st_gid = inode->gid;
    st->st_rdev = inode->rdev;
    st->st_size = (int64_t)inode->size;
    st->st_blksize = 4096;
    /* 512-byte units of whole pages, as tmpfs counts them: the memory a
     * file holds comes in pages (a 6-byte file is 8 blocks, `ls -s` 4). */
    st->st_blocks = (int64_t)((inode->size + 4095) / 4096 * 8);
    st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = inode->mtime;
}

unsigned vfs_poll(struct file *f)
{
    return f->ops && f->ops->poll ? f->ops->poll(f) : (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
}
