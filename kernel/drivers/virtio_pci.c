/*
 * virtio_pci.c - virtio devices on PCI (vendor 0x1AF4, spec 4.1.2):
 * transitional devices 0x1000-0x103F (the device type in the subsystem
 * id) and virtio 1.0 devices 0x1040 + type. The function is enabled, a
 * transport chosen (virtio.h), the device reset and acknowledged, and
 * handed to the driver of its type.
 */
#include "boot/options.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

#define VIRTIO_VENDOR 0x1AF4

static const struct virtio_driver *const drivers[] = {&virtio_blk_driver, NULL};

int virtio_negotiate(struct virtio_dev *d, uint64_t supported)
{
    bool modern = d->common != NULL;
    if (modern)
        supported |= 1ull << VIRTIO_F_VERSION_1; /* required of a modern driver (spec 6.1) */
    else
        supported &= 0xFFFFFFFFull;
    uint64_t offered = d->t->get_features(d);
    d->features = offered & supported;
    if (modern && !virtio_has(d, VIRTIO_F_VERSION_1))
        return -EIO;
    d->t->set_features(d, d->features);
    if (modern) { /* spec 3.1.1 steps 5-6: the device may refuse the subset */
        d->t->set_status(d, d->t->get_status(d) | VIRTIO_STATUS_FEATURES_OK);
        if (!(d->t->get_status(d) & VIRTIO_STATUS_FEATURES_OK))
            return -EIO;
    }
    return 0;
}

void virtio_driver_ok(struct virtio_dev *d) { d->t->set_status(d, d->t->get_status(d) | VIRTIO_STATUS_DRIVER_OK); }

void virtio_fail(struct virtio_dev *d) { d->t->set_status(d, d->t->get_status(d) | VIRTIO_STATUS_FAILED); }

static int virtio_probe(struct pci_dev *p)
{
    uint16_t type;
    if (p->device >= 0x1000 && p->device <= 0x103F)
        type = p->subsys_device; /* transitional: spec 4.1.2.3 */
    else if (p->device >= 0x1040 && p->device <= 0x107F)
        type = (uint16_t)(p->device - 0x1040);
    else
        return -ENODEV;
    const struct virtio_driver *drv = NULL;
    for (int i = 0; drivers[i]; i++)
        if (drivers[i]->type == type)
            drv = drivers[i];
    if (!drv)
        return -ENODEV;
    struct virtio_dev *d = kzalloc(sizeof *d);
    if (!d)
        return -ENOMEM;
    d->pci = p;
    d->type = type;
    const char *want = option("virtio");
    bool legacy_only = want && !strcmp(want, "legacy");
    pci_enable(p);
    int err = legacy_only ? -ENODEV : virtio_modern_init(d, p);
    if (err)
        err = virtio_legacy_init(d, p);
    if (err) {
        kfree(d);
        return err;
    }
    /* Spec 3.1.1: reset (writing 0; a modern device reads 0 once done),
     * then ACKNOWLEDGE and DRIVER. */
    d->t->set_status(d, 0);
    for (int i = 0; i < 1000000 && d->t->get_status(d) != 0; i++)
        ;
    d->t->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
    d->t->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    kprintf("virtio: %02x:%02x.%x type %u (%s transport), irq %u\n", p->bus, p->slot, p->func, type, d->t->name,
            p->irq_line);
    err = drv->probe(d);
    if (err) {
        virtio_fail(d);
        kfree(d);
    }
    return err;
}

static const struct pci_id virtio_ids[] = {{VIRTIO_VENDOR, PCI_ANY_ID}, {0, 0}};
/* Linux's name for the PCI driver behind every virtio device. */
static struct pci_driver virtio_pci_driver = {.name = "virtio-pci", .ids = virtio_ids, .probe = virtio_probe};

void virtio_pci_init(void) { pci_register_driver(&virtio_pci_driver); }
