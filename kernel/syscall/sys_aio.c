/*
 * sys_aio.c - Linux native AIO (io_setup(2), io_destroy, io_submit,
 * io_cancel, io_getevents, io_pgetevents): the checks in Linux's order
 * (fs/aio.c), the operations run at submission through the ordinary
 * positioned reads and writes, their results posted in the context's
 * ring (fs/aio.c). IOCB_CMD_POLL is not supported (EINVAL).
 */
#include "fs/aio.h"
#include "fs/eventfd.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

long sys_io_setup(unsigned nr_events, uint64_t uctxp)
{
    uint64_t ctx;
    if (copy_from_user(&ctx, uctxp, sizeof ctx))
        return -EFAULT;
    if (ctx || nr_events == 0)
        return -EINVAL; /* the id must start at 0 */
    uint64_t id;
    long err = aio_ctx_create(nr_events, &id);
    if (err)
        return err;
    if (copy_to_user(uctxp, &id, sizeof id)) {
        aio_ctx_destroy(aio_ctx_lookup(id));
        return -EFAULT;
    }
    return 0;
}

long sys_io_destroy(uint64_t ctx_id)
{
    struct kioctx *ctx = aio_ctx_lookup(ctx_id);
    if (!ctx)
        return -EINVAL;
    aio_ctx_destroy(ctx);
    return 0;
}

/* A read or write at the iocb's offset (files without positions, pipes
 * and sockets, ignore it as Linux's read_iter does). */
static long do_rw(struct file *f, const struct linux_iocb *cb, bool write, bool vector)
{
    int fd = (int)cb->aio_fildes;
    long n = (long)cb->aio_nbytes;
    if (file_seekable(f)) {
        if (vector)
            return write ? sys_pwritev(fd, cb->aio_buf, n, (uint64_t)cb->aio_offset, 0)
                         : sys_preadv(fd, cb->aio_buf, n, (uint64_t)cb->aio_offset, 0);
        return write ? sys_pwrite64(fd, cb->aio_buf, (size_t)n, cb->aio_offset)
                     : sys_pread64(fd, cb->aio_buf, (size_t)n, cb->aio_offset);
    }
    if (vector)
        return write ? sys_writev(fd, cb->aio_buf, n) : sys_readv(fd, cb->aio_buf, n);
    return write ? sys_write(fd, cb->aio_buf, (size_t)n) : sys_read(fd, cb->aio_buf, (size_t)n);
}

/* aio_prep_rw, aio_read / aio_write: what fails io_submit itself rather
 * than being the event's result. */
static long check_rw(struct file *f, const struct linux_iocb *cb, bool write, bool vector)
{
    if (cb->aio_rw_flags)
        return -EOPNOTSUPP; /* no RWF_* flag is supported (as preadv2 here) */
    if (!(write ? file_writable(f) : file_readable(f)))
        return -EBADF;
    if (!(write ? f->ops->write : f->ops->read))
        return -EINVAL;
    if (!vector && !user_range_ok(cb->aio_buf, cb->aio_nbytes))
        return -EFAULT;
    if (file_seekable(f) && cb->aio_offset < 0)
        return -EINVAL; /* rw_verify_area */
    return 0;
}

/* Linux's io_submit_one: 0 with the completion posted, or -errno with
 * nothing posted. */
static long submit_one(struct kioctx *ctx, uint64_t uiocb)
{
    struct linux_iocb cb;
    if (copy_from_user(&cb, uiocb, sizeof cb))
        return -EFAULT;
    if (cb.aio_reserved2)
        return -EINVAL;
    if ((int64_t)cb.aio_nbytes < 0)
        return -EINVAL; /* "prevent overflows" */
    if (!aio_ctx_room(ctx))
        return -EAGAIN; /* the ring is full of unreaped events */
    struct file *f = fd_get(current(), (int)cb.aio_fildes);
    if (!f)
        return -EBADF;
    struct file *efd = NULL;
    if (cb.aio_flags & IOCB_FLAG_RESFD) {
        efd = fd_get(current(), (int)cb.aio_resfd);
        if (!efd)
            return -EBADF;
        if (!file_is_eventfd(efd))
            return -EINVAL;
    }
    uint32_t key = KIOCB_KEY;
    if (copy_to_user(uiocb + offsetof(struct linux_iocb, aio_key), &key, sizeof key))
        return -EFAULT;
    long res, err;
    switch (cb.aio_lio_opcode) {
    case IOCB_CMD_PREAD:
    case IOCB_CMD_PWRITE:
    case IOCB_CMD_PREADV:
    case IOCB_CMD_PWRITEV: {
        bool write = cb.aio_lio_opcode == IOCB_CMD_PWRITE || cb.aio_lio_opcode == IOCB_CMD_PWRITEV;
        bool vector = cb.aio_lio_opcode == IOCB_CMD_PREADV || cb.aio_lio_opcode == IOCB_CMD_PWRITEV;
        err = check_rw(f, &cb, write, vector);
        if (err)
            return err;
        res = do_rw(f, &cb, write, vector);
        break;
    }
    case IOCB_CMD_FSYNC:
    case IOCB_CMD_FDSYNC:
        if (cb.aio_buf || cb.aio_offset || cb.aio_nbytes || cb.aio_rw_flags)
            return -EINVAL;
        res = sys_fsync((int)cb.aio_fildes);
        if (res == -EINVAL)
            return res; /* no fsync for this kind of file: io_submit's own error */
        break;
    default:
        return -EINVAL; /* IOCB_CMD_POLL is not supported; NOOP is EINVAL on Linux too */
    }
    if (res == -ERESTART || res == -EINTR)
        res = -EINTR;
    struct linux_io_event ev = {cb.aio_data, uiocb, res, 0};
    aio_ctx_complete(ctx, &ev);
    if (efd)
        eventfd_signal(efd, 1);
    return 0;
}

long sys_io_submit(uint64_t ctx_id, long nr, uint64_t uiocbpp)
{
    if (nr < 0)
        return -EINVAL;
    struct kioctx *ctx = aio_ctx_lookup(ctx_id);
    if (!ctx)
        return -EINVAL;
    long i, err = 0;
    for (i = 0; i < nr; i++) {
        uint64_t uiocb;
        if (copy_from_user(&uiocb, uiocbpp + (uint64_t)i * 8, 8)) {
            err = -EFAULT;
            break;
        }
        err = submit_one(ctx, uiocb);
        if (err)
            break;
    }
    return i ? i : err;
}

long sys_io_cancel(uint64_t ctx_id, uint64_t uiocb, uint64_t uresult)
{
    (void)uresult;
    uint32_t key;
    if (copy_from_user(&key, uiocb + offsetof(struct linux_iocb, aio_key), sizeof key))
        return -EFAULT;
    if (key != KIOCB_KEY)
        return -EINVAL;
    if (!aio_ctx_lookup(ctx_id))
        return -EINVAL;
    return -EINVAL; /* every request completed at submission: none is active */
}

struct reap {
    uint64_t ctx_id;
    struct linux_io_event *buf;
    long min, max, got;
};

/* wait_until_ready's test: 1 when enough events were taken (or the
 * context went away), 0 to sleep on. */
static long reap_ready(void *arg)
{
    struct reap *r = arg;
    struct kioctx *ctx = aio_ctx_lookup(r->ctx_id);
    if (!ctx)
        return 1;
    r->got += aio_ctx_reap(ctx, r->buf + r->got, r->max - r->got);
    return r->got >= r->min ? 1 : 0;
}

static long getevents(uint64_t ctx_id, long min_nr, long nr, uint64_t uevents, uint64_t utimeout, uint64_t usig)
{
    struct linux_timespec ts;
    if (utimeout && copy_from_user(&ts, utimeout, sizeof ts))
        return -EFAULT;
    struct {
        uint64_t mask, size;
    } sig = {0, 0};
    if (usig && copy_from_user(&sig, usig, sizeof sig))
        return -EFAULT;
    if (sig.mask && sig.size != 8)
        return -EINVAL;
    if (!aio_ctx_lookup(ctx_id) || min_nr < 0 || min_nr > nr)
        return -EINVAL;
    long cap = nr > 4096 ? 4096 : nr; /* events per call: the ring is never larger */
    struct reap r = {ctx_id, kmalloc(sizeof *r.buf * (size_t)(cap ? cap : 1)), min_nr < cap ? min_nr : cap, cap, 0};
    if (!r.buf)
        return -ENOMEM;
    struct saved_mask saved;
    if (signal_mask_begin(sig.mask, &saved)) {
        kfree(r.buf);
        return -EFAULT;
    }
    /* A zero or negative timeout looks once; none waits for min_nr. */
    bool no_wait = utimeout && (ts.tv_sec < 0 || (ts.tv_sec == 0 && ts.tv_nsec <= 0));
    uint64_t deadline = 0;
    if (utimeout && !no_wait)
        deadline = clock_monotonic_ns() + (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    long w = wait_until_ready(reap_ready, &r, deadline, no_wait);
    signal_mask_end(&saved, w == -EINTR && r.got == 0);
    long ret = r.got;
    if (w == -EINTR && r.got == 0)
        ret = -EINTR;
    else if (r.got && copy_to_user(uevents, r.buf, sizeof *r.buf * (size_t)r.got))
        ret = -EFAULT;
    kfree(r.buf);
    return ret;
}

long sys_io_getevents(uint64_t ctx_id, long min_nr, long nr, uint64_t uevents, uint64_t utimeout)
{
    return getevents(ctx_id, min_nr, nr, uevents, utimeout, 0);
}

long sys_io_pgetevents(uint64_t ctx_id, long min_nr, long nr, uint64_t uevents, uint64_t utimeout, uint64_t usig)
{
    return getevents(ctx_id, min_nr, nr, uevents, utimeout, usig);
}
