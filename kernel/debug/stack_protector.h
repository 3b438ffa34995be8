/*
 * stack_protector.h - the kernel is built with -fstack-protector-strong
 * -mstack-protector-guard=global: every function with a local array or an
 * address-taken local stores __stack_chk_guard below its return address on
 * entry and calls __stack_chk_fail if the copy changed by its return.
 */
#ifndef DEBUG_STACK_PROTECTOR_H
#define DEBUG_STACK_PROTECTOR_H

#include <stdint.h>

/* Sets the canary to a random value with a zero low byte. Call once, as
 * early as possible, from a function that never returns (kmain): frames
 * opened before it return with the old canary on their stack. */
void stack_protector_init(void);

/* The check's failure path (GCC emits the calls): a panic naming the
 * function whose frame was overwritten. */
__attribute__((noreturn)) void __stack_chk_fail(void);

#endif
