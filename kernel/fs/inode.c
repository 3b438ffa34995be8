/* inode.c - see inode.h. */
#include "fs/inode.h"

#include "arch/x86_64/cpu.h"
#include "fs/filemap.h"
#include "fs/super.h"
#include "fs/writeback.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/cred.h"
#include "proc/sched.h"
#include "time/clock.h"
#include "uapi/errno.h"

#define RELATIME_SECONDS (24 * 60 * 60)

struct linux_timespec inode_now(void)
{
    int64_t ns = clock_realtime_ns();
    return (struct linux_timespec){ns / 1000000000, ns % 1000000000};
}

static void init_common(struct inode *n, struct super_block *sb, uint32_t mode)
{
    n->mode = mode;
    n->sb = sb;
    n->refs = 1;
    n->nlink = (mode & S_IFMT) == S_IFDIR ? 2 : 1;
    n->ino = ++sb->next_ino;
    n->atime = n->mtime = n->ctime = inode_now();
    /* The creator owns it (pipes, sockets, event files; file systems set
     * their files' owners with permission.h's inode_init_owner). */
    const struct cred *c = current_cred();
    n->uid = c->fsuid;
    n->gid = c->fsgid;
    list_init(&n->mappings);
    list_init(&n->fsnotify_marks);
}

struct inode *inode_new(struct super_block *sb, uint32_t mode)
{
    struct inode *n = kzalloc(sizeof *n);
    if (!n)
        return NULL;
    init_common(n, sb, mode);
    sb_get(sb); /* an inode keeps its file system's superblock */
    list_add_tail(&n->sb_link, &sb->inodes);
    return n;
}

void inode_init_pseudo(struct inode *n, struct super_block *sb, uint32_t mode)
{
    memset(n, 0, sizeof *n);
    init_common(n, sb, mode);
    list_init(&n->sb_link); /* not on sb->inodes: its object frees it */
}

#define IHASH_BITS 12
static struct inode *inode_hash[1u << IHASH_BITS];

static struct inode **ibucket(const struct super_block *sb, uint64_t ino)
{
    uint64_t h = (ino ^ (uint64_t)(uintptr_t)sb) * 0x9e3779b97f4a7c15ull;
    return &inode_hash[h >> (64 - IHASH_BITS)];
}

void inode_hash_add(struct inode *inode)
{
    uint64_t f = irq_save();
    struct inode **b = ibucket(inode->sb, inode->ino);
    inode->hnext = *b;
    if (*b)
        (*b)->hpprev = &inode->hnext;
    inode->hpprev = b;
    *b = inode;
    irq_restore(f);
}

static void inode_hash_del(struct inode *inode)
{
    uint64_t f = irq_save();
    if (inode->hpprev) {
        *inode->hpprev = inode->hnext;
        if (inode->hnext)
            inode->hnext->hpprev = inode->hpprev;
        inode->hnext = NULL;
        inode->hpprev = NULL;
    }
    irq_restore(f);
}

struct inode *inode_find(struct super_block *sb, uint64_t ino)
{
    for (;;) {
        struct inode *found = NULL;
        uint64_t f = irq_save();
        for (struct inode *i = *ibucket(sb, ino); i; i = i->hnext)
            if (i->sb == sb && i->ino == ino) {
                found = i;
                break;
            }
        if (found && found->refs > 0)
            found->refs++;
        irq_restore(f);
        if (!found || found->refs > 0)
            return found;
        yield(); /* being evicted (written back): wait until it is gone */
    }
}

struct inode *inode_get(struct inode *inode)
{
    inode->refs++;
    return inode;
}

void inode_put(struct inode *inode)
{
    if (--inode->refs > 0)
        return;
    struct super_block *sb = inode->sb;
    /* A file that still has a name keeps its data: write it out before
     * the pages go (a deleted one's blocks are freed by evict_inode). */
    if (inode->nlink && sb->ops->writepage)
        writeback_evict(inode);
    if (sb->ops->evict_inode)
        sb->ops->evict_inode(inode);
    if (sb->flags & SB_PSEUDO)
        return; /* embedded in its object, which frees itself */
    list_del_init(&inode->sb_link);
    inode_hash_del(inode);
    filemap_release(inode);
    kfree(inode->link);
    kfree(inode);
    sb_put(sb);
}

void inode_touch(struct inode *inode, unsigned which)
{
    struct linux_timespec now = inode_now();
    if (which & ATTR_ATIME)
        inode->atime = now;
    if (which & ATTR_MTIME)
        inode->mtime = now;
    if (which & ATTR_CTIME)
        inode->ctime = now;
}

static bool older(struct linux_timespec a, struct linux_timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

void inode_accessed(struct inode *inode)
{
    struct linux_timespec now = inode_now();
    if (older(inode->atime, inode->mtime) || older(inode->atime, inode->ctime) ||
        now.tv_sec - inode->atime.tv_sec >= RELATIME_SECONDS)
        inode->atime = now;
}

int inode_setattr(struct inode *inode, const struct iattr *a)
{
    if (a->valid & ATTR_SIZE) {
        int err = filemap_resize(inode, a->size);
        if (err)
            return err;
    }
    if (a->valid & ATTR_MODE)
        inode->mode = (inode->mode & S_IFMT) | (a->mode & 07777);
    if (a->valid & ATTR_UID)
        inode->uid = a->uid;
    if (a->valid & ATTR_GID)
        inode->gid = a->gid;
    if (a->valid & ATTR_ATIME)
        inode->atime = a->atime;
    if (a->valid & ATTR_MTIME)
        inode->mtime = a->mtime;
    if (a->valid & ATTR_CTIME)
        inode->ctime = inode_now();
    return 0;
}

int inode_change(struct inode *inode, const struct iattr *a)
{
    return inode->ops && inode->ops->setattr ? inode->ops->setattr(inode, a) : inode_setattr(inode, a);
}

void inode_stat(const struct inode *inode, struct linux_stat *st)
{
    /* One initializer: the fields are stored once and the padding zeroed
     * in place, no memset of the whole struct first. */
    *st = (struct linux_stat){
        .st_dev = dev_encode(0, inode->sb->dev),
        .st_ino = inode->ino,
        .st_nlink = inode->nlink,
        .st_mode = inode->mode,
        .st_uid = inode->uid,
        .st_gid = inode->gid,
        .st_rdev = dev_encode(inode->rdev >> 8, inode->rdev & 0xff),
        .st_size = (int64_t)inode->size,
        .st_blksize = 4096,
        /* 512-byte units of the pages the file holds, as tmpfs counts
         * them: a 6-byte file is 8 blocks, a sparse file only its
         * written pages. */
        .st_blocks = (int64_t)(inode->pages.nrpages * 8),
        .st_atim = inode->atime,
        .st_mtim = inode->mtime,
        .st_ctim = inode->ctime,
    };
    if (inode->sb->ops->getattr)
        inode->sb->ops->getattr(inode, st);
}
