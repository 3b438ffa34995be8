/*
 * msr.h - the model-specific registers the kernel reads or writes (Intel
 * SDM 4, "Model-Specific Registers", architectural MSRs) and the EFER
 * bits it sets. Only #defines: boot.S includes it too. rdmsr and wrmsr
 * themselves are in cpu.h.
 */
#ifndef ARCH_X86_64_MSR_H
#define ARCH_X86_64_MSR_H

#define MSR_EFER 0xC0000080           /* IA32_EFER */
#define MSR_STAR 0xC0000081           /* SYSCALL/SYSRET segment selectors */
#define MSR_LSTAR 0xC0000082          /* SYSCALL's 64-bit entry point */
#define MSR_SFMASK 0xC0000084         /* RFLAGS bits SYSCALL clears (IA32_FMASK) */
#define MSR_FS_BASE 0xC0000100        /* the user's FS base (TLS) */
#define MSR_GS_BASE 0xC0000101        /* in ring 0: the per-CPU area (percpu.h) */
#define MSR_KERNEL_GS_BASE 0xC0000102 /* the user's GS base while in ring 0 (swapgs) */

#define EFER_SCE (1 << 0)  /* SYSCALL/SYSRET enabled */
#define EFER_LME (1 << 8)  /* long mode enabled */
#define EFER_NXE (1 << 11) /* the NX page-table bit enabled */

#endif
