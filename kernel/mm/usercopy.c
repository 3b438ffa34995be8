/* usercopy.c - range checks around the primitives in usercopy.S. */
#include "mm/usercopy.h"

#include "arch/x86_64/layout.h"
#include "arch/x86_64/percpu.h"
#include "uapi/errno.h"

const uint64_t usercopy_user_top = USER_TOP;
uint8_t usercopy_smap; /* read by usercopy.S */

size_t __user_copy(void *dst, const void *src, size_t n);
size_t __user_clear(void *dst, size_t n);
long __user_strncpy(char *dst, const char *src, size_t max);

void usercopy_init(int have_smap) { usercopy_smap = have_smap ? 1 : 0; }

int copy_from_user(void *dst, uint64_t usrc, size_t n)
{
    if (!user_range_ok(usrc, n))
        return -EFAULT;
    return __user_copy(dst, (const void *)usrc, n) ? -EFAULT : 0;
}

int copy_to_user(uint64_t udst, const void *src, size_t n)
{
    if (!user_range_ok(udst, n))
        return -EFAULT;
    return __user_copy((void *)udst, src, n) ? -EFAULT : 0;
}

/* Both directions: uaddr is the user side (dst or src). */
static size_t copy_nofault(void *dst, const void *src, size_t n, uint64_t uaddr)
{
    if (!user_range_ok(uaddr, n))
        return n;
    struct percpu *c = this_cpu();
    c->no_user_faults = true; /* proc/fault.c: straight to the fixup */
    size_t left = __user_copy(dst, src, n);
    c->no_user_faults = false;
    return left;
}

size_t copy_to_user_nofault(uint64_t udst, const void *src, size_t n)
{
    return copy_nofault((void *)udst, src, n, udst);
}

size_t copy_from_user_nofault(void *dst, uint64_t usrc, size_t n)
{
    return copy_nofault(dst, (const void *)usrc, n, usrc);
}

int clear_user(uint64_t udst, size_t n)
{
    if (!user_range_ok(udst, n))
        return -EFAULT;
    return __user_clear((void *)udst, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, uint64_t usrc, size_t max)
{
    /* Clip the scan at the end of user space; running into it is a fault. */
    if (usrc >= USER_TOP)
        return -EFAULT;
    size_t room = USER_TOP - usrc;
    long r = __user_strncpy(dst, (const char *)usrc, max < room ? max : room);
    if (r == -2)
        return -EFAULT;
    if (r == -1)
        return max <= room ? -ENAMETOOLONG : -EFAULT;
    return r;
}

#define CHUNK 256

long copy_from_user_chunked(uint64_t usrc, size_t n, void (*consume)(void *ctx, const char *buf, size_t k), void *ctx)
{
    char buf[CHUNK];
    for (size_t done = 0; done < n;) {
        size_t k = n - done < CHUNK ? n - done : CHUNK;
        if (copy_from_user(buf, usrc + done, k))
            return done ? (long)done : -EFAULT;
        consume(ctx, buf, k);
        done += k;
    }
    return (long)n;
}
