/*
 * vm_lock.c - memory locking of address-space areas (mlock(2),
 * mlockall(2)). Tiny OS has no swap, so a locked page would never leave
 * memory anyway; what locking changes is what Linux shows of it: the
 * pages are brought in at once (mincore reports them, smaps' Rss counts
 * them) and the area is counted in VmLck and against RLIMIT_MEMLOCK
 * (the syscall layer checks the limit: sys_mlock.c). The lock is a flag
 * of the area, as Linux's VM_LOCKED: locking part of an area splits it,
 * as mprotect does.
 */
#include "arch/x86_64/layout.h"
#include "mm/paging.h"
#include "mm/vm.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define LOCK_MASK (VMA_LOCKED | VMA_LOCKONFAULT)

int vm_populate(struct mm *mm, uint64_t start, uint64_t end)
{
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
        if (v->end <= start || !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
            continue; /* Linux populates only accessible areas (populate_vma_page_range) */
        /* A private writable area takes its copies now, as a write would
         * (Linux's FOLL_WRITE for them); others map what they share. */
        bool write = (v->prot & PROT_WRITE) && !(v->flags & VMA_SHARED);
        uint64_t a = v->start > start ? v->start : start, e = v->end < end ? v->end : end;
        for (; a < e; a += PAGE_SIZE) {
            uint64_t fl;
            bool present = paging_translate(mm->root, a, NULL, &fl);
            if (present && (!write || (fl & PTE_W)))
                continue;
            /* Errors other than running out of memory (a file page past
             * the end of the file) leave the page out, as Linux does. */
            if (vm_fault(mm, a, write, false) == -ENOMEM)
                return -ENOMEM;
        }
    }
    return 0;
}

/* Sets the flags in mask of the areas inside [start, end), which lie on
 * area boundaries. */
static void set_flags(struct mm *mm, uint64_t start, uint64_t end, uint32_t mask, uint32_t value)
{
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
        if (v->start >= start && v->end <= end)
            v->flags = (v->flags & ~mask) | value;
}

int vm_range_flags(struct mm *mm, uint64_t start, uint64_t end, uint32_t mask, uint32_t value)
{
    for (uint64_t a = start; a < end;) {
        struct vma *v = vm_find(mm, a);
        if (!v)
            return -ENOMEM; /* Linux: a hole anywhere in the range */
        a = v->end;
    }
    int err = vm_split_at(mm, start);
    if (!err)
        err = vm_split_at(mm, end);
    if (err)
        return err;
    set_flags(mm, start, end, mask, value);
    vm_merge(mm);
    return 0;
}

int vm_lock_range(struct mm *mm, uint64_t start, uint64_t end, uint32_t lock)
{
    int err = vm_range_flags(mm, start, end, LOCK_MASK, lock);
    if (err)
        return err;
    if ((lock & LOCK_MASK) == VMA_LOCKED)
        return vm_populate(mm, start, end);
    return 0;
}

int vm_lock_all(struct mm *mm, uint32_t lock)
{
    set_flags(mm, 0, USER_TOP, LOCK_MASK, lock);
    vm_merge(mm);
    if ((lock & LOCK_MASK) == VMA_LOCKED)
        return vm_populate(mm, 0, USER_TOP);
    return 0;
}

uint64_t vm_locked_bytes(struct mm *mm, uint64_t start, uint64_t end)
{
    uint64_t n = 0;
    for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
        if (!(v->flags & VMA_LOCKED) || v->end <= start)
            continue;
        uint64_t a = v->start > start ? v->start : start, e = v->end < end ? v->end : end;
        n += e - a;
    }
    return n;
}

uint64_t vm_area_resident(struct mm *mm, const struct vma *v)
{
    uint64_t n = 0;
    for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE)
        if (paging_translate(mm->root, va, NULL, NULL))
            n++;
    return n;
}
