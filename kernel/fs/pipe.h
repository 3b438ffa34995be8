/*
 * pipe.h - pipes and FIFOs (pipe(7), fifo(7)). pipe2 makes an anonymous
 * pipe (its inode on pipefs); a FIFO is a file in the tree (mknod S_IFIFO,
 * mkfifo) whose opens share one pipe while any end is open. splice(2),
 * tee(2) and vmsplice(2) move data in and out of pipes with the
 * operations at the end (pipe_splice.c; fs/splice.c calls them).
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <stdbool.h>
#include <stddef.h>

struct file;
struct file_ops;
struct pipe;

/* splice(2) flags: NONBLOCK makes the pipe side's waits EAGAIN; MOVE,
 * MORE and GIFT are hints (data is copied, so there is nothing to move
 * or give). */
#define SPLICE_F_MOVE 1
#define SPLICE_F_NONBLOCK 2
#define SPLICE_F_MORE 4
#define SPLICE_F_GIFT 8
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

/* The file operations of FIFO inodes: open attaches the FIFO's pipe, as
 * Linux's fifo_open does (a reader waits for a writer and the other way
 * round, unless O_NONBLOCK: then a reader goes on and a writer gets ENXIO
 * while nobody reads). */
extern const struct file_ops fifo_fops;

/* Makes an anonymous pipe (pipe2's): *rd gets its read end and *wr its
 * write end, one reference each, both non-blocking if flags has
 * O_NONBLOCK, the write end in packet mode if it has O_DIRECT (its other
 * bits are the caller's to check). 0, or -ENOMEM with nothing made. */
int pipe_create(int flags, struct file **rd, struct file **wr);

/* The pipe behind f (a pipe end or an open FIFO), else NULL. */
struct pipe *pipe_of(const struct file *f);

/* fcntl F_GETPIPE_SZ and F_SETPIPE_SZ on f: the capacity in bytes, or
 * -EBADF (f is not a pipe), -EINVAL (past 2 GiB), -EBUSY (the data would
 * not fit), -ENOMEM. F_SETPIPE_SZ rounds arg up to a power-of-two number
 * of pages. */
long pipe_fcntl(struct file *f, int cmd, unsigned int arg);

/* /proc/sys/fs/pipe-max-size: the largest capacity an unprivileged
 * process may set. Setting rounds as F_SETPIPE_SZ does; -EINVAL past
 * 2 GiB. */
unsigned long pipe_max_size(void);
int pipe_set_max_size(unsigned long bytes);

/* --- for splice (pipe_splice.c) ---------------------------------------------
 * Each waits (the pipe unlocked) as splice(2) says unless nonblock
 * (-EAGAIN then), ends a wait with -ERESTARTSYS on a signal, and wakes
 * the other side of the pipes it changed. */

/* Adds data to p as new buffers: waits for a free slot (EPIPE and
 * SIGPIPE when nobody reads), then while slots are free and len lasts
 * takes a page and calls fill(ctx, page, max, &off) for at most max bytes
 * (max <= len left, <= PAGE_SIZE); fill puts its n bytes at page + off
 * (off < PAGE_SIZE, off + n <= PAGE_SIZE) and returns n, 0 for no more
 * data, or -errno. Returns the bytes added, or the first error when none. */
typedef long (*pipe_fill_fn)(void *ctx, char *page, size_t max, unsigned *off);
long pipe_fill(struct pipe *p, size_t len, bool nonblock, pipe_fill_fn fill, void *ctx);

/* Takes up to len bytes from p's front: waits for data (0 at once when
 * empty with no writer), then hands the buffers in order to drain(ctx,
 * src, n), which returns the bytes it took (fewer than n ends the
 * transfer) or -errno. What drain took leaves the pipe. Returns the
 * bytes taken, or the first error when none. */
typedef long (*pipe_drain_fn)(void *ctx, const char *src, size_t n);
long pipe_drain(struct pipe *p, size_t len, bool nonblock, pipe_drain_fn drain, void *ctx);

/* splice(2) from pipe in to pipe out (different pipes): moves whole
 * buffers, shares the page of a part of one. */
long pipe_to_pipe(struct pipe *in, struct pipe *out, size_t len, bool nonblock);
/* tee(2): duplicates up to len bytes of in's front into out, sharing the
 * pages, without consuming them. */
long pipe_tee(struct pipe *in, struct pipe *out, size_t len, bool nonblock);

#endif
