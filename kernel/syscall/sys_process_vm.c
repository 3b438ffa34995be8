/*
 * sys_process_vm.c - process_vm_readv(2) and process_vm_writev(2):
 * copying between the caller's memory and another process's, as Linux's
 * mm/process_vm_access.c does. The other process's pages are reached
 * through its own page tables (proc/remote_mem.h, over the direct map),
 * faulted in as a touch would, copy-on-write broken before a write; an
 * area without the right (PROT_READ to read, PROT_WRITE to write) or a
 * hole ends the transfer with EFAULT. A transfer cut short returns the
 * bytes moved so far, as Linux's does.
 */
#include "fs/file.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/remote_mem.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "uapi/uio.h"

#define CHUNK 4096

/* The iovec array at uiov (cnt entries, cnt <= UIO_MAXIOV checked): a
 * negative length is EINVAL; the local side's ranges must lie in user
 * space (EFAULT); the total is cut at MAX_RW_COUNT (Linux's
 * iovec_from_user and import_iovec). Returns the total or -errno. */
static long import(uint64_t uiov, unsigned long cnt, bool local, struct linux_iovec **out)
{
    *out = NULL;
    if (cnt == 0)
        return 0;
    struct linux_iovec *iov = kmalloc(cnt * sizeof *iov);
    if (!iov)
        return -ENOMEM;
    if (copy_from_user(iov, uiov, cnt * sizeof *iov)) {
        kfree(iov);
        return -EFAULT;
    }
    size_t total = 0;
    for (unsigned long i = 0; i < cnt; i++) {
        if ((int64_t)iov[i].iov_len < 0) {
            kfree(iov);
            return -EINVAL;
        }
        if (local && !user_range_ok(iov[i].iov_base, iov[i].iov_len)) {
            kfree(iov);
            return -EFAULT;
        }
        if (iov[i].iov_len > MAX_RW_COUNT - total)
            iov[i].iov_len = MAX_RW_COUNT - total;
        total += iov[i].iov_len;
    }
    *out = iov;
    return (long)total;
}

/* Walks the remote ranges in order, moving each piece between them and
 * the local ranges (whose position is *li, *loff). Returns the bytes
 * moved, or -EFAULT if none were. */
static long transfer(struct mm *mm, struct linux_iovec *lv, unsigned long lcnt, const struct linux_iovec *rv,
                     unsigned long rcnt, bool write)
{
    char *buf = kmalloc(CHUNK);
    if (!buf)
        return -ENOMEM;
    unsigned long li = 0;
    size_t loff = 0, done = 0;
    int err = 0;
    for (unsigned long ri = 0; ri < rcnt && !err; ri++) {
        uint64_t addr = rv[ri].iov_base, left = rv[ri].iov_len;
        while (left && !err) {
            while (li < lcnt && loff == lv[li].iov_len)
                li++, loff = 0;
            if (li == lcnt)
                goto out; /* the local side is full (or empty) */
            size_t n = CHUNK - (addr & (CHUNK - 1));
            if (n > left)
                n = left;
            if (n > lv[li].iov_len - loff)
                n = lv[li].iov_len - loff;
            uint64_t local = lv[li].iov_base + loff;
            if (write) {
                err = copy_from_user(buf, local, n) ? -EFAULT : remote_mem_access(mm, addr, buf, n, true, false);
            } else {
                err = remote_mem_access(mm, addr, buf, n, false, false);
                if (!err && copy_to_user(local, buf, n))
                    err = -EFAULT;
            }
            if (!err) {
                addr += n, left -= n, loff += n, done += n;
            }
        }
    }
out:
    kfree(buf);
    return done ? (long)done : err;
}

static long process_vm_rw(int pid, uint64_t lvec, unsigned long liovcnt, uint64_t rvec, unsigned long riovcnt,
                          unsigned long flags, bool write)
{
    if (flags)
        return -EINVAL;
    if (liovcnt > UIO_MAXIOV || riovcnt > UIO_MAXIOV)
        return -EINVAL;
    struct linux_iovec *lv, *rv = NULL;
    long total = import(lvec, liovcnt, true, &lv);
    if (total <= 0) /* an error, or nothing to move: done before the pid is looked at */
        return total;
    long r = import(rvec, riovcnt, false, &rv);
    if (r < 0)
        goto out;
    struct proc *t = proc_find(pid);
    if (!t || t->state == PROC_UNUSED || pid <= 0) {
        r = -ESRCH;
        goto out;
    }
    /* Linux's mm_access: the ptrace check (EPERM when refused), and a
     * process without memory (a zombie) is refused too. */
    if (!t->mm || !proc_may_inspect(t)) {
        r = -EPERM;
        goto out;
    }
    struct mm *mm = vm_get(t->mm); /* stays while the copy may sleep */
    r = transfer(mm, lv, liovcnt, rv, riovcnt, write);
    vm_put(mm);
out:
    kfree(lv);
    kfree(rv);
    return r;
}

long sys_process_vm_readv(int pid, uint64_t lvec, unsigned long liovcnt, uint64_t rvec, unsigned long riovcnt,
                          unsigned long flags)
{
    return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

long sys_process_vm_writev(int pid, uint64_t lvec, unsigned long liovcnt, uint64_t rvec, unsigned long riovcnt,
                           unsigned long flags)
{
    return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
