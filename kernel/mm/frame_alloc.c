/* frame_alloc.c - see frame_alloc.h. */
#include "mm/frame_alloc.h"

static inline bool bit_get(const uint64_t *bm, uint64_t i) { return (bm[i / 64] >> (i % 64)) & 1; }
static inline void bit_set(uint64_t *bm, uint64_t i) { bm[i / 64] |= 1ull << (i % 64); }
static inline void bit_clear(uint64_t *bm, uint64_t i) { bm[i / 64] &= ~(1ull << (i % 64)); }

void frame_alloc_init(struct frame_alloc *fa, uint64_t *bitmap, uint64_t nframes)
{
    fa->bitmap = bitmap;
    fa->nframes = nframes;
    fa->nfree = 0;
    fa->hint = 0;
    for (uint64_t i = 0; i < (nframes + 63) / 64; i++)
        bitmap[i] = ~0ull;
}

static uint64_t clip(const struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    if (first >= fa->nframes)
        return 0;
    return count > fa->nframes - first ? fa->nframes - first : count;
}

void frame_alloc_mark_free(struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    count = clip(fa, first, count);
    for (uint64_t i = first; i < first + count; i++) {
        if (bit_get(fa->bitmap, i)) {
            bit_clear(fa->bitmap, i);
            fa->nfree++;
        }
    }
    if (count && first < fa->hint)
        fa->hint = first;
}

void frame_alloc_mark_used(struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    count = clip(fa, first, count);
    for (uint64_t i = first; i < first + count; i++) {
        if (!bit_get(fa->bitmap, i)) {
            bit_set(fa->bitmap, i);
            fa->nfree--;
        }
    }
}

int64_t frame_alloc_alloc(struct frame_alloc *fa, uint64_t count, uint64_t align)
{
    if (count == 0 || count > fa->nfree || align == 0 || (align & (align - 1)))
        return -1;
    /* Skip whole used words quickly, then check runs bit by bit. */
    uint64_t i = fa->hint;
    while (i < fa->nframes) {
        if (i % 64 == 0 && fa->bitmap[i / 64] == ~0ull) {
            i += 64;
            continue;
        }
        uint64_t start = (i + align - 1) & ~(align - 1);
        if (start + count > fa->nframes || start + count < start)
            return -1;
        uint64_t run = 0;
        while (run < count && !bit_get(fa->bitmap, start + run))
            run++;
        if (run == count) {
            for (uint64_t k = start; k < start + count; k++)
                bit_set(fa->bitmap, k);
            fa->nfree -= count;
            if (start == fa->hint)
                fa->hint = start + count;
            return (int64_t)start;
        }
        i = start + run + 1; /* the frame at start+run is used */
    }
    return -1;
}

enum frame_free_result frame_alloc_free(struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    if (first >= fa->nframes || count > fa->nframes - first)
        return FRAME_FREE_OUT_OF_RANGE;
    for (uint64_t i = first; i < first + count; i++)
        if (!bit_get(fa->bitmap, i))
            return FRAME_FREE_DOUBLE;
    for (uint64_t i = first; i < first + count; i++)
        bit_clear(fa->bitmap, i);
    fa->nfree += count;
    if (first < fa->hint)
        fa->hint = first;
    return FRAME_FREE_OK;
}

bool frame_alloc_is_used(const struct frame_alloc *fa, uint64_t frame)
{
    return frame >= fa->nframes || bit_get(fa->bitmap, frame);
}
