/*
 * stack_protector.c - see stack_protector.h.
 *
 * Why a global guard and not %gs:40 (Linux's per-CPU, per-task canary):
 * GCC reads a %gs guard in every protected function, so it would have to
 * be right from the first C instruction and in every window where GS holds
 * the user's base (entry before swapgs); a global symbol needs no setup and
 * Tiny OS has one CPU. The price is one canary for all threads of a boot:
 * a leak from any kernel stack reveals it until the next boot.
 */
#include "debug/stack_protector.h"

#include "debug/ksyms.h"
#include "lib/kprintf.h"
#include "lib/random.h"

/* 0 until stack_protector_init: what functions entered before it save. */
uint64_t __stack_chk_guard;

/* Not protected itself: its own frame would be checked against the value
 * it just changed. Its caller is kmain (below the boot stub, no return
 * address to protect), which never returns for the same reason. The
 * random_u64 call returns before the guard changes, so it may be
 * protected. */
__attribute__((no_stack_protector, noinline)) void stack_protector_init(void)
{
    /* The low byte zero, as glibc does: string functions (strcpy, %s)
     * that overrun a buffer stop at the NUL, so they can neither copy the
     * canary out to whoever reads the string, nor write a forged one back
     * and carry on past it. 56 random bits remain. */
    __stack_chk_guard = random_u64() & ~0xffull;
}

/* The call is the last thing the checking function does; its return
 * address may be the first byte of the next function, hence the - 1. */
__attribute__((no_stack_protector, noreturn)) void __stack_chk_fail(void)
{
    uint64_t ret = (uint64_t)__builtin_return_address(0);
    uint64_t off = 0;
    const char *name = ksym_lookup(ret - 1, &off);
    /* Linux's wording, so the same grep finds both */
    panic("stack-protector: Kernel stack is corrupted in: %s+0x%lx (return address 0x%016lx)", name ? name : "?",
          off + 1, ret);
}
