/* kmalloc.c - the kernel's one heap instance (see kmalloc.h, heap.h). */
#include "mm/kmalloc.h"

#include "arch/x86_64/cpu.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/heap.h"
#include "mm/pmm.h"

static struct heap kheap;

static void *frames_alloc(void *ctx, size_t npages)
{
    (void)ctx;
    uint64_t pa = pmm_alloc_contig(npages, 1);
    return pa ? phys_to_virt(pa) : NULL;
}

static void frames_free(void *ctx, void *p, size_t npages)
{
    (void)ctx;
    pmm_free_contig(virt_to_phys(p), npages);
}

void kmalloc_init(void) { heap_init(&kheap, (struct heap_page_source){frames_alloc, frames_free, NULL}); }

void *kmalloc(size_t size)
{
    uint64_t f = irq_save();
    void *p = heap_alloc(&kheap, size);
    irq_restore(f);
    return p;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *p)
{
    uint64_t f = irq_save();
    enum heap_free_result r = heap_free(&kheap, p);
    irq_restore(f);
    if (r == HEAP_FREE_DOUBLE)
        panic("kfree: double free of %p", p);
    if (r != HEAP_FREE_OK)
        panic("kfree: %p was not returned by kmalloc", p);
}

unsigned long kmalloc_free_frames(void)
{
    uint64_t f = irq_save();
    unsigned long n = pmm_free_frames() + kheap.spare_pages;
    irq_restore(f);
    return n;
}
