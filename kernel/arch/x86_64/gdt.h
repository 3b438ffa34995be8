/*
 * gdt.h - segment selectors, laid out like Linux's so user programs see the
 * same CS/SS values (0x33/0x2b) they see on Linux.
 *
 * SYSCALL loads CS = STAR[47:32] and SS = that + 8; SYSRET (64-bit) loads
 * CS = STAR[63:48] + 16 and SS = STAR[63:48] + 8 (Intel SDM 2B, SYSCALL and
 * SYSRET). Hence kernel data right after kernel code, and user data right
 * between the 32-bit user code and the 64-bit user code.
 */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#define GDT_KERNEL_CS 0x10
#define GDT_KERNEL_DS 0x18
#define GDT_USER32_CS 0x23 /* unused, but SYSRET's base */
#define GDT_USER_DS 0x2B
#define GDT_USER_CS 0x33
#define GDT_TSS 0x40

/* Interrupt Stack Table slots (TSS.IST1..7) used by the IDT. */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3

#ifndef __ASSEMBLER__
#include <stdint.h>

void gdt_init(void);
/* The stack the CPU switches to on an interrupt from ring 3. */
void tss_set_rsp0(uint64_t rsp0);
#endif

#endif
