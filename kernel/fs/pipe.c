/*
 * pipe.c - pipes (pipe(7)): a 64 KiB ring buffer (Linux's default
 * capacity) between a read end and a write end.
 *   - read blocks while the pipe is empty and a writer exists; it returns
 *     0 (end of file) once every write end is closed;
 *   - write blocks while the pipe is full; with no read end left it fails
 *     with EPIPE and the writer gets SIGPIPE;
 *   - writes of at most PIPE_BUF (4096) bytes are atomic: they wait for
 *     room for all of it rather than interleave with other writers;
 *   - O_NONBLOCK turns every wait into EAGAIN.
 * Opening the pipe's inode again (through a /proc/PID/fd magic link) adds
 * an end as opening a FIFO does (fifo(7)): a reader for O_RDONLY, a writer
 * for O_WRONLY, both for O_RDWR, so end of file and EPIPE still come only
 * once every end of that kind is closed. Unlike Linux's fifo_open, such an
 * open does not wait for the other end to appear.
 * A FIFO (a named pipe in the tree) gets a pipe on its first open; the
 * pipe goes when its last end closes, and the next open makes a new one.
 * pipe(2) and pipe2(2) are syscall/sys_pipe.c.
 */
#include "fs/pipe.h"

#include "fs/pseudo_fs.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "arch/x86_64/cpu.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/ioctls.h"
#include "uapi/poll.h"
#include "uapi/signal.h"

#define PIPE_SIZE 65536
#define PIPE_BUF 4096

struct pipe {
    char *buf;
    uint64_t head, tail; /* bytes written / read so far; head - tail in use */
    int readers, writers;
    unsigned reader_opens, writer_opens; /* FIFO opens so far: a waiting open sees a partner came */
    struct inode *fifo;  /* the FIFO's inode in the tree, or NULL for pipe2's */
    struct inode inode;  /* pipe2's: what fstat reports, a FIFO on pipefs */
};

static long pipe_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct pipe *p = f->priv;
    if (n == 0)
        return 0;
    uint64_t fl = irq_save();
    int err = wait_event(p, f->flags & O_NONBLOCK, p->head != p->tail || p->writers == 0);
    if (err || p->head == p->tail) { /* an error, or empty with no writer left: end of file (0) */
        irq_restore(fl);
        return err;
    }
    irq_restore(fl);
    size_t done = 0;
    while (done < n && p->tail != p->head) {
        uint64_t off = p->tail % PIPE_SIZE;
        size_t chunk = p->head - p->tail;
        if (chunk > PIPE_SIZE - off)
            chunk = PIPE_SIZE - off;
        if (chunk > n - done)
            chunk = n - done;
        if (copy_to_user(ubuf + done, p->buf + off, chunk)) {
            if (!done)
                return -EFAULT;
            break;
        }
        p->tail += chunk;
        done += chunk;
    }
    wakeup(p); /* writers waiting for room */
    return (long)done;
}

static long pipe_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct pipe *p = f->priv;
    size_t done = 0;
    while (done < n) {
        uint64_t fl = irq_save();
        size_t want = n - done <= PIPE_BUF ? n - done : 1; /* atomic small writes */
        int err = wait_event(p, f->flags & O_NONBLOCK, p->readers == 0 || PIPE_SIZE - (p->head - p->tail) >= want);
        if (err) {
            irq_restore(fl);
            return done ? (long)done : err;
        }
        if (p->readers == 0) {
            irq_restore(fl);
            signal_send(current(), SIGPIPE);
            return done ? (long)done : -EPIPE;
        }
        irq_restore(fl);
        while (done < n && p->head - p->tail < PIPE_SIZE) {
            uint64_t off = p->head % PIPE_SIZE;
            size_t chunk = PIPE_SIZE - (p->head - p->tail);
            if (chunk > PIPE_SIZE - off)
                chunk = PIPE_SIZE - off;
            if (chunk > n - done)
                chunk = n - done;
            if (copy_from_user(p->buf + off, ubuf + done, chunk)) {
                wakeup(p);
                return done ? (long)done : -EFAULT;
            }
            p->head += chunk;
            done += chunk;
        }
        wakeup(p); /* readers waiting for data */
    }
    return (long)done;
}

/* An end reads unless opened O_WRONLY and writes unless opened O_RDONLY. */
static bool reads(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
static bool writes(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

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

static void pipe_release(struct file *f)
{
    struct pipe *p = f->priv;
    p->readers -= reads(f);
    p->writers -= writes(f);
    wakeup(p);
    if (p->readers == 0 && p->writers == 0) {
        if (p->fifo)
            p->fifo->pipe = NULL; /* the next open of the FIFO starts afresh */
        kfree(p->buf);
        kfree(p);
    }
}

static long pipe_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    struct pipe *p = f->priv;
    if (cmd == FIONREAD) { /* bytes waiting */
        int n = (int)(p->head - p->tail);
        return copy_to_user(arg, &n, sizeof n);
    }
    return -ENOTTY;
}

static unsigned pipe_poll(struct file *f)
{
    struct pipe *p = f->priv;
    unsigned r = 0;
    if (reads(f)) {
        r |= p->head != p->tail ? POLLIN | POLLRDNORM : 0;
        r |= p->writers == 0 ? POLLHUP : 0;
    }
    if (writes(f)) {
        if (p->readers == 0)
            r |= POLLOUT | POLLERR; /* a write would not block: it fails at once */
        else if (PIPE_SIZE - (p->head - p->tail) >= PIPE_BUF)
            r |= POLLOUT | POLLWRNORM;
    }
    return r;
}

static const struct file_ops pipe_ops = {
    .open = pipe_open,
    .read = pipe_read, .write = pipe_write, .poll = pipe_poll, .ioctl = pipe_ioctl, .release = pipe_release};

static struct pipe *pipe_alloc(void)
{
    struct pipe *p = kzalloc(sizeof *p);
    char *buf = kmalloc(PIPE_SIZE);
    if (!p || !buf) {
        kfree(p);
        kfree(buf);
        return NULL;
    }
    p->buf = buf;
    return p;
}

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
        r = file_new(&p->inode, &pipe_ops, O_RDONLY | (flags & O_NONBLOCK));
        w = file_new(&p->inode, &pipe_ops, O_WRONLY | (flags & O_NONBLOCK));
    }
    if (!r || !w) {
        kfree(r);
        kfree(w);
        if (p)
            kfree(p->buf);
        kfree(p);
        return -ENOMEM;
    }
    pipe_open(r);
    pipe_open(w);
    *rd = r;
    *wr = w;
    return 0;
}
