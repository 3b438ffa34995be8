/*
 * inode.c - ext2 inodes in memory and on the disk. An inode lives in its
 * group's inode table (s_inode_size bytes each, the first 128 ours); the
 * VFS inode carries its attributes, ext2_inode_info its block map. iget
 * checks what it reads (mode, size, links) before anything uses it;
 * write_inode copies the attributes back into the table in the device
 * cache; evict writes back, or frees the blocks and the inode when its
 * last link went (setting i_dtime, as e2fsck expects of a deleted inode).
 */
#include "block/blkdev_file.h"
#include "fs/chrdev.h"
#include "fs/ext2/ext2.h"
#include "fs/file.h"
#include "fs/filemap.h"
#include "fs/permission.h"
#include "fs/pipe.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "time/clock.h"
#include "uapi/errno.h"

#define XATTR_MAGIC 0xEA020000u

static int special_open(struct file *f)
{
    (void)f;
    return -ENXIO; /* open(2): "ENXIO ... the file is a UNIX domain socket" */
}
static const struct file_ops special_fops = {.open = special_open};

void ext2_set_ops(struct inode *n)
{
    switch (n->mode & S_IFMT) {
    case S_IFDIR: n->ops = &ext2_dir_iops; n->fops = &ext2_dir_fops; break;
    case S_IFREG: n->ops = &ext2_file_iops; n->fops = &ext2_file_fops; break;
    case S_IFLNK: n->ops = &ext2_symlink_iops; break;
    case S_IFCHR: n->ops = &ext2_special_iops; n->fops = &chrdev_fops; break;
    case S_IFBLK: n->ops = &ext2_special_iops; n->fops = &blkdev_fops; break;
    case S_IFIFO: n->ops = &ext2_special_iops; n->fops = &fifo_fops; break;
    default: n->ops = &ext2_special_iops; n->fops = &special_fops; break;
    }
}

/* Where inode ino lives: the block and the byte offset in it. */
static int locate(struct super_block *sb, uint32_t ino, uint32_t *block, uint32_t *off)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (ino == 0 || ino > s->inodes_count)
        return -EUCLEAN;
    uint32_t g = (ino - 1) / s->inodes_per_group, idx = (ino - 1) % s->inodes_per_group;
    uint64_t byte = (uint64_t)idx * s->inode_size;
    *block = s->gd[g].bg_inode_table + (uint32_t)(byte >> s->log_block);
    *off = (uint32_t)(byte & (s->block_size - 1));
    return 0;
}

int ext2_read_raw_inode(struct super_block *sb, uint32_t ino, struct ext2_inode *raw)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    uint32_t block, off;
    if (locate(sb, ino, &block, &off))
        return -EUCLEAN;
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, block), s->block_size, &b)) {
        ext2_error(sb, ino, "cannot read the inode table");
        return -EIO;
    }
    memcpy(raw, (char *)b.data + off, sizeof *raw);
    bdev_release(&b);
    return 0;
}

static bool is_fast_symlink(const struct ext2_inode_info *ei, const struct super_block *sb)
{
    uint64_t acl = ei->file_acl ? EXT2_SB(sb)->block_size >> 9 : 0;
    return ei->blocks <= acl;
}

static bool valid_type(uint32_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK: return true;
    }
    return false;
}

/* Checks a raw inode read for a name: what is wrong, or NULL. */
static const char *check_raw(struct super_block *sb, const struct ext2_inode *r, uint64_t size)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    if (r->i_links_count == 0)
        return "deleted inode in use";
    if (!valid_type(r->i_mode))
        return "bad file type in i_mode";
    uint32_t type = r->i_mode & S_IFMT;
    if (type == S_IFREG && size > s->max_bytes)
        return "size past the largest file";
    if (type == S_IFDIR && (size == 0 || size % s->block_size || size > (uint64_t)s->blocks_count * s->block_size))
        return "bad directory size";
    if (type == S_IFLNK && (size == 0 || size >= s->block_size))
        return "bad symlink size";
    if (r->i_file_acl && !ext2_block_ok(sb, r->i_file_acl))
        return "bad extended-attribute block";
    return NULL;
}

static uint32_t decode_dev(const uint32_t *blk)
{
    uint32_t major, minor;
    if (blk[0]) { /* the old 8:8 encoding */
        major = (blk[0] >> 8) & 0xff;
        minor = blk[0] & 0xff;
    } else { /* the new 12:20 one (Linux's new_decode_dev) */
        major = (blk[1] & 0xfff00) >> 8;
        minor = (blk[1] & 0xff) | ((blk[1] >> 12) & 0xfff00);
    }
    return (major & 0xff) << 8 | (minor & 0xff); /* the VFS keeps 8:8 */
}

int ext2_iget(struct super_block *sb, uint32_t ino, struct inode **out)
{
    struct ext2_sb_info *s = EXT2_SB(sb);
    /* One VFS inode per file, however many names lead to it. */
    struct inode *n = inode_find(sb, ino);
    if (n) {
        *out = n;
        return 0;
    }
    if (ino != EXT2_ROOT_INO && (ino < s->first_ino || ino > s->inodes_count)) {
        ext2_error(sb, ino, "directory entry names a reserved or nonexistent inode");
        return -EUCLEAN;
    }
    struct ext2_inode r;
    int err = ext2_read_raw_inode(sb, ino, &r);
    if (err)
        return err;
    uint64_t size = r.i_size;
    if ((r.i_mode & S_IFMT) == S_IFREG)
        size |= (uint64_t)r.i_size_high << 32;
    const char *bad = check_raw(sb, &r, size);
    if (bad) {
        ext2_error(sb, ino, "%s", bad);
        return -EUCLEAN;
    }
    struct ext2_inode_info *ei = kzalloc(sizeof *ei);
    n = ei ? inode_new(sb, r.i_mode) : NULL;
    if (!n) {
        kfree(ei);
        return -ENOMEM;
    }
    n->priv = ei;
    n->ino = ino;
    n->nlink = r.i_links_count;
    n->uid = r.i_uid | (uint32_t)r.l_i_uid_high << 16;
    n->gid = r.i_gid | (uint32_t)r.l_i_gid_high << 16;
    n->size = size;
    n->atime = (struct linux_timespec){r.i_atime, 0};
    n->mtime = (struct linux_timespec){r.i_mtime, 0};
    n->ctime = (struct linux_timespec){r.i_ctime, 0};
    memcpy(ei->block, r.i_block, sizeof ei->block);
    ei->flags = r.i_flags;
    ei->file_acl = r.i_file_acl;
    ei->blocks = r.i_blocks;
    ei->alloc_end = (size + s->block_size - 1) >> s->log_block;
    uint32_t type = n->mode & S_IFMT;
    if (type == S_IFCHR || type == S_IFBLK)
        n->rdev = decode_dev(r.i_block);
    if (type == S_IFLNK && is_fast_symlink(ei, sb) && size >= sizeof ei->block) {
        ext2_error(sb, ino, "fast symlink longer than its space");
        kfree(ei);
        n->priv = NULL;
        n->nlink = 1;
        inode_put(n);
        return -EUCLEAN;
    }
    ext2_set_ops(n);
    inode_hash_add(n);
    *out = n;
    return 0;
}

int ext2_write_inode(struct inode *inode)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    if (s->read_only || !ei || ei->deleted)
        return 0;
    /* Blocks page_mkwrite took past the end of the file (a 1 KiB block
     * file's page has four) go before e2fsck could see them. */
    uint64_t end = (inode->size + s->block_size - 1) >> s->log_block;
    if (inode_is_reg(inode) && ei->alloc_end > end) {
        sleeplock_acquire(&ei->map_lock);
        ext2_truncate_blocks(inode, end);
        ei->alloc_end = end;
        sleeplock_release(&ei->map_lock);
    }
    uint32_t block, off;
    if (locate(sb, (uint32_t)inode->ino, &block, &off))
        return -EUCLEAN;
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, block), s->block_size, &b)) {
        ext2_error(sb, inode->ino, "cannot read the inode table");
        return -EIO;
    }
    /* Built aside and compared: an inode read and let go unchanged (every
     * path walk does that) costs no disk write. */
    struct ext2_inode *disk = (struct ext2_inode *)((char *)b.data + off), copy = *disk, *r = &copy;
    r->i_mode = (uint16_t)inode->mode;
    r->i_uid = (uint16_t)inode->uid;
    r->l_i_uid_high = (uint16_t)(inode->uid >> 16);
    r->i_gid = (uint16_t)inode->gid;
    r->l_i_gid_high = (uint16_t)(inode->gid >> 16);
    r->i_links_count = (uint16_t)inode->nlink;
    r->i_size = (uint32_t)inode->size;
    r->i_size_high = inode_is_reg(inode) ? (uint32_t)(inode->size >> 32) : 0;
    if (inode->size > 0x7fffffffull && !(s->es.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
        s->es.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE; /* as Linux's ext2_write_inode */
        s->super_dirty = true;
    }
    r->i_atime = (uint32_t)inode->atime.tv_sec;
    r->i_mtime = (uint32_t)inode->mtime.tv_sec;
    r->i_ctime = (uint32_t)inode->ctime.tv_sec;
    r->i_dtime = ei->dtime;
    r->i_blocks = (uint32_t)ei->blocks;
    r->i_flags = ei->flags;
    r->i_file_acl = ei->file_acl;
    uint32_t type = inode->mode & S_IFMT;
    if (type == S_IFCHR || type == S_IFBLK) {
        memset(r->i_block, 0, sizeof r->i_block);
        r->i_block[0] = (inode->rdev >> 8 & 0xff) << 8 | (inode->rdev & 0xff);
    } else {
        memcpy(r->i_block, ei->block, sizeof r->i_block);
    }
    if (memcmp(disk, r, sizeof *r)) {
        *disk = *r;
        bdev_dirty(&b);
    }
    bdev_release(&b);
    return 0;
}

int ext2_new_inode(struct inode *dir, uint32_t mode, uint32_t rdev, struct inode **out)
{
    struct super_block *sb = dir->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    uint32_t ino;
    struct ext2_inode_info *ei = kzalloc(sizeof *ei);
    if (!ei)
        return -ENOMEM;
    int err = ext2_new_ino(sb, dir, mode, &ino);
    if (err) {
        kfree(ei);
        return err;
    }
    struct inode *n = inode_find(sb, ino);
    if (n) { /* the bitmap said free but the inode is in use: corrupt */
        inode_put(n);
        ext2_error(sb, ino, "allocated inode is in use");
        kfree(ei);
        return -EUCLEAN;
    }
    n = inode_new(sb, mode);
    if (!n) {
        ext2_free_ino(sb, ino, (mode & S_IFMT) == S_IFDIR);
        kfree(ei);
        return -ENOMEM;
    }
    n->priv = ei;
    n->ino = ino;
    inode_init_owner(n, dir);
    n->rdev = rdev;
    /* No flags: nothing here acts on the inheritable ones (sync, noatime...),
     * and a new directory starts plain, never an htree. */
    ext2_set_ops(n);
    inode_hash_add(n);
    /* A fresh slot in the table: whatever a deleted inode left there goes
     * (the bytes past the first 128 as well). */
    uint32_t block, off;
    locate(sb, ino, &block, &off);
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, block), s->block_size, &b) == 0) {
        memset((char *)b.data + off, 0, s->inode_size);
        bdev_dirty(&b);
        bdev_release(&b);
    }
    ext2_write_inode(n);
    *out = n;
    return 0;
}

/* An extended-attribute block is shared by reference count (the block's
 * h_refcount): the last inode using it frees it. */
static void release_xattr_block(struct inode *inode)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    uint32_t blk = ei->file_acl;
    ei->file_acl = 0;
    if (!blk)
        return;
    if (!ext2_block_ok(sb, blk)) {
        ext2_error(sb, inode->ino, "extended-attribute block %u not a data block", blk);
        return;
    }
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b))
        return;
    uint32_t *h = b.data;
    bool free_it = true;
    if (h[0] != XATTR_MAGIC) {
        ext2_error(sb, inode->ino, "extended-attribute block %u has a bad magic number", blk);
        free_it = false;
    } else if (h[1] > 1) {
        h[1]--;
        bdev_dirty(&b);
        free_it = false;
    }
    bdev_release(&b);
    if (ei->blocks >= s->block_size >> 9)
        ei->blocks -= s->block_size >> 9;
    if (free_it)
        ext2_free_block(sb, blk);
}

void ext2_evict_inode(struct inode *inode)
{
    struct super_block *sb = inode->sb;
    struct ext2_sb_info *s = EXT2_SB(sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    if (!ei)
        return;
    if (!s->read_only) {
        if (inode->nlink == 0) {
            /* The last link and the last user went: blocks, then the
             * inode (with its deletion time), then its bitmap bit. */
            uint32_t type = inode->mode & S_IFMT;
            bool has_blocks = type == S_IFREG || type == S_IFDIR || (type == S_IFLNK && !is_fast_symlink(ei, sb));
            if (has_blocks) {
                sleeplock_acquire(&ei->map_lock);
                ext2_truncate_blocks(inode, 0);
                sleeplock_release(&ei->map_lock);
            } else if (type == S_IFLNK) {
                memset(ei->block, 0, sizeof ei->block);
            }
            release_xattr_block(inode);
            inode->size = 0;
            ei->alloc_end = 0;
            ei->dtime = (uint32_t)(clock_realtime_ns() / 1000000000);
            if (!ei->dtime)
                ei->dtime = 1;
            ext2_write_inode(inode);
            ei->deleted = true;
            ext2_free_ino(sb, (uint32_t)inode->ino, type == S_IFDIR);
        } else {
            ext2_write_inode(inode); /* writeback_evict wrote its pages already */
        }
    }
    inode->priv = NULL;
    kfree(ei);
}

/* Zeroes the bytes of the last block past size, on the disk: a file
 * that grows again must read zeros there (the page cache's copy is
 * zeroed by filemap_resize). */
static void zero_tail(struct inode *inode, uint64_t size)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    uint32_t in_block = (uint32_t)(size & (s->block_size - 1)), blk;
    if (!in_block || ext2_bmap(inode, size >> s->log_block, false, &blk) || !blk)
        return;
    struct bdev_buf b;
    if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b) == 0) {
        memset((char *)b.data + in_block, 0, s->block_size - in_block);
        bdev_dirty(&b);
        bdev_release(&b);
    }
}

int ext2_setattr(struct inode *inode, const struct iattr *a)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    if (s->read_only)
        return -EROFS;
    if (a->valid & ATTR_SIZE) {
        if (!inode_is_reg(inode))
            return -EINVAL;
        if (a->size > s->max_bytes)
            return -EFBIG;
        uint64_t old = inode->size;
        int err = filemap_resize(inode, a->size);
        if (err)
            return err;
        if (a->size < old) {
            sleeplock_acquire(&ei->map_lock);
            err = ext2_truncate_blocks(inode, (a->size + s->block_size - 1) >> s->log_block);
            ei->alloc_end = (a->size + s->block_size - 1) >> s->log_block;
            zero_tail(inode, a->size);
            sleeplock_release(&ei->map_lock);
            if (err)
                return err;
        }
        inode_touch(inode, ATTR_MTIME | ATTR_CTIME);
    }
    struct iattr rest = *a;
    rest.valid &= ~(unsigned)ATTR_SIZE;
    int err = inode_setattr(inode, &rest);
    if (!err)
        err = ext2_write_inode(inode);
    return err;
}
