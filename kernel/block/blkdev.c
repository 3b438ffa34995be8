/*
 * blkdev.c - the block device registry and request path (blkdev.h):
 * checking and queueing requests on their driver, waiting for them, and
 * synchronous I/O of kernel buffers split into physical segments.
 *
 * Sleeping: a submitter whose device queue is full sleeps on
 * queue_space, a waiter on its request; blk_complete (interrupt context)
 * wakes both. Conditions are checked with interrupts off, so no wakeup
 * is lost between the check and the sleep (proc/wait.h's race rule).
 */
#include "block/blkdev.h"

#include "arch/x86_64/cpu.h"
#include "block/bdev_internal.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "proc/wait.h"
#include "uapi/errno.h"

static struct block_device *devices, **devices_tail = &devices;
static const char queue_space; /* the channel of submitters waiting for room in a device queue */

int blk_register(struct block_device *bd)
{
    if (blk_by_rdev(bd->rdev))
        return -EBUSY;
    int err = bdev_cache_attach(bd);
    if (err)
        return err;
    bd->mounted = 0;
    bd->reads = bd->writes = bd->sectors_read = bd->sectors_written = 0;
    bd->next = NULL;
    *devices_tail = bd;
    devices_tail = &bd->next;
    blk_add_node(bd);
    return 0;
}

struct block_device *blk_by_rdev(uint32_t rdev)
{
    for (struct block_device *bd = devices; bd; bd = bd->next)
        if (bd->rdev == rdev)
            return bd;
    return NULL;
}

struct block_device *blk_devices(void) { return devices; }

static uint64_t request_bytes(const struct blk_request *r)
{
    uint64_t n = 0;
    for (int i = 0; i < r->nsegs; i++)
        n += r->segs[i].len;
    return n;
}

int blk_submit(struct block_device *bd, struct blk_request *r)
{
    r->done = false;
    r->status = 0;
    if (r->op == BLK_FLUSH) {
        if (!bd->has_flush) { /* no volatile cache: nothing to empty */
            blk_complete(r, 0);
            return 0;
        }
        r->nsegs = 0;
    } else {
        if (r->op != BLK_READ && r->op != BLK_WRITE)
            return -EINVAL;
        if (r->nsegs < 1 || r->nsegs > BLK_MAX_SEGS)
            return -EINVAL;
        for (int i = 0; i < r->nsegs; i++)
            if (!r->segs[i].len || r->segs[i].len % SECTOR_SIZE)
                return -EINVAL;
        uint64_t sectors = request_bytes(r) >> SECTOR_SHIFT;
        if (r->sector >= bd->nsectors || sectors > bd->nsectors - r->sector)
            return -EIO; /* Linux: "attempt to access beyond end of device" */
        if (r->op == BLK_WRITE && bd->read_only)
            return -EROFS;
    }
    /* Counted now: once queued, r may complete (and its owner reuse it)
     * at any interrupt. /proc/diskstats counts issued requests (Linux
     * counts completed ones; with waits the two agree). */
    enum blk_op op = r->op;
    uint64_t sectors = request_bytes(r) >> SECTOR_SHIFT;
    uint64_t f = irq_save();
    int err;
    while ((err = bd->ops->submit(bd, r)) == -EAGAIN)
        sleep_on(&queue_space);
    irq_restore(f);
    if (err)
        return err;
    if (op == BLK_READ) {
        bd->reads++;
        bd->sectors_read += sectors;
    } else if (op == BLK_WRITE) {
        bd->writes++;
        bd->sectors_written += sectors;
    } else {
        blk_stats_of(bd)->flushes++;
    }
    return 0;
}

int blk_wait(struct blk_request *r)
{
    uint64_t f = irq_save();
    while (!r->done)
        sleep_on(r);
    irq_restore(f);
    return r->status;
}

void blk_complete(struct blk_request *r, int status)
{
    r->status = status;
    r->done = true;
    if (r->end_io)
        r->end_io(r);
    else
        wakeup(r);
    wakeup(&queue_space); /* a slot in the device's queue is free again */
}

/* The physical address behind kernel address va: the direct map and the
 * kernel image by arithmetic, anything else (a kernel stack) through the
 * page table. 0 when va is not mapped. */
static uint64_t kernel_pa(uint64_t va)
{
    if (va >= DIRECT_MAP_BASE && va < DIRECT_MAP_BASE + pmm_highest_ram())
        return va - DIRECT_MAP_BASE;
    if (va >= KERNEL_VMA)
        return va - KERNEL_VMA;
    uint64_t pa, flags;
    if (!paging_translate(paging_kernel_root(), va & ~(uint64_t)(PAGE_SIZE - 1), &pa, &flags))
        return 0;
    return (pa & ~(uint64_t)(PAGE_SIZE - 1)) + (va & (PAGE_SIZE - 1));
}

/* Fills r's segments from len bytes at buf, merging physically adjacent
 * pages, up to BLK_MAX_SEGS. Returns the bytes covered (a multiple of
 * the sector size), or 0 when the buffer cannot be described (a segment
 * that is not whole sectors: the caller bounces through a page). */
static size_t build_segments(struct blk_request *r, uint8_t *buf, size_t len)
{
    r->nsegs = 0;
    size_t done = 0;
    while (done < len) {
        uint64_t va = (uint64_t)(buf + done);
        size_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
        if (chunk > len - done)
            chunk = len - done;
        uint64_t pa = kernel_pa(va);
        if (!pa)
            return 0;
        struct blk_seg *last = r->nsegs ? &r->segs[r->nsegs - 1] : NULL;
        if (last && last->pa + last->len == pa) {
            last->len += (uint32_t)chunk;
        } else {
            if (last && last->len % SECTOR_SIZE)
                break; /* a discontinuity mid-sector: end the request before it (trimmed below) */
            if (r->nsegs == BLK_MAX_SEGS)
                break;
            r->segs[r->nsegs++] = (struct blk_seg){pa, (uint32_t)chunk};
        }
        done += chunk;
    }
    if (r->nsegs && r->segs[r->nsegs - 1].len % SECTOR_SIZE) {
        /* The last segment ends mid-sector: the partial sector is left
         * to the next request (or to a bounce page). */
        uint32_t extra = r->segs[r->nsegs - 1].len % SECTOR_SIZE;
        r->segs[r->nsegs - 1].len -= extra;
        if (!r->segs[r->nsegs - 1].len)
            r->nsegs--;
        done -= extra;
    }
    return r->nsegs ? done : 0;
}

/* One synchronous request through a bounce page (buffers not made of
 * whole sectors per physical piece). */
static int bounce_rw(struct block_device *bd, enum blk_op op, uint64_t off, uint8_t *buf, size_t len)
{
    uint64_t page = pmm_alloc();
    struct blk_request *r = kzalloc(sizeof *r);
    int err = 0;
    if (!page || !r) {
        err = -ENOMEM;
        goto out;
    }
    for (size_t done = 0; done < len && !err;) {
        size_t chunk = len - done < PAGE_SIZE ? len - done : PAGE_SIZE;
        if (op == BLK_WRITE)
            memcpy(phys_to_virt(page), buf + done, chunk);
        r->op = op;
        r->sector = (off + done) >> SECTOR_SHIFT;
        r->nsegs = 1;
        r->segs[0] = (struct blk_seg){page, (uint32_t)chunk};
        r->end_io = NULL;
        err = blk_submit(bd, r);
        if (!err)
            err = blk_wait(r);
        if (!err && op == BLK_READ)
            memcpy(buf + done, phys_to_virt(page), chunk);
        done += chunk;
    }
out:
    if (page)
        pmm_free(page);
    kfree(r);
    return err;
}

#define RW_INFLIGHT 4 /* requests of one blk_rw in the device queue at once */

int blk_rw(struct block_device *bd, enum blk_op op, uint64_t off, void *buf, size_t len)
{
    if ((op != BLK_READ && op != BLK_WRITE) || off % SECTOR_SIZE || len % SECTOR_SIZE)
        return -EINVAL;
    if (!len)
        return 0;
    struct blk_request *rs = kzalloc(sizeof *rs * RW_INFLIGHT);
    if (!rs)
        return -ENOMEM;
    int err = 0;
    size_t done = 0;
    while (done < len && !err) {
        /* Up to RW_INFLIGHT requests out, then wait for them all. */
        int n = 0;
        while (n < RW_INFLIGHT && done < len) {
            struct blk_request *r = &rs[n];
            size_t got = build_segments(r, (uint8_t *)buf + done, len - done);
            if (!got)
                break;
            r->op = op;
            r->sector = (off + done) >> SECTOR_SHIFT;
            r->end_io = NULL;
            err = blk_submit(bd, r);
            if (err)
                break;
            n++;
            done += got;
        }
        for (int i = 0; i < n; i++) {
            int e = blk_wait(&rs[i]);
            if (e && !err)
                err = e;
        }
        if (!err && n == 0 && done < len) {
            /* A piece that is not whole sectors of one page: bounce one page of it. */
            size_t chunk = len - done < PAGE_SIZE ? len - done : PAGE_SIZE;
            err = bounce_rw(bd, op, off + done, (uint8_t *)buf + done, chunk);
            done += chunk;
        }
    }
    kfree(rs);
    return err;
}

int blk_flush(struct block_device *bd)
{
    if (!bd->has_flush)
        return 0;
    struct blk_request *r = kzalloc(sizeof *r);
    if (!r)
        return -ENOMEM;
    r->op = BLK_FLUSH;
    int err = blk_submit(bd, r);
    if (!err)
        err = blk_wait(r);
    kfree(r);
    return err;
}
