/*
 * direct_map.h - converting between physical addresses and the kernel's
 * virtual views of them. All RAM is mapped at DIRECT_MAP_BASE (by boot.S
 * for the first 4 GiB, by paging_init for all of it), and the kernel image
 * at KERNEL_VMA.
 */
#ifndef MM_DIRECT_MAP_H
#define MM_DIRECT_MAP_H

#include <stdint.h>

#include "arch/x86_64/layout.h"

static inline void *phys_to_virt(uint64_t pa) { return (void *)(pa + DIRECT_MAP_BASE); }

/* Accepts addresses in the direct map or in the kernel image. */
static inline uint64_t virt_to_phys(const void *va)
{
    uint64_t v = (uint64_t)va;
    return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

#endif
