/* filemap.c - see filemap.h. */
#include "fs/filemap.h"

#include "fs/file.h"
#include "fs/inode.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "fs/writeback.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/pmm.h"
#include "mm/pt_index.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/rlimit.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

/* Frames kept free for the kernel itself: file data may not take the
 * last of memory (page tables, kernel stacks, the heap need some). */
#define RESERVE_FRAMES 256

/* A new frame for inode's page cache (zeroed unless the caller is about
 * to fill all of it), counted against its file system's limit; 0 when
 * there is no room (ENOSPC). */
static uint64_t alloc_page(struct inode *inode, bool zero)
{
    struct super_block *sb = inode->sb;
    if (sb->pages_max && sb_pages_charged(sb) >= sb->pages_max)
        return 0;
    /* Disk files' clean pages are copies: when memory is short they go
     * first (they can be read again). */
    if (pmm_free_frames() <= RESERVE_FRAMES * 2)
        writeback_reclaim(RESERVE_FRAMES);
    if (pmm_free_frames() <= RESERVE_FRAMES)
        return 0;
    uint64_t pa = pmm_alloc();
    if (pa && zero)
        memset(phys_to_virt(pa), 0, PAGE_SIZE);
    return pa;
}

/* How page_get may make a page that is not cached. */
enum page_make {
    PAGE_LOOKUP,    /* not at all: a hole is *pa = 0 (reads) */
    PAGE_CREATE,    /* a zeroed page, or one read in */
    PAGE_OVERWRITE, /* the caller writes all of it next: no zeroing, no reading */
};

/* The frame of page index of inode's file: the cached one, one read in by
 * the file system, or a new one as make says. 0, -ENOSPC or -EIO. */
static int page_get(struct inode *inode, uint64_t index, enum page_make make, uint64_t *pa)
{
    *pa = pc_find(&inode->pages, index, NULL);
    if (*pa)
        return 0;
    int (*readpage)(struct inode *, uint64_t, void *) = inode->sb->ops->readpage;
    if (make == PAGE_LOOKUP && !readpage)
        return 0; /* a hole */
    uint64_t page = alloc_page(inode, make != PAGE_OVERWRITE && !readpage);
    if (!page)
        return -ENOSPC;
    if (readpage && make != PAGE_OVERWRITE) {
        int err = readpage(inode, index, phys_to_virt(page));
        if (err) {
            pmm_free(page);
            return err;
        }
    }
    if (pc_insert(&inode->pages, index, page)) {
        pmm_free(page);
        return -ENOSPC;
    }
    inode->sb->pages_used++;
    *pa = page;
    return 0;
}

/* Pages looked up per descent of the page cache on the fast path. */
#define RUN_PAGES 16

/*
 * The fast path of transfer: len bytes (at most) between the cached
 * pages pas[0..k), from offset off of the first, and the caller's buffer
 * (ubuf, or kbuf when not NULL), taking no references on the pages. That
 * is safe because nothing here sleeps: user copies are the *_nofault
 * kind, which stop at a page fault instead of serving it, and a page can
 * leave the cache (truncate, reclaim) only while this CPU runs something
 * else. Frames that follow each other in memory go in one copy. Returns
 * the bytes moved; fewer than len after a fault, which the caller then
 * takes the slow way, with a reference.
 */
static size_t copy_run(const uint64_t *pas, unsigned k, uint64_t off, size_t len, uint64_t ubuf, char *kbuf,
                       bool write)
{
    size_t moved = 0;
    for (unsigned i = 0; i < k && moved < len;) {
        unsigned j = i + 1;
        while (j < k && pas[j] == pas[j - 1] + PAGE_SIZE)
            j++;
        size_t bytes = (size_t)(j - i) * PAGE_SIZE - off;
        if (bytes > len - moved)
            bytes = len - moved;
        char *page = (char *)phys_to_virt(pas[i]) + off;
        size_t left = 0;
        if (kbuf)
            write ? memcpy(page, kbuf + moved, bytes) : memcpy(kbuf + moved, page, bytes);
        else
            left = write ? copy_from_user_nofault(page, ubuf + moved, bytes)
                         : copy_to_user_nofault(ubuf + moved, page, bytes);
        moved += bytes - left;
        if (left)
            break;
        off = 0;
        i = j;
    }
    return moved;
}

/* Moves n bytes between offset pos of inode's data and dst/src: user
 * memory (ubuf) or kernel memory (kbuf). Reads stop at the end of the
 * file; writes extend it. Returns the count (short after a fault) or
 * -errno when nothing moved. */
static long transfer(struct inode *inode, uint64_t pos, size_t n, uint64_t ubuf, void *kbuf, bool write)
{
    if (!write) {
        if (pos >= inode->size)
            return 0;
        if (n > inode->size - pos)
            n = inode->size - pos;
    }
    /* Pages already cached go the fast way, unless a write must tell the
     * file system about each page (blocks to allocate, pages to mark
     * dirty for writeback): disk files' writes take the page-by-page
     * path below. */
    const struct super_ops *ops = inode->sb->ops;
    bool fast = !write || (!ops->page_mkwrite && !ops->writepage);
    size_t done = 0;
    long err = 0;
    while (done < n) {
        uint64_t at = pos + done, index = at / PAGE_SIZE, off = at % PAGE_SIZE;
        if (fast) {
            uint64_t pas[RUN_PAGES];
            size_t want = (off + (n - done) + PAGE_SIZE - 1) / PAGE_SIZE;
            unsigned k = pc_find_run(&inode->pages, index, want < RUN_PAGES ? (unsigned)want : RUN_PAGES, pas);
            if (k) {
                size_t moved = copy_run(pas, k, off, n - done, ubuf + done, kbuf ? (char *)kbuf + done : NULL, write);
                done += moved;
                if (write && pos + done > inode->size)
                    inode->size = pos + done;
                if (moved == (size_t)k * PAGE_SIZE - off || done == n)
                    continue; /* all k pages, or all that was asked */
                /* A fault: this page the slow way, which serves it. */
                at = pos + done, index = at / PAGE_SIZE, off = at % PAGE_SIZE;
            }
        }
        size_t chunk = PAGE_SIZE - off < n - done ? PAGE_SIZE - off : n - done;
        uint64_t pa;
        bool whole = write && chunk == PAGE_SIZE;
        /* A disk file system allocates the page's blocks now, so a full
         * disk is this write's ENOSPC, not a lost page at writeback. */
        if (write && ops->page_mkwrite && (err = ops->page_mkwrite(inode, index)))
            break;
        err = page_get(inode, index, whole ? PAGE_OVERWRITE : write ? PAGE_CREATE : PAGE_LOOKUP, &pa);
        if (err)
            break;
        bool fault;
        if (!pa) { /* reading a hole */
            fault = kbuf ? (memset((char *)kbuf + done, 0, chunk), false) : clear_user(ubuf + done, chunk) != 0;
        } else {
            /* The page stays ours while a user copy may fault (and, with
             * SMP, while a truncate runs elsewhere). */
            pmm_ref(pa);
            char *page = (char *)phys_to_virt(pa) + off;
            if (kbuf)
                fault = (write ? memcpy(page, (char *)kbuf + done, chunk) : memcpy((char *)kbuf + done, page, chunk),
                         false);
            else
                fault = write ? copy_from_user(page, ubuf + done, chunk) != 0
                              : copy_to_user(ubuf + done, page, chunk) != 0;
            if (fault && whole)
                memset(page, 0, PAGE_SIZE); /* a page made for overwriting holds no stale bytes */
            pmm_free(pa);
        }
        if (write && ops->writepage)
            writeback_mark_dirty(inode, index); /* even a faulted copy may have changed part of it */
        if (fault) {
            err = -EFAULT;
            break;
        }
        done += chunk;
        if (write && pos + done > inode->size)
            inode->size = pos + done;
    }
    return done ? (long)done : err;
}

long filemap_read(struct file *f, uint64_t ubuf, size_t n)
{
    long r = transfer(f->inode, f->pos, n, ubuf, NULL, false);
    if (r > 0)
        f->pos += (uint64_t)r;
    inode_accessed(f->inode);
    return r;
}

/* The seals of a memfd on a write of n bytes at pos (shmem_write_begin):
 * F_SEAL_WRITE and F_SEAL_FUTURE_WRITE refuse it; F_SEAL_GROW stops it
 * where Linux's page-by-page write stops, before the piece of a page that
 * would pass the end of the file. The count allowed, or -EPERM. */
static long sealed_count(const struct inode *inode, uint64_t pos, size_t n)
{
    if (inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
        return -EPERM;
    if ((inode->seals & F_SEAL_GROW) && pos + n > inode->size) {
        uint64_t last_page = inode->size & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t stop = inode->size < pos || last_page < pos ? pos : last_page;
        n = stop - pos;
        if (!n)
            return -EPERM;
    }
    return (long)n;
}

/* Writes n bytes at pos from user memory (ubuf) or kernel memory (kbuf),
 * the inode lock held: EFBIG at the size limit (a short write up to it),
 * the seals, the times stamped when something was written. */
static long write_locked(struct inode *inode, uint64_t pos, size_t n, uint64_t ubuf, const void *kbuf)
{
    if (!n)
        return 0;
    if (pos >= FILEMAP_MAX_BYTES)
        return -EFBIG;
    if (n > FILEMAP_MAX_BYTES - pos)
        n = FILEMAP_MAX_BYTES - pos; /* a short write up to the limit */
    long allowed = rlimit_fsize_allow(pos, n); /* the writer's RLIMIT_FSIZE, SIGXFSZ past it */
    if (allowed < 0)
        return allowed;
    n = (size_t)allowed;
    allowed = sealed_count(inode, pos, n);
    if (allowed < 0)
        return allowed;
    n = (size_t)allowed;
    inode_remove_privs(inode); /* a changed program is no longer set-ID */
    long r = transfer(inode, pos, n, ubuf, (void *)kbuf, true);
    if (r > 0)
        inode_touch(inode, ATTR_MTIME | ATTR_CTIME);
    if (inode->sb->ops->writepage)
        writeback_throttle(inode);
    return r;
}

long filemap_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct inode *inode = f->inode;
    inode_lock(inode);
    if (f->flags & O_APPEND)
        f->pos = inode->size;
    long r = write_locked(inode, f->pos, n, ubuf, NULL);
    if (r > 0)
        f->pos += (uint64_t)r;
    inode_unlock(inode);
    return r;
}

long filemap_splice_read(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock)
{
    (void)nonblock;
    long r = transfer(f->inode, *pos, n, 0, buf, false);
    if (r > 0)
        *pos += (uint64_t)r;
    inode_accessed(f->inode);
    return r;
}

long filemap_splice_write(struct file *f, uint64_t *pos, const void *buf, size_t n, bool nonblock)
{
    (void)nonblock;
    inode_lock(f->inode);
    long r = write_locked(f->inode, *pos, n, 0, buf);
    inode_unlock(f->inode);
    if (r > 0)
        *pos += (uint64_t)r;
    return r;
}

/* pc_for_each's steps for SEEK_DATA (the first cached page) and
 * SEEK_HOLE (the first index missing from a run starting at *next). */
static int first_page(void *ctx, uint64_t index, uint64_t pa)
{
    (void)pa;
    *(uint64_t *)ctx = index;
    return 1;
}

static int first_gap(void *ctx, uint64_t index, uint64_t pa)
{
    (void)pa;
    uint64_t *next = ctx;
    if (index != *next)
        return 1;
    (*next)++;
    return 0;
}

/* SEEK_DATA and SEEK_HOLE (lseek(2)): data is the pages the cache holds,
 * holes the pages it does not (never written, or cut by truncate), as
 * Linux's shmem_file_llseek; past the end of the file there is nothing
 * (ENXIO), and the end counts as a hole. */
static long seek_data_hole(struct file *f, int64_t off, int whence)
{
    struct inode *inode = f->inode;
    if (off < 0 || (uint64_t)off >= inode->size)
        return -ENXIO;
    uint64_t idx = (uint64_t)off / PAGE_SIZE, pos;
    if (whence == SEEK_DATA) {
        uint64_t found = UINT64_MAX;
        pc_for_each(&inode->pages, idx, first_page, &found);
        if (found == UINT64_MAX || found * PAGE_SIZE >= inode->size)
            return -ENXIO;
        pos = found * PAGE_SIZE;
    } else {
        uint64_t next = idx;
        pc_for_each(&inode->pages, idx, first_gap, &next);
        pos = next * PAGE_SIZE;
        if (pos > inode->size)
            pos = inode->size;
    }
    if (pos < (uint64_t)off)
        pos = (uint64_t)off;
    f->pos = pos;
    return (long)pos;
}

long filemap_lseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_DATA || whence == SEEK_HOLE)
        return seek_data_hole(f, off, whence);
    return default_llseek(f, off, whence);
}

long filemap_read_kernel(struct inode *inode, uint64_t off, void *buf, size_t n)
{
    return transfer(inode, off, n, 0, buf, false);
}

long filemap_write_kernel(struct inode *inode, uint64_t off, const void *buf, size_t n)
{
    if (off >= FILEMAP_MAX_BYTES || n > FILEMAP_MAX_BYTES - off)
        return -EFBIG;
    return n ? transfer(inode, off, n, 0, (void *)buf, true) : 0;
}

/* Drops pages from index first on, keeping the superblock's count. */
static void drop_pages(struct inode *inode, uint64_t first)
{
    uint64_t before = inode->pages.nrpages;
    pc_truncate(&inode->pages, first);
    inode->sb->pages_used -= before - inode->pages.nrpages;
}

int filemap_resize(struct inode *inode, uint64_t size)
{
    if (size > FILEMAP_MAX_BYTES)
        return -EFBIG;
    if (size < inode->size) {
        uint64_t first = (size + PAGE_SIZE - 1) / PAGE_SIZE;
        /* The bytes after the end in the last page must read as zeros if
         * the file grows again. */
        uint64_t pa = size % PAGE_SIZE ? pc_find(&inode->pages, size / PAGE_SIZE, NULL) : 0;
        if (pa) {
            memset((char *)phys_to_virt(pa) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
            if (inode->sb->ops->writepage)
                writeback_mark_dirty(inode, size / PAGE_SIZE); /* the disk's copy of the tail is stale */
        }
        /* Mappings lose the pages past the end (private copies too, as
         * Linux's truncate_pagecache): touching them is SIGBUS now. */
        list_for_each_entry(v, &inode->mappings, struct vma, file_link) {
            uint64_t npages = (v->end - v->start) / PAGE_SIZE;
            if (v->pgoff + npages > first) {
                uint64_t from = first > v->pgoff ? v->start + (first - v->pgoff) * PAGE_SIZE : v->start;
                vm_zap(v, from, v->end);
            }
        }
        drop_pages(inode, first);
    }
    inode->size = size;
    return 0;
}

void filemap_release(struct inode *inode) { drop_pages(inode, 0); }

int filemap_fallocate(struct inode *inode, int mode, uint64_t off, uint64_t len)
{
    /* A memfd's seals first, as shmem_fallocate: no hole in write-sealed
     * data, no growing past a grow-sealed end (even with KEEP_SIZE). */
    if ((mode & FALLOC_FL_PUNCH_HOLE) && (inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
        return -EPERM;
    if (off > FILEMAP_MAX_BYTES || len > FILEMAP_MAX_BYTES - off)
        return -EFBIG;
    uint64_t end = off + len;
    if (!(mode & FALLOC_FL_PUNCH_HOLE) && (inode->seals & F_SEAL_GROW) && end > inode->size)
        return -EPERM;
    if (mode & FALLOC_FL_PUNCH_HOLE) {
        /* Zero the range in the pages that hold it. The whole pages stay
         * (zeroed) rather than being dropped: a mapping of them keeps
         * its frames, and tmpfs's pages are the file's only copy. */
        for (uint64_t at = off; at < end && at < inode->size;) {
            uint64_t index = at / PAGE_SIZE, poff = at % PAGE_SIZE;
            uint64_t chunk = PAGE_SIZE - poff < end - at ? PAGE_SIZE - poff : end - at;
            uint64_t pa = pc_find(&inode->pages, index, NULL);
            if (pa)
                memset((char *)phys_to_virt(pa) + poff, 0, chunk);
            at += chunk;
        }
        inode_touch(inode, ATTR_MTIME | ATTR_CTIME);
        return 0;
    }
    for (uint64_t index = off / PAGE_SIZE; index < (end + PAGE_SIZE - 1) / PAGE_SIZE; index++) {
        uint64_t pa;
        int err = page_get(inode, index, PAGE_CREATE, &pa);
        if (err)
            return err;
    }
    if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->size) {
        inode->size = end;
        inode_touch(inode, ATTR_MTIME | ATTR_CTIME);
    }
    return 0;
}

/* --- mappings ------------------------------------------------------- */

static void map_open(struct vma *v)
{
    struct file *f = v->file;
    file_get(f);
    list_add_tail(&v->file_link, &f->inode->mappings);
}

static void map_close(struct vma *v)
{
    list_del_init(&v->file_link);
    file_put(v->file);
}

static int map_fault(struct vma *v, uint64_t pgoff, uint64_t *pa)
{
    struct inode *inode = ((struct file *)v->file)->inode;
    if (pgoff >= (inode->size + PAGE_SIZE - 1) / PAGE_SIZE)
        return -EIO; /* wholly past the end of the file: SIGBUS */
    /* A shared writable mapping may store into the page: a disk file
     * system allocates its blocks now (SIGBUS when the disk is full, as
     * Linux's page_mkwrite failing). Writeback finds the stores itself
     * (writeback.c's mapped_writable). */
    int (*mkwrite)(struct inode *, uint64_t) = inode->sb->ops->page_mkwrite;
    int err = (v->flags & VMA_SHARED) && (v->flags & VMA_MAYWRITE) && mkwrite ? mkwrite(inode, pgoff) : 0;
    if (!err)
        err = page_get(inode, pgoff, PAGE_CREATE, pa);
    if (err)
        return err == -ENOSPC ? -EIO : err; /* no memory for the page: SIGBUS, as tmpfs answers */
    pmm_ref(*pa); /* the mapping's own reference */
    return 0;
}

/* mincore(2) of a file mapping: the page cache holds the page (whoever
 * brought it in: another process's mapping, a read). */
static bool map_resident(struct vma *v, uint64_t pgoff)
{
    return pc_find(&((struct file *)v->file)->inode->pages, pgoff, NULL) != 0;
}

static const struct vm_file_ops filemap_vm_ops = {
    .open = map_open, .close = map_close, .fault = map_fault, .resident = map_resident};

int filemap_mmap(struct file *f, struct vma_file *m)
{
    /* A write-sealed memfd (memfd_check_seals_mmap): no new shared
     * writable mapping, and a shared read-only one may never be made
     * writable. Private mappings copy, and are not affected. */
    if (m->shared && (f->inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))) {
        if (m->prot & PROT_WRITE)
            return -EPERM;
        m->deny_write = true;
    }
    m->ops = &filemap_vm_ops;
    return 0;
}
