/*
 * virtio_ring.h - a split virtqueue (virtio spec 1.1 2.6): a descriptor
 * table, the available ring the driver fills and the used ring the
 * device fills, in one physically contiguous, page-aligned block laid
 * out as the legacy transport requires (2.6.2), which satisfies the
 * modern one's alignment rules too.
 *
 * A request is a chain of descriptors: the buffers the device reads
 * first, then those it writes (2.6.4.2). Several chains are in flight at
 * once; each carries a cookie given back when the device has used it.
 * Callers keep interrupts off around add/get (the interrupt handler
 * drains the used ring).
 */
#ifndef DRIVERS_VIRTIO_RING_H
#define DRIVERS_VIRTIO_RING_H

#include <stdbool.h>
#include <stdint.h>

struct virtio_dev;

struct vring_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2 /* the device writes the buffer */

struct vring_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[];
};

struct vring_used_elem {
    uint32_t id;
    uint32_t len;
};
struct vring_used {
    uint16_t flags;
    uint16_t idx;
    struct vring_used_elem ring[];
};
#define VRING_USED_F_NO_NOTIFY 1

struct virtqueue {
    struct virtio_dev *dev;
    unsigned index;
    uint16_t size;
    struct vring_desc *desc;
    struct vring_avail *avail;
    struct vring_used *used;
    uint16_t free_head, num_free, last_used;
    void **cookies; /* by chain head */
    uint64_t ring_pa;
    uint64_t ring_pages;
};

/* One buffer of a chain: physical address and length. */
struct vq_buf {
    uint64_t pa;
    uint32_t len;
    bool device_writes;
};

/* Sets up queue idx of d with at most max entries (the legacy transport
 * takes the device's size whatever max says). NULL on failure. */
struct virtqueue *vq_create(struct virtio_dev *d, unsigned idx, uint16_t max);
/* Free descriptors. */
static inline unsigned vq_free(const struct virtqueue *q) { return q->num_free; }
/* Makes the n buffers one chain and puts it in the available ring (the
 * device is told by vq_kick). -EAGAIN when fewer than n descriptors are
 * free, -EINVAL when n can never fit. */
int vq_add(struct virtqueue *q, const struct vq_buf *bufs, unsigned n, void *cookie);
/* Tells the device about new chains (unless it asked not to be). */
void vq_kick(struct virtqueue *q);
/* The cookie of the next chain the device has finished, its descriptors
 * freed, and the bytes it wrote in *len; NULL when there is none. */
void *vq_get_used(struct virtqueue *q, uint32_t *len);

#endif
