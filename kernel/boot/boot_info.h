/*
 * boot_info.h - what the boot loader told us, in one loader-independent
 * form. multiboot.c fills it from Multiboot 1 (QEMU -kernel) or Multiboot 2
 * (GRUB) information.
 */
#ifndef BOOT_BOOT_INFO_H
#define BOOT_BOOT_INFO_H

#include <stdint.h>

#define BOOT_MAX_REGIONS 64
#define BOOT_MAX_MODULES 8
#define BOOT_MAX_RESERVED 16

/* Memory map types, as in the Multiboot / E820 maps. */
#define MEM_USABLE 1
#define MEM_RESERVED 2
#define MEM_ACPI_RECLAIMABLE 3
#define MEM_ACPI_NVS 4
#define MEM_BAD 5

struct mem_region {
    uint64_t base, length;
    uint32_t type;
};

struct boot_module {
    uint64_t start, end; /* physical, end exclusive */
    const char *cmdline;
};

/* A physical range the boot data occupies: the allocator must not hand
 * it out while the kernel still reads it. */
struct phys_range {
    uint64_t start, end;
};

struct boot_info {
    const char *protocol;    /* "Multiboot 1" or "Multiboot 2" */
    const char *loader_name; /* may be NULL */
    const char *cmdline;     /* never NULL ("" when absent) */
    struct mem_region regions[BOOT_MAX_REGIONS];
    int nregions;
    struct boot_module modules[BOOT_MAX_MODULES];
    int nmodules;
    struct phys_range reserved[BOOT_MAX_RESERVED];
    int nreserved;
};

#endif
