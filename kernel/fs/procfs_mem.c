/*
 * procfs_mem.c - /proc/PID/mem: another process's memory as a file whose
 * offsets are its addresses, as Linux's fs/proc/base.c mem_rw. Opening
 * needs ptrace access (procfs_may_look_into: EACCES); the file keeps the
 * address space it was opened on, and once no process of that pid runs
 * in it (exit, exec) reads and writes return 0, as Linux's do when the
 * mm has no users left. Reads and writes go through proc/remote_mem.h
 * with force, as ptrace's PEEK and POKE: read-only private memory can be
 * written (a breakpoint). An address without memory fails with EIO when
 * nothing was moved; otherwise the count moved so far is returned.
 */
#include "fs/procfs_impl.h"

#include "fs/file.h"
#include "fs/procfs_pid.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/remote_mem.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define CHUNK 4096

static int mem_open(struct file *f)
{
    int denied = procfs_may_look_into(f->inode, false);
    if (denied)
        return denied;
    struct proc *t = procfs_find_task(ino_pid(f->inode));
    f->priv = t && t->mm ? vm_get(t->mm) : NULL;
    return 0;
}

/* Is mm still what the process runs in? */
static bool still_used(const struct file *f, const struct mm *mm)
{
    const struct proc *t = procfs_find_task(ino_pid(f->inode));
    return t && t->mm == mm;
}

/* Moves up to n bytes between user memory at ubuf and the process's
 * memory at f->pos, a page at a time. */
static long mem_rw(struct file *f, uint64_t ubuf, size_t n, bool write)
{
    struct mm *mm = f->priv;
    if (!mm || !still_used(f, mm))
        return 0;
    char *buf = kmalloc(CHUNK);
    if (!buf)
        return -ENOMEM;
    long done = 0;
    while ((size_t)done < n) {
        size_t k = CHUNK - (f->pos & (CHUNK - 1));
        if (k > n - (size_t)done)
            k = n - (size_t)done;
        int err = 0;
        if (write) {
            err = copy_from_user(buf, ubuf + (uint64_t)done, k) ? -EFAULT : 0;
            if (!err && remote_mem_access(mm, f->pos, buf, k, true, true))
                err = -EIO;
        } else {
            err = remote_mem_access(mm, f->pos, buf, k, false, true) ? -EIO : 0;
            if (!err && copy_to_user(ubuf + (uint64_t)done, buf, k))
                err = -EFAULT;
        }
        if (err) {
            if (!done)
                done = err;
            break;
        }
        f->pos += k;
        done += (long)k;
    }
    kfree(buf);
    return done;
}

static long mem_read(struct file *f, uint64_t ubuf, size_t n) { return mem_rw(f, ubuf, n, false); }
static long mem_write(struct file *f, uint64_t ubuf, size_t n) { return mem_rw(f, ubuf, n, true); }

/* Any address is a position (SEEK_SET, SEEK_CUR); there is no end. */
static long mem_lseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_SET)
        f->pos = (uint64_t)off;
    else if (whence == SEEK_CUR)
        f->pos += (uint64_t)off;
    else
        return -EINVAL;
    return (long)f->pos;
}

static void mem_release(struct file *f) { vm_put(f->priv); }

const struct file_ops procfs_mem_ops = {
    .open = mem_open, .read = mem_read, .write = mem_write, .lseek = mem_lseek, .release = mem_release};
