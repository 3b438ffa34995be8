/*
 * page_cache.h - a file's data, page by page: one page cache per inode
 * maps a page index (file offset / 4096) to a physical frame. read(),
 * write(), truncate, exec and every mmap of the file go through it (see
 * filemap.h), so a file never needs contiguous memory and all processes
 * mapping a file share its frames.
 *
 * The index is a radix tree of 64-slot nodes (kmalloc'd, 512 bytes), as
 * Linux's xarray: height h covers 64^h pages, and a file of one page
 * needs no node at all (height 0 keeps the page's entry in the root).
 * An entry is the frame's physical address; its low bits carry the
 * page's state (PC_DIRTY: written since the file system last wrote it
 * back; disk file systems only, see writeback.h).
 *
 * The cache owns one reference to each frame (pmm_ref counts); a mapping
 * takes its own. Locking: the owning inode's lock serialises writers and
 * truncation; lookups and inserts are atomic with respect to each other
 * (a spinlock, interrupts off on one CPU today), so a page fault may look
 * up pages without the inode lock (a fault must never take it: a write()
 * holding the inode lock can fault on a mapping of the same file).
 */
#ifndef FS_PAGE_CACHE_H
#define FS_PAGE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/spinlock.h"

#define PC_DIRTY 0x1ull
#define PC_FLAGS_MASK 0xfffull

struct page_cache {
    uint64_t root;   /* height 0: the entry of page 0; else a node pointer */
    int height;
    uint64_t nrpages;
    struct spinlock lock;
};

/* The frame of page index (0: not cached). *flags (optional) gets its
 * PC_* bits. */
uint64_t pc_find(struct page_cache *pc, uint64_t index, uint64_t *flags);
/* The frames of pages index, index + 1, ... up to n of them, into pas,
 * as long as they are cached and in the same leaf of the tree (one
 * descent, one lock): how many. The caller holds no reference on them
 * (see filemap.c's copy_run for when that is safe). */
unsigned pc_find_run(struct page_cache *pc, uint64_t index, unsigned n, uint64_t *pas);
/* Puts frame pa (page aligned; the caller's reference passes to the
 * cache) at index, which must be empty. 0 or -ENOMEM (the caller still
 * owns pa then). */
int pc_insert(struct page_cache *pc, uint64_t index, uint64_t pa);
/* Sets PC_* bits of a cached page. */
void pc_set_flags(struct page_cache *pc, uint64_t index, uint64_t flags);
/* Clears them; returns the bits the page had before (0 if not cached). */
uint64_t pc_clear_flags(struct page_cache *pc, uint64_t index, uint64_t flags);
/* The frame of the first page at index >= first with one of flag's bits
 * (writeback: the next dirty page), its index in *index; 0 if none. */
uint64_t pc_next_flagged(struct page_cache *pc, uint64_t first, uint64_t flag, uint64_t *index);
/* Takes page index (frame pa) out of the cache if it is clean and only
 * the cache holds it (no mapping, no reader copying from it): memory
 * reclaim of disk files' pages. Whether it went. */
bool pc_remove_clean(struct page_cache *pc, uint64_t index, uint64_t pa);
/* Drops every page at index >= first (truncate), and the nodes that
 * become empty. */
void pc_truncate(struct page_cache *pc, uint64_t first);
/* Calls fn(ctx, index, pa) for every cached page at index >= first, in
 * order; stops when fn returns nonzero (and returns that). */
int pc_for_each(struct page_cache *pc, uint64_t first, int (*fn)(void *ctx, uint64_t index, uint64_t pa), void *ctx);

/* Pages held by every page cache (/proc/meminfo's Cached), and those of
 * them dirty (Dirty:). */
uint64_t pc_total_pages(void);
uint64_t pc_dirty_pages(void);

#endif
