/* stack_guard.c - see stack_guard.h. Only the boot stack exists so far;
 * per-thread kernel stacks will register here when processes arrive. */
#include "arch/x86_64/stack_guard.h"

#include <stddef.h>

#include "arch/x86_64/layout.h"

extern char boot_stack_guard[];

const char *stack_guard_owner(uint64_t addr)
{
    uint64_t g = (uint64_t)boot_stack_guard;
    if (addr >= g && addr < g + PAGE_SIZE)
        return "the boot stack";
    return NULL;
}
