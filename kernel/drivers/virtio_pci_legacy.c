/*
 * virtio_pci_legacy.c - the legacy virtio PCI transport (virtio spec 1.1
 * 4.1.4.8, "Legacy Interfaces: A Note on PCI Device Layout"): every
 * register in I/O BAR0, little-endian, 32 feature bits. Without MSI-X
 * (never enabled here) the device-specific configuration starts at 0x14.
 */
#include "arch/x86_64/cpu.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"
#include "uapi/errno.h"

#define REG_DEVICE_FEATURES 0x00 /* 32 bits, read-only */
#define REG_GUEST_FEATURES 0x04  /* 32 bits */
#define REG_QUEUE_PFN 0x08       /* 32 bits: the ring's physical address >> 12 */
#define REG_QUEUE_SIZE 0x0C      /* 16 bits, read-only */
#define REG_QUEUE_SELECT 0x0E    /* 16 bits */
#define REG_QUEUE_NOTIFY 0x10    /* 16 bits */
#define REG_STATUS 0x12          /* 8 bits */
#define REG_ISR 0x13             /* 8 bits, read to clear */
#define REG_CONFIG 0x14          /* device-specific, without MSI-X */

static uint16_t port(struct virtio_dev *d, unsigned off) { return (uint16_t)(d->iobase + off); }

static uint64_t get_features(struct virtio_dev *d) { return inl(port(d, REG_DEVICE_FEATURES)); }
static void set_features(struct virtio_dev *d, uint64_t f) { outl(port(d, REG_GUEST_FEATURES), (uint32_t)f); }
static uint8_t get_status(struct virtio_dev *d) { return inb(port(d, REG_STATUS)); }
static void set_status(struct virtio_dev *d, uint8_t s) { outb(port(d, REG_STATUS), s); }
static uint8_t config_read8(struct virtio_dev *d, unsigned off) { return inb(port(d, REG_CONFIG + off)); }
static uint32_t config_read32(struct virtio_dev *d, unsigned off) { return inl(port(d, REG_CONFIG + off)); }

static uint16_t queue_max(struct virtio_dev *d, unsigned idx)
{
    outw(port(d, REG_QUEUE_SELECT), (uint16_t)idx);
    return inw(port(d, REG_QUEUE_SIZE));
}

/* The legacy device computes the avail and used rings' places from the
 * queue's size and one page frame number (spec 2.6.2): the ring must be
 * laid out exactly so, and the size is the device's own. */
static int queue_enable(struct virtio_dev *d, unsigned idx, uint16_t size, uint64_t desc, uint64_t avail,
                        uint64_t used)
{
    outw(port(d, REG_QUEUE_SELECT), (uint16_t)idx);
    uint16_t want = inw(port(d, REG_QUEUE_SIZE));
    uint64_t expect_used = (avail + 6 + 2ull * size + 4095) & ~4095ull;
    if (size != want || desc % 4096 || avail != desc + 16ull * size || used != expect_used || (desc >> 12) >> 32)
        return -EINVAL;
    outl(port(d, REG_QUEUE_PFN), (uint32_t)(desc >> 12));
    return 0;
}

static void notify(struct virtio_dev *d, unsigned idx) { outw(port(d, REG_QUEUE_NOTIFY), (uint16_t)idx); }
static uint8_t isr(struct virtio_dev *d) { return inb(port(d, REG_ISR)); }

static const struct virtio_transport legacy = {
    .name = "legacy", .get_features = get_features, .set_features = set_features, .get_status = get_status,
    .set_status = set_status, .config_read8 = config_read8, .config_read32 = config_read32,
    .queue_max = queue_max, .queue_enable = queue_enable, .notify = notify, .isr = isr,
};

int virtio_legacy_init(struct virtio_dev *d, struct pci_dev *p)
{
    if (p->res[0].type != PCI_RES_IO || p->res[0].size < REG_CONFIG)
        return -ENODEV;
    d->iobase = (uint16_t)p->res[0].start;
    d->t = &legacy;
    return 0;
}
