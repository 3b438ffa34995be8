/*
 * aio.h - Linux native asynchronous I/O contexts (io_setup(2)): a
 * context is a ring of completion events mapped in the caller's memory
 * at the address that is the context's id, laid out as Linux's struct
 * aio_ring so libaio can reap events without a system call. The system
 * calls (io_submit's operations) are syscall/sys_aio.c.
 *
 * Every operation here completes while io_submit runs (files in this
 * kernel never make a reader wait on a device), so nothing is ever in
 * flight: io_cancel finds nothing to cancel (EINVAL, as Linux answers for
 * a request that has completed).
 */
#ifndef FS_AIO_H
#define FS_AIO_H

#include <stddef.h>
#include <stdint.h>

/* struct iocb and struct io_event (include/uapi/linux/aio_abi.h). */
struct linux_iocb {
    uint64_t aio_data;
    uint32_t aio_key, aio_rw_flags;
    uint16_t aio_lio_opcode;
    int16_t aio_reqprio;
    uint32_t aio_fildes;
    uint64_t aio_buf, aio_nbytes;
    int64_t aio_offset;
    uint64_t aio_reserved2;
    uint32_t aio_flags, aio_resfd;
};

struct linux_io_event {
    uint64_t data, obj;
    int64_t res, res2;
};

#define IOCB_CMD_PREAD 0
#define IOCB_CMD_PWRITE 1
#define IOCB_CMD_FSYNC 2
#define IOCB_CMD_FDSYNC 3
#define IOCB_CMD_POLL 5
#define IOCB_CMD_NOOP 6
#define IOCB_CMD_PREADV 7
#define IOCB_CMD_PWRITEV 8
#define IOCB_FLAG_RESFD 1
#define IOCB_FLAG_IOPRIO 2
#define KIOCB_KEY 0

struct kioctx;

/* io_setup: a context with room for nr_events, its ring mapped in the
 * caller's address space; *id is the ring's address. 0, -EINVAL (too
 * many events), -EAGAIN (past /proc/sys/fs/aio-max-nr), -ENOMEM. */
long aio_ctx_create(unsigned nr_events, uint64_t *id);
/* The calling process's context id, or NULL (EINVAL for the callers). */
struct kioctx *aio_ctx_lookup(uint64_t id);
/* io_destroy: unmaps the ring and frees the context. */
void aio_ctx_destroy(struct kioctx *ctx);
/* The ring slots submissions may still take (Linux's reqs_available):
 * events not yet reaped occupy theirs. */
unsigned aio_ctx_room(struct kioctx *ctx);
/* Posts a completion in the ring and wakes io_getevents. */
void aio_ctx_complete(struct kioctx *ctx, const struct linux_io_event *ev);
/* Takes up to max events from the ring into out (kernel memory), moving
 * the ring's head: their count. */
long aio_ctx_reap(struct kioctx *ctx, struct linux_io_event *out, long max);

/* /proc/sys/fs/aio-max-nr (read-write: the events all contexts may ask
 * for) and aio-nr (read-only: what they ask for now). */
extern unsigned long aio_max_nr;
extern unsigned long aio_nr;

#endif
