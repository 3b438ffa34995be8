/*
 * paging.h - 4-level page tables (Intel SDM 3A 4.5). Tables are reached
 * through the direct map; a root is the physical address of a PML4.
 * All functions work on any root, so the same code will serve process
 * address spaces.
 */
#ifndef MM_PAGING_H
#define MM_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7)
#define PTE_G (1ull << 8)
#define PTE_NX (1ull << 63)
/* Software bit, only in leaf entries with P clear: the frame stays (its
 * address is kept) but every access faults - how PROT_NONE is mapped.
 * The CPU ignores all other bits of a not-present entry (SDM 3A 4.5). */
#define PTE_PROTNONE (1ull << 10)
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000ull
#define PTE_FLAGS_MASK (~PTE_ADDR_MASK)

/* Builds the kernel page table (see paging.c) and switches to it. */
void paging_init(void);
uint64_t paging_kernel_root(void);

/* Maps the 4 KiB page at va to pa with flags (PTE_P implied unless
 * flags has PTE_PROTNONE). Missing
 * tables are allocated. 0, or -ENOMEM, -EEXIST (already mapped), -EINVAL
 * (unaligned, non-canonical, or inside a huge page). */
int paging_map(uint64_t root, uint64_t va, uint64_t pa, uint64_t flags);
/* Removes the 4 KiB mapping at va; returns its physical address in *pa.
 * 0, or -ENOENT when nothing is mapped there, -EINVAL as above. */
int paging_unmap(uint64_t root, uint64_t va, uint64_t *pa);
/* Looks va up (4 KiB, 2 MiB or 1 GiB pages). False if not mapped; a
 * PROT_NONE leaf counts as mapped (its flags lack PTE_P). */
bool paging_translate(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags);
/* Replaces the flags of the 4 KiB mapping at va. 0, -ENOENT or -EINVAL. */
int paging_protect(uint64_t root, uint64_t va, uint64_t flags);

/* PTE_NX when the CPU supports it, else 0 (the bit is reserved then). */
uint64_t paging_nx_bit(void);

#endif
