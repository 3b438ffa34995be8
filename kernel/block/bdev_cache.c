/*
 * bdev_cache.c - each block device's page cache (blkdev.h's bdev_*): the
 * pages of the disk, kept in the page cache of an inode on the "bdev"
 * pseudo file system (Linux's bdev filesystem, where every block
 * device's inode and its buffer cache live). A page is read in on first
 * use and written back by bdev_sync when PC_DIRTY is set on it.
 *
 * Concurrency: a page not yet cached is read without a lock; when two
 * readers race, the second finds the first one's page on its return
 * (pc_find again before pc_insert: nothing runs between the two, the
 * kernel does not preempt itself) and drops its own copy. bdev_sync runs
 * one at a time per device (sync_lock), so a sync that finds nothing
 * dirty cannot return while another still has pages on the way.
 */
#include "block/bdev_internal.h"

#include "fs/super.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "uapi/errno.h"

#define BDEVFS_MAGIC 0x62646576 /* "bdev", Linux's */
/* Frames left to the kernel itself (filemap.c keeps as many): below
 * this the cache gives back its clean pages before it takes more. */
#define RESERVE_FRAMES 256
#define SYNC_BATCH 64      /* dirty pages gathered per pass */
#define SYNC_INFLIGHT 8    /* write requests of one sync in the queue at once */
#define RA_INFLIGHT 4      /* readahead requests in the queue at once */
#define RA_FIRST 8         /* pages of the first readahead of a sequential reader */
#define RA_MAX 256         /* the most (1 MiB) */
#define RECLAIM_BATCH 512  /* clean pages given back at once when memory is short (2 MiB) */

static struct super_block *bdev_sb;

static void bdev_statfs(struct super_block *sb, struct kstatfs *st)
{
    st->type = sb->magic;
    st->bsize = st->frsize = 4096;
    st->namelen = 255;
}

static struct block_device *inode_bd(struct inode *inode) { return ((struct bdev_state *)inode->priv)->bd; }

/* The bytes of page index that lie on the device (the last page may be
 * partial: the device ends mid-page); 0 past the end. */
static uint32_t page_bytes(struct block_device *bd, uint64_t index)
{
    uint64_t off = index * PAGE_SIZE, size = bdev_bytes(bd);
    if (off >= size)
        return 0;
    return size - off < PAGE_SIZE ? (uint32_t)(size - off) : PAGE_SIZE;
}

static int bdev_readpage(struct inode *inode, uint64_t index, void *page)
{
    struct block_device *bd = inode_bd(inode);
    uint32_t n = page_bytes(bd, index);
    if (!n)
        return -EIO;
    int err = blk_rw(bd, BLK_READ, index * PAGE_SIZE, page, n);
    if (!err && n < PAGE_SIZE)
        memset((char *)page + n, 0, PAGE_SIZE - n);
    return err;
}

static int bdev_writepage(struct inode *inode, uint64_t index, const void *page)
{
    struct block_device *bd = inode_bd(inode);
    uint32_t n = page_bytes(bd, index);
    if (!n)
        return -EIO;
    return blk_rw(bd, BLK_WRITE, index * PAGE_SIZE, (void *)page, n);
}

int bdev_reread_page(struct block_device *bd, uint64_t index, void *page)
{
    return bdev_readpage(bd->inode, index, page);
}

static const struct super_ops bdev_sops = {
    .statfs = bdev_statfs, .readpage = bdev_readpage, .writepage = bdev_writepage};
/* Never mounted (Linux's bdev is kern_mount-only too). */
static struct fs_type bdev_type = {.name = "bdev"};

int bdev_cache_attach(struct block_device *bd)
{
    if (!bdev_sb) {
        bdev_sb = sb_new(&bdev_type, &bdev_sops, BDEVFS_MAGIC);
        if (!bdev_sb)
            return -ENOMEM;
        fs_register(&bdev_type);
    }
    struct bdev_state *st = kzalloc(sizeof *st);
    struct inode *inode = st ? inode_new(bdev_sb, S_IFBLK | 0600) : NULL;
    if (!inode) {
        kfree(st);
        return -ENOMEM;
    }
    st->bd = bd;
    inode->rdev = bd->rdev;
    inode->size = bdev_bytes(bd);
    inode->priv = st;
    bd->inode = inode;
    return 0;
}

/* --- getting pages --------------------------------------------------- */

struct page_ref {
    uint64_t index, pa;
};

struct collect {
    struct page_ref *out;
    unsigned n, max;
};

/* pc_for_each's callback: notes the index (the walk holds the cache's
 * lock, so flags are looked at afterwards, outside it). */
static int collect_one(void *ctx, uint64_t index, uint64_t pa)
{
    struct collect *c = ctx;
    c->out[c->n++] = (struct page_ref){index, pa};
    return c->n == c->max;
}

/* Up to max cached pages at index >= *scan whose PC_DIRTY bit is
 * want_dirty, in index order, with their frames; *scan moves past the
 * last page looked at. 0 when there are no more. */
static unsigned next_pages(struct page_cache *pc, uint64_t *scan, bool want_dirty, struct page_ref *out, unsigned max)
{
    unsigned n = 0;
    while (n < max) {
        struct collect c = {out + n, 0, max - n};
        pc_for_each(pc, *scan, collect_one, &c);
        unsigned kept = 0;
        for (unsigned i = 0; i < c.n; i++) {
            uint64_t flags, index = out[n + i].index;
            uint64_t pa = pc_find(pc, index, &flags);
            *scan = index + 1;
            if (pa && !(flags & PC_DIRTY) == !want_dirty)
                out[n + kept++] = (struct page_ref){index, pa};
        }
        n += kept;
        if (c.n < c.max)
            break; /* the walk reached the end of the cache */
    }
    return n;
}

static uint64_t alloc_page(void)
{
    if (pmm_free_frames() <= RESERVE_FRAMES)
        bdev_reclaim(RECLAIM_BATCH);
    if (pmm_free_frames() <= RESERVE_FRAMES)
        return 0;
    return pmm_alloc();
}

/* A miss at index: is it where the previous miss's window ended (a
 * sequential reader)? Then the window doubles, from RA_FIRST up to
 * RA_MAX pages, as Linux's on-demand readahead grows; any other miss
 * starts over with a window of one page (random reads read no more than
 * they need). The window, in pages. */
static uint64_t sequential_window(struct block_device *bd, uint64_t index)
{
    struct bdev_state *st = bdev_state_of(bd);
    if (index == st->ra_next && index)
        st->ra_window = st->ra_window > 1 ? (st->ra_window * 2 < RA_MAX ? st->ra_window * 2 : RA_MAX) : RA_FIRST;
    else
        st->ra_window = 1;
    st->ra_next = index + st->ra_window;
    return st->ra_window;
}

int bdev_get_page(struct block_device *bd, uint64_t index, bool overwrite, uint64_t *out, bool *fresh)
{
    struct inode *inode = bd->inode;
    if (fresh)
        *fresh = false;
    uint64_t pa = pc_find(&inode->pages, index, NULL);
    if (pa) {
        *out = pa;
        return 0;
    }
    if (!page_bytes(bd, index))
        return -EIO;
    if (!overwrite && sequential_window(bd, index) > 1) {
        /* A reader going through the disk in order (a file system
         * reading a file's blocks): its next pages come in big requests. */
        bdev_readahead(bd, index, bdev_state_of(bd)->ra_window);
        if ((pa = pc_find(&inode->pages, index, NULL))) {
            *out = pa;
            if (fresh)
                *fresh = true;
            return 0;
        }
    }
    pa = alloc_page();
    if (!pa)
        return -ENOMEM;
    int err = 0;
    if (overwrite)
        memset(phys_to_virt(pa), 0, PAGE_SIZE);
    else
        err = bdev_readpage(inode, index, phys_to_virt(pa));
    if (err) {
        pmm_free(pa);
        return err;
    }
    uint64_t other = pc_find(&inode->pages, index, NULL);
    if (other) { /* filled by someone else while we read */
        pmm_free(pa);
        *out = other;
        return 0;
    }
    if (pc_insert(&inode->pages, index, pa)) {
        pmm_free(pa);
        return -ENOMEM;
    }
    inode->sb->pages_used++;
    if (fresh)
        *fresh = true;
    *out = pa;
    return 0;
}

/* One readahead request: consecutive uncached pages. */
struct ra_run {
    struct blk_request r;
    uint64_t first;
    unsigned npages;
};

/* Puts a finished readahead run's pages into the cache (those someone
 * cached meanwhile, and all of them after an error, are dropped). */
static void ra_finish(struct block_device *bd, struct ra_run *run, bool submitted)
{
    int err = submitted ? blk_wait(&run->r) : -EIO;
    struct inode *inode = bd->inode;
    for (unsigned i = 0; i < run->npages; i++) {
        uint64_t pa = run->r.segs[i].pa;
        if (!err && run->r.segs[i].len < PAGE_SIZE)
            memset((char *)phys_to_virt(pa) + run->r.segs[i].len, 0, PAGE_SIZE - run->r.segs[i].len);
        if (err || pc_find(&inode->pages, run->first + i, NULL) || pc_insert(&inode->pages, run->first + i, pa))
            pmm_free(pa);
        else
            inode->sb->pages_used++;
    }
}

void bdev_readahead(struct block_device *bd, uint64_t index, uint64_t count)
{
    struct ra_run *runs = kmalloc(sizeof *runs * RA_INFLIGHT);
    if (!runs)
        return;
    uint64_t end = index + count;
    uint64_t last = (bdev_bytes(bd) + PAGE_SIZE - 1) / PAGE_SIZE;
    if (end > last)
        end = last;
    while (index < end) {
        int nruns = 0;
        while (nruns < RA_INFLIGHT && index < end) {
            if (pc_find(&bd->inode->pages, index, NULL)) {
                index++;
                continue;
            }
            struct ra_run *run = &runs[nruns];
            memset(&run->r, 0, sizeof run->r);
            run->first = index;
            run->npages = 0;
            while (index < end && run->npages < BLK_MAX_SEGS && !pc_find(&bd->inode->pages, index, NULL)) {
                uint64_t pa = alloc_page();
                if (!pa)
                    break;
                run->r.segs[run->npages++] = (struct blk_seg){pa, page_bytes(bd, index)};
                index++;
            }
            if (!run->npages) {
                index = end; /* no memory: stop reading ahead */
                break;
            }
            run->r.op = BLK_READ;
            run->r.sector = run->first * (PAGE_SIZE / SECTOR_SIZE);
            run->r.nsegs = (int)run->npages;
            if (blk_submit(bd, &run->r)) {
                ra_finish(bd, run, false);
                continue;
            }
            nruns++;
        }
        for (int k = 0; k < nruns; k++)
            ra_finish(bd, &runs[k], true);
    }
    kfree(runs);
}

/* Checks a block's place: size a power of two from 512 to 4096, off a
 * multiple of it, the block inside the device. */
static int check_block(struct block_device *bd, uint64_t off, uint32_t size)
{
    if (size < SECTOR_SIZE || size > PAGE_SIZE || (size & (size - 1)) || off % size)
        return -EINVAL;
    if (off >= bdev_bytes(bd) || size > bdev_bytes(bd) - off)
        return -EIO;
    return 0;
}

static int get_buf(struct block_device *bd, uint64_t off, uint32_t size, bool overwrite, struct bdev_buf *b)
{
    int err = check_block(bd, off, size);
    uint64_t pa = 0;
    if (!err)
        err = bdev_get_page(bd, off / PAGE_SIZE, overwrite, &pa, NULL);
    if (err) {
        if (err == -EIO)
            kprintf("bdev: %s: cannot read the block at byte %lu (error %d)\n", bd->name, off, err);
        return err;
    }
    pmm_ref(pa); /* the buf's own: the page cannot be dropped under it */
    *b = (struct bdev_buf){.pa = pa, .data = (char *)phys_to_virt(pa) + off % PAGE_SIZE, .index = off / PAGE_SIZE,
                           .bd = bd};
    return 0;
}

int bdev_read(struct block_device *bd, uint64_t off, uint32_t size, struct bdev_buf *b)
{
    return get_buf(bd, off, size, false, b);
}

int bdev_get_new(struct block_device *bd, uint64_t off, uint32_t size, struct bdev_buf *b)
{
    /* A whole page is zeroed instead of read; a smaller block shares its
     * page with others, which must come from the disk. */
    return get_buf(bd, off, size, size == PAGE_SIZE, b);
}

void bdev_mark_dirty(struct block_device *bd, uint64_t index)
{
    uint64_t flags;
    if (!pc_find(&bd->inode->pages, index, &flags) || (flags & PC_DIRTY))
        return;
    pc_set_flags(&bd->inode->pages, index, PC_DIRTY);
    bdev_state_of(bd)->ndirty++;
}

void bdev_dirty(struct bdev_buf *b) { bdev_mark_dirty(b->bd, b->index); }

void bdev_release(struct bdev_buf *b)
{
    if (b->pa)
        pmm_free(b->pa);
    b->pa = 0;
    b->data = NULL;
}

/* --- writing back ---------------------------------------------------- */

struct run {
    struct blk_request r;
    uint64_t first; /* page index */
    unsigned npages;
    uint64_t pa[BLK_MAX_SEGS];
};

/* Ends a run's write: on failure its pages are dirty again (the data is
 * still only in memory); the references taken for the write go. */
static int finish_run(struct block_device *bd, struct run *run, bool submitted)
{
    int err = submitted ? blk_wait(&run->r) : run->r.status;
    for (unsigned i = 0; i < run->npages; i++) {
        if (err)
            bdev_mark_dirty(bd, run->first + i);
        pmm_free(run->pa[i]);
    }
    if (err)
        kprintf("bdev: %s: writing pages %lu-%lu failed (error %d)\n", bd->name, run->first,
                run->first + run->npages - 1, err);
    return err;
}

int bdev_sync(struct block_device *bd, bool wait)
{
    struct bdev_state *st = bdev_state_of(bd);
    struct page_ref *refs = kmalloc(sizeof *refs * SYNC_BATCH);
    struct run *runs = kmalloc(sizeof *runs * SYNC_INFLIGHT);
    if (!refs || !runs) {
        kfree(refs);
        kfree(runs);
        return -ENOMEM;
    }
    sleeplock_acquire(&st->sync_lock);
    int first_err = 0;
    struct page_cache *pc = &bd->inode->pages;
    uint64_t scan = 0;
    for (;;) {
        /* The next dirty pages, gathered first (writing sleeps); none
         * looked for when the count says there are none. */
        unsigned n = 0;
        uint64_t index;
        while (n < SYNC_BATCH && st->ndirty) {
            uint64_t pa = pc_next_flagged(pc, scan, PC_DIRTY, &index);
            if (!pa)
                break;
            refs[n++] = (struct page_ref){index, pa};
            scan = index + 1;
        }
        if (!n)
            break;
        /* Consecutive pages go out as one request, SYNC_INFLIGHT at once. */
        unsigned i = 0;
        while (i < n) {
            int nruns = 0;
            while (nruns < SYNC_INFLIGHT && i < n) {
                struct run *run = &runs[nruns];
                memset(&run->r, 0, sizeof run->r);
                run->first = refs[i].index;
                run->npages = 0;
                while (i < n && run->npages < BLK_MAX_SEGS && refs[i].index == run->first + run->npages) {
                    uint32_t len = page_bytes(bd, refs[i].index);
                    /* Cleared before the data goes out: a store after this
                     * makes the page dirty again and it is written again. */
                    if ((pc_clear_flags(pc, refs[i].index, PC_DIRTY) & PC_DIRTY) && st->ndirty)
                        st->ndirty--; /* exact: bdev_sync finds nothing to do when it is 0 */
                    pmm_ref(refs[i].pa);
                    run->pa[run->npages] = refs[i].pa;
                    run->r.segs[run->npages] = (struct blk_seg){refs[i].pa, len};
                    run->npages++;
                    i++;
                    if (len < PAGE_SIZE)
                        break; /* the device's last page */
                }
                run->r.op = BLK_WRITE;
                run->r.sector = run->first * (PAGE_SIZE / SECTOR_SIZE);
                run->r.nsegs = (int)run->npages;
                int err = blk_submit(bd, &run->r);
                if (err) {
                    run->r.status = err;
                    int e = finish_run(bd, run, false);
                    if (!first_err)
                        first_err = e;
                    continue;
                }
                nruns++;
            }
            for (int k = 0; k < nruns; k++) {
                int e = finish_run(bd, &runs[k], true);
                if (e && !first_err)
                    first_err = e;
            }
        }
    }
    if (wait) {
        int e = blk_flush(bd);
        if (e && !first_err)
            first_err = e;
    }
    sleeplock_release(&st->sync_lock);
    kfree(refs);
    kfree(runs);
    return first_err;
}

/* Drops up to want clean, unused pages at index >= *scan, moving *scan
 * past the last page looked at; how many went. */
static uint64_t drop_clean_from(struct block_device *bd, uint64_t *scan, uint64_t want)
{
    struct page_ref *refs = kmalloc(sizeof *refs * SYNC_BATCH);
    if (!refs)
        return 0;
    struct page_cache *pc = &bd->inode->pages;
    uint64_t dropped = 0;
    unsigned n;
    while (dropped < want && (n = next_pages(pc, scan, false, refs, SYNC_BATCH))) {
        for (unsigned i = 0; i < n; i++) {
            /* Only if the cache's is the only reference: no buf, no write in flight. */
            if (pc_remove_clean(pc, refs[i].index, refs[i].pa)) {
                bd->inode->sb->pages_used--;
                dropped++;
            }
        }
    }
    kfree(refs);
    return dropped;
}

void bdev_drop_clean(struct block_device *bd)
{
    uint64_t scan = 0;
    drop_clean_from(bd, &scan, ~0ull);
}

uint64_t bdev_reclaim(uint64_t want)
{
    uint64_t got = 0;
    for (struct block_device *bd = blk_devices(); bd && got < want; bd = bd->next) {
        /* A clock hand per disk: each reclaim goes on where the last
         * one stopped, so no part of the disk (its superblock, its inode
         * tables) is always the first to go. */
        struct bdev_state *st = bdev_state_of(bd);
        got += drop_clean_from(bd, &st->reclaim_hand, want - got);
        if (got < want) {
            st->reclaim_hand = 0; /* wrapped around */
            got += drop_clean_from(bd, &st->reclaim_hand, want - got);
        }
    }
    return got;
}
