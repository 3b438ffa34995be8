/*
 * virtio_blk.c - the virtio block device (virtio spec 1.1 5.2): one
 * request queue; a request is a chain of a header (type, sector) the
 * device reads, the data buffers, and a status byte the device writes
 * (5.2.6). Up to SLOTS requests are in flight; completion comes by
 * interrupt (INTx, shared), which hands each finished request to the
 * block layer (block/blkdev.h).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "block/blkdev.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"
#include "drivers/virtio_ring.h"
#include "fs/chrdev.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

/* Feature bits (5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9

/* struct virtio_blk_config (5.2.4). */
#define CFG_CAPACITY 0 /* le64, in 512-byte sectors */
#define CFG_SIZE_MAX 8
#define CFG_SEG_MAX 12
#define CFG_BLK_SIZE 20

/* Request types and status values (5.2.6). */
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTBLK_MAJOR 254
#define SLOTS 64
#define QUEUE_MAX 256
#define MAX_DESC (2 + 2 * BLK_MAX_SEGS)

/* One request in flight: its header and status byte are DMA buffers.
 * 32 bytes and 16-aligned in a kmalloc'd array, so none crosses a page. */
struct slot {
    struct {
        uint32_t type;
        uint32_t reserved;
        uint64_t sector;
    } hdr;
    uint8_t status;
    struct blk_request *r;
} __attribute__((aligned(16)));

struct vblk {
    struct virtio_dev *vdev;
    struct virtqueue *vq;
    struct slot *slots;
    uint32_t size_max;  /* largest buffer per descriptor (0: no limit) */
    uint32_t seg_max;   /* most data descriptors per request (0: no limit) */
    uint64_t errors;
    struct block_device bd;
};

static int ndisks;

static uint64_t capacity(struct virtio_dev *d)
{
    uint64_t lo = d->t->config_read32(d, CFG_CAPACITY), hi = d->t->config_read32(d, CFG_CAPACITY + 4);
    return lo | hi << 32;
}

/* Hands the device's finished requests to the block layer. Interrupts
 * are off (the handler, or a caller that turned them off). */
static void drain(struct vblk *v)
{
    struct slot *s;
    uint32_t len;
    while ((s = vq_get_used(v->vq, &len))) {
        struct blk_request *r = s->r;
        s->r = NULL;
        int status = 0;
        if (s->status != VIRTIO_BLK_S_OK) {
            v->errors++;
            kprintf("virtio-blk: %s: %s of sector %lu failed (status %u)\n", v->bd.name,
                    r->op == BLK_READ ? "read" : r->op == BLK_WRITE ? "write" : "flush", r->sector, s->status);
            status = -EIO;
        }
        blk_complete(r, status);
    }
}

static bool vblk_irq(void *ctx)
{
    struct vblk *v = ctx;
    uint8_t isr = v->vdev->t->isr(v->vdev); /* reading it lowers the line (4.1.4.5) */
    if (!isr)
        return false; /* another device's interrupt on the shared line */
    if (isr & VIRTIO_ISR_CONFIG)
        kprintf("virtio-blk: %s: configuration changed (capacity now %lu sectors; not followed)\n", v->bd.name,
                capacity(v->vdev));
    drain(v);
    return true;
}

static int vblk_submit(struct block_device *bd, struct blk_request *r)
{
    struct vblk *v = bd->priv;
    struct vq_buf bufs[MAX_DESC];
    unsigned n = 1;
    for (int i = 0; r->op != BLK_FLUSH && i < r->nsegs; i++) {
        uint64_t pa = r->segs[i].pa;
        uint32_t left = r->segs[i].len;
        while (left) {
            uint32_t piece = v->size_max && left > v->size_max ? v->size_max : left;
            if (n + 1 >= MAX_DESC)
                return -EIO; /* cannot be expressed in this device's limits */
            bufs[n++] = (struct vq_buf){pa, piece, r->op == BLK_READ};
            pa += piece;
            left -= piece;
        }
    }
    if ((v->seg_max && n - 1 > v->seg_max) || n + 1 > v->vq->size)
        return -EIO;
    int slot = -1;
    for (int i = 0; i < SLOTS && slot < 0; i++)
        if (!v->slots[i].r)
            slot = i;
    if (slot < 0 || vq_free(v->vq) < n + 1)
        return -EAGAIN;
    struct slot *s = &v->slots[slot];
    s->hdr.type = r->op == BLK_READ ? VIRTIO_BLK_T_IN : r->op == BLK_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_FLUSH;
    s->hdr.reserved = 0;
    s->hdr.sector = r->op == BLK_FLUSH ? 0 : r->sector;
    s->status = 0xFF; /* a device that writes nothing reads as an error */
    s->r = r;
    bufs[0] = (struct vq_buf){virt_to_phys(&s->hdr), sizeof s->hdr, false};
    bufs[n++] = (struct vq_buf){virt_to_phys(&s->status), 1, true};
    int err = vq_add(v->vq, bufs, n, s);
    if (err) {
        s->r = NULL;
        return err;
    }
    vq_kick(v->vq);
    return 0;
}

static const struct blk_driver_ops vblk_ops = {.submit = vblk_submit};

static int vblk_probe(struct virtio_dev *d)
{
    struct pci_dev *p = d->pci;
    if (ndisks >= 26)
        return -ENOSPC;
    if (!p->irq_pin || p->irq_line == 0 || p->irq_line >= 16 || p->irq_line == 2) {
        kprintf("virtio-blk: no usable interrupt line (pin %u, line %u)\n", p->irq_pin, p->irq_line);
        return -ENODEV;
    }
    int err = virtio_negotiate(d, 1ull << VIRTIO_BLK_F_RO | 1ull << VIRTIO_BLK_F_FLUSH | 1ull << VIRTIO_BLK_F_SIZE_MAX |
                                      1ull << VIRTIO_BLK_F_SEG_MAX | 1ull << VIRTIO_BLK_F_BLK_SIZE);
    if (err) {
        kprintf("virtio-blk: feature negotiation failed\n");
        return err;
    }
    struct vblk *v = kzalloc(sizeof *v);
    struct slot *slots = kzalloc(sizeof(struct slot) * SLOTS);
    if (!v || !slots) {
        kfree(v);
        kfree(slots);
        return -ENOMEM;
    }
    v->vdev = d;
    v->slots = slots;
    d->priv = v;
    if (virtio_has(d, VIRTIO_BLK_F_SIZE_MAX))
        v->size_max = d->t->config_read32(d, CFG_SIZE_MAX) & ~(SECTOR_SIZE - 1);
    if (virtio_has(d, VIRTIO_BLK_F_SEG_MAX))
        v->seg_max = d->t->config_read32(d, CFG_SEG_MAX);
    if (virtio_has(d, VIRTIO_BLK_F_BLK_SIZE) && d->t->config_read32(d, CFG_BLK_SIZE) != SECTOR_SIZE)
        kprintf("virtio-blk: logical block size %u; addressed in 512-byte sectors anyway\n",
                d->t->config_read32(d, CFG_BLK_SIZE));
    v->vq = vq_create(d, 0, QUEUE_MAX);
    if (!v->vq) {
        kfree(slots);
        kfree(v);
        return -EIO;
    }
    struct block_device *bd = &v->bd;
    ksnprintf(bd->name, sizeof bd->name, "vd%c", 'a' + ndisks);
    bd->rdev = MKDEV(VIRTBLK_MAJOR, 16 * ndisks);
    bd->nsectors = capacity(d);
    bd->read_only = virtio_has(d, VIRTIO_BLK_F_RO);
    bd->has_flush = virtio_has(d, VIRTIO_BLK_F_FLUSH);
    bd->ops = &vblk_ops;
    bd->priv = v;
    irq_set_level_triggered(p->irq_line);
    err = irq_register_shared(p->irq_line, vblk_irq, v);
    if (err)
        return err; /* the queue stays allocated: the device may still use it */
    virtio_driver_ok(d);
    ndisks++;
    kprintf("virtio-blk: %s: %lu sectors (%lu MiB)%s%s, queue of %u\n", bd->name, bd->nsectors,
            bd->nsectors >> 11, bd->read_only ? ", read-only" : "", bd->has_flush ? ", write cache" : "",
            v->vq->size);
    err = blk_register(bd);
    if (err)
        kprintf("virtio-blk: cannot register %s (error %d)\n", bd->name, err);
    return 0;
}

const struct virtio_driver virtio_blk_driver = {.name = "virtio_blk", .type = VIRTIO_ID_BLOCK, .probe = vblk_probe};
