/*
 * irq.h - hardware interrupt lines. The legacy 8259 PICs deliver IRQ n at
 * vector IRQ_BASE + n. Handlers run with interrupts off; the end of
 * interrupt is sent after they return.
 */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#include <stdbool.h>

#define IRQ_BASE 32
#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4

typedef void (*irq_handler)(void);

void pic_init(void);
/* Installs handler for line irq and unmasks it. */
void irq_register(int irq, irq_handler handler);

/* A handler on a line several devices share (PCI INTx, level-triggered):
 * it reads its own device's interrupt status, acknowledges the device
 * (which drops the line) and returns true when the interrupt was its
 * device's. All handlers of the line run on every interrupt, before the
 * end of interrupt, so a device still asserting it interrupts again. */
typedef bool (*irq_shared_handler)(void *ctx);
/* Adds h to line irq (up to 8 per line) and unmasks it. 0 or -EBUSY. */
int irq_register_shared(int irq, irq_shared_handler h, void *ctx);
/* Makes line irq level-triggered in the PIIX's edge/level control
 * registers (ELCR, ports 0x4D0/0x4D1), as PCI interrupts are (PCI 3.0
 * 2.2.6: INTx# is level-sensitive, active low, shareable). */
void irq_set_level_triggered(int irq);

/* Called by trap_dispatch for vectors IRQ_BASE..IRQ_BASE+15. */
void irq_dispatch(int irq);

#endif
