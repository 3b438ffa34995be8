/* percpu.c - see percpu.h. */
#include "arch/x86_64/percpu.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/msr.h"


static struct percpu cpu0;

void percpu_init(void)
{
    cpu0.self = &cpu0;
    wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
    wrmsr(MSR_KERNEL_GS_BASE, 0); /* the first user program starts with GS base 0 */
}

void percpu_set_kernel_stack(uint64_t top)
{
    cpu0.kernel_rsp = top;
    tss_set_rsp0(top);
}
