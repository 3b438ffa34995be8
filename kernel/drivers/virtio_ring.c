/* virtio_ring.c - see virtio_ring.h. */
#include "drivers/virtio_ring.h"

#include "drivers/virtio.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "uapi/errno.h"

/* Keeps the compiler from moving memory accesses across it; x86 keeps
 * stores in order and loads in order (SDM 3A 8.2.2), so the ring's
 * "write the entry, then the index" needs no fence instruction. */
#define barrier() __asm__ volatile("" ::: "memory")
/* Store then load (the index we published, then the device's flags):
 * the one reordering x86 does, 8.2.3.4. */
#define full_barrier() __asm__ volatile("mfence" ::: "memory")

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

struct virtqueue *vq_create(struct virtio_dev *d, unsigned idx, uint16_t max)
{
    uint16_t size = d->t->queue_max(d, idx);
    if (!size)
        return NULL;
    if (d->common) { /* modern: the driver may choose a smaller power of two */
        while (size > max && size > 1)
            size /= 2;
    }
    /* Spec 2.6.2: descriptors (16 bytes each), the available ring (6 + 2
     * per entry), then at the next 4096-byte boundary the used ring (6 +
     * 8 per entry). */
    uint64_t avail_off = 16ull * size;
    uint64_t used_off = align_up(avail_off + 6 + 2ull * size, 4096);
    uint64_t bytes = used_off + 6 + 8ull * size;
    uint64_t pages = align_up(bytes, 4096) / 4096;
    struct virtqueue *q = kzalloc(sizeof *q);
    void **cookies = kzalloc(sizeof(void *) * size);
    uint64_t pa = pmm_alloc_contig(pages, 1);
    if (!q || !cookies || !pa) {
        kfree(q);
        kfree(cookies);
        if (pa)
            pmm_free_contig(pa, pages);
        return NULL;
    }
    uint8_t *base = phys_to_virt(pa);
    memset(base, 0, pages * 4096);
    *q = (struct virtqueue){.dev = d, .index = idx, .size = size, .desc = (struct vring_desc *)base,
                            .avail = (struct vring_avail *)(base + avail_off),
                            .used = (struct vring_used *)(base + used_off), .free_head = 0, .num_free = size,
                            .last_used = 0, .cookies = cookies, .ring_pa = pa, .ring_pages = pages};
    for (uint16_t i = 0; i < size; i++)
        q->desc[i].next = (uint16_t)(i + 1); /* the free list */
    if (d->t->queue_enable(d, idx, size, pa, pa + avail_off, pa + used_off)) {
        kprintf("virtio: cannot enable queue %u (size %u)\n", idx, size);
        pmm_free_contig(pa, pages);
        kfree(cookies);
        kfree(q);
        return NULL;
    }
    return q;
}

int vq_add(struct virtqueue *q, const struct vq_buf *bufs, unsigned n, void *cookie)
{
    if (!n || n > q->size)
        return -EINVAL;
    if (n > q->num_free)
        return -EAGAIN;
    uint16_t head = q->free_head, i = head, last = head;
    for (unsigned k = 0; k < n; k++) {
        struct vring_desc *dsc = &q->desc[i];
        dsc->addr = bufs[k].pa;
        dsc->len = bufs[k].len;
        dsc->flags = (uint16_t)((bufs[k].device_writes ? VRING_DESC_F_WRITE : 0) | (k + 1 < n ? VRING_DESC_F_NEXT : 0));
        last = i;
        i = dsc->next;
    }
    q->free_head = q->desc[last].next;
    q->num_free = (uint16_t)(q->num_free - n);
    q->cookies[head] = cookie;
    /* The entry first, then the index that publishes it (2.6.13). */
    q->avail->ring[q->avail->idx % q->size] = head;
    barrier();
    q->avail->idx++;
    return 0;
}

void vq_kick(struct virtqueue *q)
{
    full_barrier();
    if (!(q->used->flags & VRING_USED_F_NO_NOTIFY))
        q->dev->t->notify(q->dev, q->index);
}

void *vq_get_used(struct virtqueue *q, uint32_t *len)
{
    if (q->last_used == *(volatile uint16_t *)&q->used->idx)
        return NULL;
    barrier(); /* the index before the element it covers */
    struct vring_used_elem e = q->used->ring[q->last_used % q->size];
    q->last_used++;
    if (e.id >= q->size || !q->cookies[e.id]) {
        kprintf("virtio: queue %u: device returned bad descriptor %u\n", q->index, e.id);
        return NULL;
    }
    void *cookie = q->cookies[e.id];
    q->cookies[e.id] = NULL;
    /* Back to the free list: the chain's descriptors, head first. */
    uint16_t i = (uint16_t)e.id, n = 1;
    while (q->desc[i].flags & VRING_DESC_F_NEXT) {
        i = q->desc[i].next;
        n++;
    }
    q->desc[i].next = q->free_head;
    q->free_head = (uint16_t)e.id;
    q->num_free = (uint16_t)(q->num_free + n);
    if (len)
        *len = e.len;
    return cookie;
}
