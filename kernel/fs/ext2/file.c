/*
 * file.c - regular files: their data lives in the page cache (filemap.c
 * does read, write, mmap, truncate); these move pages between it and the
 * disk. A 4 KiB page holds 4096 / block size blocks, each found through
 * the block map: a hole reads as zeros and takes no block. page_mkwrite
 * allocates the blocks of a page when it is about to be written, so a
 * full disk is ENOSPC from write(2), not a lost page later; writepage
 * then copies the page into those blocks in the device cache.
 */
#include "fs/ext2/ext2.h"
#include "fs/file.h"
#include "fs/filemap.h"
#include "lib/string.h"
#include "uapi/errno.h"

#define PAGE_BYTES 4096u

int ext2_readpage(struct inode *inode, uint64_t index, void *page)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    uint32_t per = PAGE_BYTES >> s->log_block;
    int err = 0;
    sleeplock_acquire(&ei->map_lock);
    for (uint32_t k = 0; k < per; k++) {
        char *dst = (char *)page + (k << s->log_block);
        uint64_t lb = index * per + k;
        uint32_t blk = 0;
        if ((lb << s->log_block) < inode->size && (err = ext2_bmap(inode, lb, false, &blk)))
            break;
        if (!blk) {
            memset(dst, 0, s->block_size);
            continue;
        }
        struct bdev_buf b;
        if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b)) {
            err = -EIO;
            break;
        }
        memcpy(dst, b.data, s->block_size);
        bdev_release(&b);
    }
    sleeplock_release(&ei->map_lock);
    if (!err && inode->size < (index + 1) * PAGE_BYTES && inode->size > index * PAGE_BYTES) {
        uint32_t keep = (uint32_t)(inode->size - index * PAGE_BYTES);
        memset((char *)page + keep, 0, PAGE_BYTES - keep); /* past the end: zeros, for mappings */
    }
    return err == -EUCLEAN ? -EUCLEAN : err ? -EIO : 0;
}

/* The blocks of page index inside the file (those past the end are not
 * the file's). */
static uint32_t blocks_in_file(const struct inode *inode, uint64_t index, uint64_t size)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    uint32_t per = PAGE_BYTES >> s->log_block;
    uint64_t first = index * per, end = (size + s->block_size - 1) >> s->log_block;
    if (end <= first)
        return 0;
    return end - first < per ? (uint32_t)(end - first) : per;
}

int ext2_writepage(struct inode *inode, uint64_t index, const void *page)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    if (s->read_only)
        return -EROFS;
    uint32_t n = blocks_in_file(inode, index, inode->size), per = PAGE_BYTES >> s->log_block;
    int err = 0;
    sleeplock_acquire(&ei->map_lock);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t blk;
        /* page_mkwrite allocated it; a block is made here only if the page
         * was dirtied some other way (it then may fail with ENOSPC: the
         * error goes to fsync). */
        if ((err = ext2_bmap(inode, index * per + k, true, &blk)))
            break;
        struct bdev_buf b;
        if (bdev_read(s->bd, ext2_boff(s, blk), s->block_size, &b)) {
            err = -EIO;
            break;
        }
        memcpy(b.data, (const char *)page + (k << s->log_block), s->block_size);
        bdev_dirty(&b);
        bdev_release(&b);
    }
    sleeplock_release(&ei->map_lock);
    if (err)
        ext2_error(inode->sb, inode->ino, "cannot write page %lu (error %d)", index, err);
    return err;
}

int ext2_page_mkwrite(struct inode *inode, uint64_t index)
{
    struct ext2_sb_info *s = EXT2_SB(inode->sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    if (s->read_only)
        return -EROFS;
    if (index * PAGE_BYTES >= s->max_bytes)
        return -EFBIG;
    uint32_t per = PAGE_BYTES >> s->log_block;
    int err = 0;
    sleeplock_acquire(&ei->map_lock);
    for (uint32_t k = 0; k < per && !err; k++) {
        uint64_t lb = index * per + k;
        if ((lb << s->log_block) >= s->max_bytes)
            break;
        uint32_t blk;
        err = ext2_bmap(inode, lb, true, &blk);
        if (!err && lb + 1 > ei->alloc_end)
            ei->alloc_end = lb + 1;
    }
    sleeplock_release(&ei->map_lock);
    return err;
}

/* SEEK_DATA and SEEK_HOLE as Linux's ext2 answers them (its
 * generic_file_llseek): all of the file is data, the hole is at the end.
 * (filemap_lseek's answer looks at the page cache, which for a disk file
 * holds only what was read or written lately.) */
static long ext2_lseek(struct file *f, int64_t off, int whence)
{
    if (whence != SEEK_DATA && whence != SEEK_HOLE)
        return filemap_lseek(f, off, whence);
    uint64_t size = f->inode->size;
    if (off < 0 || (uint64_t)off >= size)
        return -ENXIO;
    f->pos = whence == SEEK_DATA ? (uint64_t)off : size;
    return (long)f->pos;
}

const struct file_ops ext2_file_fops = {
    .read = filemap_read, .write = filemap_write, .lseek = ext2_lseek, .mmap = filemap_mmap,
    .splice_read = filemap_splice_read, .splice_write = filemap_splice_write};

const struct inode_ops ext2_file_iops = {.setattr = ext2_setattr};
