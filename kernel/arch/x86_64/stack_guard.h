/*
 * stack_guard.h - kernel stacks have an unmapped guard page below them.
 * The double-fault handler asks which stack a faulting address belongs to,
 * to report an overflow by name.
 */
#ifndef ARCH_X86_64_STACK_GUARD_H
#define ARCH_X86_64_STACK_GUARD_H

#include <stdint.h>

/* The name of the stack whose guard page holds addr, or NULL. */
const char *stack_guard_owner(uint64_t addr);

#endif
