/*
 * virtio_pci_modern.c - the virtio 1.0 PCI transport (virtio spec 1.1
 * 4.1.4): vendor-specific capabilities (id 0x09) name where, in which
 * memory BAR, the common configuration, the notification area, the ISR
 * status and the device-specific configuration live. Each is mapped
 * uncached (mm/ioremap.h). All fields are little-endian, as x86 is.
 */
#include "drivers/pci.h"
#include "drivers/virtio.h"
#include "lib/kprintf.h"
#include "mm/ioremap.h"
#include "uapi/errno.h"

/* struct virtio_pci_cap's cfg_type (spec 4.1.4). */
#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR 3
#define CAP_DEVICE 4

/* struct virtio_pci_common_cfg (spec 4.1.4.3). */
#define C_DFSELECT 0x00
#define C_DF 0x04
#define C_GFSELECT 0x08
#define C_GF 0x0C
#define C_MSIX 0x10
#define C_NUMQ 0x12
#define C_STATUS 0x14
#define C_CFGGEN 0x15
#define C_QSELECT 0x16
#define C_QSIZE 0x18
#define C_QMSIX 0x1A
#define C_QENABLE 0x1C
#define C_QNOTIFYOFF 0x1E
#define C_QDESC 0x20
#define C_QAVAIL 0x28
#define C_QUSED 0x30

#define VIRTIO_MSI_NO_VECTOR 0xFFFF

static uint64_t get_features(struct virtio_dev *d)
{
    mmio_write32(d->common + C_DFSELECT, 0);
    uint64_t lo = mmio_read32(d->common + C_DF);
    mmio_write32(d->common + C_DFSELECT, 1);
    uint64_t hi = mmio_read32(d->common + C_DF);
    return lo | hi << 32;
}

static void set_features(struct virtio_dev *d, uint64_t f)
{
    mmio_write32(d->common + C_GFSELECT, 0);
    mmio_write32(d->common + C_GF, (uint32_t)f);
    mmio_write32(d->common + C_GFSELECT, 1);
    mmio_write32(d->common + C_GF, (uint32_t)(f >> 32));
}

static uint8_t get_status(struct virtio_dev *d) { return mmio_read8(d->common + C_STATUS); }
static void set_status(struct virtio_dev *d, uint8_t s) { mmio_write8(d->common + C_STATUS, s); }

/* A field that may change while being read (the capacity) is read until
 * config_generation stays the same around it (spec 4.1.4.3.1). Single
 * fields of 32 bits or less are atomic anyway. */
static uint8_t config_read8(struct virtio_dev *d, unsigned off) { return mmio_read8(d->device_cfg + off); }
static uint32_t config_read32(struct virtio_dev *d, unsigned off) { return mmio_read32(d->device_cfg + off); }

static uint16_t queue_max(struct virtio_dev *d, unsigned idx)
{
    if (idx >= mmio_read16(d->common + C_NUMQ))
        return 0;
    mmio_write16(d->common + C_QSELECT, (uint16_t)idx);
    return mmio_read16(d->common + C_QSIZE);
}

static void write64(volatile uint8_t *p, uint64_t v)
{
    /* Two 32-bit accesses, low half first (spec 4.1.3.1 allows it). */
    mmio_write32(p, (uint32_t)v);
    mmio_write32(p + 4, (uint32_t)(v >> 32));
}

static int queue_enable(struct virtio_dev *d, unsigned idx, uint16_t size, uint64_t desc, uint64_t avail,
                        uint64_t used)
{
    mmio_write16(d->common + C_QSELECT, (uint16_t)idx);
    uint16_t max = mmio_read16(d->common + C_QSIZE);
    if (!size || size > max || (size & (size - 1)) || idx >= VIRTIO_MAX_QUEUES)
        return -EINVAL;
    mmio_write16(d->common + C_QSIZE, size);
    mmio_write16(d->common + C_QMSIX, VIRTIO_MSI_NO_VECTOR); /* INTx only */
    write64(d->common + C_QDESC, desc);
    write64(d->common + C_QAVAIL, avail);
    write64(d->common + C_QUSED, used);
    /* Where this queue's notifications go (4.1.4.4): found once, so a
     * notification is one register write. */
    uint64_t at = (uint64_t)mmio_read16(d->common + C_QNOTIFYOFF) * d->notify_mult;
    if (at + 2 > d->notify_len)
        return -EIO; /* outside the notification structure the capability gave */
    d->notify_at[idx] = d->notify_base + at;
    mmio_write16(d->common + C_QENABLE, 1);
    return 0;
}

static void notify(struct virtio_dev *d, unsigned idx) { mmio_write16(d->notify_at[idx], (uint16_t)idx); }

static uint8_t isr(struct virtio_dev *d) { return mmio_read8(d->isr_reg); }

static const struct virtio_transport modern = {
    .name = "modern", .get_features = get_features, .set_features = set_features, .get_status = get_status,
    .set_status = set_status, .config_read8 = config_read8, .config_read32 = config_read32,
    .queue_max = queue_max, .queue_enable = queue_enable, .notify = notify, .isr = isr,
};

/* Maps the structure a capability at cap describes; NULL if it is not in
 * a memory BAR that holds it. */
static volatile uint8_t *map_cap(struct pci_dev *p, uint8_t cap, uint32_t min_len, uint32_t *len_out)
{
    uint8_t bar = pci_read8(p, (uint16_t)(cap + 4));
    uint32_t off = pci_read32(p, (uint16_t)(cap + 8)), len = pci_read32(p, (uint16_t)(cap + 12));
    if (bar > 5 || p->res[bar].type != PCI_RES_MEM || len < min_len || (uint64_t)off + len > p->res[bar].size)
        return NULL;
    if (len_out)
        *len_out = len;
    return ioremap(p->res[bar].start + off, len);
}

int virtio_modern_init(struct virtio_dev *d, struct pci_dev *p)
{
    volatile uint8_t *common = NULL, *isr_reg = NULL, *device_cfg = NULL, *notify_base = NULL;
    uint32_t mult = 0, notify_len = 0;
    /* The first capability of each type the driver can use is the one
     * to use (spec 4.1.4: "the driver SHOULD use the first"). */
    for (uint8_t cap = pci_find_cap(p, PCI_CAP_ID_VNDR, 0); cap; cap = pci_find_cap(p, PCI_CAP_ID_VNDR, cap)) {
        uint8_t type = pci_read8(p, (uint16_t)(cap + 3));
        if (type == CAP_COMMON && !common)
            common = map_cap(p, cap, 0x38, NULL);
        else if (type == CAP_ISR && !isr_reg)
            isr_reg = map_cap(p, cap, 1, NULL);
        else if (type == CAP_DEVICE && !device_cfg)
            device_cfg = map_cap(p, cap, 1, NULL);
        else if (type == CAP_NOTIFY && !notify_base) {
            notify_base = map_cap(p, cap, 2, &notify_len);
            mult = pci_read32(p, (uint16_t)(cap + 16));
        }
    }
    if (!common || !isr_reg || !notify_base || !device_cfg)
        return -ENODEV;
    d->common = common, d->isr_reg = isr_reg, d->device_cfg = device_cfg, d->notify_base = notify_base;
    d->notify_mult = mult;
    d->notify_len = notify_len;
    d->t = &modern;
    return 0;
}
