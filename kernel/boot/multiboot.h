/*
 * multiboot.h - parse Multiboot 1 and 2 boot information into boot_info.
 * Pure: physical addresses in the information are turned into pointers by
 * the phys callback, so host tests can feed crafted (also hostile) input.
 */
#ifndef BOOT_MULTIBOOT_H
#define BOOT_MULTIBOOT_H

#include <stdint.h>

#include "boot/boot_info.h"

#define MULTIBOOT1_BOOTLOADER_MAGIC 0x2BADB002
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36D76289

/* Returns a pointer to len readable bytes at physical address pa, or NULL
 * if that range cannot be read. */
typedef const void *(*phys_reader)(uint64_t pa, uint64_t len);

/* Fills bi from the loader's magic and info address. Returns NULL on
 * success, else a message naming what is missing or malformed. */
const char *multiboot_parse(uint32_t magic, uint64_t info_pa, phys_reader phys, struct boot_info *bi);

#endif
