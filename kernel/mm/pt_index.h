/*
 * pt_index.h - x86_64 4-level paging arithmetic (Intel SDM 3A 4.5):
 * a 48-bit virtual address splits into four 9-bit table indexes and a
 * 12-bit offset; bits 63..47 must all equal bit 47 (canonical form).
 * Pure functions, shared by the kernel and its host unit tests.
 */
#ifndef MM_PT_INDEX_H
#define MM_PT_INDEX_H

#include <stdbool.h>
#include <stdint.h>

#define PT_ENTRIES 512
#define PAGE_SHIFT 12
#define PAGE_BYTES (1ull << PAGE_SHIFT)
#define HUGE_2M (1ull << 21)
#define HUGE_1G (1ull << 30)

/* level 4 = PML4, 3 = PDPT, 2 = PD, 1 = PT */
static inline unsigned pt_index(uint64_t va, int level) { return (unsigned)(va >> (PAGE_SHIFT + 9 * (level - 1))) & 511; }
static inline unsigned pml4_index(uint64_t va) { return pt_index(va, 4); }
static inline unsigned pdpt_index(uint64_t va) { return pt_index(va, 3); }
static inline unsigned pd_index(uint64_t va) { return pt_index(va, 2); }
static inline unsigned pt1_index(uint64_t va) { return pt_index(va, 1); }

/* The bytes one entry at level covers: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
static inline uint64_t pt_level_size(int level) { return 1ull << (PAGE_SHIFT + 9 * (level - 1)); }

static inline bool va_is_canonical(uint64_t va)
{
    uint64_t top = va >> 47; /* bits 63..47: all zeros or all ones */
    return top == 0 || top == 0x1FFFF;
}

/* Builds the address whose indexes are the given ones (sign-extended). */
static inline uint64_t va_from_indexes(unsigned l4, unsigned l3, unsigned l2, unsigned l1)
{
    uint64_t va = ((uint64_t)l4 << 39) | ((uint64_t)l3 << 30) | ((uint64_t)l2 << 21) | ((uint64_t)l1 << 12);
    if (va & (1ull << 47))
        va |= 0xFFFF000000000000ull;
    return va;
}

/* The first index in [i, end) of table t whose entry is nonzero (an empty
 * entry is all zeros at every level), or end. User tables are mostly
 * empty, so the scan tests sixteen entries at a time (one OR each). */
static inline unsigned pt_next_used(const uint64_t *t, unsigned i, unsigned end)
{
    for (; i < end && (i & 15); i++)
        if (t[i])
            return i;
    for (const uint64_t *p = t + i; i + 16 <= end; i += 16, p += 16)
        if (p[0] | p[1] | p[2] | p[3] | p[4] | p[5] | p[6] | p[7] | p[8] | p[9] | p[10] | p[11] | p[12] | p[13] |
            p[14] | p[15])
            break;
    for (; i < end; i++)
        if (t[i])
            return i;
    return end;
}

/* One past the last index of a table at level (covering the addresses
 * from base) that holds addresses below end (> base). */
static inline unsigned pt_stop_index(uint64_t base, uint64_t end, int level)
{
    uint64_t span = pt_level_size(level);
    return end - base >= PT_ENTRIES * span ? PT_ENTRIES : (unsigned)((end - base + span - 1) / span);
}

static inline uint64_t page_align_down(uint64_t x) { return x & ~(PAGE_BYTES - 1); }
/* Rounds up; returns 0 if that would overflow (x within 4 KiB of 2^64). */
static inline uint64_t page_align_up(uint64_t x) { return x > UINT64_MAX - (PAGE_BYTES - 1) ? 0 : page_align_down(x + PAGE_BYTES - 1); }

#endif
