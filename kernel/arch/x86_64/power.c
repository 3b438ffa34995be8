/* power.c - see power.h. */
#include "arch/x86_64/power.h"

#include "arch/x86_64/cpu.h"

void machine_halt(void)
{
    for (;;) {
        cli();
        hlt();
    }
}

void machine_exit(int code)
{
    cli();
    outl(0xF4, (uint32_t)code);
    /* No debug-exit device: ACPI S5 through QEMU's PIIX4 PM1a_CNT
     * (SLP_TYPa = 0, SLP_EN). Harmless on machines without it. */
    __asm__ volatile("outw %0, %1" ::"a"((uint16_t)0x2000), "Nd"((uint16_t)0x604));
    machine_halt();
}
