/*
 * trap_frame.h - the register frame that isr.S builds on the kernel stack
 * for every interrupt and exception. Its order is the push order in
 * isr.S (reversed); keep the two in step.
 */
#ifndef ARCH_X86_64_TRAP_FRAME_H
#define ARCH_X86_64_TRAP_FRAME_H

#include <stdint.h>

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error_code; /* 0 for vectors without one */
    /* Pushed by the CPU (Intel SDM 3A 6.14.2, 64-bit mode stack frame). */
    uint64_t rip, cs, rflags, rsp, ss;
};

static inline int trap_from_user(const struct trap_frame *f) { return (f->cs & 3) == 3; }

#endif
