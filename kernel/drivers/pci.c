/* pci.c - see pci.h. */
#include "drivers/pci.h"

#include "arch/x86_64/cpu.h"
#include "lib/kprintf.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

#define CONFIG_ADDRESS 0xCF8
#define CONFIG_DATA 0xCFC

static struct pci_dev *devices, **devices_tail = &devices;
static struct pci_driver *drivers;

/* Mechanism #1's address: enable bit 31, bus, device, function, and the
 * dword-aligned register (PCI 3.0 figure 3-2). */
static uint32_t address(uint8_t bus, uint8_t slot, uint8_t func, uint16_t off)
{
    return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)slot << 11 | (uint32_t)func << 8 | (off & 0xFC);
}

static uint32_t raw_read32(uint8_t bus, uint8_t slot, uint8_t func, uint16_t off)
{
    uint64_t f = irq_save(); /* the address/data pair must not be split by another user */
    outl(CONFIG_ADDRESS, address(bus, slot, func, off));
    uint32_t v = inl(CONFIG_DATA);
    irq_restore(f);
    return v;
}

uint32_t pci_read32(const struct pci_dev *d, uint16_t off) { return raw_read32(d->bus, d->slot, d->func, off); }
uint16_t pci_read16(const struct pci_dev *d, uint16_t off) { return (uint16_t)(pci_read32(d, off) >> ((off & 2) * 8)); }
uint8_t pci_read8(const struct pci_dev *d, uint16_t off) { return (uint8_t)(pci_read32(d, off) >> ((off & 3) * 8)); }

void pci_write32(const struct pci_dev *d, uint16_t off, uint32_t v)
{
    uint64_t f = irq_save();
    outl(CONFIG_ADDRESS, address(d->bus, d->slot, d->func, off));
    outl(CONFIG_DATA, v);
    irq_restore(f);
}

/* Narrow writes go to the byte lanes of the data port (0xCFC + off % 4),
 * so neighbouring registers (the status word's write-1-to-clear bits
 * next to the command word) are not written back. */
void pci_write16(const struct pci_dev *d, uint16_t off, uint16_t v)
{
    uint64_t f = irq_save();
    outl(CONFIG_ADDRESS, address(d->bus, d->slot, d->func, off));
    outw((uint16_t)(CONFIG_DATA + (off & 2)), v);
    irq_restore(f);
}

void pci_write8(const struct pci_dev *d, uint16_t off, uint8_t v)
{
    uint64_t f = irq_save();
    outl(CONFIG_ADDRESS, address(d->bus, d->slot, d->func, off));
    outb((uint16_t)(CONFIG_DATA + (off & 3)), v);
    irq_restore(f);
}

/* Sizes BAR i (and its upper half for a 64-bit memory BAR): write all
 * ones, read back which address bits stick (PCI 3.0 6.2.5.1). Decoding
 * is off meanwhile, so the device never answers at the probe address.
 * Returns how many BAR registers it took (1 or 2). */
static int probe_bar(struct pci_dev *d, int i)
{
    uint16_t off = (uint16_t)(PCI_BAR0 + 4 * i);
    uint32_t orig = pci_read32(d, off);
    pci_write32(d, off, 0xFFFFFFFF);
    uint32_t mask = pci_read32(d, off);
    pci_write32(d, off, orig);
    struct pci_resource *r = &d->res[i];
    if (orig & 1) { /* I/O space: bits 31..2 address */
        uint32_t m = mask & ~3u;
        if (!m)
            return 1;
        m |= 0xFFFF0000u; /* devices may implement only 16 address bits */
        r->type = PCI_RES_IO;
        r->start = orig & ~3u;
        r->size = (uint32_t)(~m + 1);
        r->flags = orig & 3u;
        return 1;
    }
    int regs = 1;
    uint64_t base = orig & ~0xFull, m = mask & ~0xFull;
    if (((orig >> 1) & 3) == 2 && i < 5) { /* 64-bit: the next BAR holds bits 63..32 */
        uint32_t orig_hi = pci_read32(d, off + 4);
        pci_write32(d, off + 4, 0xFFFFFFFF);
        uint32_t mask_hi = pci_read32(d, off + 4);
        pci_write32(d, off + 4, orig_hi);
        base |= (uint64_t)orig_hi << 32;
        m |= (uint64_t)mask_hi << 32;
        regs = 2;
    } else {
        if (!m)
            return 1; /* not implemented: no address bit sticks */
        m |= 0xFFFFFFFF00000000ull;
    }
    if (!m)
        return regs;
    r->type = PCI_RES_MEM;
    r->start = base;
    r->size = ~m + 1;
    r->flags = orig & 0xFu;
    return regs;
}

static void probe_rom(struct pci_dev *d, uint16_t off)
{
    uint32_t orig = pci_read32(d, off);
    pci_write32(d, off, 0xFFFFF800u); /* bits 31..11 address; enable bit left clear while probing */
    uint32_t mask = pci_read32(d, off) & 0xFFFFF800u;
    pci_write32(d, off, orig);
    if (!mask)
        return;
    struct pci_resource *r = &d->res[PCI_ROM_RESOURCE];
    r->type = PCI_RES_MEM;
    r->start = orig & 0xFFFFF800u;
    r->size = (uint32_t)(~mask + 1);
    r->flags = orig & 1u; /* Linux shows IORESOURCE_ROM_ENABLE there */
}

static void scan_bus(uint8_t bus, int depth);

static void add_function(uint8_t bus, uint8_t slot, uint8_t func, int depth)
{
    struct pci_dev *d = kzalloc(sizeof *d);
    if (!d) {
        kprintf("pci: out of memory at %02x:%02x.%x\n", bus, slot, func);
        return;
    }
    d->bus = bus, d->slot = slot, d->func = func;
    uint32_t id = pci_read32(d, PCI_VENDOR_ID);
    d->vendor = (uint16_t)id;
    d->device = (uint16_t)(id >> 16);
    uint32_t cls = pci_read32(d, PCI_REVISION);
    d->revision = (uint8_t)cls;
    d->class_code = cls >> 8;
    d->header_type = pci_read8(d, PCI_HEADER_TYPE) & 0x7F;
    d->irq_line = pci_read8(d, PCI_INTERRUPT_LINE);
    d->irq_pin = pci_read8(d, PCI_INTERRUPT_PIN);

    uint16_t cmd = pci_read16(d, PCI_COMMAND);
    pci_write16(d, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
    int nbars = d->header_type == 0 ? 6 : d->header_type == 1 ? 2 : 0;
    for (int i = 0; i < nbars;)
        i += probe_bar(d, i);
    if (d->header_type == 0) {
        uint32_t sub = pci_read32(d, PCI_SUBSYS_VENDOR);
        d->subsys_vendor = (uint16_t)sub;
        d->subsys_device = (uint16_t)(sub >> 16);
        probe_rom(d, PCI_ROM_ADDRESS);
    } else if (d->header_type == 1) {
        probe_rom(d, PCI_ROM_ADDRESS1);
    }
    pci_write16(d, PCI_COMMAND, cmd);

    *devices_tail = d;
    devices_tail = &d->next;

    /* A PCI-to-PCI bridge (class 06.04): its secondary bus, numbered by
     * the firmware, holds more functions. */
    if (d->header_type == 1 && (d->class_code >> 8) == 0x0604) {
        uint8_t secondary = pci_read8(d, PCI_SECONDARY_BUS);
        if (secondary > bus && depth < 8)
            scan_bus(secondary, depth + 1);
    }
}

static void scan_bus(uint8_t bus, int depth)
{
    for (uint8_t slot = 0; slot < 32; slot++) {
        if ((uint16_t)raw_read32(bus, slot, 0, PCI_VENDOR_ID) == 0xFFFF)
            continue; /* no device: the bus master aborts and reads all ones */
        /* Header type bit 7: the device has functions 1-7 too. */
        uint8_t htype = (uint8_t)(raw_read32(bus, slot, 0, PCI_HEADER_TYPE) >> 16);
        int nfunc = htype & 0x80 ? 8 : 1;
        for (uint8_t func = 0; func < nfunc; func++)
            if ((uint16_t)raw_read32(bus, slot, func, PCI_VENDOR_ID) != 0xFFFF)
                add_function(bus, slot, func, depth);
    }
}

struct pci_dev *pci_devices(void) { return devices; }

static bool matches(const struct pci_driver *drv, const struct pci_dev *d)
{
    for (const struct pci_id *id = drv->ids; id->vendor; id++)
        if (id->vendor == d->vendor && (id->device == PCI_ANY_ID || id->device == d->device))
            return true;
    return false;
}

static void offer(struct pci_driver *drv, struct pci_dev *d)
{
    if (d->driver || !matches(drv, d))
        return;
    d->driver = drv; /* claimed while probing, so a nested registration skips it */
    int err = drv->probe(d);
    if (err) {
        d->driver = NULL;
        if (err != -ENODEV) /* ENODEV: not one it drives (a virtio device of another type) */
            kprintf("pci: %02x:%02x.%x: %s failed (error %d)\n", d->bus, d->slot, d->func, drv->name, err);
    }
}

void pci_register_driver(struct pci_driver *drv)
{
    drv->next = drivers;
    drivers = drv;
    for (struct pci_dev *d = devices; d; d = d->next)
        offer(drv, d);
}

static bool scanned;

void pci_init(void)
{
    if (scanned)
        return;
    scanned = true;
    scan_bus(0, 0);
    int n = 0;
    for (struct pci_dev *d = devices; d; d = d->next)
        n++;
    kprintf("pci: %d functions\n", n);
}

void pci_enable(struct pci_dev *d)
{
    uint16_t cmd = pci_read16(d, PCI_COMMAND);
    for (int i = 0; i < 6; i++) {
        if (d->res[i].type == PCI_RES_IO)
            cmd |= PCI_COMMAND_IO;
        else if (d->res[i].type == PCI_RES_MEM)
            cmd |= PCI_COMMAND_MEMORY;
    }
    cmd |= PCI_COMMAND_MASTER;
    cmd &= (uint16_t)~PCI_COMMAND_INTX_DISABLE;
    pci_write16(d, PCI_COMMAND, cmd);
}

uint8_t pci_find_cap(const struct pci_dev *d, uint8_t id, uint8_t from)
{
    if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
        return 0;
    uint8_t off = from ? pci_read8(d, (uint16_t)(from + 1)) : pci_read8(d, PCI_CAP_PTR);
    /* The list lives in the device-dependent part (0x40-0xFF); 48 steps
     * bound a malformed, looping list. */
    for (int steps = 0; off >= 0x40 && steps < 48; steps++) {
        off &= 0xFC;
        if (pci_read8(d, off) == id)
            return off;
        off = pci_read8(d, (uint16_t)(off + 1));
    }
    return 0;
}
