/* idt.h - the Interrupt Descriptor Table: all 256 vectors go to isr.S. */
#ifndef ARCH_X86_64_IDT_H
#define ARCH_X86_64_IDT_H

void idt_init(void);

#endif
