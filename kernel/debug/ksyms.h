/*
 * ksyms.h - the kernel's own symbol table, for readable backtraces.
 * The build links the kernel twice: the second link embeds the function
 * symbols of the first (tools/gen-ksyms), sorted by address.
 */
#ifndef DEBUG_KSYMS_H
#define DEBUG_KSYMS_H

#include <stddef.h>
#include <stdint.h>

/* The name of the function containing addr and addr's offset in it, or
 * NULL when addr is outside every known function. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

/* Prints addr as "0x... <name+0xoff>" on the console. */
void ksym_print(uint64_t addr);

#endif
