/*
 * malloc_core.c - a boundary-tag allocator with segregated free lists.
 *
 * Small blocks live in heap segments obtained from __malloc_morecore
 * (brk). Every chunk starts with a 16-byte header: the size of the chunk
 * before it (0 for a segment's first chunk) and its own size, whose low
 * bits are flags. Chunks are multiples of 16 and 16-aligned, so payloads
 * are 16-aligned. A zero-sized in-use "fence" chunk ends each segment.
 * Free chunks are on a doubly linked list per size class (exact classes
 * of 16 bytes below 1 KiB, then four per power of two) and are merged
 * with free neighbours at once, so no two free chunks are ever adjacent.
 * Requests of MMAP_THRESHOLD or more get their own mapping, returned to
 * the kernel on free. Heap memory is never returned (no trimming).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "malloc_core.h"

#define HDR 16
#define MIN_CHUNK 32
#define INUSE 1UL
#define MMAPPED 2UL
#define FLAGS 15UL
#define MMAP_THRESHOLD (128 * 1024)
#define GROW_MIN (128 * 1024)
#define PAGE 4096
#define NBINS 280
#define MAX_SEGS 64

struct chunk {
    size_t prev_size;
    size_t head;
    struct chunk *next, *prev; /* free chunks only */
};

static struct chunk *bins[NBINS];
static uint64_t binmap[(NBINS + 63) / 64];
static char *heap_end; /* just past the current segment's fence */
static struct {
    char *start, *end;
} segs[MAX_SEGS];
static int nsegs;

static size_t csize(const struct chunk *c) { return c->head & ~FLAGS; }
static struct chunk *next_chunk(struct chunk *c) { return (struct chunk *)((char *)c + csize(c)); }
static struct chunk *prev_chunk(struct chunk *c) { return (struct chunk *)((char *)c - c->prev_size); }
static void *payload(struct chunk *c) { return (char *)c + HDR; }
static struct chunk *chunk_of(void *p) { return (struct chunk *)((char *)p - HDR); }

static int bin_index(size_t size)
{
    if (size < 1024)
        return (int)(size / 16);
    int log = 63 - __builtin_clzl(size); /* >= 10 */
    int quarter = (int)((size >> (log - 2)) & 3);
    return 64 + (log - 10) * 4 + quarter;
}

static void bin_insert(struct chunk *c)
{
    int i = bin_index(csize(c));
    c->prev = NULL;
    c->next = bins[i];
    if (c->next)
        c->next->prev = c;
    bins[i] = c;
    binmap[i / 64] |= 1ULL << (i % 64);
}

static void bin_remove(struct chunk *c)
{
    int i = bin_index(csize(c));
    if (c->prev)
        c->prev->next = c->next;
    else
        bins[i] = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (!bins[i])
        binmap[i / 64] &= ~(1ULL << (i % 64));
}

/* The first non-empty bin at or after i, or -1. */
static int next_bin(int i)
{
    while (i < NBINS) {
        uint64_t bits = binmap[i / 64] >> (i % 64);
        if (bits)
            return i + __builtin_ctzll(bits);
        i = (i / 64 + 1) * 64;
    }
    return -1;
}

/* Sets c's size (keeping its flags) and tells the next chunk. */
static void set_size(struct chunk *c, size_t size)
{
    c->head = size | (c->head & FLAGS);
    next_chunk(c)->prev_size = size;
}

/* Marks c free, merges it with free neighbours and files it. */
static void release(struct chunk *c)
{
    c->head &= ~INUSE;
    struct chunk *n = next_chunk(c);
    if (!(n->head & INUSE)) {
        bin_remove(n);
        set_size(c, csize(c) + csize(n));
    }
    if (c->prev_size) {
        struct chunk *p = prev_chunk(c);
        if (!(p->head & INUSE)) {
            bin_remove(p);
            set_size(p, csize(p) + csize(c));
            c = p;
        }
    }
    bin_insert(c);
}

/* Cuts an in-use chunk down to `size`, freeing the rest if it is big
 * enough to be a chunk. */
static void shrink(struct chunk *c, size_t size)
{
    size_t total = csize(c);
    if (total - size < MIN_CHUNK)
        return;
    set_size(c, size);
    struct chunk *rest = next_chunk(c);
    rest->prev_size = size;
    rest->head = INUSE;
    set_size(rest, total - size);
    release(rest);
}

/* The chunk size for an n-byte request; 0 if n is absurd. */
static size_t request_size(size_t n)
{
    if (n > SIZE_MAX / 2)
        return 0;
    size_t size = (n + HDR + 15) & ~(size_t)15;
    return size < MIN_CHUNK ? MIN_CHUNK : size;
}

/* Adds at least `need` bytes of free chunk to the heap. */
static int grow(size_t need)
{
    size_t len = need + 2 * HDR + 16;
    if (len < GROW_MIN)
        len = GROW_MIN;
    len = (len + PAGE - 1) & ~(size_t)(PAGE - 1);
    char *mem = __malloc_morecore(len);
    if (!mem)
        return 0;
    struct chunk *c;
    char *end = mem + len;
    if (mem == heap_end) {
        /* contiguous: the old fence becomes the new chunk's header */
        c = (struct chunk *)(heap_end - HDR);
        end = (char *)((uintptr_t)end & ~(uintptr_t)15);
        if (nsegs > 0 && nsegs <= MAX_SEGS)
            segs[nsegs - 1].end = end;
    } else {
        char *start = (char *)(((uintptr_t)mem + 15) & ~(uintptr_t)15);
        end = (char *)((uintptr_t)end & ~(uintptr_t)15);
        c = (struct chunk *)start;
        c->prev_size = 0;
        if (nsegs < MAX_SEGS) {
            segs[nsegs].start = start;
            segs[nsegs].end = end;
        }
        nsegs++;
    }
    heap_end = end;
    c->head = INUSE;
    size_t size = (size_t)(end - HDR - (char *)c);
    struct chunk *fence = (struct chunk *)(end - HDR);
    c->head = size | INUSE;
    fence->prev_size = size;
    fence->head = INUSE;
    release(c);
    return 1;
}

static void *map_large(size_t n)
{
    if (n > SIZE_MAX - HDR - PAGE)
        return NULL;
    size_t len = (n + HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
    struct chunk *c = __malloc_map(len);
    if (!c)
        return NULL;
    c->prev_size = 0;
    c->head = len | MMAPPED | INUSE;
    return payload(c);
}

void *__tc_malloc(size_t n)
{
    if (n >= MMAP_THRESHOLD) {
        void *p = map_large(n);
        if (!p)
            errno = ENOMEM;
        return p;
    }
    size_t size = request_size(n);
    for (int attempt = 0; attempt < 2; attempt++) {
        for (int i = next_bin(bin_index(size)); i >= 0; i = next_bin(i + 1)) {
            for (struct chunk *c = bins[i]; c; c = c->next) {
                if (csize(c) >= size) {
                    bin_remove(c);
                    c->head |= INUSE;
                    shrink(c, size);
                    return payload(c);
                }
            }
        }
        if (!grow(size))
            break;
    }
    errno = ENOMEM;
    return NULL;
}

void __tc_free(void *p)
{
    if (!p)
        return;
    if ((uintptr_t)p & 15)
        __malloc_corrupt("free(): invalid pointer");
    struct chunk *c = chunk_of(p);
    if (!(c->head & INUSE))
        __malloc_corrupt("free(): double free or corrupted chunk");
    if (c->head & MMAPPED) {
        __malloc_unmap(c, csize(c));
        return;
    }
    release(c);
}

void *__tc_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __tc_malloc(count * size);
    if (p && !(chunk_of(p)->head & MMAPPED)) /* fresh mappings are zero */
        memset(p, 0, count * size);
    return p;
}

/* Grows in place when the next chunk is free and big enough; otherwise
 * moves. realloc(p, 0) frees p and returns NULL, as glibc does. */
void *__tc_realloc(void *p, size_t n)
{
    if (!p)
        return __tc_malloc(n);
    if (n == 0) {
        __tc_free(p);
        return NULL;
    }
    struct chunk *c = chunk_of(p);
    if (!(c->head & INUSE))
        __malloc_corrupt("realloc(): invalid pointer");
    size_t have = csize(c) - HDR;
    if (c->head & MMAPPED) {
        if (n <= have && n >= MMAP_THRESHOLD / 2)
            return p;
    } else {
        size_t size = request_size(n);
        if (size && size <= csize(c)) {
            shrink(c, size);
            return p;
        }
        struct chunk *next = next_chunk(c);
        if (size && !(next->head & INUSE) && csize(c) + csize(next) >= size) {
            bin_remove(next);
            set_size(c, csize(c) + csize(next));
            shrink(c, size);
            return p;
        }
    }
    void *q = __tc_malloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, have < n ? have : n);
    __tc_free(p);
    return q;
}

int __tc_check(void)
{
    size_t free_walked = 0, free_binned = 0;
    for (int s = 0; s < nsegs && s < MAX_SEGS; s++) {
        struct chunk *c = (struct chunk *)segs[s].start;
        size_t prev = 0;
        int prev_free = 0;
        for (;;) {
            if ((uintptr_t)c & 15)
                return __LINE__;
            if (c->prev_size != prev)
                return __LINE__;
            if ((char *)c + HDR == segs[s].end) {
                if (c->head != INUSE)
                    return __LINE__; /* the fence */
                break;
            }
            size_t size = csize(c);
            if (size < MIN_CHUNK || size & 15 || (char *)c + size + HDR > segs[s].end)
                return __LINE__;
            int is_free = !(c->head & INUSE);
            if (is_free && prev_free)
                return __LINE__; /* should have been merged */
            free_walked += is_free;
            prev_free = is_free;
            prev = size;
            c = next_chunk(c);
        }
    }
    for (int i = 0; i < NBINS; i++) {
        if (!bins[i] != !(binmap[i / 64] >> (i % 64) & 1))
            return __LINE__;
        for (struct chunk *c = bins[i]; c; c = c->next) {
            if (c->head & INUSE || bin_index(csize(c)) != i)
                return __LINE__;
            if (c->next && c->next->prev != c)
                return __LINE__;
            free_binned++;
        }
    }
    if (nsegs <= MAX_SEGS && free_walked != free_binned)
        return __LINE__;
    return 0;
}
