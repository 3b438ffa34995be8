/*
 * irq.h - hardware interrupt lines. The legacy 8259 PICs deliver IRQ n at
 * vector IRQ_BASE + n. Handlers run with interrupts off; the end of
 * interrupt is sent after they return.
 */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#define IRQ_BASE 32
#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4

typedef void (*irq_handler)(void);

void pic_init(void);
/* Installs handler for line irq and unmasks it. */
void irq_register(int irq, irq_handler handler);
/* Called by trap_dispatch for vectors IRQ_BASE..IRQ_BASE+15. */
void irq_dispatch(int irq);

#endif
