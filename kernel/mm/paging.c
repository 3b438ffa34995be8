/*
 * paging.c - page-table operations and the kernel's own page table.
 *
 * The kernel page table maps:
 *   - all RAM at DIRECT_MAP_BASE with 2 MiB pages, read-write, NX, global;
 *   - the kernel image at KERNEL_VMA with 4 KiB pages and per-section
 *     rights: .text read+execute, .rodata/.ksyms read-only NX, .data/.bss
 *     read-write NX; the boot stack's guard page is left unmapped.
 * With CR0.WP set (boot.S), even ring 0 cannot write a read-only page.
 * The kernel uses two PML4 slots only: 256 (the direct map) and 511 (the
 * image and kernel virtual areas). Their PDPTs are created here, once, so
 * later address spaces copy those two entries and share every kernel
 * mapping made at any time.
 */
#include "mm/paging.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_features.h"
#include "arch/x86_64/layout.h"
#include "uapi/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/pmm.h"
#include "mm/pt_index.h"

static uint64_t kernel_root;

uint64_t paging_nx_bit(void) { return cpu_has(CPU_NX) ? PTE_NX : 0; }
uint64_t paging_kernel_root(void) { return kernel_root; }

static uint64_t *table(uint64_t pa) { return phys_to_virt(pa & PTE_ADDR_MASK); }

static uint64_t alloc_table(void)
{
    uint64_t pa = pmm_alloc();
    if (pa)
        memset(phys_to_virt(pa), 0, PAGE_SIZE);
    return pa;
}

/* Walks to the level-1 entry for va. With create, missing tables are
 * allocated; intermediate entries are permissive (P|W, U for user
 * addresses) so the leaf alone decides the rights. NULL on failure with
 * *err set. */
static uint64_t *walk(uint64_t root, uint64_t va, bool create, int *err)
{
    uint64_t *t = table(root);
    for (int level = 4; level > 1; level--) {
        uint64_t *e = &t[pt_index(va, level)];
        if (!(*e & PTE_P)) {
            if (!create) {
                *err = -ENOENT;
                return NULL;
            }
            uint64_t pa = alloc_table();
            if (!pa) {
                *err = -ENOMEM;
                return NULL;
            }
            *e = pa | PTE_P | PTE_W | (va < DIRECT_MAP_BASE ? PTE_U : 0);
        } else if (*e & PTE_PS) {
            *err = -EINVAL; /* inside a 2 MiB or 1 GiB page */
            return NULL;
        }
        t = table(*e);
    }
    return &t[pt1_index(va)];
}

static bool va_ok(uint64_t va) { return va_is_canonical(va) && va % PAGE_SIZE == 0; }

/* Drops a stale translation of va. Kernel-half entries are shared by every
 * address space and global (they survive CR3 loads), so they are flushed
 * whatever the current root; user entries only matter in the live root. */
static void flush(uint64_t root, uint64_t va)
{
    if (va >= DIRECT_MAP_BASE || read_cr3() == root)
        invlpg(va);
}

/* A leaf that holds a frame: present, or kept for PROT_NONE. */
static bool leaf_used(uint64_t e) { return e & (PTE_P | PTE_PROTNONE); }

static uint64_t leaf(uint64_t pa, uint64_t flags)
{
    flags &= PTE_FLAGS_MASK;
    return pa | (flags & PTE_PROTNONE ? flags & ~PTE_P : flags | PTE_P);
}

int paging_map(uint64_t root, uint64_t va, uint64_t pa, uint64_t flags)
{
    if (!va_ok(va) || pa % PAGE_SIZE)
        return -EINVAL;
    int err = 0;
    uint64_t *e = walk(root, va, true, &err);
    if (!e)
        return err;
    if (leaf_used(*e))
        return -EEXIST;
    *e = leaf(pa, flags);
    return 0;
}

/* The leaf entry holding a frame at va, for unmap and protect: NULL with
 * *err = -EINVAL (bad address), -ENOENT (nothing mapped). */
static uint64_t *existing_leaf(uint64_t root, uint64_t va, int *err)
{
    if (!va_ok(va)) {
        *err = -EINVAL;
        return NULL;
    }
    uint64_t *e = walk(root, va, false, err);
    if (e && !leaf_used(*e)) {
        *err = -ENOENT;
        return NULL;
    }
    return e;
}

int paging_unmap(uint64_t root, uint64_t va, uint64_t *pa)
{
    int err = 0;
    uint64_t *e = existing_leaf(root, va, &err);
    if (!e)
        return err;
    if (pa)
        *pa = *e & PTE_ADDR_MASK;
    *e = 0;
    flush(root, va);
    return 0;
}

int paging_protect(uint64_t root, uint64_t va, uint64_t flags)
{
    int err = 0;
    uint64_t *e = existing_leaf(root, va, &err);
    if (!e)
        return err;
    *e = leaf(*e & PTE_ADDR_MASK, flags);
    flush(root, va);
    return 0;
}

bool paging_translate(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags)
{
    if (!va_is_canonical(va))
        return false;
    uint64_t *t = table(root);
    for (int level = 4; level >= 1; level--) {
        uint64_t e = t[pt_index(va, level)];
        if (!(e & PTE_P) && !(level == 1 && (e & PTE_PROTNONE)))
            return false;
        if (level == 1 || (e & PTE_PS)) {
            uint64_t size = pt_level_size(level);
            if (pa)
                *pa = (e & PTE_ADDR_MASK & ~(size - 1)) + (va & (size - 1));
            if (flags)
                *flags = e & PTE_FLAGS_MASK;
            return true;
        }
        t = table(e);
    }
    return false;
}

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[], __data_start[], __kernel_end[];
extern char boot_stack_guard[];

static void map_or_panic(uint64_t va, uint64_t pa, uint64_t flags)
{
    int err = paging_map(kernel_root, va, pa, flags);
    if (err)
        panic("paging_init: cannot map 0x%lx (error %d)", va, err);
}

static void map_kernel_range(const char *start, const char *end, uint64_t flags)
{
    for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += PAGE_SIZE)
        if (va != (uint64_t)boot_stack_guard)
            map_or_panic(va, va - KERNEL_VMA, flags);
}

void paging_init(void)
{
    uint64_t nx = paging_nx_bit();
    uint64_t g = PTE_G;
    kernel_root = alloc_table();
    if (!kernel_root)
        panic("paging_init: out of memory for the kernel page table");
    /* The kernel's two PML4 slots get their PDPTs now (see the top comment). */
    uint64_t *pml4 = table(kernel_root);
    const unsigned slots[] = {pml4_index(DIRECT_MAP_BASE), pml4_index(KERNEL_VMA)};
    for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        uint64_t pdpt = alloc_table();
        if (!pdpt)
            panic("paging_init: out of memory for kernel PDPTs");
        pml4[slots[i]] = pdpt | PTE_P | PTE_W;
    }

    /* Direct map, 2 MiB pages: through PD entries with PS set. */
    uint64_t end = (pmm_highest_ram() + HUGE_2M - 1) & ~(HUGE_2M - 1);

    for (uint64_t pa = 0; pa < end; pa += HUGE_2M) {
        uint64_t va = DIRECT_MAP_BASE + pa;
        uint64_t *pdpt = table(pml4[pml4_index(va)]);
        uint64_t *pde = &pdpt[pdpt_index(va)];
        if (!(*pde & PTE_P)) {
            uint64_t pd = alloc_table();
            if (!pd)
                panic("paging_init: out of memory for the direct map");
            *pde = pd | PTE_P | PTE_W;
        }
        table(*pde)[pd_index(va)] = pa | PTE_P | PTE_W | PTE_PS | g | nx;
    }

    map_kernel_range(__text_start, __text_end, g);
    map_kernel_range(__rodata_start, __rodata_end, g | nx);
    map_kernel_range(__data_start, __kernel_end, PTE_W | g | nx);

    write_cr3(kernel_root);
}
