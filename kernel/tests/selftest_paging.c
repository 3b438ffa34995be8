/* selftest_paging.c - page tables: map, translate, protect, unmap, and the
 * kernel image's rights (text read-only, data NX, guard page absent). */
#include "arch/x86_64/extable.h"
#include "arch/x86_64/layout.h"
#include "mm/direct_map.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "tests/selftest.h"
#include "uapi/errno.h"

/* A kernel-half address inside PML4 slot 511 (the kernel image slot),
 * well past the image, so its tables exist but nothing else uses it. */
#define TEST_VA 0xffffffffc0000000ull

extern char __text_start[], boot_stack_guard[], __data_start[];
static const char some_rodata[] = "read-only";

SELFTEST(paging_map_translate_unmap)
{
    uint64_t root = paging_kernel_root();
    uint64_t pa = pmm_alloc(), got = 0, flags = 0;
    if (!pa)
        return "no frame";
    if (paging_map(root, TEST_VA, pa, PTE_W | paging_nx_bit()))
        return "map failed";
    if (paging_map(root, TEST_VA, pa, PTE_W) != -EEXIST)
        return "mapping twice did not give -EEXIST";
    if (!paging_translate(root, TEST_VA + 0x123, &got, &flags) || got != pa + 0x123)
        return "translate gave the wrong physical address";
    if (!(flags & PTE_W))
        return "translate lost the write flag";
    /* The same frame seen through two mappings. */
    *(volatile uint64_t *)TEST_VA = 0x1122334455667788ull;
    if (*(volatile uint64_t *)phys_to_virt(pa) != 0x1122334455667788ull)
        return "write through the new mapping not visible in the direct map";
    if (paging_protect(root, TEST_VA, paging_nx_bit()))
        return "protect failed";
    if (probe_write_u8((void *)TEST_VA, 1) != -EFAULT)
        return "write to a page made read-only did not fault";
    uint64_t unmapped_pa = 0, v;
    if (paging_unmap(root, TEST_VA, &unmapped_pa) || unmapped_pa != pa)
        return "unmap failed or returned the wrong frame";
    if (paging_translate(root, TEST_VA, NULL, NULL))
        return "still mapped after unmap";
    if (probe_read_u64((void *)TEST_VA, &v) != -EFAULT)
        return "read of an unmapped page did not fault";
    if (paging_unmap(root, TEST_VA, NULL) != -ENOENT)
        return "second unmap did not give -ENOENT";
    if (paging_map(root, TEST_VA + 1, pa, 0) != -EINVAL || paging_map(root, 0x0000800000000000ull, pa, 0) != -EINVAL)
        return "unaligned or non-canonical address accepted";
    pmm_free(pa);
    return NULL;
}

SELFTEST(kernel_text_is_read_only)
{
    if (probe_write_u8(__text_start + 64, 0x90) != -EFAULT)
        return "writing kernel text did not fault";
    if (probe_write_u8((void *)some_rodata, 'x') != -EFAULT)
        return "writing .rodata did not fault";
    uint64_t flags;
    if (!paging_translate(paging_kernel_root(), (uint64_t)__text_start, NULL, &flags) || (flags & PTE_W))
        return "text mapped writable";
    return NULL;
}

SELFTEST(kernel_data_is_nx)
{
    if (!paging_nx_bit())
        return NULL; /* qemu64 without NX: nothing to check */
    uint64_t flags;
    if (!paging_translate(paging_kernel_root(), (uint64_t)__data_start, NULL, &flags) || !(flags & PTE_NX))
        return ".data is executable";
    if (!paging_translate(paging_kernel_root(), (uint64_t)some_rodata, NULL, &flags) || !(flags & PTE_NX))
        return ".rodata is executable";
    if (!paging_translate(paging_kernel_root(), DIRECT_MAP_BASE + 0x200000, NULL, &flags) || !(flags & PTE_NX))
        return "the direct map is executable";
    return NULL;
}

SELFTEST(boot_stack_guard_unmapped)
{
    uint64_t v;
    if (paging_translate(paging_kernel_root(), (uint64_t)boot_stack_guard, NULL, NULL))
        return "guard page is mapped";
    if (probe_read_u64(boot_stack_guard, &v) != -EFAULT)
        return "reading the guard page did not fault";
    return NULL;
}

SELFTEST(direct_map_covers_ram)
{
    uint64_t top = pmm_highest_ram() - PAGE_SIZE, pa;
    if (!paging_translate(paging_kernel_root(), (uint64_t)phys_to_virt(top), &pa, NULL) || pa != top)
        return "the last page of RAM is not in the direct map";
    return NULL;
}

SELFTEST(extable_catches_gp_and_pf)
{
    uint64_t v;
    if (probe_read_u64((void *)0x0000800000000000ull, &v) != -EFAULT)
        return "non-canonical read (#GP) not fixed up";
    if (probe_read_u64((void *)0xffffffffc0100000ull, &v) != -EFAULT)
        return "unmapped read (#PF) not fixed up";
    if (probe_read_u64(__text_start, &v) != 0)
        return "a readable address reported a fault";
    return NULL;
}
