/* ioremap.c - see ioremap.h. */
#include "mm/ioremap.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "lib/kprintf.h"
#include "mm/paging.h"

static uint64_t next_va = IOREMAP_BASE;

void *ioremap(uint64_t pa, uint64_t size)
{
    if (!size)
        return NULL;
    uint64_t first = pa & ~(uint64_t)(PAGE_SIZE - 1);
    uint64_t end = (pa + size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    if (end <= first)
        return NULL;
    uint64_t f = irq_save();
    uint64_t va = next_va;
    if (end - first > IOREMAP_BASE + IOREMAP_SIZE - va) {
        irq_restore(f);
        kprintf("ioremap: no room for 0x%lx bytes at 0x%lx\n", size, pa);
        return NULL;
    }
    next_va += end - first;
    irq_restore(f);
    uint64_t flags = PTE_W | PTE_PCD | PTE_PWT | PTE_G | paging_nx_bit();
    for (uint64_t off = 0; off < end - first; off += PAGE_SIZE) {
        /* The kernel half's PDPT is shared by every address space
         * (paging.c), so this mapping is seen everywhere. */
        if (paging_map(paging_kernel_root(), va + off, first + off, flags)) {
            kprintf("ioremap: cannot map 0x%lx\n", first + off);
            return NULL;
        }
    }
    return (void *)(va + (pa - first));
}
