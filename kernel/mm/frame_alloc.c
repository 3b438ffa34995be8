/* frame_alloc.c - see frame_alloc.h.
 *
 * Everything works a 64-bit word at a time: finding a free frame is a
 * scan for a word that is not all ones plus a count of trailing zeros,
 * and marking a run sets or clears whole words. (Bit by bit, a search
 * through a partly used region and the boot-time marking of all of RAM
 * each cost tens of instructions per frame.) */
#include "mm/frame_alloc.h"

static inline bool bit_get(const uint64_t *bm, uint64_t i) { return (bm[i / 64] >> (i % 64)) & 1; }

/* The bits of word w that lie in [first, end). */
static inline uint64_t word_mask(uint64_t w, uint64_t first, uint64_t end)
{
    uint64_t lo = first > w * 64 ? first - w * 64 : 0;
    uint64_t hi = end < w * 64 + 64 ? end - w * 64 : 64;
    uint64_t upto = hi == 64 ? ~0ull : (1ull << hi) - 1;
    return upto & ~((1ull << lo) - 1);
}

/* Set bits in x (no popcnt instruction assumed: SWAR, Hacker's Delight 5-1). */
static inline uint64_t count_ones(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (x * 0x0101010101010101ull) >> 56;
}

/* The first frame in [i, end) whose bit equals want (0 free, 1 used), or end. */
static uint64_t find_bit(const struct frame_alloc *fa, uint64_t i, uint64_t end, int want)
{
    while (i < end) {
        uint64_t w = i / 64;
        uint64_t bits = (want ? fa->bitmap[w] : ~fa->bitmap[w]) & word_mask(w, i, end);
        if (bits) {
            uint64_t f = w * 64 + (uint64_t)__builtin_ctzll(bits);
            return f < end ? f : end;
        }
        i = w * 64 + 64;
    }
    return end;
}

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

/* Sets (used) or clears (free) the bits of [first, first + count), which
 * lies inside the bitmap; returns how many bits changed. */
static uint64_t mark(struct frame_alloc *fa, uint64_t first, uint64_t count, bool used)
{
    uint64_t end = first + count, changed = 0;
    for (uint64_t w = first / 64; w * 64 < end; w++) {
        uint64_t m = word_mask(w, first, end);
        if (used) {
            changed += count_ones(~fa->bitmap[w] & m);
            fa->bitmap[w] |= m;
        } else {
            changed += count_ones(fa->bitmap[w] & m);
            fa->bitmap[w] &= ~m;
        }
    }
    return changed;
}

void frame_alloc_mark_free(struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    count = clip(fa, first, count);
    if (!count)
        return;
    fa->nfree += mark(fa, first, count, false);
    if (first < fa->hint)
        fa->hint = first;
}

void frame_alloc_mark_used(struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    count = clip(fa, first, count);
    if (count)
        fa->nfree -= mark(fa, first, count, true);
}

int64_t frame_alloc_alloc(struct frame_alloc *fa, uint64_t count, uint64_t align)
{
    if (count == 0 || count > fa->nfree || align == 0 || (align & (align - 1)))
        return -1;
    /* Every frame below the first free one is used: move the hint there. */
    fa->hint = find_bit(fa, fa->hint, fa->nframes, 0);
    if (count == 1 && align == 1) { /* the common case: the first free frame */
        uint64_t f = fa->hint;
        fa->bitmap[f / 64] |= 1ull << (f % 64);
        fa->nfree--;
        fa->hint = f + 1;
        return (int64_t)f;
    }
    uint64_t i = fa->hint;
    for (;;) {
        uint64_t start = find_bit(fa, i, fa->nframes, 0);
        start = (start + align - 1) & ~(align - 1);
        if (start >= fa->nframes || count > fa->nframes - start)
            return -1;
        uint64_t used = find_bit(fa, start, start + count, 1);
        if (used == start + count) {
            mark(fa, start, count, true);
            fa->nfree -= count;
            if (start == fa->hint)
                fa->hint = start + count;
            return (int64_t)start;
        }
        i = used + 1; /* no run can start at or before the used frame */
    }
}

enum frame_free_result frame_alloc_free(struct frame_alloc *fa, uint64_t first, uint64_t count)
{
    if (first >= fa->nframes || count > fa->nframes - first)
        return FRAME_FREE_OUT_OF_RANGE;
    if (count == 1) { /* the common case, one bit */
        uint64_t bit = 1ull << (first % 64);
        if (!(fa->bitmap[first / 64] & bit))
            return FRAME_FREE_DOUBLE;
        fa->bitmap[first / 64] &= ~bit;
        fa->nfree++;
        if (first < fa->hint)
            fa->hint = first;
        return FRAME_FREE_OK;
    }
    if (count && find_bit(fa, first, first + count, 0) != first + count)
        return FRAME_FREE_DOUBLE;
    mark(fa, first, count, false);
    fa->nfree += count;
    if (first < fa->hint)
        fa->hint = first;
    return FRAME_FREE_OK;
}

bool frame_alloc_is_used(const struct frame_alloc *fa, uint64_t frame)
{
    return frame >= fa->nframes || bit_get(fa->bitmap, frame);
}
