/*
 * heap.h - the kernel heap allocator's core, independent of where its
 * pages come from (kernel: the frame allocator via the direct map; host
 * tests: a fixed budget of aligned blocks).
 *
 * Design: sizes up to 2048 bytes come from slabs, one 4 KiB page per slab
 * holding objects of one size class (16, 32, ..., 2048). Larger requests
 * get their own run of contiguous pages. Every page starts with a 32-byte
 * header naming what it is, so free() needs no size and detects pointers
 * it never handed out. A slab page whose objects are all free goes back to
 * the page source at once, so the heap holds no memory it does not use.
 *
 * Alignment: every pointer returned is 16-byte aligned (what the ABI
 * gives max_align_t). Callers needing page alignment use the frame
 * allocator directly.
 */
#ifndef MM_HEAP_H
#define MM_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_PAGE 4096
#define HEAP_CLASSES 8 /* 16 << 0 .. 16 << 7 = 2048 */
#define HEAP_ALIGN 16

struct heap_page_source {
    /* npages contiguous, HEAP_PAGE-aligned pages, or NULL. */
    void *(*alloc_pages)(void *ctx, size_t npages);
    void (*free_pages)(void *ctx, void *p, size_t npages);
    void *ctx;
};

struct slab;

struct heap {
    struct heap_page_source src;
    struct slab *partial[HEAP_CLASSES]; /* slabs with at least one free object */
    struct slab *spare[HEAP_CLASSES];   /* one empty slab kept per class (heap.c) */
    size_t spare_pages;                 /* how many spare[] hold */
    size_t bytes_in_use;                /* usable bytes handed out, for statistics */
    size_t pages_in_use;
};

void heap_init(struct heap *h, struct heap_page_source src);
/* Gives the spare empty slabs back to the page source. */
void heap_trim(struct heap *h);
/* size 0 returns a valid minimal object. NULL when out of memory or when
 * size is absurd (overflow). */
void *heap_alloc(struct heap *h, size_t size);

enum heap_free_result { HEAP_FREE_OK = 0, HEAP_FREE_BAD_POINTER = -1, HEAP_FREE_DOUBLE = -2 };
/* NULL is accepted and ignored. */
enum heap_free_result heap_free(struct heap *h, void *p);
/* The usable size of an allocation (at least what was asked). */
size_t heap_usable_size(void *p);

#endif
