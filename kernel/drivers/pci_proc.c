/* pci_proc.c - see pci_proc.h. */
#include "drivers/pci_proc.h"

#include "drivers/pci.h"
#include "lib/format.h"

long pci_proc_devices(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t len = 0;
#define EMIT(...) len += (size_t)ksnprintf(buf + (len < size ? len : size), len < size ? size - len : 0, __VA_ARGS__)
    for (const struct pci_dev *d = pci_devices(); d; d = d->next) {
        unsigned devfn = (unsigned)d->slot << 3 | d->func;
        /* Linux shows 0 for "no interrupt" (dev->irq), not the 0xFF the line register holds. */
        unsigned irq = d->irq_pin && d->irq_line != 0xFF ? d->irq_line : 0;
        EMIT("%02x%02x\t%04x%04x\t%x", d->bus, devfn, d->vendor, d->device, irq);
        for (int i = 0; i < PCI_NUM_RESOURCES; i++)
            EMIT("\t%16lx", d->res[i].size ? d->res[i].start | d->res[i].flags : 0);
        for (int i = 0; i < PCI_NUM_RESOURCES; i++)
            EMIT("\t%16lx", d->res[i].size);
        EMIT("\t%s\n", d->driver ? d->driver->name : "");
    }
#undef EMIT
    return (long)len;
}
