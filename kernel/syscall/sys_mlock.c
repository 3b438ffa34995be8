/*
 * sys_mlock.c - mlock(2), mlock2(2), munlock(2), mlockall(2),
 * munlockall(2), and the RLIMIT_MEMLOCK check mmap(MAP_LOCKED) shares.
 * The areas keep the lock (mm/vm_lock.c); this file checks arguments,
 * privilege and the limit in Linux's order (mm/mlock.c): a process
 * without CAP_IPC_LOCK may lock nothing when its RLIMIT_MEMLOCK is 0
 * (EPERM) and no more than the limit otherwise (ENOMEM; EAGAIN for mmap).
 */
#include "arch/x86_64/layout.h"
#include "mm/pt_index.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define MLOCK_ONFAULT 1
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4

/* Linux's can_do_mlock(). */
static bool can_do_mlock(void)
{
    return rlimit_cur(current(), RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

static uint64_t limit_pages(void) { return rlimit_cur(current(), RLIMIT_MEMLOCK) / PAGE_SIZE; }

static uint64_t locked_pages(struct mm *mm) { return vm_locked_bytes(mm, 0, USER_TOP) / PAGE_SIZE; }

/* mlock and mlock2: the range is widened to whole pages; pages already
 * locked in it do not count twice against the limit (Linux's
 * count_mm_mlocked_page_nr). */
static long do_mlock(uint64_t addr, size_t len, uint32_t lock)
{
    struct mm *mm = current()->mm;
    if (!can_do_mlock())
        return -EPERM;
    uint64_t start = page_align_down(addr);
    len = page_align_up(len + (addr - start)); /* wraps as Linux's PAGE_ALIGN does */
    uint64_t end = start + len;
    uint64_t locked = len / PAGE_SIZE + locked_pages(mm);
    if (locked > limit_pages() && !capable(CAP_IPC_LOCK)) {
        if (end > start)
            locked -= vm_locked_bytes(mm, start, end) / PAGE_SIZE;
        if (locked > limit_pages())
            return -ENOMEM;
    }
    if (end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    return vm_lock_range(mm, start, end, lock);
}

long sys_mlock(uint64_t addr, size_t len) { return do_mlock(addr, len, VMA_LOCKED); }

long sys_mlock2(uint64_t addr, size_t len, unsigned flags)
{
    if (flags & ~MLOCK_ONFAULT)
        return -EINVAL;
    return do_mlock(addr, len, VMA_LOCKED | (flags & MLOCK_ONFAULT ? VMA_LOCKONFAULT : 0));
}

/* munlock needs no privilege: unlocking never costs. */
long sys_munlock(uint64_t addr, size_t len)
{
    uint64_t start = page_align_down(addr);
    len = page_align_up(len + (addr - start));
    uint64_t end = start + len;
    if (end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    return vm_lock_range(current()->mm, start, end, 0);
}

/* MCL_ONFAULT alone is no request; MCL_CURRENT is refused when all of
 * the address space would pass the limit (Linux compares total_vm). */
long sys_mlockall(int flags)
{
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
        return -EINVAL;
    if (!can_do_mlock())
        return -EPERM;
    struct mm *mm = current()->mm;
    if ((flags & MCL_CURRENT) && vm_total_size(mm) / PAGE_SIZE > limit_pages() && !capable(CAP_IPC_LOCK))
        return -ENOMEM;
    uint32_t lock = VMA_LOCKED | (flags & MCL_ONFAULT ? VMA_LOCKONFAULT : 0);
    mm->def_flags = flags & MCL_FUTURE ? lock : 0;
    return flags & MCL_CURRENT ? vm_lock_all(mm, lock) : 0;
}

long sys_munlockall(void)
{
    struct mm *mm = current()->mm;
    mm->def_flags = 0;
    return vm_lock_all(mm, 0);
}

/* Linux's do_mmap: can_do_mlock for MAP_LOCKED, then mlock_future_ok. */
long mlock_mmap_check(uint64_t len, uint32_t vflags, bool explicit)
{
    if (explicit && !can_do_mlock())
        return -EPERM;
    if (!(vflags & VMA_LOCKED) || capable(CAP_IPC_LOCK))
        return 0;
    return len / PAGE_SIZE + locked_pages(current()->mm) <= limit_pages() ? 0 : -EAGAIN;
}
