/*
 * pmm.h - physical memory: 4 KiB frames, handed out from the RAM the
 * Multiboot memory map lists as usable, minus the first MiB (BIOS data),
 * the kernel image, the boot information and modules.
 */
#ifndef MM_PMM_H
#define MM_PMM_H

#include <stdint.h>

#include "boot/boot_info.h"

/* Panics, naming the problem, if no usable memory is left after the
 * reservations. */
void pmm_init(const struct boot_info *bi);

/* Physical address of one frame (contents undefined), or 0 when memory
 * is exhausted (frame 0 is never handed out). */
uint64_t pmm_alloc(void);
/* count contiguous frames, the first aligned to align frames; 0 if none. */
uint64_t pmm_alloc_contig(uint64_t count, uint64_t align);
/* Drops one user of the frame; the last one frees it. Panics on a double
 * free or a frame the allocator never had: both are kernel bugs that would
 * otherwise corrupt memory silently. */
void pmm_free(uint64_t pa);
/* Adds a user to an allocated frame (a second mapping of it). */
void pmm_ref(uint64_t pa);
unsigned pmm_refcount(uint64_t pa);
void pmm_free_contig(uint64_t pa, uint64_t count);

/* Gives the whole frames of [start, end), boot data reserved at boot
 * (the initramfs module), to the allocator once nothing reads them. */
void pmm_release_boot_range(uint64_t start, uint64_t end);

uint64_t pmm_free_frames(void);
uint64_t pmm_total_frames(void);   /* usable frames the map gave us */
uint64_t pmm_highest_ram(void);    /* end of the highest usable region */

#endif
