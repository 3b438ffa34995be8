/*
 * sys_hints.c - calls that ask the kernel to move data between memory
 * and storage, or to keep pages resident: sync(2), syncfs(2), msync(2)
 * and sync_file_range(2) write disk files back (fs/writeback.h; files of
 * in-memory file systems have nowhere to go), posix_fadvise(2) checks its
 * arguments (there is no swap and no read-ahead to steer), personality(2)
 * (the execution domain: only Linux's).
 */
#include "arch/x86_64/layout.h"
#include "fs/vfs.h"
#include "fs/writeback.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/personality.h"
#include "uapi/fcntl.h"


/* sync(2) cannot fail (Linux returns 0 even when a disk did). */
long sys_sync(void)
{
    writeback_all();
    return 0;
}

long sys_syncfs(int fd)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    return f->inode && f->inode->sb ? writeback_sb(f->inode->sb) : 0;
}

#define POSIX_FADV_DONTNEED 4
#define POSIX_FADV_NOREUSE 5

/* Linux's order (mm/fadvise.c): a bad descriptor, a pipe or FIFO
 * (ESPIPE), then a negative length or an unknown advice (EINVAL). */
long sys_fadvise64(int fd, int64_t offset, int64_t len, int advice)
{
    (void)offset;
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    if (len < 0 || advice < 0 || advice > POSIX_FADV_NOREUSE)
        return -EINVAL;
    return 0;
}

static uint64_t page_up(uint64_t n) { return (n + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1); }

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/* Shared file mappings already are the file's pages in memory: msync
 * only checks, in Linux's order (mm/msync.c): flags and alignment
 * (EINVAL), then the areas in the range: EBUSY for MS_INVALIDATE of a
 * locked one, ENOMEM for a hole (at once for a plain MS_ASYNC, else
 * after the walk). */
long sys_msync(uint64_t addr, size_t len, int flags)
{
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
        return -EINVAL;
    if (addr % PAGE_SIZE || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    uint64_t end = addr + page_up(len);
    if (end < addr)
        return -ENOMEM;
    long err = 0;
    struct vma *v = current()->mm->vmas;
    for (uint64_t a = addr; a < end; a = v->end, v = v->next) {
        while (v && v->end <= a)
            v = v->next;
        if (!v)
            return -ENOMEM;
        if (a < v->start) {
            if (flags == MS_ASYNC || v->start >= end)
                return -ENOMEM;
            err = -ENOMEM;
        }
        if ((flags & MS_INVALIDATE) && (v->flags & VMA_LOCKED))
            return -EBUSY;
    }
    if (err)
        return err;
    /* MS_SYNC: the files mapped shared in the range reach their disks
     * (writeback writes every page of a shared writable mapping). */
    if (flags & MS_SYNC)
        for (v = current()->mm->vmas; v && v->start < end; v = v->next)
            if (v->end > addr && (v->flags & VMA_SHARED) && v->file &&
                (err = writeback_inode(((struct file *)v->file)->inode, true)))
                return err;
    return 0;
}

/* personality(2): any value is kept, as Linux keeps it, and the previous
 * one returned; 0xffffffff only asks. What acts on it: uname (PER_LINUX32
 * reports i686, UNAME26 a 2.6 release: sys_proc.c) and exec, which clears
 * PER_CLEAR_ON_SETID when ids change and lays the next program out
 * without randomization under ADDR_NO_RANDOMIZE (mm/aslr.h, setarch -R).
 * Other flags (STICKY_TIMEOUTS...) are kept and reported without effect. */
long sys_personality(uint32_t persona)
{
    struct proc *p = current();
    uint32_t old = p->personality;
    if (persona != PER_QUERY)
        p->personality = persona;
    return (int)old;
}

/* readahead(2): a hint; the page cache holds every page already. EBADF
 * for a bad descriptor or one not open for reading, EINVAL for a file
 * without a page cache (pipes, sockets, directories). */
long sys_readahead(int fd, int64_t offset, size_t count)
{
    (void)offset, (void)count;
    struct file *f = fd_get(current(), fd);
    if (!f || (f->flags & O_ACCMODE) == O_WRONLY || (f->flags & O_PATH))
        return -EBADF;
    if (!f->inode || !inode_is_reg(f->inode))
        return -EINVAL;
    return 0;
}

#define SYNC_FILE_RANGE_ALL 7 /* WAIT_BEFORE | WRITE | WAIT_AFTER */

/* sync_file_range(2): nothing to write back (tmpfs); Linux's checks. */
long sys_sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned flags)
{
    if (flags & ~SYNC_FILE_RANGE_ALL)
        return -EINVAL;
    if (offset < 0 || nbytes < 0 || offset + nbytes < offset)
        return -EINVAL;
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->inode || (!inode_is_reg(f->inode) && !inode_is_dir(f->inode) && (f->inode->mode & S_IFMT) != S_IFBLK &&
                      (f->inode->mode & S_IFMT) != S_IFLNK))
        return -ESPIPE;
    /* SYNC_FILE_RANGE_WRITE starts writing the file's dirty pages (all of
     * them: writeback has no ranges); the device is not flushed. */
    return flags & 2 ? writeback_inode(f->inode, false) : 0;
}
