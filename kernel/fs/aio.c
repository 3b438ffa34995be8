/*
 * aio.c - AIO contexts and their completion rings (aio.h). A context
 * belongs to an address space (mm->aio, as Linux's ioctx_table): a fork's
 * child does not inherit it, and it goes with the address space at exec
 * or exit (vm_aio_exit).
 */
#include "fs/aio.h"

#include "arch/x86_64/layout.h"
#include "mm/kmalloc.h"
#include "mm/pt_index.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

/* struct aio_ring (fs/aio.c in Linux): the header user space reads. */
struct aio_ring_header {
    uint32_t id, nr, head, tail;
    uint32_t magic, compat_features, incompat_features, header_length;
};
#define AIO_RING_MAGIC 0xa10a10a1u
#define AIO_RING_COMPAT_FEATURES 1u

struct kioctx {
    struct kioctx *next;
    struct mm *mm;
    uint64_t id;        /* the ring's user address */
    uint64_t ring_len;  /* bytes mapped */
    uint32_t nr;        /* events the ring holds (ring->nr) */
    uint32_t tail;      /* the kernel's copy: user space may only move head */
    unsigned max_reqs;  /* what io_setup asked for, counted in aio_nr */
};

unsigned long aio_max_nr = 0x10000; /* Linux's default */
unsigned long aio_nr;

static void exit_mm(struct mm *mm)
{
    for (struct kioctx *c = mm->aio, *next; c; c = next) {
        next = c->next;
        aio_nr -= c->max_reqs;
        kfree(c);
    }
    mm->aio = NULL;
}

static int write_header(struct kioctx *c, uint32_t head)
{
    struct aio_ring_header h = {0, c->nr, head, c->tail, AIO_RING_MAGIC, AIO_RING_COMPAT_FEATURES, 0, sizeof h};
    return vm_write(c->mm, c->id, &h, sizeof h);
}

long aio_ctx_create(unsigned nr_events, uint64_t *id)
{
    /* Linux's ioctx_alloc: room for twice the events (half may sit in
     * per-CPU counters there), at least 4 per CPU; the sizes in 32 bits. */
    unsigned max_reqs = nr_events;
    uint32_t nr = nr_events > 4 ? nr_events : 4;
    nr *= 2;
    if (nr > 0x10000000u / sizeof(struct linux_io_event))
        return -EINVAL;
    if (!nr || max_reqs > aio_max_nr)
        return -EAGAIN;
    /* aio_setup_ring: two more, then whatever fills the last page. */
    uint64_t len = page_align_up(sizeof(struct aio_ring_header) + (uint64_t)(nr + 2) * sizeof(struct linux_io_event));
    nr = (uint32_t)((len - sizeof(struct aio_ring_header)) / sizeof(struct linux_io_event));
    if (aio_nr + max_reqs > aio_max_nr || aio_nr + max_reqs < aio_nr)
        return -EAGAIN;
    struct mm *mm = current()->mm;
    struct kioctx *c = kzalloc(sizeof *c);
    if (!c)
        return -ENOMEM;
    uint64_t start = vm_get_unmapped(mm, len);
    int err = start ? vm_map(mm, start, len, PROT_READ | PROT_WRITE, 0, NULL) : -ENOMEM;
    if (err) {
        kfree(c);
        return err;
    }
    *c = (struct kioctx){mm->aio, mm, start, len, nr, 0, max_reqs};
    err = vm_write(mm, start, NULL, len); /* the pages now: completions never fault */
    if (!err)
        err = write_header(c, 0);
    if (err) {
        vm_unmap(mm, start, len);
        kfree(c);
        return -ENOMEM;
    }
    vm_aio_exit = exit_mm;
    mm->aio = c;
    aio_nr += max_reqs;
    *id = start;
    return 0;
}

struct kioctx *aio_ctx_lookup(uint64_t id)
{
    struct mm *mm = current()->mm;
    for (struct kioctx *c = mm ? mm->aio : NULL; c; c = c->next)
        if (c->id == id)
            return c;
    return NULL;
}

void aio_ctx_destroy(struct kioctx *ctx)
{
    struct mm *mm = ctx->mm;
    for (struct kioctx **pp = (struct kioctx **)&mm->aio; *pp; pp = &(*pp)->next) {
        if (*pp == ctx) {
            *pp = ctx->next;
            break;
        }
    }
    vm_unmap(mm, ctx->id, ctx->ring_len);
    aio_nr -= ctx->max_reqs;
    wakeup(ctx);
    kfree(ctx);
}

/* The ring's head as user space left it (it may move it itself, as
 * libaio does), reduced modulo the ring as Linux does. */
static uint32_t ring_head(struct kioctx *c)
{
    struct aio_ring_header h;
    if (vm_read(c->mm, &h, c->id, sizeof h) != sizeof h)
        return c->tail; /* the ring was unmapped: nothing to reap */
    return h.head % c->nr;
}

unsigned aio_ctx_room(struct kioctx *ctx)
{
    uint32_t used = (ctx->tail + ctx->nr - ring_head(ctx)) % ctx->nr;
    return ctx->nr - 1 - used;
}

void aio_ctx_complete(struct kioctx *ctx, const struct linux_io_event *ev)
{
    uint64_t at = ctx->id + sizeof(struct aio_ring_header) + (uint64_t)ctx->tail * sizeof *ev;
    if (vm_write(ctx->mm, at, ev, sizeof *ev) == 0) {
        ctx->tail = (ctx->tail + 1) % ctx->nr;
        uint32_t tail = ctx->tail;
        vm_write(ctx->mm, ctx->id + offsetof(struct aio_ring_header, tail), &tail, sizeof tail);
    }
    wakeup(ctx); /* io_getevents sleeps on poll_channel, which every wakeup wakes */
}

long aio_ctx_reap(struct kioctx *ctx, struct linux_io_event *out, long max)
{
    uint32_t head = ring_head(ctx);
    long n = 0;
    while (n < max && head != ctx->tail) {
        uint64_t at = ctx->id + sizeof(struct aio_ring_header) + (uint64_t)head * sizeof *out;
        if (vm_read(ctx->mm, &out[n], at, sizeof *out) != sizeof *out)
            break;
        head = (head + 1) % ctx->nr;
        n++;
    }
    if (n)
        vm_write(ctx->mm, ctx->id + offsetof(struct aio_ring_header, head), &head, sizeof head);
    return n;
}
