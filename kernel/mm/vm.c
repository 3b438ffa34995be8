/* vm.c - user address spaces (see vm.h). */
#include "mm/vm.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "lib/string.h"
#include "mm/aslr.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "mm/pt_index.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

struct mm *vm_create(void)
{
    struct mm *mm = kzalloc(sizeof *mm);
    if (!mm)
        return NULL;
    mm->users = 1;
    mm->coredump_filter = COREDUMP_FILTER_DEFAULT;
    /* Until exec chooses: Linux's place without randomization. */
    mm->mmap_base = aslr_mmap_base(USER_TOP, USER_STACK_MAX, 0, 0);
    mm->root = pmm_alloc();
    if (!mm->root) {
        kfree(mm);
        return NULL;
    }
    uint64_t *pml4 = phys_to_virt(mm->root);
    const uint64_t *kernel = phys_to_virt(paging_kernel_root());
    memset(pml4, 0, PAGE_SIZE / 2);
    /* The kernel half: the same PDPTs as every address space (paging.c). */
    memcpy(pml4 + 256, kernel + 256, PAGE_SIZE / 2);
    return mm;
}

void vm_activate(struct mm *mm) { write_cr3(mm ? mm->root : paging_kernel_root()); }

static uint64_t pte_flags(uint32_t prot)
{
    if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
        return PTE_PROTNONE | PTE_U | paging_nx_bit();
    uint64_t f = PTE_P | PTE_U;
    if (prot & PROT_WRITE)
        f |= PTE_W;
    if (!(prot & PROT_EXEC))
        f |= paging_nx_bit();
    return f;
}

/* Frees the pages mapped in [start, end) below the table at level,
 * which covers the addresses from base; absent tables are skipped whole,
 * so a sparse 1 GiB area costs little. Empty tables stay (vm_destroy
 * frees them). */
static void free_range_in(uint64_t table_pa, int level, uint64_t base, uint64_t start, uint64_t end)
{
    uint64_t *t = phys_to_virt(table_pa);
    uint64_t span = pt_level_size(level);
    unsigned stop = pt_stop_index(base, end, level);
    for (unsigned i = pt_next_used(t, pt_index(start > base ? start : base, level), stop); i < stop;
         i = pt_next_used(t, i + 1, stop)) {
        if (!(t[i] & (level == 1 ? PTE_P | PTE_PROTNONE : PTE_P)))
            continue;
        if (level == 1) {
            pmm_free(t[i] & PTE_ADDR_MASK);
            t[i] = 0;
        } else {
            free_range_in(t[i] & PTE_ADDR_MASK, level - 1, base + i * span, start, end);
        }
    }
}

static void free_range(struct mm *mm, uint64_t start, uint64_t end)
{
    free_range_in(mm->root, 4, 0, start, end);
    if (read_cr3() == mm->root)
        write_cr3(mm->root); /* drop the stale translations (no global user pages) */
}

static void free_tables(uint64_t pa, int level)
{
    uint64_t *t = phys_to_virt(pa);
    if (level > 1) {
        unsigned n = level == 4 ? 256 : 512; /* only the user half of the PML4 */
        for (unsigned i = pt_next_used(t, 0, n); i < n; i = pt_next_used(t, i + 1, n))
            if (t[i] & PTE_P)
                free_tables(t[i] & PTE_ADDR_MASK, level - 1);
    }
    pmm_free(pa);
}

/* A copy of area v's descriptor (its file, if any, told of the new user). */
static struct vma *vma_dup(const struct vma *v)
{
    struct vma *c = kmalloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *v;
    c->next = NULL;
    list_init(&c->file_link);
    if (c->ops)
        c->ops->open(c);
    return c;
}

/* Frees an area's descriptor (after its pages), letting go of its file. */
static void vma_free(struct vma *v)
{
    if (v->ops)
        v->ops->close(v);
    kfree(v);
}

void (*vm_aio_exit)(struct mm *mm);

void vm_destroy(struct mm *mm)
{
    if (!mm)
        return;
    if (mm->aio && vm_aio_exit)
        vm_aio_exit(mm);
    if (read_cr3() == mm->root)
        vm_activate(NULL);
    for (struct vma *v = mm->vmas, *next; v; v = next) {
        next = v->next;
        free_range(mm, v->start, v->end);
        vma_free(v);
    }
    free_tables(mm->root, 4);
    kfree(mm);
}

struct mm *vm_get(struct mm *mm)
{
    mm->users++;
    return mm;
}

void vm_put(struct mm *mm)
{
    if (mm && --mm->users == 0)
        vm_destroy(mm);
}

struct vma *vm_find(struct mm *mm, uint64_t addr)
{
    for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
        if (addr < v->end)
            return v;
    return NULL;
}

static bool range_ok(uint64_t start, uint64_t len)
{
    return start % PAGE_SIZE == 0 && len > 0 && start >= USER_MIN && start < USER_TOP && len <= USER_TOP - start;
}

/* Splits the area containing addr so that an area boundary falls there.
 * -ENOMEM when the new descriptor cannot be allocated. */
int vm_split_at(struct mm *mm, uint64_t addr)
{
    struct vma *v = vm_find(mm, addr);
    if (!v || v->start == addr)
        return 0;
    struct vma *tail = vma_dup(v);
    if (!tail)
        return -ENOMEM;
    tail->start = addr;
    tail->pgoff += (addr - v->start) / PAGE_SIZE;
    tail->next = v->next;
    v->end = addr;
    v->next = tail;
    return 0;
}

int vm_unmap(struct mm *mm, uint64_t start, uint64_t len)
{
    if (start % PAGE_SIZE || len == 0 || start >= USER_TOP || len > USER_TOP - start)
        return -EINVAL;
    uint64_t end = page_align_up(start + len);
    int err = vm_split_at(mm, start);
    if (!err)
        err = vm_split_at(mm, end);
    if (err)
        return err;
    struct vma **pp = &mm->vmas;
    while (*pp) {
        struct vma *v = *pp;
        if (v->start >= start && v->end <= end) {
            free_range(mm, v->start, v->end);
            *pp = v->next;
            vma_free(v);
        } else {
            pp = &v->next;
        }
    }
    return 0;
}

int vm_discard(struct mm *mm, uint64_t start, uint64_t len)
{
    if (start % PAGE_SIZE || start >= USER_TOP || len > USER_TOP - start)
        return -EINVAL;
    free_range(mm, start, page_align_up(start + len));
    return 0;
}

/* Can n continue v as one area? Anonymous memory, or the same file at
 * the next offset. */
static bool continues(const struct vma *v, const struct vma *n)
{
    if (v->end != n->start || v->prot != n->prot || v->flags != n->flags || v->ops != n->ops)
        return false;
    return !v->ops || (v->file == n->file && v->pgoff + (v->end - v->start) / PAGE_SIZE == n->pgoff);
}

/* Joins neighbouring areas that touch and have the same rights and
 * flags (and the same file, contiguous), as Linux does: a grown heap or
 * a moved mapping stays one area (mremap needs its range inside one). */
void vm_merge(struct mm *mm)
{
    for (struct vma *v = mm->vmas; v && v->next;) {
        struct vma *n = v->next;
        if (continues(v, n)) {
            v->end = n->end;
            v->next = n->next;
            vma_free(n);
        } else {
            v = n;
        }
    }
}

int vm_map(struct mm *mm, uint64_t start, uint64_t len, uint32_t prot, uint32_t flags, const struct vma_file *file)
{
    len = page_align_up(len);
    if (!len || !range_ok(start, len))
        return -EINVAL;
    struct vma *nv = kmalloc(sizeof *nv);
    if (!nv)
        return -ENOMEM;
    int err = vm_unmap(mm, start, len);
    if (err) {
        kfree(nv);
        return err;
    }
    if (!(flags & VMA_SHARED))
        flags |= VMA_MAYWRITE; /* private copies may always be written; shared: the caller says */
    flags |= mm->def_flags;    /* mlockall(MCL_FUTURE) locks every new area */
    *nv = (struct vma){.start = start, .end = start + len, .prot = prot, .flags = flags, .mm = mm};
    list_init(&nv->file_link);
    if (file) {
        nv->ops = file->ops;
        nv->file = file->file;
        nv->pgoff = file->pgoff;
        nv->ops->open(nv);
    }
    struct vma **pp = &mm->vmas;
    while (*pp && (*pp)->start < start)
        pp = &(*pp)->next;
    nv->next = *pp;
    *pp = nv;
    vm_merge(mm);
    return 0;
}

int vm_protect(struct mm *mm, uint64_t start, uint64_t len, uint32_t prot)
{
    if (start % PAGE_SIZE)
        return -EINVAL;
    uint64_t end = page_align_up(start + len);
    if (len == 0)
        return 0;
    if (start >= USER_TOP || end > USER_TOP || end < start)
        return -ENOMEM;
    /* The whole range must be mapped (Linux: -ENOMEM otherwise), and
     * write access may only be added where the mapping allows it. */
    for (uint64_t a = start; a < end;) {
        struct vma *v = vm_find(mm, a);
        if (!v)
            return -ENOMEM;
        if ((prot & PROT_WRITE) && !(v->flags & VMA_MAYWRITE))
            return -EACCES;
        a = v->end;
    }
    int err = vm_split_at(mm, start);
    if (!err)
        err = vm_split_at(mm, end);
    if (err)
        return err;
    for (struct vma *v = mm->vmas; v; v = v->next) {
        if (v->start < start || v->end > end)
            continue;
        v->prot = prot;
        for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
            uint64_t pa;
            if (!paging_translate(mm->root, va, &pa, NULL))
                continue;
            uint64_t fl = pte_flags(prot);
            /* A frame still shared copy-on-write stays read-only: the next
             * write must fault and take a private copy. */
            if (!(v->flags & VMA_SHARED) && pmm_refcount(page_align_down(pa)) > 1)
                fl &= ~PTE_W;
            paging_protect(mm->root, va, fl);
        }
    }
    vm_merge(mm);
    return 0;
}

uint64_t vm_find_free(struct mm *mm, uint64_t len, uint64_t limit)
{
    len = page_align_up(len);
    if (!len || len > limit)
        return 0;
    /* Walk the gaps from the top: candidate = just below each area. */
    uint64_t best = 0;
    uint64_t gap_start = USER_MIN;
    for (struct vma *v = mm->vmas;; v = v->next) {
        uint64_t gap_end = v ? v->start : USER_TOP;
        if (gap_end > limit)
            gap_end = limit;
        if (gap_end > gap_start && gap_end - gap_start >= len)
            best = gap_end - len; /* later gaps are higher: keep the last */
        if (!v || v->end >= limit)
            break;
        gap_start = v->end;
    }
    return best;
}

uint64_t vm_get_unmapped(struct mm *mm, uint64_t len)
{
    uint64_t at = vm_find_free(mm, len, mm->mmap_base);
    return at ? at : vm_find_free(mm, len, USER_TOP);
}

/* Maps the page at va of area v, which is absent: a zero page for
 * anonymous memory; for a file mapping the file's page, which a shared
 * mapping maps itself and a private one maps read-only (the first store
 * takes a private copy), or copies at once when the fault is a write.
 * vm_fault calls it directly, having just found va absent: a second
 * page-table walk would cost a tenth of the fault. */
static int fill_page(struct mm *mm, struct vma *v, uint64_t va, bool write)
{
    uint64_t pa, flags = pte_flags(v->prot);
    if (!v->ops) {
        pa = pmm_alloc();
        if (!pa)
            return -ENOMEM;
        memset(phys_to_virt(pa), 0, PAGE_SIZE);
    } else {
        int err = v->ops->fault(v, v->pgoff + (va - v->start) / PAGE_SIZE, &pa);
        if (err)
            return err;
        if (!(v->flags & VMA_SHARED)) {
            if (write) {
                uint64_t copy = pmm_alloc();
                if (!copy) {
                    pmm_free(pa);
                    return -ENOMEM;
                }
                memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
                pmm_free(pa);
                pa = copy;
            } else {
                flags &= ~PTE_W;
            }
        }
    }
    int err = paging_map(mm->root, va, pa, flags);
    if (err)
        pmm_free(pa);
    return err;
}

/* fill_page if the page at va is absent, else nothing. */
static int bring_in(struct mm *mm, struct vma *v, uint64_t va, bool write)
{
    if (paging_translate(mm->root, va, NULL, NULL))
        return 0;
    return fill_page(mm, v, va, write);
}

/* Gives mm its own copy of the shared frame at va (copy-on-write), or
 * just the write right back when no one else uses the frame any more. */
static int cow_break(struct mm *mm, uint64_t va, uint32_t prot)
{
    uint64_t pa;
    paging_translate(mm->root, va, &pa, NULL);
    pa = page_align_down(pa);
    if (pmm_refcount(pa) == 1)
        return paging_protect(mm->root, va, pte_flags(prot));
    uint64_t copy = pmm_alloc();
    if (!copy)
        return -ENOMEM;
    memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
    paging_unmap(mm->root, va, NULL);
    paging_map(mm->root, va, copy, pte_flags(prot)); /* the table exists: cannot fail */
    pmm_free(pa); /* one user fewer */
    return 0;
}

int vm_fault(struct mm *mm, uint64_t addr, bool write, bool exec)
{
    struct vma *v = vm_find(mm, addr);
    if (!v)
        return -EFAULT;
    if ((write && !(v->prot & PROT_WRITE)) || (exec && !(v->prot & PROT_EXEC)) || !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EFAULT;
    uint64_t va = page_align_down(addr), flags;
    if (!paging_translate(mm->root, va, NULL, &flags))
        return fill_page(mm, v, va, write);
    /* Present: a write to a read-only page of a writable area is the
     * copy-on-write case; anything else is a rights violation. */
    if (write && !(flags & PTE_W) && (flags & PTE_P))
        return cow_break(mm, va, v->prot);
    return -EFAULT;
}

/* Copies the parent's page-table entries for [start, end) (one area)
 * into the child's tables below the tables at level, which cover the
 * addresses from base. Only the entries of the range are visited, as
 * Linux's copy_page_range does: an 8 MiB stack area costs a few entries,
 * not whole tables. Every frame is shared: private writable pages become
 * read-only in both (copy-on-write), shared ones stay as they are. */
static int fork_range(uint64_t ptab, uint64_t ctab, int level, uint64_t base, uint64_t start, uint64_t end,
                      bool shared)
{
    uint64_t *pt = phys_to_virt(ptab), *ct = phys_to_virt(ctab);
    uint64_t span = pt_level_size(level);
    unsigned stop = pt_stop_index(base, end, level);
    for (unsigned i = pt_next_used(pt, pt_index(start > base ? start : base, level), stop); i < stop;
         i = pt_next_used(pt, i + 1, stop)) {
        uint64_t lo = base + i * span;
        uint64_t e = pt[i];
        if (level > 1) {
            if (!(e & PTE_P))
                continue;
            if (!(ct[i] & PTE_P)) { /* another area may have made it already */
                uint64_t child = pmm_alloc();
                if (!child)
                    return -ENOMEM;
                memset(phys_to_virt(child), 0, PAGE_SIZE);
                ct[i] = child | (e & PTE_FLAGS_MASK);
            }
            int err = fork_range(e & PTE_ADDR_MASK, ct[i] & PTE_ADDR_MASK, level - 1, lo, start, end, shared);
            if (err)
                return err;
            continue;
        }
        if (!(e & (PTE_P | PTE_PROTNONE)))
            continue;
        if ((e & PTE_W) && !shared)
            pt[i] = e = e & ~PTE_W;
        pmm_ref(e & PTE_ADDR_MASK);
        ct[i] = e;
    }
    return 0;
}

struct mm *vm_fork(struct mm *parent)
{
    struct mm *mm = vm_create();
    if (!mm)
        return NULL;
    mm->brk_start = parent->brk_start;
    mm->brk = parent->brk;
    mm->mmap_base = parent->mmap_base;
    mm->arg_start = parent->arg_start;
    mm->arg_end = parent->arg_end;
    mm->auxv_start = parent->auxv_start;
    mm->auxv_end = parent->auxv_end;
    mm->coredump_filter = parent->coredump_filter;
    struct vma **tail = &mm->vmas;
    for (struct vma *v = parent->vmas; v; v = v->next) {
        struct vma *c = vma_dup(v);
        if (!c) {
            vm_destroy(mm);
            return NULL;
        }
        c->mm = mm;
        c->flags &= ~(VMA_LOCKED | VMA_LOCKONFAULT); /* mlock(2): locks are not inherited */
        *tail = c;
        tail = &c->next;
    }
    int err = 0;
    /* Shared anonymous memory is filled on demand, but a page the parent
     * has not touched yet must still be the same page in both: bring
     * every one in now, so the loop below shares them. */
    for (struct vma *v = parent->vmas; v && !err; v = v->next)
        if ((v->flags & VMA_SHARED) && !v->ops)
            for (uint64_t va = v->start; va < v->end && !err; va += PAGE_SIZE)
                err = bring_in(parent, v, va, false);
    for (struct vma *v = parent->vmas; v && !err; v = v->next)
        err = fork_range(parent->root, mm->root, 4, 0, v->start, v->end, v->flags & VMA_SHARED);
    if (read_cr3() == parent->root)
        write_cr3(parent->root); /* parent pages lost their write right */
    if (err) {
        vm_destroy(mm); /* frees what was shared so far: the references drop */
        return NULL;
    }
    return mm;
}

int vm_write(struct mm *mm, uint64_t dst, const void *src, size_t len)
{
    while (len) {
        struct vma *v = vm_find(mm, dst);
        if (!v)
            return -EFAULT;
        uint64_t va = page_align_down(dst), pa;
        int err = bring_in(mm, v, va, true);
        if (err)
            return err;
        paging_translate(mm->root, va, &pa, NULL);
        if (pmm_refcount(page_align_down(pa)) > 1 && !(v->flags & VMA_SHARED)) {
            err = cow_break(mm, va, v->prot); /* never write a frame another process sees */
            if (err)
                return err;
            paging_translate(mm->root, va, &pa, NULL);
        }
        size_t off = dst - va, n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        if (src) {
            memcpy((char *)phys_to_virt(pa) + off, src, n);
            src = (const char *)src + n;
        } else {
            memset((char *)phys_to_virt(pa) + off, 0, n);
        }
        dst += n;
        len -= n;
    }
    return 0;
}

size_t vm_read(struct mm *mm, void *dst, uint64_t src, size_t len)
{
    size_t done = 0;
    while (done < len) {
        uint64_t va = page_align_down(src), pa;
        if (src >= USER_TOP || !paging_translate(mm->root, va, &pa, NULL))
            break;
        size_t off = src - va, n = PAGE_SIZE - off < len - done ? PAGE_SIZE - off : len - done;
        memcpy((char *)dst + done, (const char *)phys_to_virt(page_align_down(pa)) + off, n);
        src += n;
        done += n;
    }
    return done;
}

uint64_t vm_resident_pages(struct mm *mm)
{
    uint64_t n = 0;
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->prot)
            for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE)
                if (paging_translate(mm->root, va, NULL, NULL))
                    n++;
    return n;
}

void vm_zap(struct vma *v, uint64_t start, uint64_t end)
{
    if (start < v->start)
        start = v->start;
    if (end > v->end)
        end = v->end;
    if (start < end)
        free_range(v->mm, start, end);
}

uint64_t vm_total_size(struct mm *mm)
{
    uint64_t n = 0;
    for (struct vma *v = mm->vmas; v; v = v->next)
        n += v->end - v->start;
    return n;
}

int vm_move(struct mm *mm, uint64_t from, uint64_t to, uint64_t len)
{
    struct vma *v = vm_find(mm, from);
    if (!v || from + len > v->end)
        return -EFAULT;
    struct vma_file file = {.ops = v->ops, .file = v->file, .pgoff = v->pgoff + (from - v->start) / PAGE_SIZE};
    int err = vm_map(mm, to, len, v->prot, v->flags, v->ops ? &file : NULL);
    if (err)
        return err;
    /* Move the frames: each present page's entry goes to its new address. */
    for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
        uint64_t pa, pflags;
        if (!paging_translate(mm->root, from + off, &pa, &pflags))
            continue;
        paging_unmap(mm->root, from + off, &pa);
        err = paging_map(mm->root, to + off, page_align_down(pa), pflags);
        if (err) { /* out of memory for a page table: drop the page */
            pmm_free(page_align_down(pa));
            return err;
        }
    }
    return vm_unmap(mm, from, len);
}
