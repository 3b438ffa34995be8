/*
 * fpu.h - saving and restoring the user's x87/SSE/AVX registers. The
 * kernel itself never touches them (-mgeneral-regs-only), so they are
 * swapped only when the scheduler switches processes and when a signal
 * handler runs. XSAVE is used when the CPU has it (it covers AVX), else
 * FXSAVE (x87 + SSE, 512 bytes).
 */
#ifndef ARCH_X86_64_FPU_H
#define ARCH_X86_64_FPU_H

#include <stddef.h>

#define FPU_AREA_MAX 4096 /* enough for XSAVE with x87|SSE|AVX (576 + 256) */
#define FPU_ALIGN 64

void fpu_init(void);
/* Bytes a save area needs (64-byte aligned memory). */
size_t fpu_area_size(void);
/* Fills area with the state a new program starts with (FNINIT, MXCSR
 * 0x1F80: all exceptions masked, round to nearest). */
void fpu_init_area(void *area);
void fpu_save(void *area);
void fpu_restore(const void *area);
/* Restores a state that came from user space (rt_sigreturn): a malformed
 * one faults inside XRSTOR/FXRSTOR, which the exception table turns into
 * -EFAULT here instead of a kernel panic. 0 or -EFAULT. */
int fpu_restore_checked(const void *area);
/* The clean state new programs and signal handlers start with. */
const void *fpu_clean_area(void);

#endif
