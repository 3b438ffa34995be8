/*
 * idt.c - fills the IDT with 64-bit interrupt gates (Intel SDM 3A 6.14.1)
 * pointing at the stubs in isr.S, 16 bytes apart. Interrupt gates clear IF
 * on entry, so handlers start with interrupts off. Double fault, NMI and
 * machine check use their own IST stacks: they must work even when the
 * current stack is unusable (a kernel stack overflow is a #PF that cannot
 * push its frame, which becomes a #DF).
 */
#include "arch/x86_64/idt.h"

#include <stdint.h>

#include "arch/x86_64/gdt.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr; /* P, DPL, type 0xE = 64-bit interrupt gate */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

extern char isr_stubs_start[];
#define STUB_SIZE 16

static struct idt_gate idt[256];

static void set_gate(int v, int ist, int dpl)
{
    uint64_t addr = (uint64_t)isr_stubs_start + (uint64_t)v * STUB_SIZE;
    idt[v] = (struct idt_gate){
        .offset_low = (uint16_t)addr,
        .selector = GDT_KERNEL_CS,
        .ist = (uint8_t)ist,
        .type_attr = (uint8_t)(0x8E | (dpl << 5)), /* DPL 0: "int n" from ring 3 raises #GP */
        .offset_mid = (uint16_t)(addr >> 16),
        .offset_high = (uint32_t)(addr >> 32),
    };
}

void idt_init(void)
{
    for (int v = 0; v < 256; v++)
        set_gate(v, 0, 0);
    set_gate(2, IST_NMI, 0);
    set_gate(3, 0, 3); /* int3 is allowed from ring 3 (a debugger's breakpoint), as on Linux */
    set_gate(4, 0, 3); /* into, likewise (invalid in 64-bit mode: #UD) */
    set_gate(8, IST_DOUBLE_FAULT, 0);
    set_gate(18, IST_MACHINE_CHECK, 0);
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } p = {sizeof idt - 1, (uint64_t)idt};
    __asm__ volatile("lidt %0" ::"m"(p));
}
