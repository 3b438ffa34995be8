/*
 * layout.h - the kernel's virtual address layout (see docs/memory-layout.md).
 * Included by assembly too, so only #defines here.
 *
 *   0x0000_0000_0040_0000 .. 0x0000_7fff_ffff_f000  user space (later)
 *   0xffff_8000_0000_0000 ..                         direct map of all RAM
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
#define KERNEL_STACK_SIZE    (16 * 1024)

#endif
