/* stack_guard.c - see stack_guard.h: the boot stack, and the process
 * kernel stacks laid out as layout.h says. */
#include "arch/x86_64/stack_guard.h"

#include <stddef.h>

#include "arch/x86_64/layout.h"

extern char boot_stack_guard[];

const char *stack_guard_owner(uint64_t addr)
{
    uint64_t g = (uint64_t)boot_stack_guard;
    if (addr >= g && addr < g + PAGE_SIZE)
        return "the boot stack";
    /* Process kernel stacks: the lower half of each slot is the guard. */
    if (addr >= KSTACKS_BASE && addr < KSTACKS_BASE + (uint64_t)KSTACK_SLOTS * KSTACK_SLOT &&
        (addr - KSTACKS_BASE) % KSTACK_SLOT < KSTACK_SLOT - KERNEL_STACK_SIZE)
        return "a process kernel stack";
    return NULL;
}
