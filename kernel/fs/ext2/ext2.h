/*
 * ext2.h - the ext2 file system's in-memory state and the interfaces
 * between its files:
 *   super.c   mount (checks every superblock and descriptor field),
 *             statfs, sync_fs (superblock + descriptors into the device
 *             cache), put_super; the kernel log line of every error
 *   balloc.c  block and inode bitmaps: allocation and freeing, with the
 *             group descriptors' and the superblock's free counts exact
 *   inode.c   on-disk inodes: iget (checked), write_inode, evict (frees
 *             blocks and the inode when the last link went), setattr
 *   bmap.c    logical -> physical blocks through the direct and the
 *             indirect blocks; allocation; truncate
 *   dir.c     directory blocks: lookup, getdents, adding and removing
 *             entries (rec_len rules, file types)
 *   namei.c   create, mkdir, rmdir, unlink, link, symlink, rename,
 *             readlink
 *   file.c    regular files: the page cache's readpage / writepage /
 *             page_mkwrite
 *
 * Metadata (superblock, descriptors, bitmaps, inode tables, indirect and
 * directory blocks) and file data are both read and written through the
 * block device's page cache (block/blkdev.h's bdev_*): one copy of every
 * disk block in memory, so a block freed as metadata and reused for data
 * (or the reverse) can never be overwritten by a stale copy.
 *
 * Locks, in the order taken (after the VFS's inode locks, inode.h):
 *   1. ext2_inode_info.map_lock: the inode's block map and i_blocks
 *      (writepage from the flusher does not hold the inode lock);
 *   2. ext2_sb_info.alloc_lock: the bitmaps, group descriptors and free
 *      counts of the whole file system.
 */
#ifndef FS_EXT2_EXT2_H
#define FS_EXT2_EXT2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "block/blkdev.h"
#include "fs/ext2/ext2_fs.h"
#include "proc/sleeplock.h"

struct inode;
struct iattr;
struct super_block;
struct dentry;

#define EXT2_LINK_MAX 32000 /* Linux's ext2: EMLINK past it */
#define EXT2_MAGIC_STATFS 0xEF53 /* statfs f_type (EXT2_SUPER_MAGIC) */

struct ext2_sb_info {
    struct block_device *bd;
    struct ext2_super_block es;      /* the superblock, written back by sync_fs */
    struct ext2_group_desc *gd;      /* the descriptors, written back by sync_fs */
    uint32_t block_size, log_block;  /* bytes, log2 */
    unsigned addr_bits;              /* log2 of block numbers per indirect block */
    uint32_t groups, blocks_per_group, inodes_per_group;
    uint32_t first_data_block, first_ino, inode_size;
    uint32_t blocks_count, inodes_count;
    uint32_t gdt_blocks;             /* blocks the descriptor table takes */
    uint32_t itable_blocks;          /* per group */
    uint32_t free_blocks, free_inodes; /* the sums over the groups, kept exact */
    uint32_t dirs;                   /* used directories (the groups' sum) */
    uint64_t max_bytes;              /* the largest file */
    bool filetype, large_file, sparse;
    bool read_only;                  /* mounted read-only (asked, or an unknown RO_COMPAT feature) */
    bool super_dirty;                /* counts changed since the last sync_fs */
    uint16_t mount_state;            /* s_state when mounted: what a clean unmount writes back */
    uint32_t alloc_rotor;            /* the group new directories start looking from */
    struct sleeplock alloc_lock;
};

/* The file system's part of an in-memory inode (inode->priv). */
struct ext2_inode_info {
    uint32_t block[EXT2_N_BLOCKS];   /* the block map's root */
    uint32_t flags;                  /* i_flags */
    uint32_t file_acl;               /* the extended-attribute block, kept and freed with the inode */
    uint32_t dtime;
    uint64_t blocks;                 /* i_blocks (512-byte units) */
    uint32_t last_alloc;             /* the last block allocated: the next one's goal */
    uint64_t alloc_end;              /* page_mkwrite may have allocated blocks up to this logical block */
    bool deleted;                    /* evicted with no links: freed */
    struct sleeplock map_lock;
};

static inline struct ext2_sb_info *EXT2_SB(const struct super_block *sb);
static inline struct ext2_inode_info *EXT2_I(const struct inode *inode);

/* --- super.c ---------------------------------------------------------- */
/* One kernel log line: "ext2: vda: inode 12: block pointer 999 past the end". */
void ext2_error(struct super_block *sb, uint64_t ino, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Is block b (a data or indirect block of a file) inside the data area
 * and not one of the group's fixed metadata blocks? */
bool ext2_block_ok(struct super_block *sb, uint32_t b);
/* Mounts the ext2 file system on bd (root= uses it directly). */
void ext2_init(void);
int ext2_mount_bdev(struct block_device *bd, unsigned long flags, const char *data, struct super_block **out);

/* --- balloc.c --------------------------------------------------------- */
/* A free block near goal, marked used; 0 and *out, or -ENOSPC / -EIO.
 * With reserved false, the blocks kept for root are off limits unless
 * the caller is privileged (Linux's ext2_has_free_blocks). */
int ext2_new_block(struct super_block *sb, uint32_t goal, uint32_t *out);
/* Frees block b (checked: a bad number is logged, not freed). */
void ext2_free_block(struct super_block *sb, uint32_t b);
/* A free inode for a file of mode in a group near dir's; *ino or
 * -ENOSPC / -EIO. */
int ext2_new_ino(struct super_block *sb, const struct inode *dir, uint32_t mode, uint32_t *ino);
void ext2_free_ino(struct super_block *sb, uint32_t ino, bool dir);

/* --- inode.c ---------------------------------------------------------- */
/* The in-memory inode ino (one reference), read and checked if it is not
 * already in memory. -EUCLEAN for a corrupt one, -EIO, -ENOMEM. */
int ext2_iget(struct super_block *sb, uint32_t ino, struct inode **out);
/* A new inode of mode under dir (allocated on disk, nlink as the caller
 * sets it); one reference. */
int ext2_new_inode(struct inode *dir, uint32_t mode, uint32_t rdev, struct inode **out);
int ext2_write_inode(struct inode *inode);
void ext2_evict_inode(struct inode *inode);
int ext2_setattr(struct inode *inode, const struct iattr *a);
void ext2_set_ops(struct inode *inode);
/* Reads (a copy of) the on-disk inode ino. */
int ext2_read_raw_inode(struct super_block *sb, uint32_t ino, struct ext2_inode *raw);

/* --- bmap.c ----------------------------------------------------------- */
/* The physical block of logical block lblock: 0 for a hole (or, with
 * create, a newly allocated zeroed one). 0 or -errno (-EUCLEAN for a
 * block pointer that cannot be right). The caller holds map_lock. */
int ext2_bmap(struct inode *inode, uint64_t lblock, bool create, uint32_t *out);
/* Frees every block from logical block first on, indirect blocks that
 * no longer map anything too. The caller holds map_lock. */
int ext2_truncate_blocks(struct inode *inode, uint64_t first);

/* --- dir.c ------------------------------------------------------------ */
int ext2_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino);
int ext2_dir_add(struct inode *dir, const char *name, size_t len, uint32_t ino, uint32_t mode);
int ext2_dir_remove(struct inode *dir, const char *name, size_t len);
/* Points the existing entry name at ino (rename over a file, ".."). */
int ext2_dir_set(struct inode *dir, const char *name, size_t len, uint32_t ino, uint32_t mode);
/* Writes the first block of a new directory: "." and "..". */
int ext2_dir_init(struct inode *dir, uint32_t parent_ino);
bool ext2_dir_empty(struct inode *dir, struct dentry *d);
extern const struct file_ops ext2_dir_fops;

/* --- namei.c, file.c -------------------------------------------------- */
extern const struct inode_ops ext2_dir_iops, ext2_file_iops, ext2_symlink_iops, ext2_special_iops;
extern const struct file_ops ext2_file_fops;
int ext2_readpage(struct inode *inode, uint64_t index, void *page);
int ext2_writepage(struct inode *inode, uint64_t index, const void *page);
int ext2_page_mkwrite(struct inode *inode, uint64_t index);

#include "fs/inode.h"
#include "fs/super.h"

static inline struct ext2_sb_info *EXT2_SB(const struct super_block *sb) { return sb->priv; }
static inline struct ext2_inode_info *EXT2_I(const struct inode *inode) { return inode->priv; }

/* Byte offset of block b on the device. */
static inline uint64_t ext2_boff(const struct ext2_sb_info *s, uint32_t b) { return (uint64_t)b << s->log_block; }

#endif
