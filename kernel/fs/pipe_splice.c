/*
 * pipe_splice.c - the pipe side of splice(2), tee(2) and vmsplice(2)
 * (pipe.h has the contracts), after Linux's fs/splice.c. Data going into
 * a pipe gets buffers of its own, never merged with by later writes (as
 * Linux's page-cache and user-page buffers); pipe to pipe moves whole
 * buffers and shares the page of a partial one; tee shares pages. What
 * comes from files and user memory is copied into pipe pages (fs/splice.c
 * says why).
 */
#include "fs/pipe.h"

#include "arch/x86_64/layout.h"
#include "fs/pipe_ring.h"
#include "mm/pmm.h"
#include "uapi/errno.h"

/* Waits for a free slot in p (locked): 0, -EPIPE with SIGPIPE when
 * nobody reads, -EAGAIN, -ERESTARTSYS. Linux's wait_for_space. */
static int wait_room(struct pipe *p, bool nonblock)
{
    for (;;) {
        if (p->readers == 0)
            return (int)pipe_broken();
        if (!pipe_full(p))
            return 0;
        int err = pipe_wait(p, nonblock, !pipe_full(p) || p->readers == 0);
        if (err)
            return err;
    }
}

/* Waits for data in p (locked) while a writer exists: 0 (data, or empty
 * for good), -EAGAIN, -ERESTARTSYS. */
static int wait_data(struct pipe *p, bool nonblock)
{
    if (pipe_empty(p) && p->writers)
        return pipe_wait(p, nonblock, !pipe_empty(p) || p->writers == 0);
    return 0;
}

long pipe_fill(struct pipe *p, size_t len, bool nonblock, pipe_fill_fn fill, void *ctx)
{
    pipe_lock(p);
    long done = wait_room(p, nonblock);
    while (done >= 0 && (size_t)done < len && !pipe_full(p)) {
        uint64_t pa = pipe_page(p);
        if (!pa) {
            if (!done)
                done = -ENOMEM;
            break;
        }
        size_t max = len - (size_t)done < PAGE_SIZE ? len - (size_t)done : PAGE_SIZE;
        unsigned off = 0;
        long n = fill(ctx, pipe_page_at(pa, 0), max, &off);
        if (n <= 0) {
            pipe_put_page(p, pa);
            if (!done)
                done = n;
            break;
        }
        pipe_push(p, pa, off, (uint32_t)n, 0);
        done += n;
    }
    pipe_unlock(p);
    if (done > 0)
        pipe_readable(p);
    return done;
}

long pipe_drain(struct pipe *p, size_t len, bool nonblock, pipe_drain_fn drain, void *ctx)
{
    pipe_lock(p);
    long done = wait_data(p, nonblock);
    while (done >= 0 && (size_t)done < len && !pipe_empty(p)) {
        struct pipe_buf *b = pipe_slot(p, p->tail);
        size_t n = b->len < len - (size_t)done ? b->len : len - (size_t)done;
        long took = drain(ctx, pipe_page_at(b->pa, b->off), n);
        if (took < 0) {
            if (!done)
                done = took;
            break;
        }
        pipe_consume(p, b, (uint32_t)took);
        done += took;
        if ((size_t)took < n)
            break;
    }
    pipe_unlock(p);
    if (done > 0)
        pipe_writable(p);
    return done;
}

/* Two pipes are locked in address order, so that A to B and B to A at
 * once cannot deadlock. */
static void lock_two(struct pipe *a, struct pipe *b)
{
    pipe_lock(a < b ? a : b);
    pipe_lock(a < b ? b : a);
}

/* out got data; in had some taken unless it was only copied (tee). */
static void unlock_two(struct pipe *in, struct pipe *out, bool taken)
{
    pipe_unlock(in);
    pipe_unlock(out);
    if (taken)
        pipe_writable(in);
    pipe_readable(out);
}

/* The waits before pipe-to-pipe work, one pipe locked at a time (Linux's
 * ipipe_prep and opipe_prep): data in in (or no writer), room in out. */
static int prepare(struct pipe *in, struct pipe *out, bool nonblock)
{
    pipe_lock(in);
    int err = wait_data(in, nonblock);
    pipe_unlock(in);
    if (err)
        return err;
    pipe_lock(out);
    err = wait_room(out, nonblock);
    pipe_unlock(out);
    return err;
}

/* A copy of buffer b for another pipe, sharing its page: never appended
 * to there. */
static struct pipe_buf share(const struct pipe_buf *b)
{
    pmm_ref(b->pa);
    struct pipe_buf copy = *b;
    copy.flags &= ~PIPE_BUF_MERGE;
    return copy;
}

long pipe_to_pipe(struct pipe *in, struct pipe *out, size_t len, bool nonblock)
{
    long done = 0;
    for (;;) {
        int err = prepare(in, out, nonblock);
        if (err)
            return err;
        lock_two(in, out);
        bool again = false;
        while (len) {
            if (out->readers == 0) {
                long e = pipe_broken();
                if (!done)
                    done = e;
                break;
            }
            if (pipe_empty(in) && in->writers == 0)
                break;
            if (pipe_empty(in) || pipe_full(out)) {
                /* Someone else got there first: nothing done is not end
                 * of file, so wait again. */
                if (!done && nonblock)
                    done = -EAGAIN;
                again = !done;
                break;
            }
            struct pipe_buf *ib = pipe_slot(in, in->tail);
            size_t moved;
            if (len >= ib->len) {
                *pipe_slot(out, out->head) = *ib;
                out->head++;
                in->tail++;
                moved = ib->len;
            } else {
                struct pipe_buf ob = share(ib);
                ob.len = (uint32_t)len;
                *pipe_slot(out, out->head) = ob;
                out->head++;
                ib->off += (uint32_t)len;
                ib->len -= (uint32_t)len;
                moved = len;
            }
            done += (long)moved;
            len -= moved;
        }
        unlock_two(in, out, true);
        if (!again)
            return done;
    }
}

long pipe_tee(struct pipe *in, struct pipe *out, size_t len, bool nonblock)
{
    int err = prepare(in, out, nonblock);
    if (err)
        return err;
    lock_two(in, out);
    long done = 0;
    for (unsigned i = in->tail; len; i++) {
        if (out->readers == 0) {
            long e = pipe_broken();
            if (!done)
                done = e;
            break;
        }
        if (i == in->head || pipe_full(out))
            break;
        struct pipe_buf ob = share(pipe_slot(in, i));
        if (ob.len > len)
            ob.len = (uint32_t)len;
        *pipe_slot(out, out->head) = ob;
        out->head++;
        done += ob.len;
        len -= ob.len;
    }
    unlock_two(in, out, false);
    return done;
}
