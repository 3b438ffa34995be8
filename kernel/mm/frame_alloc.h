/*
 * frame_alloc.h - the physical frame allocator's core: one bit per 4 KiB
 * frame (1 = in use), first fit from a moving hint. Pure logic on memory
 * the caller provides, so it is unit-tested on the host; kernel/mm/pmm.c
 * feeds it from the Multiboot memory map.
 */
#ifndef MM_FRAME_ALLOC_H
#define MM_FRAME_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

struct frame_alloc {
    uint64_t *bitmap;  /* nframes bits, 1 = used */
    uint64_t nframes;
    uint64_t nfree;
    uint64_t hint;     /* search starts here: frames below were all used */
};

/* bitmap must hold (nframes + 63) / 64 words. Everything starts used;
 * the caller frees what the memory map says is usable. */
void frame_alloc_init(struct frame_alloc *fa, uint64_t *bitmap, uint64_t nframes);

/* Boot-time marking of ranges; ranges past nframes are clipped. */
void frame_alloc_mark_free(struct frame_alloc *fa, uint64_t first, uint64_t count);
void frame_alloc_mark_used(struct frame_alloc *fa, uint64_t first, uint64_t count);

/* Allocates count contiguous frames; the first is a multiple of align
 * (a power of two, in frames; 1 for none). Returns the first frame's
 * number, or -1 when no such run is free. */
int64_t frame_alloc_alloc(struct frame_alloc *fa, uint64_t count, uint64_t align);

enum frame_free_result { FRAME_FREE_OK = 0, FRAME_FREE_OUT_OF_RANGE = -1, FRAME_FREE_DOUBLE = -2 };
/* Frees count frames from first. Refuses, changing nothing, when any of
 * them is outside the allocator or already free (a double free). */
enum frame_free_result frame_alloc_free(struct frame_alloc *fa, uint64_t first, uint64_t count);

bool frame_alloc_is_used(const struct frame_alloc *fa, uint64_t frame);

#endif
