/* trap.h - what happens after isr.S saved the registers. */
#ifndef ARCH_X86_64_TRAP_H
#define ARCH_X86_64_TRAP_H

#include <stdbool.h>

#include "arch/x86_64/trap_frame.h"

/* Called by isr.S for every vector. */
void trap_dispatch(struct trap_frame *f);

/* The process layer's say on an exception (kernel/proc/fault.c). It
 * always returns: true when it was handled - a page brought in, or a
 * signal queued for the user process at fault (SIGSEGV, SIGKILL when out
 * of memory...), which return_to_user then delivers or dies of on the
 * way out; false, for a kernel fault it cannot resolve, leaves it to the
 * exception table or a panic. */
bool fault_handle(struct trap_frame *f);

/* The process layer's work before a frame returns to ring 3 (a
 * reschedule, signals): kernel/proc/sched.c. */
void return_to_user(struct trap_frame *f);

/* "Page fault" for 14, and so on; "Interrupt" past 31. */
const char *trap_vector_name(uint64_t vector);

/* Prints the full panic report for f (vector, error code, RIP with symbol,
 * CR2, registers, backtrace) and stops the machine. */
__attribute__((noreturn)) void trap_panic(const struct trap_frame *f);

#endif
