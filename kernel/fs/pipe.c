/*
 * pipe.c - pipes (pipe(7)): a ring of page buffers (pipe_ring.h) between
 * a read end and a write end, Linux's algorithm (fs/pipe.c):
 *   - read blocks while the pipe is empty and a writer exists; it returns
 *     0 (end of file) once every write end is closed;
 *   - write blocks while the pipe is full; with no read end left it fails
 *     with EPIPE and the writer gets SIGPIPE;
 *   - writes of at most PIPE_BUF (4096, one page) bytes are atomic: they
 *     go whole into the last buffer's page or into a fresh slot;
 *   - O_NONBLOCK turns every wait into EAGAIN;
 *   - a write end opened O_DIRECT writes packets (pipe2(2)): each write
 *     (each page of it) is a buffer of its own, and a read takes at most
 *     one packet, dropping what does not fit;
 *   - the capacity is 16 pages (64 KiB) and F_SETPIPE_SZ changes it to
 *     any power-of-two number of pages; /proc/sys/fs/pipe-max-size is the
 *     limit for unprivileged processes (every process is root today, and
 *     root may go past it, as with CAP_SYS_RESOURCE).
 * Opening the pipe's inode again (through a /proc/PID/fd magic link) adds
 * an end as opening a FIFO does (fifo(7)): a reader for O_RDONLY, a writer
 * for O_WRONLY, both for O_RDWR, so end of file and EPIPE still come only
 * once every end of that kind is closed. Unlike Linux's fifo_open, such an
 * open does not wait for the other end to appear.
 * A FIFO (a named pipe in the tree) gets a pipe on its first open; the
 * pipe goes when its last end closes, and the next open makes a new one.
 * pipe(2) and pipe2(2) are syscall/sys_pipe.c; splice and tee on pipes
 * pipe_splice.c.
 */
#include "fs/pipe.h"

#include "arch/x86_64/layout.h"
#include "fs/pipe_ring.h"
#include "fs/pseudo_fs.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/ioctls.h"
#include "uapi/poll.h"
#include "uapi/signal.h"

#define PIPE_DEF_SLOTS 16             /* Linux's PIPE_DEF_BUFFERS: 64 KiB */
#define PIPE_SIZE_LIMIT (1ul << 31)   /* round_pipe_size refuses more */
/* The largest ring: Linux's ring array must fit in one kmalloc (4 MiB of
 * 40-byte entries), so past 65536 slots (256 MiB) it answers ENOMEM. */
#define PIPE_MAX_SLOTS 65536u

/* /proc/sys/fs/pipe-max-size: the one copy of the limit. */
static unsigned long max_size = 1048576;

static const struct file_ops pipe_ops;

/* --- the ring ------------------------------------------------------------ */

uint64_t pipe_page(struct pipe *p)
{
    uint64_t pa = p->spare;
    p->spare = 0;
    return pa ? pa : pmm_alloc();
}

void pipe_push(struct pipe *p, uint64_t pa, uint32_t off, uint32_t len, uint32_t flags)
{
    *pipe_slot(p, p->head) = (struct pipe_buf){.pa = pa, .off = off, .len = len, .flags = flags};
    p->head++;
}

/* A page let go is kept as the spare when nobody else has it (tee shares
 * pages), else one reference dropped. */
void pipe_put_page(struct pipe *p, uint64_t pa)
{
    if (!p->spare && pmm_refcount(pa) == 1)
        p->spare = pa;
    else
        pmm_free(pa);
}

void pipe_consume(struct pipe *p, struct pipe_buf *b, uint32_t n)
{
    b->off += n;
    b->len -= n;
    if (b->len == 0) {
        pipe_put_page(p, b->pa);
        b->pa = 0;
        p->tail++;
    }
}

void pipe_readable(struct pipe *p)
{
    wakeup_poll(p, POLLIN | POLLRDNORM); /* Linux's rd_wait: readers, not writers */
    fasync_notify(p->async_readers, POLL_IN);
}

void pipe_writable(struct pipe *p)
{
    wakeup_poll(p, POLLOUT | POLLWRNORM);
    fasync_notify(p->async_writers, POLL_OUT);
}

char *pipe_page_at(uint64_t pa, uint32_t off) { return (char *)phys_to_virt(pa) + off; }

/* --- read and write -------------------------------------------------------- */

static long pipe_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct pipe *p = f->priv;
    if (n == 0)
        return 0;
    pipe_lock(p);
    long done = 0;
    for (;;) {
        if (!pipe_empty(p)) {
            struct pipe_buf *b = pipe_slot(p, p->tail);
            size_t chunk = b->len < n - done ? b->len : n - done;
            if (copy_to_user(ubuf + (uint64_t)done, pipe_page_at(b->pa, b->off), chunk)) {
                if (!done)
                    done = -EFAULT;
                break;
            }
            done += (long)chunk;
            if (b->flags & PIPE_BUF_PACKET) {
                pipe_consume(p, b, b->len); /* the rest of the packet goes */
                break;
            }
            pipe_consume(p, b, (uint32_t)chunk);
            if ((size_t)done == n)
                break;
            if (!pipe_empty(p))
                continue;
        }
        if (p->writers == 0 || done)
            break; /* end of file, or what there was */
        int err = pipe_wait(p, f->flags & O_NONBLOCK, !pipe_empty(p) || p->writers == 0);
        if (err) {
            done = err;
            break;
        }
    }
    pipe_unlock(p);
    if (done > 0)
        pipe_writable(p);
    return done;
}

long pipe_broken(void)
{
    signal_send(current(), SIGPIPE);
    return -EPIPE;
}

static long pipe_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct pipe *p = f->priv;
    bool packets = f->flags & O_DIRECT;
    if (n == 0)
        return 0;
    pipe_lock(p);
    long done = 0;
    if (p->readers == 0) {
        done = pipe_broken();
        goto out;
    }
    /* The part past the last whole page goes first into the last buffer's
     * page if it fits there: small writes share pages, and the rest of a
     * large one stays page aligned. */
    size_t chars = n % PAGE_SIZE;
    if (chars && !pipe_empty(p)) {
        struct pipe_buf *b = pipe_slot(p, p->head - 1);
        if ((b->flags & PIPE_BUF_MERGE) && b->off + b->len + chars <= PAGE_SIZE) {
            if (copy_from_user(pipe_page_at(b->pa, b->off + b->len), ubuf, chars)) {
                done = -EFAULT;
                goto out;
            }
            b->len += (uint32_t)chars;
            done = (long)chars;
        }
    }
    while ((size_t)done < n) {
        if (p->readers == 0) {
            long err = pipe_broken();
            if (!done)
                done = err;
            break;
        }
        if (!pipe_full(p)) {
            uint64_t pa = pipe_page(p);
            if (!pa) {
                if (!done)
                    done = -ENOMEM;
                break;
            }
            size_t chunk = n - (size_t)done < PAGE_SIZE ? n - (size_t)done : PAGE_SIZE;
            if (copy_from_user(pipe_page_at(pa, 0), ubuf + (uint64_t)done, chunk)) {
                pipe_put_page(p, pa);
                if (!done)
                    done = -EFAULT;
                break;
            }
            pipe_push(p, pa, 0, (uint32_t)chunk, packets ? PIPE_BUF_PACKET : PIPE_BUF_MERGE);
            done += (long)chunk;
            continue;
        }
        pipe_readable(p); /* there is data to make room with */
        int err = pipe_wait(p, f->flags & O_NONBLOCK, !pipe_full(p) || p->readers == 0);
        if (err) {
            if (!done)
                done = err;
            break;
        }
    }
out:
    pipe_unlock(p);
    if (done > 0)
        pipe_readable(p);
    return done;
}

/* An end reads unless opened O_WRONLY and writes unless opened O_RDONLY. */
static bool reads(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
static bool writes(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

static long pipe_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    struct pipe *p = f->priv;
    if (cmd == FIONREAD) { /* bytes waiting */
        int n = 0;
        for (unsigned i = p->tail; i != p->head; i++)
            n += (int)pipe_slot(p, i)->len;
        return copy_to_user(arg, &n, sizeof n);
    }
    return -ENOTTY;
}

/* Linux's pipe_poll: readable when not empty, writable when a slot is
 * free; POLLHUP with no writer, POLLERR with no reader. */
static unsigned pipe_poll(struct file *f)
{
    struct pipe *p = f->priv;
    unsigned r = 0;
    if (reads(f)) {
        r |= !pipe_empty(p) ? POLLIN | POLLRDNORM : 0;
        r |= p->writers == 0 ? POLLHUP : 0;
    }
    if (writes(f)) {
        r |= !pipe_full(p) ? POLLOUT | POLLWRNORM : 0;
        r |= p->readers == 0 ? POLLERR : 0;
    }
    return r;
}

/* --- the pipe object --------------------------------------------------------- */

static struct pipe *pipe_alloc(void)
{
    struct pipe *p = kzalloc(sizeof *p);
    struct pipe_buf *bufs = kzalloc(PIPE_DEF_SLOTS * sizeof *bufs);
    if (!p || !bufs) {
        kfree(p);
        kfree(bufs);
        return NULL;
    }
    p->bufs = bufs;
    p->nslots = PIPE_DEF_SLOTS;
    return p;
}

static void pipe_free(struct pipe *p)
{
    for (unsigned i = p->tail; i != p->head; i++)
        pmm_free(pipe_slot(p, i)->pa);
    if (p->spare)
        pmm_free(p->spare);
    kfree(p->bufs);
    kfree(p);
}

/* Every end is counted here: pipe2's two and each later open of the inode. */
static int pipe_open(struct file *f)
{
    struct pipe *p = (struct pipe *)((char *)f->inode - offsetof(struct pipe, inode));
    f->priv = p;
    p->readers += reads(f);
    p->writers += writes(f);
    wakeup(p); /* a new writer or reader changes what waiters see */
    return 0;
}

/* F_SETFL O_ASYNC: the end goes on the list of its side (both for O_RDWR). */
static int pipe_fasync(struct file *f, int fd, bool on)
{
    struct pipe *p = f->priv;
    int err = reads(f) ? fasync_update(&p->async_readers, f, fd, on) : 0;
    if (!err && writes(f))
        err = fasync_update(&p->async_writers, f, fd, on);
    return err;
}

static void pipe_release(struct file *f)
{
    struct pipe *p = f->priv;
    p->readers -= reads(f);
    p->writers -= writes(f);
    wakeup(p);
    if ((p->readers == 0) != (p->writers == 0)) {
        /* One side is gone: the other may read end of file or get EPIPE now. */
        pipe_readable(p);
        pipe_writable(p);
    }
    if (p->readers == 0 && p->writers == 0) {
        if (p->fifo)
            p->fifo->pipe = NULL; /* the next open of the FIFO starts afresh */
        pipe_free(p);
    }
}

static const struct file_ops pipe_ops = {
    .open = pipe_open,       .read = pipe_read,       .write = pipe_write, .poll = pipe_poll,
    .ioctl = pipe_ioctl,     .release = pipe_release, .fasync = pipe_fasync};

struct pipe *pipe_of(const struct file *f) { return f->ops == &pipe_ops ? f->priv : NULL; }

/* --- capacity (fcntl F_GETPIPE_SZ / F_SETPIPE_SZ) --------------------------- */

/* Linux's round_pipe_size: at least a page, a power of two, 0 (invalid)
 * past 2 GiB. */
static unsigned long round_pipe_size(unsigned long size)
{
    if (size > PIPE_SIZE_LIMIT)
        return 0;
    unsigned long r = PAGE_SIZE;
    while (r < size)
        r <<= 1;
    return r;
}

unsigned long pipe_max_size(void) { return max_size; }

int pipe_set_max_size(unsigned long bytes)
{
    unsigned long r = round_pipe_size(bytes);
    if (!r)
        return -EINVAL;
    max_size = r;
    return 0;
}

/* Moves the buffers in use to a ring of slots entries: -ENOMEM, or
 * -EBUSY when they would not fit. */
static int resize(struct pipe *p, unsigned slots)
{
    struct pipe_buf *bufs = slots <= PIPE_MAX_SLOTS ? kzalloc((size_t)slots * sizeof *bufs) : NULL;
    if (!bufs)
        return -ENOMEM;
    unsigned n = pipe_occupancy(p);
    if (slots < n) {
        kfree(bufs);
        return -EBUSY;
    }
    for (unsigned i = 0; i < n; i++)
        bufs[i] = *pipe_slot(p, p->tail + i);
    kfree(p->bufs);
    p->bufs = bufs;
    p->nslots = slots;
    p->tail = 0;
    p->head = n;
    return 0;
}

long pipe_fcntl(struct file *f, int cmd, unsigned int arg)
{
    struct pipe *p = pipe_of(f);
    if (!p)
        return -EBADF; /* Linux's pipe_fcntl: not a pipe */
    if (cmd == F_GETPIPE_SZ)
        return (long)p->nslots * PAGE_SIZE;
    unsigned long size = round_pipe_size(arg);
    if (!size)
        return -EINVAL;
    /* Past pipe-max-size only a privileged process may grow a pipe
     * (EPERM otherwise); every process is root. */
    pipe_lock(p);
    int err = resize(p, (unsigned)(size / PAGE_SIZE));
    pipe_unlock(p);
    wakeup(p); /* writers: there may be room now */
    return err ? err : (long)size;
}

/* --- FIFOs and pipe2 ----------------------------------------------------------- */

/* Sleeps until *counter moves from seen (a partner opened); -ERESTARTSYS
 * on a signal. */
static int wait_partner(struct pipe *p, const unsigned *counter, unsigned seen, const int *present)
{
    uint64_t fl = irq_save();
    int err = 0;
    while (*present == 0 && *counter == seen)
        if (sleep_on_interruptible(p)) {
            err = -ERESTARTSYS;
            break;
        }
    irq_restore(fl);
    return err;
}

static int fifo_open(struct file *f)
{
    struct inode *inode = f->inode;
    struct pipe *p = inode->pipe;
    bool nonblock = f->flags & O_NONBLOCK;
    uint32_t acc = f->flags & O_ACCMODE;
    if (acc == O_WRONLY && nonblock && (!p || p->readers == 0))
        return -ENXIO; /* fifo(7): no reader yet */
    if (!p) {
        p = pipe_alloc();
        if (!p)
            return -ENOMEM;
        p->fifo = inode;
        inode->pipe = p;
    }
    f->ops = &pipe_ops;
    f->priv = p;
    p->readers += reads(f);
    p->writers += writes(f);
    p->reader_opens += reads(f);
    p->writer_opens += writes(f);
    wakeup(p);
    int err = 0;
    if (acc == O_RDONLY && !nonblock)
        err = wait_partner(p, &p->writer_opens, p->writer_opens, &p->writers);
    else if (acc == O_WRONLY)
        err = wait_partner(p, &p->reader_opens, p->reader_opens, &p->readers);
    if (err)
        pipe_release(f); /* file_open drops the file without calling release */
    return err;
}

const struct file_ops fifo_fops = {.open = fifo_open};

int pipe_create(int flags, struct file **rd, struct file **wr)
{
    struct pipe *p = pipe_alloc();
    struct file *r = NULL, *w = NULL;
    if (p) {
        pseudo_inode_init(&p->inode, PSEUDO_PIPEFS, S_IFIFO | 0600);
        p->inode.fops = &pipe_ops;
        /* Linux's create_pipe_files: O_DIRECT (packets) is the write end's. */
        r = file_new(&p->inode, &pipe_ops, O_RDONLY | (flags & O_NONBLOCK));
        w = file_new(&p->inode, &pipe_ops, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
    }
    if (!r || !w) {
        kfree(r);
        kfree(w);
        if (p)
            pipe_free(p);
        return -ENOMEM;
    }
    pipe_open(r);
    pipe_open(w);
    *rd = r;
    *wr = w;
    return 0;
}
