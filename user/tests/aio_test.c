/* aio_test.c - Linux native AIO without libaio: io_setup's ring as user
 * space sees it (struct aio_ring at the context address: magic, header
 * length, head and tail), io_submit of pwrite, pread, pwritev, preadv,
 * fsync and fdsync, results through io_getevents and by reading the ring
 * directly as libaio does, eventfd notification (IOCB_FLAG_RESFD), a
 * failed read's result, /proc/sys/fs/aio-nr, and the errno of every bad
 * argument in Linux's order. Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tt.h"

struct iocb_ {
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
struct io_event_ {
    uint64_t data, obj;
    int64_t res, res2;
};
struct ring {
    unsigned id, nr, head, tail, magic, compat, incompat, header_length;
    struct io_event_ events[];
};

enum { PREAD, PWRITE, FSYNC, FDSYNC, POLL_, NOOP = 6, PREADV, PWRITEV };

static long setup(unsigned n, uint64_t *ctx) { return syscall(SYS_io_setup, n, ctx); }
static long destroy(uint64_t ctx) { return syscall(SYS_io_destroy, ctx); }
static long submit(uint64_t ctx, long n, struct iocb_ **cbs) { return syscall(SYS_io_submit, ctx, n, cbs); }
static long getevents(uint64_t ctx, long min, long n, struct io_event_ *ev, struct timespec *ts)
{
    return syscall(SYS_io_getevents, ctx, min, n, ev, ts);
}
static int err_of(long r) { return r < 0 ? errno : 0; }

static struct iocb_ prep(int fd, int op, void *buf, size_t n, long long off, uint64_t data)
{
    struct iocb_ cb;
    memset(&cb, 0, sizeof cb);
    cb.aio_fildes = (uint32_t)fd;
    cb.aio_lio_opcode = (uint16_t)op;
    cb.aio_buf = (uint64_t)(uintptr_t)buf;
    cb.aio_nbytes = n;
    cb.aio_offset = off;
    cb.aio_data = data;
    return cb;
}

static long aio_nr(void)
{
    FILE *f = fopen("/proc/sys/fs/aio-nr", "r");
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

static void basics(void)
{
    long nr_before = aio_nr();
    uint64_t ctx = 0;
    CHECK_EQ(setup(16, &ctx), 0, "io_setup(16)");
    CHECK(ctx != 0, "the context id is set");
    CHECK_EQ(aio_nr() - nr_before, 16, "aio-nr counts the events asked for");
    struct ring *r = (struct ring *)(uintptr_t)ctx;
    CHECK_EQ(r->magic, 0xa10a10a1u, "the ring is at the context address: its magic");
    CHECK_EQ(r->header_length, 32, "header_length");
    CHECK(r->nr >= 16, "room for the events asked for");
    CHECK_EQ(r->head, r->tail, "empty");

    int fd = open("/tmp/tt_aio", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int efd = eventfd(0, 0);
    char out[] = "hello aio world", in[32] = {0}, v1[6] = {0}, v2[6] = {0};
    struct iocb_ w = prep(fd, PWRITE, out, 15, 0, 101);
    w.aio_flags = 1; /* IOCB_FLAG_RESFD */
    w.aio_resfd = (uint32_t)efd;
    struct iocb_ rd = prep(fd, PREAD, in, sizeof in, 6, 102);
    struct iocb_ fs = prep(fd, FSYNC, NULL, 0, 0, 103);
    struct iocb_ fds = prep(fd, FDSYNC, NULL, 0, 0, 104);
    struct iocb_ *cbs[] = {&w, &rd, &fs, &fds};
    CHECK_EQ(submit(ctx, 4, cbs), 4, "io_submit of pwrite, pread, fsync, fdatasync");
    uint64_t count = 0;
    CHECK_EQ(read(efd, &count, 8), 8, "the eventfd was signalled");
    CHECK_EQ(count, 1, "once, for the one iocb that asked");
    struct io_event_ ev[8];
    struct timespec ts = {1, 0};
    CHECK_EQ(getevents(ctx, 4, 8, ev, &ts), 4, "io_getevents takes the four completions");
    long long got[4] = {-1, -1, -1, -1};
    for (int i = 0; i < 4; i++) {
        if (ev[i].data >= 101 && ev[i].data <= 104)
            got[ev[i].data - 101] = ev[i].res;
    }
    CHECK_EQ(got[0], 15, "pwrite wrote 15 bytes");
    CHECK_EQ(got[1], 9, "pread read the 9 after offset 6");
    CHECK(!memcmp(in, "aio world", 9), "the data read back");
    CHECK_EQ(got[2], 0, "fsync's result");
    CHECK_EQ(got[3], 0, "fdatasync's result");
    CHECK(ev[0].obj == (uint64_t)(uintptr_t)&w || ev[0].obj == (uint64_t)(uintptr_t)&rd ||
              ev[0].obj == (uint64_t)(uintptr_t)&fs || ev[0].obj == (uint64_t)(uintptr_t)&fds,
          "obj is the iocb's address");
    CHECK_EQ(r->head, r->tail, "the ring is empty again");

    /* Vectors, and reaping from the ring as libaio does. */
    struct iovec iov[2] = {{v1, 5}, {v2, 5}};
    struct iocb_ rv = prep(fd, PREADV, iov, 2, 0, 201);
    struct iocb_ *one[] = {&rv};
    CHECK_EQ(submit(ctx, 1, one), 1, "io_submit of preadv");
    CHECK_EQ((r->tail - r->head + r->nr) % r->nr, 1, "one event in the ring");
    struct io_event_ e = r->events[r->head];
    CHECK_EQ(e.data, 201, "read from the ring: its data");
    CHECK_EQ(e.res, 10, "and result");
    CHECK(!memcmp(v1, "hello", 5) && !memcmp(v2, " aio ", 5), "preadv scattered the data");
    r->head = (r->head + 1) % r->nr;
    struct timespec zero = {0, 0};
    CHECK_EQ(getevents(ctx, 0, 8, ev, &zero), 0, "io_getevents sees the ring reaped");
    struct iovec wv[2] = {{"AB", 2}, {"CD", 2}};
    struct iocb_ pwv = prep(fd, PWRITEV, wv, 2, 0, 301);
    struct iocb_ bad = prep(fd, PREAD, (void *)8, 4, 0, 302);
    one[0] = &pwv;
    CHECK_EQ(submit(ctx, 1, one), 1, "io_submit of pwritev");
    CHECK_EQ(getevents(ctx, 1, 1, ev, NULL), 1, "io_getevents with no timeout");
    CHECK_EQ(ev[0].res, 4, "pwritev wrote 4 bytes");
    CHECK(pread(fd, in, 4, 0) == 4 && !memcmp(in, "ABCD", 4), "the data is in the file");
    one[0] = &bad;
    CHECK_EQ(submit(ctx, 1, one), 1, "an unmapped buffer is submitted");
    CHECK_EQ(getevents(ctx, 1, 1, ev, NULL), 1, "and completes");
    CHECK_EQ(ev[0].res, -EFAULT, "with -EFAULT as its result");
    bad.aio_buf = (uint64_t)-4096; /* not user memory at all: access_ok fails io_submit itself */
    CHECK_EQ(err_of(submit(ctx, 1, one)), EFAULT, "a kernel address: EFAULT from io_submit");
    /* io_cancel: everything completed, nothing to cancel. */
    CHECK_EQ(err_of(syscall(SYS_io_cancel, ctx, &pwv, ev)), EINVAL, "io_cancel of a completed iocb: EINVAL");
    CHECK_EQ(destroy(ctx), 0, "io_destroy");
    CHECK_EQ(aio_nr(), nr_before, "aio-nr gives the events back");
    CHECK_EQ(err_of(destroy(ctx)), EINVAL, "io_destroy twice: EINVAL");
    close(fd);
    close(efd);
    unlink("/tmp/tt_aio");
}

static void errors(void)
{
    uint64_t ctx = 0, set = 1;
    CHECK_EQ(err_of(setup(1, NULL)), EFAULT, "io_setup(ctxp NULL): EFAULT");
    CHECK_EQ(err_of(setup(1, &set)), EINVAL, "io_setup with *ctxp not 0: EINVAL");
    CHECK_EQ(err_of(setup(0, &ctx)), EINVAL, "io_setup(0): EINVAL");
    CHECK_EQ(err_of(setup(-1u, &ctx)), EINVAL, "io_setup(-1): EINVAL");
    CHECK_EQ(err_of(setup(0x10001, &ctx)), EAGAIN, "io_setup past aio-max-nr: EAGAIN");
    CHECK_EQ(err_of(destroy(0)), EINVAL, "io_destroy(0): EINVAL");
    struct io_event_ ev;
    CHECK_EQ(err_of(getevents(0, 0, 0, NULL, NULL)), EINVAL, "io_getevents(0): EINVAL");
    CHECK_EQ(err_of(syscall(SYS_io_cancel, 0, NULL, NULL)), EFAULT, "io_cancel(NULL iocb): EFAULT");
    CHECK_EQ(setup(1, &ctx), 0, "io_setup(1)");
    int rdonly = open("/tmp/tt_aio_ro", O_RDONLY | O_CREAT, 0644), wronly = open("/tmp/tt_aio_wo", O_WRONLY | O_CREAT, 0644);
    char buf[16];
    struct iocb_ cb = prep(rdonly, PREAD, buf, sizeof buf, 0, 0);
    struct iocb_ *cbs[] = {&cb}, *nulls[] = {NULL};
    CHECK_EQ(err_of(submit(12345, 1, cbs)), EINVAL, "io_submit with a bad context: EINVAL");
    CHECK_EQ(err_of(submit(ctx, -1, cbs)), EINVAL, "io_submit(nr -1): EINVAL");
    CHECK_EQ(submit(ctx, 0, cbs), 0, "io_submit(nr 0): 0");
    CHECK_EQ(err_of(submit(ctx, 1, (void *)-1)), EFAULT, "a bad iocb array: EFAULT");
    CHECK_EQ(err_of(submit(ctx, 1, nulls)), EFAULT, "a NULL iocb: EFAULT");
    cb = prep(-1, PREAD, buf, sizeof buf, 0, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EBADF, "a bad descriptor: EBADF");
    cb = prep(rdonly, PWRITE, buf, sizeof buf, 0, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EBADF, "pwrite on a read-only descriptor: EBADF");
    cb = prep(wronly, PREAD, buf, sizeof buf, 0, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EBADF, "pread on a write-only descriptor: EBADF");
    cb = prep(rdonly, NOOP, buf, sizeof buf, 0, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EINVAL, "IOCB_CMD_NOOP: EINVAL");
    cb = prep(rdonly, 99, buf, sizeof buf, 0, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EINVAL, "an unknown opcode: EINVAL");
    cb = prep(rdonly, FSYNC, buf, sizeof buf, 0, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EINVAL, "fsync with a buffer: EINVAL");
    cb = prep(rdonly, PREAD, buf, sizeof buf, -1, 0);
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EINVAL, "a negative offset: EINVAL");
    cb = prep(rdonly, PREAD, buf, sizeof buf, 0, 0);
    cb.aio_reserved2 = 1;
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EINVAL, "aio_reserved2 set: EINVAL");
    cb = prep(rdonly, PREAD, buf, sizeof buf, 0, 0);
    cb.aio_flags = 1;
    cb.aio_resfd = (uint32_t)rdonly;
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EINVAL, "IOCB_FLAG_RESFD with a non-eventfd: EINVAL");
    cb.aio_resfd = 999;
    CHECK_EQ(err_of(submit(ctx, 1, cbs)), EBADF, "IOCB_FLAG_RESFD with a bad descriptor: EBADF");
    CHECK_EQ(err_of(getevents(ctx, 2, 1, &ev, NULL)), EINVAL, "io_getevents min_nr > nr: EINVAL");
    CHECK_EQ(err_of(getevents(ctx, -1, 1, &ev, NULL)), EINVAL, "io_getevents min_nr < 0: EINVAL");
    struct timespec zero = {0, 0};
    CHECK_EQ(getevents(ctx, 1, 1, &ev, &zero), 0, "nothing completed: 0 at once with a zero timeout");
    struct timespec short_ = {0, 20000000};
    CHECK_EQ(getevents(ctx, 1, 1, &ev, &short_), 0, "0 after a short timeout");
    CHECK_EQ(destroy(ctx), 0, "io_destroy");
    close(rdonly);
    close(wronly);
    unlink("/tmp/tt_aio_ro");
    unlink("/tmp/tt_aio_wo");
}

int main(void)
{
    basics();
    errors();
    return tt_done();
}
