/*
 * usercopy.h - the only way the kernel touches user memory.
 *
 * Each function checks that the whole user range lies inside user space,
 * [0, USER_TOP), without overflowing, opens SMAP (STAC)
 * only for the copy itself, and turns a page fault during the copy into
 * -EFAULT through the exception table. Demand-paged memory is faulted in
 * on the way (the page-fault handler resolves it before the fixup runs).
 */
#ifndef MM_USERCOPY_H
#define MM_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

/* 0 or -EFAULT. */
int copy_from_user(void *dst, uint64_t usrc, size_t n);
int copy_to_user(uint64_t udst, const void *src, size_t n);
/* Zeroes n user bytes: 0 or -EFAULT. */
int clear_user(uint64_t udst, size_t n);
/* Copies a NUL-terminated string of at most max bytes including the NUL.
 * Returns its length (without the NUL), -EFAULT, or -ENAMETOOLONG when no
 * NUL comes within max bytes. */
long strncpy_from_user(char *dst, uint64_t usrc, size_t max);

/* Moves n bytes from user memory to a consumer through a small kernel
 * buffer, chunk by chunk (device writes). Returns n, or the bytes moved
 * before a fault, or -EFAULT if the first chunk faulted - what write(2)
 * reports. (The random devices' reads have their own loop,
 * devfs_random_read: page-sized stops for signals, a wiped buffer.) */
long copy_from_user_chunked(uint64_t usrc, size_t n, void (*consume)(void *ctx, const char *buf, size_t k), void *ctx);

/* Copies that never wait: a page fault on the user range is not served
 * (no page brought in, nothing read from a disk, no sleep) and the copy
 * stops at the faulting byte. They return the bytes NOT copied (n for a
 * range outside user space). Their use: copying from or to a kernel page
 * the caller holds no reference on, which can go away only while this
 * CPU sleeps (a truncate, reclaim); on a shortfall the caller does the
 * rest the ordinary way, with a reference. Linux's
 * pagefault_disable() + __copy_to_user_inatomic. */
size_t copy_to_user_nofault(uint64_t udst, const void *src, size_t n);
size_t copy_from_user_nofault(void *dst, uint64_t usrc, size_t n);

/* Is [uaddr, uaddr + n) inside user space? Overflow-safe. */
static inline int user_range_ok(uint64_t uaddr, uint64_t n)
{
    extern const uint64_t usercopy_user_top;
    return uaddr <= usercopy_user_top && n <= usercopy_user_top - uaddr;
}

/* Set at boot when the CPU has SMAP: the copy routines then STAC/CLAC. */
void usercopy_init(int have_smap);

#endif
