/*
 * layout.h - the kernel's virtual address layout (see docs/memory-layout.md).
 * Included by assembly too, so only #defines here.
 *
 *   0x0000_0000_0001_0000 .. 0x0000_7fff_ffff_f000  user space
 *   0xffff_8000_0000_0000 ..                         direct map of all RAM
 *   0xffff_ff80_0000_0000 ..                         kernel stacks, guarded
 *   0xffff_ffc0_0000_0000 ..                         device memory (ioremap), uncached
 *   0xffff_ffff_8000_0000 ..                         kernel image (-2 GiB, so
 *                                                    -mcmodel=kernel works)
 */
#ifndef ARCH_X86_64_LAYOUT_H
#define ARCH_X86_64_LAYOUT_H

#define KERNEL_VMA           0xffffffff80000000
#define KERNEL_PHYS_BASE     0x100000           /* 1 MiB: above BIOS areas */
#define DIRECT_MAP_BASE      0xffff800000000000
#define DIRECT_MAP_PML4_SLOT 256                /* DIRECT_MAP_BASE >> 39 & 511 */
#define PAGE_SIZE            4096

/* User space (DESIGN.md 2): below USER_MIN nothing is ever mapped, so
 * NULL and small offsets from it always fault (Linux's mmap_min_addr). */
#define USER_MIN             0x10000
#define USER_TOP             0x00007ffffffff000 /* one page below 2^47, as Linux */
#define USER_STACK_TOP       USER_TOP
#define USER_STACK_MAX       (8 * 1024 * 1024)  /* RLIMIT_STACK's usual 8 MiB */
/* PIE programs load here plus a random offset (mm/aslr.h): Linux's
 * ELF_ET_DYN_BASE, two thirds of the space. The mmap area's top is per
 * address space (struct mm's mmap_base), chosen at exec. */
#define USER_PIE_BASE        0x0000555555554000

/* Per-process kernel stacks: slot i at KSTACKS_BASE + i * KSTACK_SLOT,
 * the lower half of the slot an unmapped guard, the upper half the stack. */
#define KSTACKS_BASE         0xffffff8000000000
#define KSTACK_SLOT          (2 * KERNEL_STACK_SIZE)
#define KSTACK_SLOTS         4096 /* the most processes the area can hold */
#define KERNEL_STACK_SIZE    (16 * 1024)

/* Device memory (PCI memory BARs) mapped uncached by mm/ioremap.c. */
#define IOREMAP_BASE         0xffffffc000000000
#define IOREMAP_SIZE         (1ull << 30)

#endif
