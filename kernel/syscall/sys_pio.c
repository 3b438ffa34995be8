/*
 * sys_pio.c - positioned reads and writes: pread64, pwrite64, preadv,
 * pwritev, preadv2, pwritev2. Each is the plain call (read, write, readv,
 * writev) run with the file position moved to the requested offset and
 * put back afterwards, so the descriptor's position does not change
 * (pread(2): "The file offset is not changed").
 */
#include "fs/vfs.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

/* The plain transfer a positioned call wraps; a and b are (buffer,
 * count) or (iovec array, count). */
typedef long (*transfer_fn)(int fd, uint64_t a, long b);

static long do_read(int fd, uint64_t a, long b) { return sys_read(fd, a, (size_t)b); }
static long do_write(int fd, uint64_t a, long b) { return sys_write(fd, a, (size_t)b); }
static long do_readv(int fd, uint64_t a, long b) { return sys_readv(fd, a, b); }
static long do_writev(int fd, uint64_t a, long b) { return sys_writev(fd, a, b); }

/* Linux's order (fs/read_write.c ksys_pread64): a negative offset is
 * EINVAL, then a bad descriptor EBADF, then a file without positions
 * (pipe, socket, FIFO) ESPIPE; the rest is the plain call's checks. */
static long at_offset(int fd, int64_t off, transfer_fn io, uint64_t a, long b)
{
    if (off < 0)
        return -EINVAL;
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    uint64_t saved = f->pos;
    f->pos = (uint64_t)off;
    long r = io(fd, a, b);
    f->pos = saved;
    return r;
}

long sys_pread64(int fd, uint64_t ubuf, size_t n, int64_t off) { return at_offset(fd, off, do_read, ubuf, (long)n); }
long sys_pwrite64(int fd, uint64_t ubuf, size_t n, int64_t off) { return at_offset(fd, off, do_write, ubuf, (long)n); }

/* On x86_64 the whole offset is in pos_l; pos_h only matters to 32-bit
 * ABIs (Linux's pos_from_hilo shifts it out of a 64-bit loff_t). */
long sys_preadv(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h)
{
    (void)pos_h;
    return at_offset(fd, (int64_t)pos_l, do_readv, uiov, iovcnt);
}

long sys_pwritev(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h)
{
    (void)pos_h;
    return at_offset(fd, (int64_t)pos_l, do_writev, uiov, iovcnt);
}

/* preadv2/pwritev2: offset -1 means the current position, which then
 * moves like readv/writev. The RWF_* flags (HIPRI, DSYNC, SYNC, NOWAIT,
 * APPEND...) are not supported: any flag is EOPNOTSUPP, Linux's answer
 * for flags it does not know (kiocb_set_rw_flags). */
static long vector2(int fd, uint64_t uiov, long iovcnt, int64_t off, int flags, transfer_fn io)
{
    if (flags)
        return -EOPNOTSUPP;
    if (off == -1)
        return io(fd, uiov, iovcnt);
    return at_offset(fd, off, io, uiov, iovcnt);
}

long sys_preadv2(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h, int flags)
{
    (void)pos_h;
    return vector2(fd, uiov, iovcnt, (int64_t)pos_l, flags, do_readv);
}

long sys_pwritev2(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h, int flags)
{
    (void)pos_h;
    return vector2(fd, uiov, iovcnt, (int64_t)pos_l, flags, do_writev);
}
