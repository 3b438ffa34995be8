/* fpu.c - see fpu.h. Intel SDM 1, chapter 13 (XSAVE) and 10.5 (FXSAVE). */
#include "arch/x86_64/fpu.h"

#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_features.h"
#include "lib/string.h"

static size_t area_size = 512;
static uint64_t xcr0;
static uint8_t clean[FPU_AREA_MAX] __attribute__((aligned(FPU_ALIGN)));

void fpu_init(void)
{
    if (cpu_has(CPU_XSAVE)) {
        uint32_t a, b, c, d;
        cpuid(0xD, 0, &a, &b, &c, &d);
        area_size = b; /* the size for the features enabled in XCR0 */
        uint32_t lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        xcr0 = ((uint64_t)hi << 32) | lo;
    }
    /* A clean state to copy into every new process. */
    __asm__ volatile("fninit");
    uint32_t mxcsr = 0x1F80;
    __asm__ volatile("ldmxcsr %0" ::"m"(mxcsr));
    memset(clean, 0, sizeof clean);
    fpu_save(clean);
}

size_t fpu_area_size(void) { return area_size; }

void fpu_init_area(void *area) { memcpy(area, clean, area_size); }

void fpu_save(void *area)
{
    if (xcr0)
        __asm__ volatile("xsave64 (%0)" ::"r"(area), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)) : "memory");
    else
        __asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
}

void fpu_restore(const void *area)
{
    if (xcr0)
        __asm__ volatile("xrstor64 (%0)" ::"r"(area), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)) : "memory");
    else
        __asm__ volatile("fxrstor64 (%0)" ::"r"(area) : "memory");
}

const void *fpu_clean_area(void) { return clean; }

int fpu_restore_checked(const void *area)
{
    int err;
    if (xcr0)
        __asm__ volatile("1: xrstor64 (%[a])\n\t"
                         "xorl %[e], %[e]\n\t"
                         "jmp 3f\n"
                         "2: movl $-14, %[e]\n"
                         "3:\n\t"
                         ".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad 1b, 2b\n\t.popsection"
                         : [e] "=r"(err)
                         : [a] "r"(area), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32))
                         : "memory");
    else
        __asm__ volatile("1: fxrstor64 (%[a])\n\t"
                         "xorl %[e], %[e]\n\t"
                         "jmp 3f\n"
                         "2: movl $-14, %[e]\n"
                         "3:\n\t"
                         ".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad 1b, 2b\n\t.popsection"
                         : [e] "=r"(err)
                         : [a] "r"(area)
                         : "memory");
    return err;
}
