/*
 * splice.c - see splice.h. The shapes are Linux's fs/splice.c: a pipe on
 * one side (splice, vmsplice), pipes on both (splice, tee), or a file to
 * a file through a private buffer (sendfile, copy_file_range; Linux's
 * do_splice_direct).
 *
 * Data is copied, a byte-copying implementation of splice: file data goes
 * from the page cache (any file's splice_read) into fresh pipe pages, and
 * from pipe pages into the file's splice_write (for regular files the page
 * cache again); file to file goes a page at a time through one kernel
 * page. Linux instead lends page-cache and user pages to the pipe. The
 * results are the same except that a file changed after a splice does not
 * change what the pipe already holds (on Linux it may), and SPLICE_F_MOVE
 * and SPLICE_F_GIFT, hints on Linux, have nothing to do. Between pipes
 * nothing is copied: buffers move, and tee shares their pages.
 *
 * Files that may wait (sockets) are asked not to while a pipe is locked;
 * when one has nothing to give or no room, the wait happens here with the
 * pipe unlocked, then the transfer goes on (pipe_ring.h's lock rule).
 */
#include "fs/splice.h"

#include "arch/x86_64/layout.h"
#include "fs/filemap.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/direct_map.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

long splice_verify_area(const int64_t *pos, size_t count)
{
    if ((int64_t)count < 0)
        return -EINVAL;
    if (pos && (*pos < 0 || (int64_t)((uint64_t)*pos + count) < 0))
        return -EINVAL;
    return 0;
}

/* --- waiting for a file that would block ------------------------------------ */

struct ready_ctx {
    struct file *f;
    unsigned events;
};

static long file_ready(void *ctx)
{
    struct ready_ctx *r = ctx;
    return vfs_poll(r->f) & (r->events | POLLERR | POLLHUP);
}

/* Sleeps until f polls ready for events (or error, or hang-up): 0, or
 * -ERESTARTSYS on a signal. */
static long wait_file(struct file *f, unsigned events)
{
    struct ready_ctx r = {f, events};
    return wait_until_ready(file_ready, &r, 0, false) < 0 ? -ERESTARTSYS : 0;
}

/* --- a file into a pipe ----------------------------------------------------- */

struct file_source {
    struct file *f;
    uint64_t pos;
    bool would_block; /* the file had nothing and may be waited for */
};

/* pipe_fill's producer: the file's bytes at pos, placed in the page where
 * they sit in the file's own page (Linux's page-cache buffers do). */
static long fill_from_file(void *ctx, char *page, size_t max, unsigned *off)
{
    struct file_source *s = ctx;
    if (!s->f->ops->splice_read)
        return -EINVAL;
    *off = file_seekable(s->f) ? (unsigned)(s->pos % PAGE_SIZE) : 0;
    size_t n = PAGE_SIZE - *off < max ? PAGE_SIZE - *off : max;
    long r = s->f->ops->splice_read(s->f, &s->pos, page + *off, n, true);
    if (r == -EAGAIN && !(s->f->flags & O_NONBLOCK))
        s->would_block = true;
    return r;
}

/* Linux's splice_file_to_pipe: waits for room, then reads what fits. */
static long file_to_pipe(struct file *in, struct pipe *opipe, int64_t *pos, size_t len, bool nonblock)
{
    if (len > MAX_RW_COUNT)
        len = MAX_RW_COUNT;
    for (;;) {
        struct file_source s = {in, (uint64_t)*pos, false};
        long r = pipe_fill(opipe, len, nonblock, fill_from_file, &s);
        *pos = (int64_t)s.pos;
        if (r != -EAGAIN || !s.would_block || nonblock)
            return r;
        r = wait_file(in, POLLIN); /* a socket with nothing yet */
        if (r)
            return r;
    }
}

/* --- a pipe into a file ----------------------------------------------------- */

struct file_sink {
    struct file *f;
    uint64_t pos;
    bool would_block; /* the file had no room and may be waited for */
};

static long drain_to_file(void *ctx, const char *src, size_t n)
{
    struct file_sink *s = ctx;
    long r = s->f->ops->splice_write(s->f, &s->pos, src, n, true);
    if (r == -EAGAIN && !(s->f->flags & O_NONBLOCK))
        s->would_block = true;
    return r;
}

/* Linux's do_splice_from: a file without splice_write is EINVAL before
 * any wait; the pipe is waited for only while nothing has moved. */
static long pipe_to_file(struct pipe *ipipe, struct file *out, int64_t *pos, size_t len, bool nonblock)
{
    if (!out->ops->splice_write)
        return -EINVAL;
    if (len > MAX_RW_COUNT)
        len = MAX_RW_COUNT;
    struct file_sink s = {out, (uint64_t)*pos, false};
    long done = 0;
    for (;;) {
        s.would_block = false;
        long r = pipe_drain(ipipe, len - (size_t)done, nonblock || done > 0, drain_to_file, &s);
        if (r > 0)
            done += r;
        else if (!done && !s.would_block)
            done = r;
        if (!s.would_block || (size_t)done == len)
            break;
        r = wait_file(out, POLLOUT); /* a socket with no room: the rest when there is */
        if (r) {
            if (!done)
                done = r;
            break;
        }
    }
    *pos = (int64_t)s.pos;
    return done;
}

/* --- splice(2) and tee(2) ---------------------------------------------------- */

long splice_files(struct file *in, int64_t *off_in, struct file *out, int64_t *off_out, size_t len, unsigned flags)
{
    if (!file_readable(in) || !file_writable(out))
        return -EBADF;
    struct pipe *ipipe = pipe_of(in), *opipe = pipe_of(out);
    bool nonblock = flags & SPLICE_F_NONBLOCK;
    if (ipipe && opipe) {
        if (off_in || off_out)
            return -ESPIPE;
        if (ipipe == opipe)
            return -EINVAL;
        return pipe_to_pipe(ipipe, opipe, len, nonblock || ((in->flags | out->flags) & O_NONBLOCK));
    }
    if (ipipe) {
        if (off_in)
            return -ESPIPE;
        if (off_out && !file_seekable(out))
            return -EINVAL;
        int64_t pos = off_out ? *off_out : (int64_t)out->pos;
        if (out->flags & O_APPEND)
            return -EINVAL;
        long r = splice_verify_area(&pos, len);
        if (r)
            return r;
        r = pipe_to_file(ipipe, out, &pos, len, nonblock || (in->flags & O_NONBLOCK));
        if (off_out)
            *off_out = pos;
        else
            out->pos = (uint64_t)pos;
        return r;
    }
    if (opipe) {
        if (off_out)
            return -ESPIPE;
        if (off_in && !file_seekable(in))
            return -EINVAL;
        int64_t pos = off_in ? *off_in : (int64_t)in->pos;
        long r = splice_verify_area(&pos, len);
        if (r)
            return r;
        r = file_to_pipe(in, opipe, &pos, len, nonblock || (out->flags & O_NONBLOCK));
        if (off_in)
            *off_in = pos;
        else
            in->pos = (uint64_t)pos;
        return r;
    }
    return -EINVAL; /* no pipe on either side */
}

long splice_tee(struct file *in, struct file *out, size_t len, unsigned flags)
{
    if (!file_readable(in) || !file_writable(out))
        return -EBADF;
    struct pipe *ipipe = pipe_of(in), *opipe = pipe_of(out);
    if (!ipipe || !opipe || ipipe == opipe)
        return -EINVAL;
    bool nonblock = (flags & SPLICE_F_NONBLOCK) || ((in->flags | out->flags) & O_NONBLOCK);
    return pipe_tee(ipipe, opipe, len, nonblock);
}

/* --- file to file: sendfile(2), copy_file_range(2) ----------------------------- */

/* Linux's do_splice_direct: from in (which must have positions) at *pos
 * to out at *out_pos, a page at a time. Out's own O_NONBLOCK applies (a
 * full non-blocking socket is EAGAIN). Both offsets advance by what
 * reached out. */
static long splice_direct(struct file *in, int64_t *pos, struct file *out, int64_t *out_pos, size_t len)
{
    if (!file_writable(out))
        return -EBADF;
    if (out->flags & O_APPEND)
        return -EINVAL;
    if (!file_seekable(in) || !in->ops->splice_read)
        return -EINVAL; /* no data dropped on the way, as socket to socket could */
    uint64_t page = pmm_alloc();
    if (!page)
        return -ENOMEM;
    char *buf = phys_to_virt(page);
    uint64_t rpos = (uint64_t)*pos, wpos = (uint64_t)*out_pos;
    long done = 0, err = 0;
    while ((size_t)done < len) {
        size_t chunk = len - (size_t)done < PAGE_SIZE ? len - (size_t)done : PAGE_SIZE;
        uint64_t at = rpos;
        long r = in->ops->splice_read(in, &rpos, buf, chunk, false);
        if (r <= 0) {
            err = r; /* 0: end of file */
            break;
        }
        long w = out->ops->splice_write ? out->ops->splice_write(out, &wpos, buf, (size_t)r, false) : -EINVAL;
        if (w <= 0) {
            err = w;
            break;
        }
        done += w;
        rpos = at + (uint64_t)w;
        if (w < r)
            break;
    }
    pmm_free(page);
    *pos += done;
    *out_pos = (int64_t)wpos;
    return done ? done : err;
}

long splice_sendfile(struct file *in, int64_t *pos, struct file *out, size_t count)
{
    struct pipe *opipe = pipe_of(out);
    if (opipe)
        return file_to_pipe(in, opipe, pos, count, out->flags & O_NONBLOCK);
    int64_t out_pos = (int64_t)out->pos;
    long r = splice_verify_area(&out_pos, count);
    if (r)
        return r;
    r = splice_direct(in, pos, out, &out_pos, count);
    if (r > 0)
        out->pos = (uint64_t)out_pos;
    return r;
}

/* Linux's generic_copy_file_checks and the rw_verify_area calls after
 * them; *len is cut to what is there to copy. */
static long copy_checks(struct file *in, int64_t pin, struct file *out, int64_t pout, size_t *len)
{
    struct inode *a = in->inode, *b = out->inode;
    if (inode_is_dir(a) || inode_is_dir(b))
        return -EISDIR;
    if (!inode_is_reg(a) || !inode_is_reg(b))
        return -EINVAL;
    if (!file_readable(in) || !file_writable(out) || (out->flags & O_APPEND))
        return -EBADF;
    if (a->sb != b->sb)
        return -EXDEV; /* tmpfs has no cross-file-system copy (Linux 5.19 on) */
    uint64_t count = *len;
    if ((uint64_t)pin + count < (uint64_t)pin || (uint64_t)pout + count < (uint64_t)pout)
        return -EOVERFLOW;
    if (pin >= (int64_t)a->size)
        count = 0;
    else if (count > a->size - (uint64_t)pin)
        count = a->size - (uint64_t)pin; /* stop at the end of the source */
    if (pout >= (int64_t)FILEMAP_MAX_BYTES)
        return -EFBIG;
    if (count > FILEMAP_MAX_BYTES - (uint64_t)pout)
        count = FILEMAP_MAX_BYTES - (uint64_t)pout;
    if (a == b && (uint64_t)pout + count > (uint64_t)pin && (uint64_t)pout < (uint64_t)pin + count)
        return -EINVAL; /* overlapping ranges of one file */
    long err = splice_verify_area(&pin, count);
    if (!err)
        err = splice_verify_area(&pout, count);
    *len = count;
    return err;
}

long splice_copy_range(struct file *in, int64_t *pos_in, struct file *out, int64_t *pos_out, size_t len)
{
    long err = copy_checks(in, *pos_in, out, *pos_out, &len);
    if (err || len == 0)
        return err;
    return splice_direct(in, pos_in, out, pos_out, len < MAX_RW_COUNT ? len : MAX_RW_COUNT);
}

/* --- vmsplice(2) -------------------------------------------------------------- */

/* A cursor over the user's iovec array (the kernel's copy of it). */
struct user_iov {
    const struct linux_iovec *iov;
    long cnt, idx;
    uint64_t off; /* into iov[idx] */
};

static void skip_empty(struct user_iov *u)
{
    while (u->idx < u->cnt && u->off == u->iov[u->idx].iov_len) {
        u->idx++;
        u->off = 0;
    }
}

/* pipe_fill's producer: one buffer per user page touched, at the byte
 * offset the data has in that page (Linux hands the user's pages over). */
static long fill_from_user(void *ctx, char *page, size_t max, unsigned *off)
{
    struct user_iov *u = ctx;
    skip_empty(u);
    if (u->idx == u->cnt)
        return 0;
    uint64_t ua = u->iov[u->idx].iov_base + u->off;
    *off = (unsigned)(ua % PAGE_SIZE);
    size_t n = PAGE_SIZE - *off;
    if (n > max)
        n = max;
    if (n > u->iov[u->idx].iov_len - u->off)
        n = u->iov[u->idx].iov_len - u->off;
    if (copy_from_user(page + *off, ua, n))
        return -EFAULT;
    u->off += n;
    return (long)n;
}

/* pipe_drain's consumer: all of a buffer's part or EFAULT, as Linux's
 * pipe_to_user. */
static long drain_to_user(void *ctx, const char *src, size_t n)
{
    struct user_iov *u = ctx;
    struct user_iov at = *u;
    size_t done = 0;
    while (done < n) {
        skip_empty(u);
        if (u->idx == u->cnt)
            break;
        size_t c = u->iov[u->idx].iov_len - u->off;
        if (c > n - done)
            c = n - done;
        if (copy_to_user(u->iov[u->idx].iov_base + u->off, src + done, c)) {
            *u = at;
            return -EFAULT;
        }
        u->off += c;
        done += c;
    }
    return (long)done;
}

long splice_vmsplice(struct file *f, bool to_pipe, const struct linux_iovec *iov, long cnt, size_t total,
                     unsigned flags)
{
    struct pipe *p = pipe_of(f);
    if (!p)
        return -EBADF;
    struct user_iov u = {iov, cnt, 0, 0};
    /* Only SPLICE_F_NONBLOCK makes vmsplice non-blocking: the file's own
     * O_NONBLOCK does not (Linux). */
    bool nonblock = flags & SPLICE_F_NONBLOCK;
    if (to_pipe)
        return pipe_fill(p, total, nonblock, fill_from_user, &u);
    return pipe_drain(p, total, nonblock, drain_to_user, &u);
}
