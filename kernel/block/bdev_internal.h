/*
 * bdev_internal.h - what the block layer's files share (private to
 * kernel/block): each device's own state beyond struct block_device,
 * kept behind its cache inode (bd->inode->priv).
 */
#ifndef BLOCK_BDEV_INTERNAL_H
#define BLOCK_BDEV_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "block/blkdev.h"
#include "fs/inode.h"
#include "proc/sleeplock.h"

struct bdev_state {
    struct block_device *bd;
    struct sleeplock sync_lock; /* one bdev_sync at a time: a sync returns only after every page it
                                   found dirty (or that another sync was writing) is on the disk */
    uint64_t ndirty;            /* dirty pages in the cache */
    uint64_t flushes;           /* BLK_FLUSH requests issued (/proc/diskstats' flush count) */
    int opens;                  /* open files of the device (blkdev_file.c) */
    uint64_t reclaim_hand;      /* bdev_reclaim goes on from this page index */
    uint64_t ra_next, ra_window; /* readahead: where a sequential reader's next miss falls, and the
                                    pages read at the last miss */
};

static inline struct bdev_state *bdev_state_of(struct block_device *bd) { return bd->inode->priv; }
static inline struct bdev_state *blk_stats_of(struct block_device *bd) { return bdev_state_of(bd); }

/* bdev_cache.c: gives bd its cache inode (on the "bdev" pseudo file
 * system) and state. 0 or -ENOMEM. */
int bdev_cache_attach(struct block_device *bd);
/* The frame of page index of bd's cache: cached, read in, or (overwrite:
 * the caller fills all of it) a zeroed new page. *fresh (optional): the
 * page was not cached before. The cache's reference only: take one
 * (pmm_ref) to hold it across a sleep. 0, -EIO or -ENOMEM. */
int bdev_get_page(struct block_device *bd, uint64_t index, bool overwrite, uint64_t *pa, bool *fresh);
/* Reads the uncached pages among [index, index + count) into the cache
 * (clipped at the device's end), in requests of consecutive pages, a few
 * in flight at once: a sequential reader's next pages arrive in a few big
 * requests instead of one small one each. Best effort: a failed read or
 * lack of memory just leaves pages uncached. */
void bdev_readahead(struct block_device *bd, uint64_t index, uint64_t count);
/* Sets PC_DIRTY on a cached page (counted in ndirty). */
void bdev_mark_dirty(struct block_device *bd, uint64_t index);
/* Fills page with page index from the disk again (zeros past the end). */
int bdev_reread_page(struct block_device *bd, uint64_t index, void *page);

/* The device's size in bytes. */
static inline uint64_t bdev_bytes(const struct block_device *bd) { return bd->nsectors << SECTOR_SHIFT; }

/* blkdev_file.c: /dev/NAME for bd (now, or when devtmpfs comes up). */
void blk_add_node(struct block_device *bd);

#endif
