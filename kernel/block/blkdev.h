/*
 * blkdev.h - block devices: a disk (virtio-blk, a RAM disk) seen as an
 * array of 512-byte sectors, and the requests that move data to and from
 * it. Drivers sit below (they register a block_device and carry out its
 * requests); file systems and /dev/vda sit above and reach the data
 * through the device's page cache (bdev_* below): one page cache for
 * files, mappings and block I/O.
 *
 * A request names whole sectors and a list of physical segments (the
 * driver gives them to the device for DMA, so each segment is physically
 * contiguous: a page or part of one). Drivers complete requests from
 * their interrupt handler with blk_complete; the submitter sleeps in
 * blk_wait until then. Several requests may be in flight at once.
 *
 * Device numbers are Linux's: virtio-blk disks take major 254 (the
 * dynamic major Debian's kernel gives virtblk), minor 16 per disk (vda 0,
 * vdb 16; partitions are not read); RAM disks major 1 (ram0 is 1:0).
 */
#ifndef BLOCK_BLKDEV_H
#define BLOCK_BLKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"

#define SECTOR_SIZE 512u
#define SECTOR_SHIFT 9

#define BLK_MAX_SEGS 32 /* segments in one request (128 KiB of pages) */

enum blk_op { BLK_READ, BLK_WRITE, BLK_FLUSH };

struct blk_seg {
    uint64_t pa;  /* physical address */
    uint32_t len; /* bytes, a multiple of SECTOR_SIZE */
};

struct blk_request {
    enum blk_op op;
    uint64_t sector;  /* first sector (READ/WRITE) */
    int nsegs;
    struct blk_seg segs[BLK_MAX_SEGS];
    /* Set by blk_complete: */
    volatile bool done;
    int status; /* 0 or -EIO */
    /* Called by blk_complete (interrupt context, may only mark and
     * wake); NULL: the submitter waits with blk_wait. */
    void (*end_io)(struct blk_request *r);
    void *priv;
    struct list_head link; /* the driver's while in flight */
};

struct block_device;

struct blk_driver_ops {
    /* Starts r (its sectors are inside the device: blk_submit checked).
     * 0 when queued; -EAGAIN when the device's queue is full (blk_submit
     * then sleeps and retries). Called with interrupts off. */
    int (*submit)(struct block_device *bd, struct blk_request *r);
};

struct block_device {
    char name[16];           /* "vda": /dev/NAME, /proc/partitions */
    uint32_t rdev;           /* MKDEV(major, minor) (fs/chrdev.h) */
    uint64_t nsectors;       /* size in 512-byte sectors */
    bool read_only;          /* the device refuses writes (EROFS / EPERM, as Linux's BLKROGET) */
    bool has_flush;          /* has a volatile write cache that BLK_FLUSH empties */
    const struct blk_driver_ops *ops;
    void *priv;              /* the driver's */
    /* The block layer's (blk_register fills them in): */
    struct inode *inode;     /* the device's own inode: its page cache caches the disk */
    int mounted;             /* superblocks using it (a second rw mount is EBUSY) */
    uint64_t reads, writes, sectors_read, sectors_written; /* /proc/diskstats */
    struct block_device *next;
};

/* Makes bd known: /dev/NAME appears (a block-device node, mode 0660
 * root:disk), /proc/partitions lists it. 0 or -errno. */
int blk_register(struct block_device *bd);
/* The device with number rdev, or NULL. */
struct block_device *blk_by_rdev(uint32_t rdev);
/* The registered devices, for /proc/partitions. */
struct block_device *blk_devices(void);

/* Queues r on its device (sleeping while the device's queue is full);
 * -EIO at once for sectors past the end, -EROFS for a write to a
 * read-only device. Completion: r->end_io or blk_wait. */
int blk_submit(struct block_device *bd, struct blk_request *r);
/* Sleeps until r is complete; its status. */
int blk_wait(struct blk_request *r);
/* Drivers: r is finished with status (0 or -EIO). Interrupt context. */
void blk_complete(struct blk_request *r, int status);

/* Synchronous I/O of len bytes (a multiple of 512) at byte offset off
 * between the device and kernel memory buf (any kernel address: split
 * into physical segments here). 0 or -EIO. */
int blk_rw(struct block_device *bd, enum blk_op op, uint64_t off, void *buf, size_t len);
/* Empties the device's write cache (BLK_FLUSH; nothing when it has
 * none). 0 or -EIO. */
int blk_flush(struct block_device *bd);

/*
 * The device's page cache (bd->inode's pages, index = byte offset /
 * 4096). File systems read their metadata through it (Linux's buffer
 * cache lives in the block device's page cache the same way); the
 * /dev/vda file reads and writes it. A block of 1, 2 or 4 KiB lies inside
 * one page.
 */
struct bdev_buf {
    uint64_t pa;   /* the cached page (a reference held while the buf is) */
    void *data;    /* the block's bytes (kernel address) */
    uint64_t index;
    struct block_device *bd;
};
/* Gets size bytes at byte offset off (size divides 4096, off is a
 * multiple of size), reading the page in if it is not cached. 0 or -EIO. */
int bdev_read(struct block_device *bd, uint64_t off, uint32_t size, struct bdev_buf *b);
/* The same without reading: the caller overwrites all size bytes (a new
 * block: zeroes it if the page was not cached). */
int bdev_get_new(struct block_device *bd, uint64_t off, uint32_t size, struct bdev_buf *b);
/* The buf's bytes changed: its page is written back by bdev_sync. */
void bdev_dirty(struct bdev_buf *b);
/* Lets go of the buf (its page stays cached). */
void bdev_release(struct bdev_buf *b);
/* Writes every dirty page of the device's cache; with wait, also
 * flushes the device's write cache. 0 or the first error. */
int bdev_sync(struct block_device *bd, bool wait);
/* Drops the clean, unused pages of the cache (a fresh mount reads the
 * disk again; echo 3 > /proc/sys/vm/drop_caches). */
void bdev_drop_clean(struct block_device *bd);
/* Memory is short: gives back up to want clean, unused pages of the
 * disks' caches (each disk from where its last reclaim stopped, so the
 * same blocks are not always the first to go). How many went. */
uint64_t bdev_reclaim(uint64_t want);

#endif
