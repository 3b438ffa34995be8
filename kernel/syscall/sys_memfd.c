/*
 * sys_memfd.c - memfd_create(2): the flags and the name checked in
 * Linux's order (mm/memfd.c), the file made by fs/memfd.c.
 */
#include "fs/memfd.h"
#include "fs/vfs.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/memfd.h"

#define MFD_ALL_FLAGS (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)

long sys_memfd_create(uint64_t uname, unsigned flags)
{
    /* A huge page size may be encoded with MFD_HUGETLB only. */
    unsigned valid = (flags & MFD_HUGETLB) ? MFD_ALL_FLAGS | (MFD_HUGE_MASK << MFD_HUGE_SHIFT) : MFD_ALL_FLAGS;
    if (flags & ~valid)
        return -EINVAL;
    if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
        return -EINVAL;
    char name[MFD_NAME_MAX_LEN + 1];
    long len = strncpy_from_user(name, uname, sizeof name);
    if (len == -ENAMETOOLONG)
        return -EINVAL; /* more than MFD_NAME_MAX_LEN bytes */
    if (len < 0)
        return len;
    /* No hugetlbfs: MFD_HUGETLB is refused as by a Linux without it
     * (partial, docs/syscalls.md). */
    if (flags & MFD_HUGETLB)
        return -EINVAL;
    struct file *f;
    int err = memfd_new(name, flags, &f);
    if (err)
        return err;
    int fd = fd_install(current(), -1, f, (flags & MFD_CLOEXEC) != 0);
    if (fd < 0)
        file_put(f);
    return fd;
}
