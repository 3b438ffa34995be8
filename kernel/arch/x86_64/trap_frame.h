/*
 * trap_frame.h - the register frame that isr.S builds on the kernel stack
 * for every interrupt and exception, and syscall.S for every system call.
 * Its order is the push order (frame_macros.h and the stubs) reversed;
 * the assembly reaches fields through frame_offsets.h, checked below.
 */
#ifndef ARCH_X86_64_TRAP_FRAME_H
#define ARCH_X86_64_TRAP_FRAME_H

#include <stdint.h>

#include "arch/x86_64/frame_offsets.h"

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error_code; /* 0 for vectors without one */
    /* Pushed by the CPU (Intel SDM 3A 6.14.2, 64-bit mode stack frame). */
    uint64_t rip, cs, rflags, rsp, ss;
};

#define TRAP_FRAME_AT(field, off) \
    _Static_assert(__builtin_offsetof(struct trap_frame, field) == (off), "frame_offsets.h: " #field)
TRAP_FRAME_AT(r15, FRAME_R15);
TRAP_FRAME_AT(r14, FRAME_R14);
TRAP_FRAME_AT(r13, FRAME_R13);
TRAP_FRAME_AT(r12, FRAME_R12);
TRAP_FRAME_AT(r11, FRAME_R11);
TRAP_FRAME_AT(r10, FRAME_R10);
TRAP_FRAME_AT(r9, FRAME_R9);
TRAP_FRAME_AT(r8, FRAME_R8);
TRAP_FRAME_AT(rbp, FRAME_RBP);
TRAP_FRAME_AT(rdi, FRAME_RDI);
TRAP_FRAME_AT(rsi, FRAME_RSI);
TRAP_FRAME_AT(rdx, FRAME_RDX);
TRAP_FRAME_AT(rcx, FRAME_RCX);
TRAP_FRAME_AT(rbx, FRAME_RBX);
TRAP_FRAME_AT(rax, FRAME_RAX);
TRAP_FRAME_AT(vector, FRAME_VECTOR);
TRAP_FRAME_AT(error_code, FRAME_ERROR_CODE);
TRAP_FRAME_AT(rip, FRAME_RIP);
TRAP_FRAME_AT(cs, FRAME_CS);
TRAP_FRAME_AT(rflags, FRAME_RFLAGS);
TRAP_FRAME_AT(rsp, FRAME_RSP);
TRAP_FRAME_AT(ss, FRAME_SS);
#undef TRAP_FRAME_AT
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame_offsets.h: FRAME_SIZE");

static inline int trap_from_user(const struct trap_frame *f) { return (f->cs & 3) == 3; }

#endif
