/*
 * pipe_ring.h - a pipe's insides, shared by pipe.c (read, write, opens,
 * the capacity) and pipe_splice.c (splice, tee, vmsplice) and nobody
 * else: everyone else goes through pipe.h.
 *
 * The data is a ring of buffers, each a part of one page, as Linux's
 * pipe_inode_info: capacity is a number of slots (a power of two; 16 by
 * default, 64 KiB), changed at run time by F_SETPIPE_SZ. A write appends
 * to the last buffer while its page has room and the buffer allows it,
 * else takes a slot and a fresh page; a read consumes from the first
 * buffer and frees its page once empty. Pages are taken as data comes,
 * so an idle pipe holds none (but one spare page kept for the next
 * write). tee shares a page between two pipes (a frame reference each):
 * a shared page is appended to only after the part both see, so neither
 * pipe's data changes.
 *
 * Locking: the pipe's mutex covers every change of the ring (read, write,
 * splice, resize). Nobody sleeps on the pipe while holding it: a wait
 * for data or room drops it (pipe_wait), and splice asks files that
 * could block (sockets) not to, waiting outside the lock instead.
 */
#ifndef FS_PIPE_RING_H
#define FS_PIPE_RING_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "fs/fasync.h"
#include "fs/inode.h"
#include "proc/sleeplock.h"
#include "proc/wait.h"

#define PIPE_BUF_MERGE 0x1  /* pipe_write may append to this buffer */
#define PIPE_BUF_PACKET 0x2 /* written in packet mode (O_DIRECT): a read takes it whole or cuts it */

struct pipe_buf {
    uint64_t pa;        /* the page's frame (a reference of this buffer) */
    uint32_t off, len;  /* the bytes [off, off + len) of the page */
    uint32_t flags;     /* PIPE_BUF_* */
};

struct pipe {
    struct pipe_buf *bufs; /* the ring: nslots entries */
    unsigned nslots;       /* capacity in buffers, a power of two */
    unsigned head, tail;   /* free-running counters: slots [tail, head) are in use */
    uint64_t spare;        /* a free page for the next buffer (0: none), Linux's tmp_page */
    struct sleeplock mutex;
    int readers, writers;
    unsigned reader_opens, writer_opens; /* FIFO opens so far: a waiting open sees a partner came */
    struct inode *fifo;  /* the FIFO's inode in the tree, or NULL for pipe2's */
    struct inode inode;  /* pipe2's: what fstat reports, a FIFO on pipefs */
    struct fasync *async_readers, *async_writers; /* ends with O_ASYNC */
};

static inline unsigned pipe_occupancy(const struct pipe *p) { return p->head - p->tail; }
static inline bool pipe_empty(const struct pipe *p) { return p->head == p->tail; }
static inline bool pipe_full(const struct pipe *p) { return pipe_occupancy(p) >= p->nslots; }
static inline struct pipe_buf *pipe_slot(const struct pipe *p, unsigned i) { return &p->bufs[i & (p->nslots - 1)]; }

static inline void pipe_lock(struct pipe *p) { sleeplock_acquire(&p->mutex); }
static inline void pipe_unlock(struct pipe *p) { sleeplock_release(&p->mutex); }

/* Waits with the pipe unlocked until cond holds: 0, -EAGAIN when
 * nonblock, -ERESTARTSYS on a signal (wait_event's answers). Whoever
 * changes what cond reads calls wakeup(p). Returns with the pipe locked. */
#define pipe_wait(p, nonblock, cond)                                                               \
    ({                                                                                             \
        pipe_unlock(p);                                                                            \
        uint64_t pipe_fl_ = irq_save();                                                            \
        int pipe_err_ = wait_event((p), (nonblock), (cond));                                       \
        irq_restore(pipe_fl_);                                                                     \
        pipe_lock(p);                                                                              \
        pipe_err_;                                                                                 \
    })

/* A page for a new buffer (the spare one if there is one); 0 when memory
 * is short. */
uint64_t pipe_page(struct pipe *p);
/* Appends a buffer of page pa (the caller's reference passes to it) with
 * len bytes at off; the ring must not be full. */
void pipe_push(struct pipe *p, uint64_t pa, uint32_t off, uint32_t len, uint32_t flags);
/* Consumes n bytes from the front of buffer b (the tail's), freeing it
 * (and its slot) once empty. */
void pipe_consume(struct pipe *p, struct pipe_buf *b, uint32_t n);
/* Lets go of a page pipe_page gave (unused) or a buffer held. */
void pipe_put_page(struct pipe *p, uint64_t pa);
/* The kernel address of byte off of page pa. */
char *pipe_page_at(uint64_t pa, uint32_t off);
/* A write with nobody to read: SIGPIPE to the caller, and -EPIPE. */
long pipe_broken(void);
/* There is data to read / room to write now: wakes the waiters and
 * signals the O_ASYNC ends' owners (POLL_IN / POLL_OUT). */
void pipe_readable(struct pipe *p);
void pipe_writable(struct pipe *p);

#endif
