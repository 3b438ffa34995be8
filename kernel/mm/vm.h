/*
 * vm.h - user address spaces. An address space is a page table (its
 * kernel half shared with every other, see paging.c) plus a sorted list
 * of areas (struct vma) saying what may be mapped where and with which
 * rights. Pages are filled on demand: the page-fault handler asks
 * vm_fault() to bring in a page the areas allow, and everything the areas
 * do not allow becomes SIGSEGV.
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"

#define VMA_HEAP 0x1     /* the brk area */
#define VMA_STACK 0x2    /* the main stack */
#define VMA_SHARED 0x4   /* MAP_SHARED: fork shares the pages instead of copying */
#define VMA_MAYWRITE 0x8 /* PROT_WRITE may be given (not for a shared map of a read-only file) */
#define VMA_LOCKED 0x10      /* mlock(2): counted in VmLck; its pages are brought in when locked */
#define VMA_LOCKONFAULT 0x20 /* with VMA_LOCKED: MLOCK_ONFAULT, pages come in as touched */
#define VMA_DONTDUMP 0x40    /* madvise(MADV_DONTDUMP): core files leave the area out */

struct vma;
struct mm;

/*
 * What a file mapping asks of the file's owner. The memory manager knows
 * nothing of files: a file-backed area carries an object (the open file),
 * its offset in pages, and these operations, which the file system
 * implements on its page cache (fs/filemap.c).
 */
struct vm_file_ops {
    /* Area v now refers to the object (a new mapping, a copy made by fork
     * or by splitting an area): take a reference, note the mapping. */
    void (*open)(struct vma *v);
    /* Area v no longer does (munmap, exit, merged into a neighbour). */
    void (*close)(struct vma *v);
    /* Optional: is page pgoff of the object in memory (mincore(2) asks
     * the page cache, not the page table, for a file mapping)? */
    bool (*resident)(struct vma *v, uint64_t pgoff);
    /* The frame holding page pgoff of the object, with a reference for
     * the caller: 0, -EIO past the end of the file (SIGBUS), -ENOMEM. */
    int (*fault)(struct vma *v, uint64_t pgoff, uint64_t *pa);
};

/* A file mapping to be made (mmap): the object, its operations and the
 * offset (in pages) of the area's first page. The object's mmap
 * operation sees the rights asked for (prot, shared) and may forbid ever
 * adding write access to a shared mapping (deny_write: a write-sealed
 * memfd). */
struct vma_file {
    const struct vm_file_ops *ops;
    void *file;
    uint64_t pgoff;
    uint32_t prot;
    bool shared;
    bool deny_write;
};

struct vma {
    uint64_t start, end; /* page aligned, end exclusive */
    uint32_t prot;       /* PROT_READ | PROT_WRITE | PROT_EXEC */
    uint32_t flags;      /* VMA_* */
    struct vma *next;
    struct mm *mm;
    /* File-backed areas (ops NULL: anonymous memory). */
    const struct vm_file_ops *ops;
    void *file;
    uint64_t pgoff;             /* the file page at start */
    struct list_head file_link; /* for the file's owner: its list of mappings */
};

struct mm {
    uint64_t root; /* physical address of the PML4 */
    int users;     /* processes using it: vfork and CLONE_VM children share it */
    struct vma *vmas;
    uint64_t brk_start, brk; /* the heap is [brk_start, page_align_up(brk)) */
    /* The top of the mmap area: mmap without a usable hint, the ELF
     * interpreter, shmat, io_setup take the highest free gap below it.
     * Chosen (randomly, mm/aslr.h) by exec below the stack; fork keeps it. */
    uint64_t mmap_base;
    uint64_t arg_start, arg_end; /* the argv strings exec placed (/proc/PID/cmdline) */
    uint64_t auxv_start, auxv_end; /* the auxiliary vector exec placed (a core's NT_AUXV) */
    /* /proc/PID/coredump_filter: which areas a core file holds (Linux
     * keeps it in mm->flags too: fork and exec carry it over). */
    uint32_t coredump_filter;
    /* Flags every new area gets: VMA_LOCKED (| VMA_LOCKONFAULT) after
     * mlockall(MCL_FUTURE), Linux's mm->def_flags; neither fork nor exec
     * carries it over. */
    uint32_t def_flags;
    void *aio; /* fs/aio.c's contexts of this address space (Linux's mm->ioctx_table);
                  a fork's copy starts without them */
};
/* Linux's MMF_DUMP_FILTER_DEFAULT: anonymous private and shared memory,
 * ELF headers, private huge pages. */
#define COREDUMP_FILTER_DEFAULT 0x33

/* Called by vm_destroy while the address space still exists, when it has
 * AIO contexts (fs/aio.c sets it: the memory manager knows no files). */
extern void (*vm_aio_exit)(struct mm *mm);

/* A new, empty address space; NULL when out of memory. */
struct mm *vm_create(void);
/* A copy of parent for fork: the same areas, every page shared
 * copy-on-write (MAP_SHARED areas truly shared). NULL when out of memory. */
struct mm *vm_fork(struct mm *parent);
/* Frees every page, page table and area. */
void vm_destroy(struct mm *mm);
/* One more process uses mm; returns mm. */
struct mm *vm_get(struct mm *mm);
/* One process fewer; the last one destroys it. NULL is accepted. */
void vm_put(struct mm *mm);
/* Loads mm's page table into CR3. */
void vm_activate(struct mm *mm);

/* Adds an area [start, start + len) replacing whatever was there
 * (MAP_FIXED semantics): anonymous memory when file is NULL, else a
 * mapping of file (whose open operation is called). 0, -EINVAL or -ENOMEM. */
int vm_map(struct mm *mm, uint64_t start, uint64_t len, uint32_t prot, uint32_t flags, const struct vma_file *file);
/* Removes [start, start + len) from the areas and frees its pages. */
int vm_unmap(struct mm *mm, uint64_t start, uint64_t len);
/* Frees the pages of [start, start + len) but keeps the areas: the next
 * touch brings zero pages (madvise MADV_DONTNEED). */
int vm_discard(struct mm *mm, uint64_t start, uint64_t len);
/* Moves [from, from + len) (inside one area) to to, keeping its pages and
 * rights (mremap). The destination must be free. 0, -EFAULT, -ENOMEM. */
int vm_move(struct mm *mm, uint64_t from, uint64_t to, uint64_t len);
/* Changes the rights of [start, start + len); -ENOMEM if part of the
 * range is not mapped (Linux's answer), -EACCES for write access to a
 * shared mapping of a file not open for writing. */
int vm_protect(struct mm *mm, uint64_t start, uint64_t len, uint32_t prot);
/* The highest free gap of len bytes below limit, or 0 if none. */
uint64_t vm_find_free(struct mm *mm, uint64_t len, uint64_t limit);
/* Where a mapping of len bytes goes when the caller names no place
 * (Linux's top-down get_unmapped_area): the highest free gap below
 * mm->mmap_base, else (the area below it is full) the highest anywhere
 * in user space. 0 if none. */
uint64_t vm_get_unmapped(struct mm *mm, uint64_t len);
/* The area containing addr, or NULL. */
struct vma *vm_find(struct mm *mm, uint64_t addr);

/* Resolves a fault at addr (write/exec as the error code says): 0 when a
 * page was brought in, -EFAULT when the areas do not allow the access
 * (the caller then delivers SIGSEGV), -EIO for a page of a file mapping
 * past the end of the file (SIGBUS), -ENOMEM when out of frames. */
int vm_fault(struct mm *mm, uint64_t addr, bool write, bool exec);

/* Writes len bytes from src (NULL: zeroes) at user address dst of mm,
 * bringing pages in as needed, through the direct map: works whatever
 * address space is active and ignores the areas' write right (exec uses
 * it to fill read-only segments). 0 or -EFAULT / -ENOMEM. */
int vm_write(struct mm *mm, uint64_t dst, const void *src, size_t len);

/* Copies up to len bytes of mm's memory at user address src into dst,
 * through the direct map, whatever address space is active: for reading
 * another process's memory (/proc/PID/cmdline). Stops at the first page
 * not present (nothing is faulted in); returns the bytes copied. */
size_t vm_read(struct mm *mm, void *dst, uint64_t src, size_t len);

/* Unmaps the pages of area v in [start, end) without changing the area:
 * the next touch faults them in again (a file truncated under a mapping). */
void vm_zap(struct vma *v, uint64_t start, uint64_t end);

/* For vm_lock.c: splits the area containing addr so a boundary falls
 * there (0 or -ENOMEM), and joins neighbours that continue each other. */
int vm_split_at(struct mm *mm, uint64_t addr);
void vm_merge(struct mm *mm);

/* Sets the flags in mask to value on every area in [start, end),
 * splitting areas at the edges and joining neighbours after (mlock's
 * flags, madvise's MADV_DONTDUMP). -ENOMEM if part of the range is
 * unmapped (nothing changes then). */
int vm_range_flags(struct mm *mm, uint64_t start, uint64_t end, uint32_t mask, uint32_t value);
/* mlock(2) (vm_lock.c). Sets the lock flags (VMA_LOCKED, VMA_LOCKONFAULT
 * or none) of every area in [start, end), splitting areas at the edges,
 * then brings in the pages of what is now locked and not on-fault.
 * -ENOMEM if part of the range is unmapped (nothing changes then). */
int vm_lock_range(struct mm *mm, uint64_t start, uint64_t end, uint32_t lock);
/* Sets the lock flags of every area (mlockall MCL_CURRENT, munlockall). */
int vm_lock_all(struct mm *mm, uint32_t lock);
/* Brings in the pages of the accessible areas in [start, end) as a
 * touch would (a write touch for private writable areas, so copies are
 * made now): what locking and MAP_LOCKED promise. 0 or -ENOMEM. */
int vm_populate(struct mm *mm, uint64_t start, uint64_t end);
/* Bytes in locked areas (VmLck, Linux's locked_vm), in all of mm or in
 * [start, end) only. */
uint64_t vm_locked_bytes(struct mm *mm, uint64_t start, uint64_t end);
/* Pages present in [start, end) of area v (smaps' Rss). */
uint64_t vm_area_resident(struct mm *mm, const struct vma *v);

/* Pages present in mm's areas (VmRSS). Areas without rights are skipped:
 * they are reservations (Go's heap arenas) and hold no pages. */
uint64_t vm_resident_pages(struct mm *mm);
/* Bytes of all areas (VmSize). */
uint64_t vm_total_size(struct mm *mm);


#endif
