/* cpu_features.c - see cpu_features.h. Bits from Intel SDM 2A, CPUID. */
#include "arch/x86_64/cpu_features.h"

#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "lib/kprintf.h"
#include "lib/string.h"

static bool has[CPU_FEATURE_COUNT];
static char brand[49];

static const char *const names[CPU_FEATURE_COUNT] = {
    [CPU_NX] = "nx", [CPU_SMEP] = "smep", [CPU_SMAP] = "smap", [CPU_UMIP] = "umip",
    [CPU_FSGSBASE] = "fsgsbase", [CPU_XSAVE] = "xsave", [CPU_AVX] = "avx", [CPU_PGE] = "pge",
    [CPU_TSC_INVARIANT] = "invariant-tsc", [CPU_RDRAND] = "rdrand", [CPU_RDSEED] = "rdseed",
};

void cpu_features_detect(void)
{
    uint32_t a, b, c, d, max, maxext;
    cpuid(0, 0, &max, &b, &c, &d);
    memcpy(brand, &b, 4);
    memcpy(brand + 4, &d, 4);
    memcpy(brand + 8, &c, 4);
    cpuid(1, 0, &a, &b, &c, &d);
    has[CPU_XSAVE] = c & (1u << 26);
    has[CPU_AVX] = c & (1u << 28);
    has[CPU_PGE] = d & (1u << 13);
    has[CPU_RDRAND] = c & (1u << 30);
    if (max >= 7) {
        cpuid(7, 0, &a, &b, &c, &d);
        has[CPU_FSGSBASE] = b & (1u << 0);
        has[CPU_SMEP] = b & (1u << 7);
        has[CPU_SMAP] = b & (1u << 20);
        has[CPU_UMIP] = c & (1u << 2);
        has[CPU_RDSEED] = b & (1u << 18);
    }
    cpuid(0x80000000, 0, &maxext, &b, &c, &d);
    if (maxext >= 0x80000001) {
        cpuid(0x80000001, 0, &a, &b, &c, &d);
        has[CPU_NX] = d & (1u << 20);
    }
    if (maxext >= 0x80000004) {
        uint32_t *w = (uint32_t *)brand;
        for (uint32_t i = 0; i < 3; i++)
            cpuid(0x80000002 + i, 0, &w[4 * i], &w[4 * i + 1], &w[4 * i + 2], &w[4 * i + 3]);
        brand[48] = '\0';
    }
    if (maxext >= 0x80000007) {
        cpuid(0x80000007, 0, &a, &b, &c, &d);
        has[CPU_TSC_INVARIANT] = d & (1u << 8);
    }
}

bool cpu_has(enum cpu_feature f) { return has[f]; }

const char *cpu_brand(void)
{
    const char *s = brand;
    while (*s == ' ')
        s++;
    return s;
}

void cpu_features_enable(void)
{
    /* SSE needs CR0.EM clear and CR0.MP set (Intel SDM 3A 13.1.3); NE
     * reports x87 errors as #MF rather than through the legacy IRQ 13. */
    write_cr0((read_cr0() & ~(1ul << 2)) | (1ul << 1) | (1ul << 5));
    uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    if (has[CPU_PGE])
        cr4 |= CR4_PGE;
    if (has[CPU_SMEP])
        cr4 |= CR4_SMEP;
    if (has[CPU_SMAP])
        cr4 |= CR4_SMAP;
    if (has[CPU_UMIP])
        cr4 |= CR4_UMIP;
    if (has[CPU_FSGSBASE])
        cr4 |= CR4_FSGSBASE;
    if (has[CPU_XSAVE])
        cr4 |= CR4_OSXSAVE;
    write_cr4(cr4);
    if (has[CPU_XSAVE]) {
        /* XCR0: x87 (bit 0, must be set) | SSE (1) | AVX (2) when present. */
        uint64_t xcr0 = 0x3 | (has[CPU_AVX] ? 0x4 : 0);
        __asm__ volatile("xsetbv" ::"c"(0), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)));
    }
}

void cpu_features_print(void)
{
    for (int f = 0; f < CPU_FEATURE_COUNT; f++)
        if (has[f])
            kprintf(" %s", names[f]);
}
