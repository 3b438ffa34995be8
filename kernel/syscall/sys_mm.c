/*
 * sys_mm.c - brk, mmap, munmap, mprotect, madvise (Linux semantics,
 * mmap(2) and brk(2)). Anonymous memory is demand-zero (mm/vm.c); file
 * mappings map the file's page cache (fs/filemap.c): shared ones write
 * into the file, private ones copy a page on its first store.
 */
#include "arch/x86_64/layout.h"
#include "fs/vfs.h"
#include "mm/paging.h"
#include "mm/usercopy.h"
#include "mm/pt_index.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_DONTDUMP 16
#define MADV_DODUMP 17

static bool range_free(struct mm *mm, uint64_t start, uint64_t len)
{
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->start < start + len && start < v->end)
            return false;
    return true;
}

long sys_brk(uint64_t addr)
{
    struct mm *mm = current()->mm;
    uint64_t old = mm->brk;
    if (addr < mm->brk_start || addr >= USER_TOP)
        return (long)old; /* Linux answers an impossible request with the current break */
    uint64_t old_end = page_align_up(old), new_end = page_align_up(addr);
    if (new_end > old_end) {
        /* The heap may not grow into another mapping (the mmap area and
         * the stack lie wherever exec chose: mm/aslr.h). */
        if (!range_free(mm, old_end, new_end - old_end) ||
            mlock_mmap_check(new_end - old_end, mm->def_flags, false) ||
            vm_map(mm, old_end, new_end - old_end, PROT_READ | PROT_WRITE, VMA_HEAP, NULL))
            return (long)old;
        if ((mm->def_flags & (VMA_LOCKED | VMA_LOCKONFAULT)) == VMA_LOCKED)
            vm_populate(mm, old_end, new_end); /* mlockall(MCL_FUTURE) covers the heap too */
    } else if (new_end < old_end) {
        vm_unmap(mm, new_end, old_end - new_end);
    }
    mm->brk = addr;
    return (long)addr;
}

/* The flags Linux knew before MAP_SHARED_VALIDATE (LEGACY_MAP_MASK):
 * MAP_SHARED ignores others, MAP_SHARED_VALIDATE refuses them. */
#define LEGACY_MAP_MASK                                                                                            \
    (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | 0x4000000 |           \
     MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/* Linux's order (mm/mmap.c): the offset's alignment, the descriptor
 * (EBADF, before any other check), then length, type and rights. */
long sys_mmap(uint64_t addr, size_t len, uint64_t prot, uint64_t flags, uint64_t fd, int64_t off)
{
    struct mm *mm = current()->mm;
    if (off % PAGE_SIZE)
        return -EINVAL;
    struct file *file = NULL;
    if (!(flags & MAP_ANONYMOUS)) {
        file = fd_get(current(), (int)fd);
        if (!file || (file->flags & O_PATH))
            return -EBADF;
    }
    long type = flags & MAP_TYPE;
    if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (len == 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    uint64_t plen = page_align_up(len);
    if (!plen || plen > USER_TOP)
        return -ENOMEM;
    if (file && type == MAP_SHARED_VALIDATE && (flags & ~(uint64_t)LEGACY_MAP_MASK & ~(uint64_t)MAP_FIXED_NOREPLACE))
        return -EOPNOTSUPP; /* MAP_SYNC and unknown flags: no file here supports them */
    struct vma_file vf = {0};
    uint32_t vflags = type == MAP_PRIVATE ? 0 : VMA_SHARED;
    if (!file && type != MAP_PRIVATE)
        vflags |= VMA_MAYWRITE; /* shared anonymous memory: always writable */
    if (file) {
        if (!file->ops->mmap)
            return -ENODEV; /* pipes, sockets, directories... */
        uint32_t acc = file->flags & O_ACCMODE;
        if (acc == O_WRONLY)
            return -EACCES;
        if (type != MAP_PRIVATE && (prot & PROT_WRITE) && acc == O_RDONLY)
            return -EACCES; /* mmap(2): a shared writable map needs a file open for writing */
        if (off < 0)
            return -EINVAL;
        if ((uint64_t)off + plen < (uint64_t)off)
            return -EOVERFLOW;
        vf.file = file;
        vf.pgoff = (uint64_t)off / PAGE_SIZE;
        vf.prot = (uint32_t)prot;
        vf.shared = type != MAP_PRIVATE;
        int err = file->ops->mmap(file, &vf);
        if (err)
            return err;
        if (type != MAP_PRIVATE && acc == O_RDWR && !vf.deny_write)
            vflags |= VMA_MAYWRITE; /* mprotect may add PROT_WRITE later */
        if (!vf.ops)
            file = NULL; /* /dev/zero: anonymous memory (still read-only if opened so) */
    }
    uint64_t start;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr % PAGE_SIZE)
            return -EINVAL;
        if (addr < USER_MIN || addr >= USER_TOP || plen > USER_TOP - addr)
            return -ENOMEM;
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_free(mm, addr, plen))
            return -EEXIST;
        start = addr;
    } else {
        /* A free, in-range hint is honoured; otherwise top-down from the
         * mmap base (vm_get_unmapped), as Linux falls back. */
        uint64_t hint = page_align_down(addr);
        if (hint >= USER_MIN && hint < USER_TOP && plen <= USER_TOP - hint && range_free(mm, hint, plen))
            start = hint;
        else
            start = vm_get_unmapped(mm, plen);
        if (!start)
            return -ENOMEM;
    }
    if (flags & MAP_LOCKED)
        vflags |= VMA_LOCKED;
    long lerr = mlock_mmap_check(plen, vflags | mm->def_flags, flags & MAP_LOCKED);
    if (lerr)
        return lerr;
    int err = vm_map(mm, start, plen, (uint32_t)prot, vflags, file ? &vf : NULL);
    if (err)
        return err;
    /* A locked mapping (MAP_LOCKED, mlockall(MCL_FUTURE)) comes in now. */
    struct vma *v = vm_find(mm, start);
    if (v && (v->flags & (VMA_LOCKED | VMA_LOCKONFAULT)) == VMA_LOCKED && vm_populate(mm, start, start + plen)) {
        vm_unmap(mm, start, plen);
        return -ENOMEM;
    }
    return (long)start;
}

long sys_munmap(uint64_t addr, size_t len)
{
    if (addr % PAGE_SIZE || len == 0)
        return -EINVAL;
    return vm_unmap(current()->mm, addr, len);
}

long sys_mprotect(uint64_t addr, size_t len, uint64_t prot)
{
    if (addr % PAGE_SIZE || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    return vm_protect(current()->mm, addr, len, (uint32_t)prot);
}

long sys_madvise(uint64_t addr, size_t len, int advice)
{
    if (addr % PAGE_SIZE)
        return -EINVAL;
    switch (advice) {
    case MADV_NORMAL:
    case MADV_RANDOM:
    case MADV_SEQUENTIAL:
    case MADV_WILLNEED:
        return 0; /* hints about paging we do not do */
    case MADV_DONTNEED:
    case MADV_FREE:
        /* The pages go; the next touch brings zero pages (private anonymous). */
        return vm_discard(current()->mm, addr, len);
    case MADV_DONTDUMP:
    case MADV_DODUMP: {
        /* Whether core files hold the range (coredump_elf.c). */
        uint64_t end = addr + page_align_up(len);
        if (end < addr)
            return -EINVAL;
        if (end == addr)
            return 0;
        return vm_range_flags(current()->mm, addr, end, VMA_DONTDUMP, advice == MADV_DONTDUMP ? VMA_DONTDUMP : 0);
    }
    default:
        return -EINVAL;
    }
}

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

/* mremap(2): shrink in place, grow in place when the pages after the
 * area are free, otherwise (with MREMAP_MAYMOVE) move the pages to a new
 * range. The old range must lie inside one mapping. */
long sys_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, uint64_t flags, uint64_t new_addr)
{
    struct mm *mm = current()->mm;
    if (old % PAGE_SIZE || (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    old_len = page_align_up(old_len);
    new_len = page_align_up(new_len);
    if (!new_len || !old_len)
        return -EINVAL; /* old_len 0 (duplicate a shared mapping) is not supported */
    struct vma *v = vm_find(mm, old);
    if (!v || old + old_len > v->end || old + old_len < old)
        return -EFAULT;
    uint32_t prot = v->prot, vflags = v->flags; /* v may go away in vm_move */
    /* What the grown part maps: the file's next pages for a file mapping. */
    struct vma_file grow = {.ops = v->ops, .file = v->file, .pgoff = v->pgoff + (old - v->start + old_len) / PAGE_SIZE};
    const struct vma_file *growf = v->ops ? &grow : NULL;
    if (flags & MREMAP_FIXED) {
        if (new_addr % PAGE_SIZE || new_addr < USER_MIN || new_addr >= USER_TOP || new_len > USER_TOP - new_addr)
            return -EINVAL;
        if (new_addr < old + old_len && old < new_addr + new_len)
            return -EINVAL; /* overlapping ranges */
        vm_unmap(mm, new_addr, new_len);
        long err = vm_move(mm, old, new_addr, old_len < new_len ? old_len : new_len);
        if (!err && new_len > old_len)
            err = vm_map(mm, new_addr + old_len, new_len - old_len, prot, vflags, growf);
        if (!err && old_len > new_len)
            err = vm_unmap(mm, old + new_len, old_len - new_len);
        return err ? err : (long)new_addr;
    }
    if (new_len <= old_len) {
        if (new_len < old_len)
            vm_unmap(mm, old + new_len, old_len - new_len);
        return (long)old;
    }
    uint64_t end = old + old_len;
    if (end <= USER_TOP - (new_len - old_len) && range_free(mm, end, new_len - old_len)) {
        long err = vm_map(mm, end, new_len - old_len, prot, vflags, growf);
        return err ? err : (long)old;
    }
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t to = vm_get_unmapped(mm, new_len);
    if (!to)
        return -ENOMEM;
    long err = vm_move(mm, old, to, old_len);
    if (!err)
        err = vm_map(mm, to + old_len, new_len - old_len, prot, vflags, growf);
    return err ? err : (long)to;
}

/* mincore(2): one byte per page of [addr, addr + len), bit 0 set when the
 * page is in memory (present in the page table, or for a file mapping
 * in the file's page cache). EINVAL for an
 * unaligned addr, ENOMEM when part of the range is not mapped. */
long sys_mincore(uint64_t addr, size_t len, uint64_t uvec)
{
    struct mm *mm = current()->mm;
    if (addr % PAGE_SIZE)
        return -EINVAL;
    uint64_t end = page_align_up(addr + len);
    if (addr + len < addr || end > USER_TOP)
        return -ENOMEM;
    for (uint64_t a = addr; a < end;) {
        struct vma *v = vm_find(mm, a);
        if (!v)
            return -ENOMEM;
        a = v->end;
    }
    uint8_t chunk[256];
    for (uint64_t a = addr, i = 0; a < end; a += PAGE_SIZE, i++) {
        bool in = paging_translate(mm->root, a, NULL, NULL);
        if (!in) { /* a file mapping: is the file's page cached? */
            struct vma *v = vm_find(mm, a);
            in = v->ops && v->ops->resident && v->ops->resident(v, v->pgoff + (a - v->start) / PAGE_SIZE);
        }
        chunk[i % sizeof chunk] = in;
        if (i % sizeof chunk == sizeof chunk - 1 || a + PAGE_SIZE >= end) {
            uint64_t first = i - i % sizeof chunk;
            if (copy_to_user(uvec + first, chunk, i % sizeof chunk + 1))
                return -EFAULT;
        }
    }
    return 0;
}
