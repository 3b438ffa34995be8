/*
 * sys_splice.c - sendfile(2), splice(2), tee(2), vmsplice(2) and
 * copy_file_range(2): the descriptors looked up, the flags checked and
 * the offsets and iovecs copied in and out in the order Linux does it
 * (fs/splice.c's and fs/read_write.c's SYSCALL_DEFINEs), so each bad
 * argument gets Linux's errno; fs/splice.c moves the data.
 */
#include "fs/pipe.h"
#include "fs/splice.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

static struct file *getf(int fd) { return fd_get(current(), fd); }

/* Linux's do_sendfile: the input is checked (and its offset) before the
 * output is even looked up. */
static long sendfile(int out_fd, int in_fd, int64_t *ppos, size_t count)
{
    struct file *in = getf(in_fd);
    if (!in || !file_readable(in))
        return -EBADF;
    if (ppos && !file_seekable(in))
        return -ESPIPE;
    int64_t pos = ppos ? *ppos : (int64_t)in->pos;
    long r = splice_verify_area(&pos, count);
    if (r)
        return r;
    if (count > MAX_RW_COUNT)
        count = MAX_RW_COUNT;
    struct file *out = getf(out_fd);
    if (!out || !file_writable(out))
        return -EBADF;
    r = splice_sendfile(in, &pos, out, count);
    if (r > 0) {
        if (ppos)
            *ppos = pos;
        else
            in->pos = (uint64_t)pos;
    }
    return r;
}

/* The offset is read before anything else and written back whatever
 * happened (sendfile64 in fs/read_write.c). */
long sys_sendfile64(int out_fd, int in_fd, uint64_t uoff, size_t count)
{
    if (!uoff)
        return sendfile(out_fd, in_fd, NULL, count);
    int64_t pos;
    if (copy_from_user(&pos, uoff, sizeof pos))
        return -EFAULT;
    long r = sendfile(out_fd, in_fd, &pos, count);
    if (copy_to_user(uoff, &pos, sizeof pos))
        return -EFAULT;
    return r;
}

long sys_splice(int fd_in, uint64_t uoff_in, int fd_out, uint64_t uoff_out, size_t len, unsigned flags)
{
    if (len == 0)
        return 0;
    if (flags & ~SPLICE_F_ALL)
        return -EINVAL;
    struct file *in = getf(fd_in);
    if (!in)
        return -EBADF;
    struct file *out = getf(fd_out);
    if (!out)
        return -EBADF;
    if ((pipe_of(in) && uoff_in) || (pipe_of(out) && uoff_out))
        return -ESPIPE; /* a pipe has no offsets */
    int64_t off_in = 0, off_out = 0;
    if (uoff_out && copy_from_user(&off_out, uoff_out, sizeof off_out))
        return -EFAULT;
    if (uoff_in && copy_from_user(&off_in, uoff_in, sizeof off_in))
        return -EFAULT;
    long r = splice_files(in, uoff_in ? &off_in : NULL, out, uoff_out ? &off_out : NULL, len, flags);
    if (r < 0)
        return r;
    if (uoff_out && copy_to_user(uoff_out, &off_out, sizeof off_out))
        return -EFAULT;
    if (uoff_in && copy_to_user(uoff_in, &off_in, sizeof off_in))
        return -EFAULT;
    return r;
}

/* Unlike splice, tee checks its flags before a zero length. */
long sys_tee(int fd_in, int fd_out, size_t len, unsigned flags)
{
    if (flags & ~SPLICE_F_ALL)
        return -EINVAL;
    if (len == 0)
        return 0;
    struct file *in = getf(fd_in);
    if (!in)
        return -EBADF;
    struct file *out = getf(fd_out);
    if (!out)
        return -EBADF;
    return splice_tee(in, out, len, flags);
}

/* The direction is the descriptor's: a write end is filled from user
 * memory, a read end emptied into it. The iovec array is taken as
 * readv's (Linux's import_iovec): at most UIO_MAXIOV entries, no negative
 * length, every range in user space, the total cut at MAX_RW_COUNT; only
 * then is the file asked to be a pipe (EBADF). */
long sys_vmsplice(int fd, uint64_t uiov, unsigned long nr_segs, unsigned flags)
{
    if (flags & ~SPLICE_F_ALL)
        return -EINVAL;
    struct file *f = getf(fd);
    if (!f || !(file_writable(f) || file_readable(f)))
        return -EBADF;
    bool to_pipe = file_writable(f);
    if (nr_segs > UIO_MAXIOV)
        return -EINVAL;
    if (nr_segs == 0)
        return 0;
    struct linux_iovec *iov = kmalloc(nr_segs * sizeof *iov);
    if (!iov)
        return -ENOMEM;
    long r = 0;
    size_t total = 0;
    if (copy_from_user(iov, uiov, nr_segs * sizeof *iov)) {
        r = -EFAULT;
        goto out;
    }
    for (unsigned long i = 0; i < nr_segs; i++) {
        if ((int64_t)iov[i].iov_len < 0) {
            r = -EINVAL;
            goto out;
        }
        if (!user_range_ok(iov[i].iov_base, iov[i].iov_len)) {
            r = -EFAULT;
            goto out;
        }
        if (iov[i].iov_len > MAX_RW_COUNT - total)
            iov[i].iov_len = MAX_RW_COUNT - total;
        total += iov[i].iov_len;
    }
    if (total)
        r = splice_vmsplice(f, to_pipe, iov, (long)nr_segs, total, flags);
out:
    kfree(iov);
    return r;
}

/* Linux's order: both descriptors (EBADF), both offsets (EFAULT), the
 * flags (none defined: EINVAL), then the files. The offsets are written
 * back only when something was copied. */
long sys_copy_file_range(int fd_in, uint64_t uoff_in, int fd_out, uint64_t uoff_out, size_t len, unsigned flags)
{
    struct file *in = getf(fd_in);
    if (!in)
        return -EBADF;
    struct file *out = getf(fd_out);
    if (!out)
        return -EBADF;
    int64_t pin = (int64_t)in->pos, pout = (int64_t)out->pos;
    if (uoff_in && copy_from_user(&pin, uoff_in, sizeof pin))
        return -EFAULT;
    if (uoff_out && copy_from_user(&pout, uoff_out, sizeof pout))
        return -EFAULT;
    if (flags != 0)
        return -EINVAL;
    long r = splice_copy_range(in, &pin, out, &pout, len);
    if (r <= 0)
        return r;
    if (!uoff_in)
        in->pos = (uint64_t)pin;
    else if (copy_to_user(uoff_in, &pin, sizeof pin))
        r = -EFAULT;
    if (!uoff_out)
        out->pos = (uint64_t)pout;
    else if (copy_to_user(uoff_out, &pout, sizeof pout))
        r = -EFAULT;
    return r;
}
