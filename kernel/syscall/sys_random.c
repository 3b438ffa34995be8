/*
 * sys_random.c - getrandom(2), as Linux since 5.18 answers it. The
 * generator (lib/random.c) is seeded in kmain before any process exists,
 * so no call ever waits for it: GRND_NONBLOCK never sees EAGAIN, and
 * GRND_RANDOM reads the same generator (Linux dropped its separate
 * blocking pool in 5.6). The bytes come through devfs_random_read, the
 * /dev/urandom path, with its signal and fault rules.
 */
#include "fs/devfs.h"
#include "fs/file.h"
#include "mm/usercopy.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/random.h"

long sys_getrandom(uint64_t ubuf, size_t n, uint32_t flags)
{
    if (flags & ~(uint32_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    /* insecure and "blocking pool" at once is a contradiction to Linux */
    if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
        return -EINVAL;
    if (n > MAX_RW_COUNT)
        n = MAX_RW_COUNT;
    /* import_ubuf's access_ok: the whole range, before any byte moves */
    if (!user_range_ok(ubuf, n))
        return -EFAULT;
    return devfs_random_read(ubuf, n);
}
