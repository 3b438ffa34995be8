/*
 * selftest_block.c - the block layer (block/blkdev.h) against a RAM disk
 * whose "device" takes two requests at a time and finishes them from the
 * timer tick, as an interrupt would: a full queue makes blk_submit
 * sleep, several requests are in flight, and the bdev_* cache rules
 * (block sizes, the partial last page, dirty and held pages) hold.
 */
#include "block/bdev_internal.h"
#include "block/blkdev.h"
#include "fs/chrdev.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/ioremap.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "tests/selftest.h"
#include "time/clock.h"
#include "uapi/errno.h"

#define DEPTH 2
/* 10 KiB + 512: the cache's third page holds 2560 bytes of the disk. */
#define DISK_BYTES (10 * 1024 + 512)

static uint8_t disk[DISK_BYTES];
#define DISK2_BYTES (256 * 1024)
static uint8_t *disk2; /* ram1's, for readahead: allocated when the test runs (a static 256 KiB would
                          grow every kernel's bss, and the smallest-memory boots need it small) */
static struct blk_request *queue[DEPTH];
static uint8_t *queue_mem[DEPTH];
static int queued, max_queued, refused;
/* The "interrupt" (the timer tick, 100 Hz; self-tests run before the
 * scheduler owns the tick): every queued request is carried out and
 * completed. */
static void ram_complete(void)
{
    for (int i = 0; i < DEPTH; i++) {
        struct blk_request *r = queue[i];
        if (!r)
            continue;
        uint8_t *mem_base = queue_mem[i];
        queue[i] = NULL;
        queued--;
        uint64_t at = r->sector * SECTOR_SIZE;
        for (int s = 0; s < r->nsegs && r->op != BLK_FLUSH; s++) {
            void *mem = phys_to_virt(r->segs[s].pa);
            if (r->op == BLK_READ)
                memcpy(mem, mem_base + at, r->segs[s].len);
            else
                memcpy(mem_base + at, mem, r->segs[s].len);
            at += r->segs[s].len;
        }
        blk_complete(r, 0);
    }
}

static int ram_submit(struct block_device *bd, struct blk_request *r)
{
    for (int i = 0; i < DEPTH; i++) {
        if (!queue[i]) {
            queue[i] = r;
            queue_mem[i] = bd->priv;
            if (++queued > max_queued)
                max_queued = queued;
            return 0;
        }
    }
    refused++;
    return -EAGAIN;
}

static const struct blk_driver_ops ram_ops = {.submit = ram_submit};
static struct block_device ram = {.name = "ram0", .rdev = MKDEV(1, 0), .nsectors = DISK_BYTES / SECTOR_SIZE,
                                  .has_flush = true, .ops = &ram_ops, .priv = disk};
static struct block_device ram1 = {.name = "ram1", .rdev = MKDEV(1, 1), .nsectors = DISK2_BYTES / SECTOR_SIZE,
                                   .ops = &ram_ops};

static uint8_t pat(uint64_t off, unsigned seed) { return (uint8_t)(off * 7 + (off >> 9) + seed); }

static const char *check_block_layer(void)
{
    for (uint64_t i = 0; i < DISK_BYTES; i++)
        disk[i] = pat(i, 0);
    if (blk_register(&ram))
        return "blk_register failed";
    if (blk_by_rdev(MKDEV(1, 0)) != &ram || blk_by_rdev(MKDEV(1, 2)))
        return "blk_by_rdev does not find exactly the registered device";

    /* Six one-sector reads at once: the device takes two, blk_submit
     * sleeps for room for the rest. */
    struct blk_request *rs = kzalloc(sizeof *rs * 6);
    uint8_t *buf = kmalloc(6 * SECTOR_SIZE);
    if (!rs || !buf)
        return "out of memory";
    for (int i = 0; i < 6; i++) {
        rs[i].op = BLK_READ;
        rs[i].sector = (uint64_t)i * 3;
        rs[i].nsegs = 1;
        rs[i].segs[0] = (struct blk_seg){virt_to_phys(buf + i * SECTOR_SIZE), SECTOR_SIZE};
        if (blk_submit(&ram, &rs[i]))
            return "blk_submit of a read failed";
    }
    for (int i = 0; i < 6; i++)
        if (blk_wait(&rs[i]))
            return "a read completed with an error";
    for (int i = 0; i < 6; i++)
        for (unsigned b = 0; b < SECTOR_SIZE; b++)
            if (buf[i * SECTOR_SIZE + b] != pat((uint64_t)i * 3 * SECTOR_SIZE + b, 0))
                return "a read brought the wrong bytes";
    if (max_queued != DEPTH || !refused)
        return "requests were not in flight together, or a full queue was not waited for";
    if (ram.reads != 6 || ram.sectors_read != 6)
        return "the read counters are wrong";

    /* The checks blk_submit makes before the driver sees anything. */
    struct blk_request *r = &rs[0];
    r->op = BLK_READ, r->sector = ram.nsectors, r->nsegs = 1;
    if (blk_submit(&ram, r) != -EIO)
        return "a read past the end is not EIO";
    r->sector = 0, r->segs[0].len = 100;
    if (blk_submit(&ram, r) != -EINVAL)
        return "a segment that is not whole sectors is accepted";
    ram.read_only = true;
    r->op = BLK_WRITE, r->segs[0].len = SECTOR_SIZE;
    int err = blk_submit(&ram, r);
    ram.read_only = false;
    if (err != -EROFS)
        return "a write to a read-only disk is not EROFS";

    /* blk_rw: a buffer at an odd address across pages, written and read. */
    uint8_t *big = kmalloc(3 * 4096);
    if (!big)
        return "out of memory";
    for (int i = 0; i < 4096; i++)
        big[16 + i] = pat((uint64_t)i, 9);
    if (blk_rw(&ram, BLK_WRITE, 1024, big + 16, 4096) || blk_flush(&ram))
        return "blk_rw write or blk_flush failed";
    memset(big, 0, 3 * 4096);
    if (blk_rw(&ram, BLK_READ, 1024, big + 16, 4096))
        return "blk_rw read failed";
    for (int i = 0; i < 4096; i++)
        if (big[16 + i] != pat((uint64_t)i, 9) || disk[1024 + i] != pat((uint64_t)i, 9))
            return "blk_rw moved the wrong bytes";
    if (blk_rw(&ram, BLK_READ, 100, big, 512) != -EINVAL)
        return "blk_rw at an offset that is not a sector's is accepted";

    /* A buffer whose two pages are not neighbours in physical memory (a
     * kernel stack's could be), crossed at an offset that is not a
     * sector's: blk_rw goes through a bounce page for that piece. */
    uint64_t f1 = pmm_alloc(), f2 = pmm_alloc(), f3 = pmm_alloc();
    if (!f1 || !f2 || !f3)
        return "out of memory";
    uint64_t second = f2 == f1 + 4096 ? f3 : f2; /* any frame but f1's neighbour */
    uint8_t *v1 = ioremap(f1, 4096), *v2 = ioremap(second, 4096);
    if (!v1 || v2 != v1 + 4096)
        return "cannot map two frames side by side";
    for (int i = 0; i < 1024; i++)
        v1[3900 + i] = pat((uint64_t)i, 11);
    if (blk_rw(&ram, BLK_WRITE, 2048, v1 + 3900, 1024))
        return "blk_rw write from a split buffer failed";
    memset(v1 + 3900, 0, 1024);
    if (blk_rw(&ram, BLK_READ, 2048, v1 + 3900, 1024))
        return "blk_rw read into a split buffer failed";
    for (int i = 0; i < 1024; i++)
        if (v1[3900 + i] != pat((uint64_t)i, 11) || disk[2048 + i] != pat((uint64_t)i, 11))
            return "blk_rw through a bounce page moved the wrong bytes";
    pmm_free(second == f3 ? f2 : f3); /* the two mapped frames stay: ioremap keeps its mappings */

    /* The device cache. */
    struct bdev_buf b, b2;
    if (bdev_read(&ram, 8192, 1024, &b) != 0 || ((uint8_t *)b.data)[5] != pat(8192 + 5, 0))
        return "bdev_read of a block in the partial last page";
    bdev_release(&b);
    if (bdev_read(&ram, 10240, 512, &b) != 0)
        return "bdev_read of the last sector";
    bdev_release(&b);
    if (bdev_read(&ram, 10240, 1024, &b) != -EIO || bdev_read(&ram, 12288, 512, &b) != -EIO)
        return "a block past the end is not EIO";
    if (bdev_read(&ram, 100, 512, &b) != -EINVAL || bdev_read(&ram, 0, 3000, &b) != -EINVAL)
        return "a misplaced block or an odd size is not EINVAL";
    if (bdev_get_new(&ram, 4096, 4096, &b))
        return "bdev_get_new failed";
    for (int i = 0; i < 4096; i++)
        if (((uint8_t *)b.data)[i])
            return "bdev_get_new of an uncached page is not zeroed";
    for (int i = 0; i < 4096; i++)
        ((uint8_t *)b.data)[i] = pat(4096 + (uint64_t)i, 3);
    bdev_dirty(&b);
    if (bdev_read(&ram, 2048, 2048, &b2)) /* a block of page 0, held across the drop */
        return "bdev_read of page 0";
    uint64_t before = ram.inode->pages.nrpages;
    bdev_drop_clean(&ram);
    if (ram.inode->pages.nrpages != before - 1) /* only page 2: page 1 is dirty, page 0 held */
        return "bdev_drop_clean dropped a dirty or held page, or kept a clean unused one";
    if (disk[8000] != pat(8000, 0)) /* (below 5120 blk_rw wrote) */
        return "a dirty page reached the disk before bdev_sync";
    uint64_t flushes = blk_stats_of(&ram)->flushes;
    if (bdev_sync(&ram, true))
        return "bdev_sync failed";
    for (int i = 0; i < 4096; i++)
        if (disk[4096 + i] != pat(4096 + (uint64_t)i, 3))
            return "bdev_sync did not write the dirty page";
    if (blk_stats_of(&ram)->flushes != flushes + 1)
        return "bdev_sync(wait) did not flush the device";
    bdev_release(&b);
    bdev_release(&b2);
    bdev_drop_clean(&ram);
    if (ram.inode->pages.nrpages != 0)
        return "clean released pages stay cached";
    /* The partial last page written back: only its 2560 bytes go out. */
    if (bdev_read(&ram, 9216, 1024, &b))
        return "bdev_read of the last page";
    memset(b.data, 0xAB, 1024);
    bdev_dirty(&b);
    bdev_release(&b);
    if (bdev_sync(&ram, false) || disk[9216] != 0xAB || disk[DISK_BYTES - 1] != pat(DISK_BYTES - 1, 0))
        return "writing back the partial last page";
    kfree(rs);
    kfree(buf);
    kfree(big);

    /* Readahead: 1 KiB blocks read in order from the start of ram1 (a
     * file system reading a file) take a few big requests, not one per
     * page; a random block after them takes one request of one page. */
    uint64_t disk2_pa = pmm_alloc_contig(DISK2_BYTES / 4096, 1);
    if (!disk2_pa)
        return "no memory for ram1";
    disk2 = phys_to_virt(disk2_pa);
    ram1.priv = disk2;
    for (uint64_t i = 0; i < DISK2_BYTES; i++)
        disk2[i] = pat(i, 5);
    if (blk_register(&ram1))
        return "blk_register of ram1 failed";
    for (uint64_t off = 0; off < DISK2_BYTES; off += 1024) {
        if (bdev_read(&ram1, off, 1024, &b))
            return "bdev_read of ram1";
        bool same = ((uint8_t *)b.data)[1023] == pat(off + 1023, 5);
        bdev_release(&b);
        if (!same)
            return "a block read ahead holds the wrong bytes";
    }
    if (ram1.reads > 8)
        return "a sequential reader's 64 pages took more than 8 requests";
    bdev_drop_clean(&ram1);
    uint64_t reads = ram1.reads, sectors = ram1.sectors_read;
    if (bdev_read(&ram1, 100 * 1024, 1024, &b))
        return "bdev_read of a random block";
    bdev_release(&b);
    if (ram1.reads != reads + 1 || ram1.sectors_read != sectors + 8)
        return "a random read read more than its page";
    return NULL;
}

SELFTEST(block_layer)
{
    clock_set_tick_hook(ram_complete);
    const char *why = check_block_layer();
    clock_set_tick_hook(NULL);
    return why;
}
