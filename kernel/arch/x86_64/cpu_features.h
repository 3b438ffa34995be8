/*
 * cpu_features.h - what CPUID says this CPU has, and which of those
 * features the kernel turned on. Detected once at boot.
 */
#ifndef ARCH_X86_64_CPU_FEATURES_H
#define ARCH_X86_64_CPU_FEATURES_H

#include <stdbool.h>

enum cpu_feature {
    CPU_NX,       /* CPUID 0x80000001 EDX[20]: no-execute pages */
    CPU_SMEP,     /* CPUID 7.0 EBX[7]: ring 0 cannot execute user pages */
    CPU_SMAP,     /* CPUID 7.0 EBX[20]: ring 0 cannot touch user pages */
    CPU_UMIP,     /* CPUID 7.0 ECX[2]: ring 3 cannot run SGDT/SIDT/... */
    CPU_FSGSBASE, /* CPUID 7.0 EBX[0]: RDFSBASE and friends */
    CPU_XSAVE,    /* CPUID 1 ECX[26] */
    CPU_AVX,      /* CPUID 1 ECX[28] */
    CPU_PGE,      /* CPUID 1 EDX[13]: global pages */
    CPU_TSC_INVARIANT, /* CPUID 0x80000007 EDX[8] */
    CPU_RDRAND,   /* CPUID 1 ECX[30]: the DRNG's conditioned output */
    CPU_RDSEED,   /* CPUID 7.0 EBX[18]: the DRNG's entropy source itself */
    CPU_FEATURE_COUNT
};

/* Reads CPUID into the feature set. */
void cpu_features_detect(void);
/* Turns on the CR4 bits for what exists: SMEP, SMAP, UMIP, FSGSBASE, PGE,
 * OSFXSR/OSXMMEXCPT (SSE for user code), OSXSAVE with XCR0 = x87|SSE|AVX. */
void cpu_features_enable(void);
bool cpu_has(enum cpu_feature f);
/* Prints "nx smep ..." for the banner: the features present and used. */
void cpu_features_print(void);
/* The CPU's brand string (CPUID 0x80000002..4), or its vendor. */
const char *cpu_brand(void);

#endif
