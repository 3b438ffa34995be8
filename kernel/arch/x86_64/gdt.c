/*
 * gdt.c - the Global Descriptor Table and the Task State Segment.
 * In 64-bit mode segments are flat; the GDT matters for privilege levels
 * (CS.DPL) and for the TSS, which holds the ring-0 stack pointer (RSP0) and
 * the Interrupt Stack Table (Intel SDM 3A 8.7, "Task Management in 64-bit
 * Mode").
 */
#include "arch/x86_64/gdt.h"

#include "lib/string.h"

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

#define IST_STACK_SIZE 8192

static struct tss tss;
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

/* Access byte: P, DPL, S, type; flags: L (64-bit code), G, D/B. */
#define SEG(access, flags) (((uint64_t)(access) << 40) | ((uint64_t)(flags) << 52) | 0xFFFF | (0xFull << 48))
static uint64_t gdt[10] = {
    [0] = 0,
    [1] = SEG(0x9A, 0xC), /* kernel 32-bit code (unused, Linux's slot 1) */
    [2] = SEG(0x9A, 0xA), /* 0x10 kernel code: P, DPL0, code, L */
    [3] = SEG(0x92, 0xC), /* 0x18 kernel data */
    [4] = SEG(0xFA, 0xC), /* 0x23 user 32-bit code (DPL3) */
    [5] = SEG(0xF2, 0xC), /* 0x2b user data */
    [6] = SEG(0xFA, 0xA), /* 0x33 user 64-bit code */
    [7] = 0,
    /* [8], [9]: the 16-byte TSS descriptor, filled in gdt_init */
};

struct __attribute__((packed)) descriptor_ptr {
    uint16_t limit;
    uint64_t base;
};

void gdt_init(void)
{
    memset(&tss, 0, sizeof tss);
    tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)ist_stacks[0] + IST_STACK_SIZE;
    tss.ist[IST_NMI - 1] = (uint64_t)ist_stacks[1] + IST_STACK_SIZE;
    tss.ist[IST_MACHINE_CHECK - 1] = (uint64_t)ist_stacks[2] + IST_STACK_SIZE;
    tss.iomap_base = sizeof tss; /* no I/O permission bitmap: ring 3 gets no ports */

    uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
    gdt[8] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) /* P, 64-bit TSS available */
             | (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
    gdt[9] = base >> 32;

    struct descriptor_ptr p = {sizeof gdt - 1, (uint64_t)gdt};
    __asm__ volatile("lgdt %0\n\t"
                     /* Reload CS with a far return, then the data segments. */
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movw %w2, %%ax\n\t"
                     "movw %%ax, %%ds\n\t"
                     "movw %%ax, %%es\n\t"
                     "movw %%ax, %%ss\n\t"
                     "ltr %w3"
                     :
                     : "m"(p), "i"(GDT_KERNEL_CS), "i"(GDT_KERNEL_DS), "r"((uint16_t)GDT_TSS)
                     : "rax", "memory");
}

void tss_set_rsp0(uint64_t rsp0) { tss.rsp[0] = rsp0; }
