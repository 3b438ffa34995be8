/*
 * pci.h - the PCI bus: every function found through configuration
 * mechanism #1 (I/O ports 0xCF8/0xCFC, PCI Local Bus Specification 3.0
 * section 3.2.2.3.2), its identity, base address registers and interrupt
 * line, and the drivers that claim functions by vendor and device id.
 *
 * pci_init walks bus 0 and every bus behind a PCI-to-PCI bridge, probing
 * each function's BARs (sizes by writing all ones, spec 6.2.5.1) once, at
 * boot. A driver registered with pci_register_driver is offered every
 * function it matches that no driver has yet; its probe returns 0 to keep
 * the function (pci_enable then turns on decoding and bus mastering).
 * /proc/bus/pci/devices lists them in Linux's format (pci_proc.c).
 */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Configuration space registers (type 0 and 1 headers share the first 16 bytes). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08
#define PCI_CLASS_PROG 0x09
#define PCI_HEADER_TYPE 0x0E
#define PCI_BAR0 0x10
#define PCI_SUBSYS_VENDOR 0x2C
#define PCI_SUBSYS_ID 0x2E
#define PCI_ROM_ADDRESS 0x30
#define PCI_CAP_PTR 0x34
#define PCI_INTERRUPT_LINE 0x3C
#define PCI_INTERRUPT_PIN 0x3D
#define PCI_SECONDARY_BUS 0x19 /* type 1 (bridge) headers */
#define PCI_ROM_ADDRESS1 0x38  /* a bridge's expansion ROM */

#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4
#define PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS_CAP_LIST 0x10

#define PCI_CAP_ID_VNDR 0x09 /* vendor-specific capability (virtio's) */

/* One of a function's regions: BARs 0-5 and the expansion ROM (index 6),
 * as Linux's resources. */
#define PCI_NUM_RESOURCES 7
#define PCI_ROM_RESOURCE 6

enum pci_res_type { PCI_RES_NONE, PCI_RES_IO, PCI_RES_MEM };

struct pci_resource {
    enum pci_res_type type;
    uint64_t start; /* bus (= physical) address or I/O port */
    uint64_t size;  /* 0: not implemented */
    uint32_t flags; /* the BAR's low bits (I/O: bit 0; memory: type and prefetchable, bits 0-3) */
};

struct pci_driver;

struct pci_dev {
    uint8_t bus, slot, func;
    uint16_t vendor, device;
    uint16_t subsys_vendor, subsys_device;
    uint32_t class_code;  /* class << 16 | subclass << 8 | prog-if */
    uint8_t revision;
    uint8_t header_type;  /* bits 0-6: 0 device, 1 bridge, 2 CardBus */
    uint8_t irq_line;     /* what the firmware routed INTx to (0xFF: none) */
    uint8_t irq_pin;      /* 1-4: INTA#-INTD#; 0: none */
    struct pci_resource res[PCI_NUM_RESOURCES];
    const struct pci_driver *driver; /* the driver that claimed it, or NULL */
    void *driver_data;
    struct pci_dev *next;
};

struct pci_id {
    uint16_t vendor, device; /* device PCI_ANY_ID: every device of the vendor */
};
#define PCI_ANY_ID 0xFFFF

struct pci_driver {
    const char *name;        /* /proc/bus/pci/devices' last column */
    const struct pci_id *ids; /* terminated by a vendor of 0 */
    /* 0 claims the function; -errno leaves it to other drivers. */
    int (*probe)(struct pci_dev *dev);
    struct pci_driver *next;
};

uint8_t pci_read8(const struct pci_dev *d, uint16_t off);
uint16_t pci_read16(const struct pci_dev *d, uint16_t off);
uint32_t pci_read32(const struct pci_dev *d, uint16_t off);
void pci_write8(const struct pci_dev *d, uint16_t off, uint8_t v);
void pci_write16(const struct pci_dev *d, uint16_t off, uint16_t v);
void pci_write32(const struct pci_dev *d, uint16_t off, uint32_t v);

/* Enumerates the bus (once). */
void pci_init(void);
/* Offers drv every unclaimed function it matches. */
void pci_register_driver(struct pci_driver *drv);
/* The functions found, in bus/device/function order. */
struct pci_dev *pci_devices(void);

/* Turns on the decoding of the function's implemented regions and bus
 * mastering (DMA), and lets it raise INTx. */
void pci_enable(struct pci_dev *d);
/* The offset of the first capability of type id after offset from (0:
 * from the start of the list), or 0. */
uint8_t pci_find_cap(const struct pci_dev *d, uint8_t id, uint8_t from);

#endif
