/* writeback.c - see writeback.h. */
#include "fs/writeback.h"

#include "arch/x86_64/cpu.h"
#include "block/blkdev.h"
#include "fs/dentry.h"
#include "fs/inode.h"
#include "fs/super.h"
#include "lib/kprintf.h"
#include "mm/direct_map.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "time/timer.h"
#include "uapi/errno.h"

#define PAGE_SIZE 4096
/* The flusher wakes this often and writes what is dirty (Linux's
 * dirty_writeback_centisecs is 5 s; its dirty_expire of 30 s is longer:
 * we prefer losing less in a crash to writing less often). */
#define FLUSH_INTERVAL_NS 5000000000ull
#define MAX_DISK_SBS 32

static struct list_head disk_sbs = {&disk_sbs, &disk_sbs}; /* mounted disk file systems */
static bool flusher_running;
static struct ktimer flush_timer;
static const char flusher_chan;

void writeback_mark_dirty(struct inode *inode, uint64_t index)
{
    pc_set_flags(&inode->pages, index, PC_DIRTY);
    if (!inode->dirtied_ns)
        inode->dirtied_ns = clock_monotonic_ns() | 1;
}

/* A shared writable mapping stores into the cached pages without a
 * fault telling us: every cached page of such a file counts as dirty. */
static bool mapped_writable(struct inode *inode)
{
    list_for_each_entry(v, &inode->mappings, struct vma, file_link)
        if ((v->flags & VMA_SHARED) && (v->flags & VMA_MAYWRITE))
            return true;
    return false;
}

/* Writes inode's dirty pages to the disk; the caller keeps the file's
 * blocks from changing under us (the inode lock, or the last reference).
 * A page is marked clean before it is written: a store during the write
 * dirties it again. 0 or the first error (the others are still tried). */
static int write_pages(struct inode *inode)
{
    int (*writepage)(struct inode *, uint64_t, const void *) = inode->sb->ops->writepage;
    if (!writepage || !inode->pages.nrpages)
        return 0;
    uint64_t flag = mapped_writable(inode) ? ~0ull : PC_DIRTY; /* ~0: every page */
    uint64_t last = (inode->size + PAGE_SIZE - 1) / PAGE_SIZE; /* pages from here on hold no data */
    inode->dirtied_ns = 0;
    int err = 0;
    for (uint64_t index = 0;; index++) {
        uint64_t pa = pc_next_flagged(&inode->pages, index, flag, &index);
        if (!pa)
            break;
        pc_clear_flags(&inode->pages, index, PC_DIRTY);
        if (index >= last)
            continue;
        pmm_ref(pa); /* a truncate elsewhere must not free it under the device */
        int r = writepage(inode, index, phys_to_virt(pa));
        pmm_free(pa);
        if (r && !err) {
            kprintf("writeback: %s: inode %lu page %lu: error %d\n", inode->sb->type->name, inode->ino, index, r);
            err = r;
        }
    }
    return err;
}

static int write_inode(struct inode *inode)
{
    return inode->sb->ops->write_inode ? inode->sb->ops->write_inode(inode) : 0;
}

/* The file system's own metadata, then every dirty page of the device's
 * cache, then a flush of the device's write cache (writeback.h's order). */
static int sync_metadata(struct super_block *sb)
{
    int err = sb->ops->sync_fs ? sb->ops->sync_fs(sb) : 0;
    int r = sb->bdev ? bdev_sync(sb->bdev, true) : 0;
    return err ? err : r;
}

static bool writable(const struct super_block *sb) { return sb->ops->writepage && !(sb->flags & SB_RDONLY); }

int writeback_inode(struct inode *inode, bool wait)
{
    struct super_block *sb = inode->sb;
    if (!writable(sb))
        return 0;
    inode_lock(inode);
    int err = write_pages(inode);
    int r = write_inode(inode);
    inode_unlock(inode);
    if (!err)
        err = r;
    r = wait ? sync_metadata(sb) : 0;
    return err ? err : r;
}

void writeback_evict(struct inode *inode)
{
    if (!writable(inode->sb))
        return;
    write_pages(inode); /* errors were logged; nobody is left to tell */
    write_inode(inode);
}

void writeback_throttle(struct inode *inode)
{
    uint64_t limit = pmm_total_frames() / 4;
    if (pc_dirty_pages() > limit || pmm_free_frames() < 1024)
        write_pages(inode);
}

int writeback_sb(struct super_block *sb)
{
    if (!writable(sb))
        return 0;
    int err = 0;
    struct inode *prev = NULL;
    /* Each inode is held while we sleep on it, so its link stays valid;
     * one whose last reference went is being evicted (and written) by
     * inode_put: skipped. */
    for (struct list_head *pos = sb->inodes.next; pos != &sb->inodes;) {
        struct inode *i = list_entry(pos, struct inode, sb_link);
        if (i->refs == 0) {
            pos = pos->next;
            continue;
        }
        inode_get(i);
        if (prev)
            inode_put(prev);
        prev = i;
        inode_lock(i);
        int r = write_pages(i);
        if (!r)
            r = write_inode(i);
        inode_unlock(i);
        if (r && !err)
            err = r;
        pos = i->sb_link.next;
    }
    if (prev)
        inode_put(prev);
    int r = sync_metadata(sb);
    return err ? err : r;
}

/* The mounted disk file systems, each with a reference: writing one
 * back sleeps, and meanwhile another may be unmounted. */
static int disk_sb_snapshot(struct super_block **out)
{
    int n = 0;
    list_for_each_entry(sb, &disk_sbs, struct super_block, disk_link) {
        if (n == MAX_DISK_SBS)
            break;
        sb_get(sb);
        out[n++] = sb;
    }
    return n;
}

int writeback_all(void)
{
    struct super_block *sbs[MAX_DISK_SBS];
    int n = disk_sb_snapshot(sbs), err = 0;
    for (int i = 0; i < n; i++) {
        int r = writeback_sb(sbs[i]);
        if (r && !err)
            err = r;
        sb_put(sbs[i]);
    }
    /* And what was written to a disk itself (dd to /dev/vda), as Linux's
     * sync writes every block device's cache. */
    for (struct block_device *bd = blk_devices(); bd; bd = bd->next) {
        int r = bdev_sync(bd, true);
        if (r && !err)
            err = r;
    }
    return err;
}

void writeback_sb_mounted(struct super_block *sb)
{
    list_add_tail(&sb->disk_link, &disk_sbs);
    writeback_start_flusher();
}

void writeback_sb_unmounted(struct super_block *sb)
{
    writeback_sb(sb);
    list_del_init(&sb->disk_link);
}

uint64_t writeback_reclaim(uint64_t want)
{
    /* Cheapest first: clean pages of disk files nobody maps, then clean
     * pages of the disks' own caches, and only then unused names, whose
     * inodes go with them (the next lookup reads the disk again). */
    uint64_t freed = 0;
    list_for_each_entry(sb, &disk_sbs, struct super_block, disk_link) {
        list_for_each_entry(i, &sb->inodes, struct inode, sb_link) {
            for (uint64_t index = 0; freed < want; index++) {
                uint64_t pa = pc_next_flagged(&i->pages, index, ~0ull, &index);
                if (!pa)
                    break;
                if (pc_remove_clean(&i->pages, index, pa)) {
                    sb->pages_used--;
                    freed++;
                }
            }
            if (freed >= want)
                return freed;
        }
    }
    freed += bdev_reclaim(want - freed);
    if (freed < want) {
        uint64_t before = pmm_free_frames();
        d_prune_unused(want - freed < 4096 ? (unsigned)(want - freed) : 4096);
        uint64_t after = pmm_free_frames();
        freed += after > before ? after - before : 0;
    }
    return freed;
}

void writeback_cache_pages(uint64_t *file_pages, uint64_t *buffer_pages)
{
    *file_pages = *buffer_pages = 0;
    list_for_each_entry(sb, &disk_sbs, struct super_block, disk_link)
        *file_pages += sb->pages_used;
    for (struct block_device *bd = blk_devices(); bd; bd = bd->next)
        if (bd->inode)
            *buffer_pages += bd->inode->pages.nrpages;
}

/* --- the flusher ------------------------------------------------------ */

static void flush_tick(struct ktimer *t, uint64_t expirations)
{
    (void)t;
    (void)expirations;
    wakeup(&flusher_chan);
}

/* Every FLUSH_INTERVAL_NS: everything dirty goes to the disks. A process
 * like any other to the scheduler: while it waits for the disk, others run. */
static void flusher(void *arg)
{
    (void)arg;
    for (;;) {
        cli();
        sleep_on(&flusher_chan);
        sti();
        writeback_all();
    }
}

void writeback_start_flusher(void)
{
    if (flusher_running || list_empty(&disk_sbs) || !proc_find(1))
        return; /* no disk yet, or too early: no process exists to be pid 1 first */
    if (kthread_start("kflushd", flusher, NULL) < 0) {
        kprintf("writeback: cannot start the flusher thread; data reaches the disk on sync only\n");
        return;
    }
    flusher_running = true;
    uint64_t f = irq_save();
    ktimer_init(&flush_timer, flush_tick);
    int64_t now = ktimer_base_now(KTIMER_MONOTONIC, NULL);
    ktimer_arm(&flush_timer, KTIMER_MONOTONIC, NULL, now + (int64_t)FLUSH_INTERVAL_NS, (int64_t)FLUSH_INTERVAL_NS);
    irq_restore(f);
}
