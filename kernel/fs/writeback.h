/*
 * writeback.h - getting file data and metadata from memory to the disk.
 *
 * Disk file systems (ext2) keep file data in each inode's page cache and
 * their metadata in the device's page cache (block/blkdev.h). A write
 * marks pages dirty (PC_DIRTY); nothing reaches the disk until one of:
 *   - fsync / fdatasync / sync_file_range of the file (writeback_inode);
 *   - sync(2), syncfs(2), umount, reboot and poweroff (writeback_sb);
 *   - the flusher: a kernel thread that, every few seconds, writes what
 *     has been dirty for longer than that (so a crash loses little);
 *   - too many dirty pages, or too little free memory: the writer itself
 *     writes back before it dirties more (Linux's balance_dirty_pages).
 *
 * The order, which is what makes a fsync'd file survive a crash on a
 * file system without a journal (ext2):
 *   1. the file's data pages, to the blocks page_mkwrite allocated;
 *   2. its inode (write_inode), the file system's metadata (sync_fs:
 *      bitmaps, free counts, and the directories, which live in the
 *      device cache too), and then the device cache's dirty pages;
 *   3. a FLUSH of the device's write cache, waited for.
 * A fsync does all three for the whole file system it is on, so the
 * names leading to the file (new directory entries) are on disk too.
 * A crash between the steps leaves blocks marked used that nothing
 * points at, or data not yet linked: e2fsck -fy repairs both, and no
 * fsync'd file points at a block that holds something else.
 */
#ifndef FS_WRITEBACK_H
#define FS_WRITEBACK_H

#include <stdbool.h>
#include <stdint.h>

struct inode;
struct super_block;

/* Page index of inode was (or is about to be) changed in memory. */
void writeback_mark_dirty(struct inode *inode, uint64_t index);
/* Writes inode's dirty pages and then its attributes; with wait, then
 * the rest of its file system and a device flush (fsync). 0 or -EIO. */
int writeback_inode(struct inode *inode, bool wait);
/* Writes everything dirty of sb, then flushes its device (syncfs). */
int writeback_sb(struct super_block *sb);
/* The same for every disk file system (sync, reboot). */
int writeback_all(void);
/* The last reference to inode went and it still has a name: write its
 * data and attributes before its pages go (inode_put). */
void writeback_evict(struct inode *inode);
/* After a write(2) dirtied pages of inode (its lock held): when too much
 * of memory is dirty, the writer writes its own pages back now. */
void writeback_throttle(struct inode *inode);
/* Mount bookkeeping (super.c): sb, on a disk, gained its first mount or
 * lost its last one (then everything of it is written first). */
void writeback_sb_mounted(struct super_block *sb);
void writeback_sb_unmounted(struct super_block *sb);
/* Frees clean page-cache pages of disk files that no one maps, up to
 * want of them: memory is short. Returns how many went. */
uint64_t writeback_reclaim(uint64_t want);
/* For /proc/meminfo: page-cache pages of disk files, and of the disks'
 * own caches (Linux's "Buffers"). */
void writeback_cache_pages(uint64_t *file_pages, uint64_t *buffer_pages);
/* Starts the flusher thread if a disk file system is mounted and it is
 * not running yet: the first disk mount calls it, and the boot path
 * again once init runs (a root disk is mounted before any process). */
void writeback_start_flusher(void);

#endif
