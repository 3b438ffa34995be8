/*
 * extable.h - exception fixups. An instruction that may fault on purpose
 * (touching a user pointer, probing an address) is listed in the __ex_table
 * section with the address to resume at. When it faults in ring 0,
 * trap_dispatch finds it here and resumes at the fixup instead of
 * panicking. This is Linux's mechanism (Documentation/x86/exception-tables)
 * and the only way the kernel survives its own faults.
 */
#ifndef ARCH_X86_64_EXTABLE_H
#define ARCH_X86_64_EXTABLE_H

#ifdef __ASSEMBLER__
#define EXTABLE_ENTRY(from, to) \
    .pushsection __ex_table, "a"; \
    .balign 8;                    \
    .quad from, to;               \
    .popsection
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/trap_frame.h"

struct extable_entry {
    uint64_t fault_rip;
    uint64_t fixup_rip;
};

/* If f faulted at a listed instruction, points it at the fixup. */
bool extable_fixup(struct trap_frame *f);
/* The entry for rip, or NULL. */
const struct extable_entry *extable_lookup(uint64_t rip);

/* Probes built on the table: 0 on success, -EFAULT if the access faults. */
int probe_read_u64(const void *addr, uint64_t *out);
int probe_write_u8(void *addr, uint8_t value);
#endif

#endif
