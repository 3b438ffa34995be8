/*
 * virtio.h - a virtio device as its drivers (virtio_blk.c) see it,
 * whichever PCI transport carries it (Virtual I/O Device spec 1.1, 4.1):
 *   - the legacy one (spec 4.1.4.8; virtio 0.9.5): registers in I/O
 *     BAR0, 32 feature bits, rings placed by a page frame number;
 *   - the modern one (virtio 1.0, spec 4.1.4): "virtio structure"
 *     capabilities in configuration space pointing into memory BARs,
 *     64 feature bits (VIRTIO_F_VERSION_1 required), rings anywhere.
 * QEMU's transitional devices (ids 0x1000-0x103F) offer both; virtio_pci.c
 * picks the modern one unless the kernel option virtio=legacy is given.
 *
 * Device initialisation (spec 3.1.1): reset, ACKNOWLEDGE, DRIVER,
 * features, FEATURES_OK (modern), queues, DRIVER_OK. virtio_pci.c does
 * the steps up to the features and hands the device to the driver of its
 * type, which sets up its queues (virtio_ring.h) and finishes.
 */
#ifndef DRIVERS_VIRTIO_H
#define DRIVERS_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

struct pci_dev;
struct virtio_dev;

/* Device status bits (spec 2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* Device-independent feature bits (spec 6). */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* Device types (spec 5). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2

/* ISR status bits (spec 4.1.4.5). */
#define VIRTIO_ISR_QUEUE 1
#define VIRTIO_ISR_CONFIG 2

#define VIRTIO_MAX_QUEUES 4 /* queues a driver here may enable */

struct virtio_transport {
    const char *name; /* "legacy", "modern" */
    uint64_t (*get_features)(struct virtio_dev *d);
    void (*set_features)(struct virtio_dev *d, uint64_t features);
    uint8_t (*get_status)(struct virtio_dev *d);
    void (*set_status)(struct virtio_dev *d, uint8_t status);
    /* Device-specific configuration bytes (little-endian fields). */
    uint8_t (*config_read8)(struct virtio_dev *d, unsigned off);
    uint32_t (*config_read32)(struct virtio_dev *d, unsigned off);
    /* The largest size of queue idx (0: no such queue). */
    uint16_t (*queue_max)(struct virtio_dev *d, unsigned idx);
    /* Gives the device queue idx of size entries at these physical
     * addresses (laid out as the legacy transport requires: spec 2.6.2).
     * 0 or -errno. */
    int (*queue_enable)(struct virtio_dev *d, unsigned idx, uint16_t size, uint64_t desc, uint64_t avail,
                        uint64_t used);
    void (*notify)(struct virtio_dev *d, unsigned idx);
    /* Reads (and so clears, deasserting INTx) the ISR status. */
    uint8_t (*isr)(struct virtio_dev *d);
};

struct virtio_dev {
    struct pci_dev *pci;
    const struct virtio_transport *t;
    uint16_t type;     /* VIRTIO_ID_* */
    uint64_t features; /* negotiated */
    /* Transport state. */
    uint16_t iobase;   /* legacy: BAR0's ports */
    volatile uint8_t *common, *isr_reg, *device_cfg, *notify_base; /* modern: mapped structures */
    uint32_t notify_mult, notify_len;
    volatile uint8_t *notify_at[VIRTIO_MAX_QUEUES]; /* modern: each enabled queue's notify register */
    void *priv;        /* the device driver's */
};

/* A driver of one device type: probe takes the device after feature
 * negotiation has started (status ACKNOWLEDGE | DRIVER). It calls
 * virtio_negotiate, sets up its queues and virtio_driver_ok. */
struct virtio_driver {
    const char *name;
    uint16_t type;
    int (*probe)(struct virtio_dev *d);
};

/* Offers supported (a mask of feature bits the driver understands) and
 * keeps what the device has too; modern devices then must accept them
 * (FEATURES_OK). The negotiated features, in d->features. 0 or -EIO. */
int virtio_negotiate(struct virtio_dev *d, uint64_t supported);
/* The driver is ready: DRIVER_OK. */
void virtio_driver_ok(struct virtio_dev *d);
/* Gives up on the device (status FAILED). */
void virtio_fail(struct virtio_dev *d);
static inline bool virtio_has(const struct virtio_dev *d, unsigned bit) { return (d->features >> bit) & 1; }

/* The legacy and modern transports (virtio_pci_legacy.c,
 * virtio_pci_modern.c): set up d for pci function p, 0 or -errno. */
int virtio_legacy_init(struct virtio_dev *d, struct pci_dev *p);
int virtio_modern_init(struct virtio_dev *d, struct pci_dev *p);

/* Finds the virtio PCI functions and hands them to their drivers. */
void virtio_pci_init(void);

/* The drivers. */
extern const struct virtio_driver virtio_blk_driver;

#endif
