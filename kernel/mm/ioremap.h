/*
 * ioremap.h - device memory (a PCI memory BAR: registers, not RAM) in
 * the kernel's address space. The direct map covers RAM only, and with
 * write-back caching; device registers need strong uncacheable mappings
 * (PCD and PWT set, PAT entry 3 at reset: Intel SDM 3A 11.12.3), so that
 * every load and store reaches the device, in program order.
 */
#ifndef MM_IOREMAP_H
#define MM_IOREMAP_H

#include <stddef.h>
#include <stdint.h>

/* A kernel address for size bytes of device memory at physical address
 * pa, mapped uncached and not executable; NULL when the area is full or
 * memory for page tables runs out. Mappings are never taken down (devices
 * are found once, at boot). */
void *ioremap(uint64_t pa, uint64_t size);

/* Accessors: volatile, so each is exactly one access of that width. */
static inline uint8_t mmio_read8(const volatile void *p) { return *(const volatile uint8_t *)p; }
static inline uint16_t mmio_read16(const volatile void *p) { return *(const volatile uint16_t *)p; }
static inline uint32_t mmio_read32(const volatile void *p) { return *(const volatile uint32_t *)p; }
static inline void mmio_write8(volatile void *p, uint8_t v) { *(volatile uint8_t *)p = v; }
static inline void mmio_write16(volatile void *p, uint16_t v) { *(volatile uint16_t *)p = v; }
static inline void mmio_write32(volatile void *p, uint32_t v) { *(volatile uint32_t *)p = v; }

#endif
