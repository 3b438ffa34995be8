/* pmm.c - see pmm.h; the bitmap logic is in frame_alloc.c. */
#include "mm/pmm.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/frame_alloc.h"
#include "mm/pt_index.h"

extern char __bss_end_phys[];

/* What the kernel's own set-up needs after the image is loaded (page
 * tables for the direct map, heap, stacks), with room to spare. */
#define PMM_MIN_FREE_FRAMES 256
/* The direct map has one PML4 slot (paging.c): 512 GiB. */
#define MAX_RAM (512ull << 30)

static struct frame_alloc fa;
static uint64_t total_frames, highest_ram;
/* How many users each frame has: page tables of several address spaces
 * share frames after fork (copy-on-write, MAP_SHARED). A frame is free
 * again when its last user lets go. */
static uint16_t *refs;

/* Where boot.S's direct map ends; the bitmap must be reachable before
 * paging_init extends it. */
#define EARLY_MAP_END (4ull << 30)

static bool overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1) { return a0 < b1 && b0 < a1; }

static bool range_is_reserved(const struct boot_info *bi, uint64_t start, uint64_t end)
{
    if (overlaps(start, end, 0, KERNEL_PHYS_BASE) || overlaps(start, end, KERNEL_PHYS_BASE, (uint64_t)__bss_end_phys))
        return true;
    for (int i = 0; i < bi->nreserved; i++)
        if (overlaps(start, end, bi->reserved[i].start, bi->reserved[i].end))
            return true;
    return false;
}

/* Finds room for the bitmap: a page-aligned hole in usable RAM below
 * EARLY_MAP_END that no reservation touches. */
static uint64_t place_bitmap(const struct boot_info *bi, uint64_t bytes)
{
    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        if (r->type != MEM_USABLE)
            continue;
        uint64_t end = r->base + r->length;
        for (uint64_t s = page_align_up(r->base); s + bytes <= end && s + bytes <= EARLY_MAP_END; s += PAGE_SIZE)
            if (!range_is_reserved(bi, s, s + bytes))
                return s;
    }
    return 0;
}

void pmm_init(const struct boot_info *bi)
{
    for (int i = 0; i < bi->nregions; i++)
        if (bi->regions[i].type == MEM_USABLE && bi->regions[i].base + bi->regions[i].length > highest_ram)
            highest_ram = bi->regions[i].base + bi->regions[i].length;
    if (highest_ram > MAX_RAM) {
        kprintf("warning: only the first 512 GiB of RAM are used\n");
        highest_ram = MAX_RAM;
    }
    uint64_t nframes = highest_ram / PAGE_SIZE;
    uint64_t bitmap_bytes = page_align_up((nframes + 63) / 64 * 8 + nframes * sizeof *refs);
    uint64_t bitmap_pa = place_bitmap(bi, bitmap_bytes);
    if (!bitmap_pa)
        panic("not enough memory: no room for the frame bitmap (%lu KiB) in usable RAM below 4 GiB; "
              "give QEMU more, e.g. -m 16M",
              bitmap_bytes / 1024);
    frame_alloc_init(&fa, phys_to_virt(bitmap_pa), nframes);
    refs = (uint16_t *)((char *)phys_to_virt(bitmap_pa) + (nframes + 63) / 64 * 8);
    memset(refs, 0, nframes * sizeof *refs);

    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        if (r->type != MEM_USABLE)
            continue;
        /* Only whole frames inside the region are usable. */
        uint64_t first = page_align_up(r->base) / PAGE_SIZE;
        uint64_t end = page_align_down(r->base + r->length) / PAGE_SIZE;
        if (end > first)
            frame_alloc_mark_free(&fa, first, end - first);
    }
    /* Overlapping map entries: a reserved entry wins over a usable one. */
    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        if (r->type != MEM_USABLE) {
            uint64_t first = page_align_down(r->base) / PAGE_SIZE;
            uint64_t end = page_align_up(r->base + r->length) / PAGE_SIZE;
            frame_alloc_mark_used(&fa, first, (end ? end : nframes) - first);
        }
    }
    total_frames = fa.nfree;
    frame_alloc_mark_used(&fa, 0, KERNEL_PHYS_BASE / PAGE_SIZE);
    frame_alloc_mark_used(&fa, KERNEL_PHYS_BASE / PAGE_SIZE,
                          page_align_up((uint64_t)__bss_end_phys) / PAGE_SIZE - KERNEL_PHYS_BASE / PAGE_SIZE);
    frame_alloc_mark_used(&fa, bitmap_pa / PAGE_SIZE, bitmap_bytes / PAGE_SIZE);
    for (int i = 0; i < bi->nreserved; i++) {
        uint64_t first = page_align_down(bi->reserved[i].start) / PAGE_SIZE;
        uint64_t end = page_align_up(bi->reserved[i].end) / PAGE_SIZE;
        frame_alloc_mark_used(&fa, first, end - first);
    }
    if (fa.nfree < PMM_MIN_FREE_FRAMES)
        panic("not enough memory: %lu KiB free after loading the kernel, Tiny OS needs at least %d KiB "
              "(give QEMU more, e.g. -m 16M)",
              fa.nfree * 4, PMM_MIN_FREE_FRAMES * 4);
}

/*
 * Single frames freed lately wait in a small LIFO stack and are the
 * first handed out again: a pipe or a socket that frees a page per page
 * read takes one per page written, a page fault takes one and munmap
 * gives it back. Stack and bitmap together cost about 20 instructions
 * per frame instead of a bitmap search and update (about 200), and the
 * frame that comes back is the one most likely still in the CPU's cache
 * (Linux's per-CPU page lists, mm/page_alloc.c, for the same reasons).
 * A stacked frame stays marked used in the bitmap with no users
 * (refs 0); it counts as free in pmm_free_frames, and a run of frames
 * (pmm_alloc_contig) that finds no room returns the stack to the
 * bitmap and looks again.
 */
#define RECENT_MAX 64
static uint64_t recent[RECENT_MAX]; /* frame numbers */
static unsigned nrecent;

/* Gives stacked frames back to the bitmap until keep are left.
 * Interrupts off. */
static void recent_drain(unsigned keep)
{
    while (nrecent > keep)
        frame_alloc_free(&fa, recent[--nrecent], 1);
}

/* Inlined into both callers, so pmm_alloc's constants fold away. */
static inline __attribute__((always_inline)) uint64_t alloc_frames(uint64_t count, uint64_t align)
{
    uint64_t f = irq_save();
    int64_t frame;
    if (count == 1) {
        frame = nrecent > 0 ? (int64_t)recent[--nrecent] : frame_alloc_alloc(&fa, 1, 1);
    } else {
        frame = frame_alloc_alloc(&fa, count, align);
        if (frame < 0 && nrecent > 0) {
            recent_drain(0);
            frame = frame_alloc_alloc(&fa, count, align);
        }
    }
    if (frame >= 0)
        for (uint64_t i = 0; i < count; i++)
            refs[frame + (int64_t)i] = 1;
    irq_restore(f);
    return frame < 0 ? 0 : (uint64_t)frame * PAGE_SIZE;
}

void pmm_ref(uint64_t pa)
{
    uint64_t frame = pa / PAGE_SIZE;
    if (frame >= fa.nframes || !frame_alloc_is_used(&fa, frame) || refs[frame] == 0 || refs[frame] == 0xFFFF)
        panic("pmm_ref: frame 0x%lx is not allocated (or has too many users)", pa);
    refs[frame]++;
}

unsigned pmm_refcount(uint64_t pa) { return pa / PAGE_SIZE < fa.nframes ? refs[pa / PAGE_SIZE] : 0; }

uint64_t pmm_alloc_contig(uint64_t count, uint64_t align) { return alloc_frames(count, align); }

uint64_t pmm_alloc(void) { return alloc_frames(1, 1); }

static inline __attribute__((always_inline)) void free_frames(uint64_t pa, uint64_t count)
{
    uint64_t f = irq_save();
    uint64_t frame = pa / PAGE_SIZE;
    if (count == 1 && frame < fa.nframes && pa % PAGE_SIZE == 0 && refs[frame] > 0) {
        if (--refs[frame] == 0) {
            /* The last user: onto the stack, or the stack's half to the
             * bitmap first when it is full. */
            if (nrecent == RECENT_MAX)
                recent_drain(RECENT_MAX / 2);
            recent[nrecent++] = frame;
        }
        irq_restore(f);
        return;
    }
    /* A frame with no users is free already (or on the stack): a double
     * free, which frame_alloc_free also sees for a bitmap-free one. */
    enum frame_free_result r = FRAME_FREE_DOUBLE;
    bool has_users = frame < fa.nframes && count > 0;
    for (uint64_t i = 0; has_users && i < count && frame + i < fa.nframes; i++)
        has_users = refs[frame + i] > 0;
    if (has_users)
        r = frame_alloc_free(&fa, frame, count);
    else if (frame >= fa.nframes)
        r = FRAME_FREE_OUT_OF_RANGE;
    if (r == FRAME_FREE_OK)
        for (uint64_t i = 0; i < count; i++)
            refs[frame + i] = 0;
    irq_restore(f);
    if (r == FRAME_FREE_DOUBLE)
        panic("pmm: double free of frame 0x%lx", pa);
    if (r != FRAME_FREE_OK || pa % PAGE_SIZE)
        panic("pmm: freeing 0x%lx, which the allocator never handed out", pa);
}

void pmm_free_contig(uint64_t pa, uint64_t count) { free_frames(pa, count); }

void pmm_free(uint64_t pa) { free_frames(pa, 1); }

void pmm_release_boot_range(uint64_t start, uint64_t end)
{
    uint64_t fl = irq_save();
    recent_drain(0); /* stacked frames are used, with no users, like boot data */
    irq_restore(fl);
    /* Only frames wholly inside: a partial one may hold other boot data. */
    for (uint64_t pa = page_align_up(start); pa + PAGE_SIZE <= end; pa += PAGE_SIZE) {
        uint64_t f = irq_save();
        if (pa / PAGE_SIZE < fa.nframes && frame_alloc_is_used(&fa, pa / PAGE_SIZE) && refs[pa / PAGE_SIZE] == 0)
            frame_alloc_free(&fa, pa / PAGE_SIZE, 1);
        irq_restore(f);
    }
}
uint64_t pmm_free_frames(void) { return fa.nfree + nrecent; }
uint64_t pmm_total_frames(void) { return total_frames; }
uint64_t pmm_highest_ram(void) { return highest_ram; }
