/*
 * pci_proc.h - /proc/bus/pci/devices, in Linux's format
 * (drivers/pci/proc.c show_device): one line per function, tab-separated:
 * bus and devfn ("%02x%02x"), vendor and device ("%04x%04x"), the IRQ
 * (hex), the seven regions' start addresses with their BAR flag bits, the
 * seven sizes (each "%16llx"), and the driver's name (empty when none).
 * lspci -b reads this file when sysfs is missing.
 */
#ifndef DRIVERS_PCI_PROC_H
#define DRIVERS_PCI_PROC_H

#include <stddef.h>

long pci_proc_devices(int pid, char *buf, size_t size);

#endif
