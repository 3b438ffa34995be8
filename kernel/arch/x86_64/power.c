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

/* Resets the machine as Linux's reboot=pci,kbd,triple do, in that order:
 *   - the PCI reset control register at port 0xCF9 (Intel PIIX3/ICH
 *     "RC" register, QEMU's i440fx/q35 have it): bit 1 SYS_RST asks for a
 *     hard reset, bit 2 RST_CPU triggers it on its 0 -> 1 edge;
 *   - the 8042 keyboard controller's pulse-reset-line command 0xFE;
 *   - a triple fault: an empty IDT, then an interrupt.
 * Under QEMU with -no-reboot (the tests) a reset ends QEMU with status 0. */
void machine_reset(void)
{
    cli();
    outb(0xCF9, 0x02);
    io_wait();
    outb(0xCF9, 0x06);
    for (int i = 0; i < 100000; i++)
        io_wait();
    for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++) /* input buffer full: wait */
        io_wait();
    outb(0x64, 0xFE);
    for (int i = 0; i < 100000; i++)
        io_wait();
    static const struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } no_idt = {0, 0};
    __asm__ volatile("lidt %0; int3" ::"m"(no_idt));
    machine_halt();
}
