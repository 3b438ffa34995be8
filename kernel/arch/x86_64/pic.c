/*
 * pic.c - the two cascaded 8259A PICs: remapped to vectors 32..47 (the
 * BIOS leaves them on top of CPU exceptions), every line masked until a
 * driver registers for it. Spurious IRQ 7/15 are recognised through the
 * in-service register and not acknowledged (8259A data sheet).
 *
 * PCI lines are level-triggered and shared: the ELCR bit of the line is
 * set (PIIX datasheet 4.1.12: the 8259 then samples the level, not the
 * edge), and every shared handler runs and acknowledges its device before
 * the EOI, so the line is low again when the PIC looks next.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "uapi/errno.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0B
#define ELCR1 0x4D0
#define ELCR2 0x4D1
#define MAX_SHARED 8

static irq_handler handlers[16];
static struct {
    irq_shared_handler fn;
    void *ctx;
} shared[16][MAX_SHARED];
static uint16_t mask = 0xFFFF;

static void write_mask(void)
{
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_init(void)
{
    /* ICW1: init + ICW4 needed; ICW2: vector base; ICW3: cascade on IRQ2;
     * ICW4: 8086 mode. */
    outb(PIC1_CMD, 0x11); io_wait();
    outb(PIC2_CMD, 0x11); io_wait();
    outb(PIC1_DATA, IRQ_BASE); io_wait();
    outb(PIC2_DATA, IRQ_BASE + 8); io_wait();
    outb(PIC1_DATA, 4); io_wait();
    outb(PIC2_DATA, 2); io_wait();
    outb(PIC1_DATA, 1); io_wait();
    outb(PIC2_DATA, 1); io_wait();
    mask = 0xFFFF & ~(1 << 2); /* the cascade line stays open */
    write_mask();
}

void irq_register(int irq, irq_handler handler)
{
    uint64_t f = irq_save();
    handlers[irq] = handler;
    mask &= (uint16_t)~(1u << irq);
    write_mask();
    irq_restore(f);
}

int irq_register_shared(int irq, irq_shared_handler h, void *ctx)
{
    if (irq < 0 || irq > 15 || irq == 2)
        return -EINVAL;
    uint64_t f = irq_save();
    int i = 0;
    while (i < MAX_SHARED && shared[irq][i].fn)
        i++;
    if (i == MAX_SHARED) {
        irq_restore(f);
        return -EBUSY;
    }
    shared[irq][i].fn = h;
    shared[irq][i].ctx = ctx;
    mask &= (uint16_t)~(1u << irq);
    write_mask();
    irq_restore(f);
    return 0;
}

void irq_set_level_triggered(int irq)
{
    /* IRQ 0, 1, 2, 8 and 13 must stay edge-triggered (PIIX4 ELCR). */
    if (irq < 3 || irq == 8 || irq == 13 || irq > 15)
        return;
    uint16_t port = irq < 8 ? ELCR1 : ELCR2;
    uint64_t f = irq_save();
    outb(port, (uint8_t)(inb(port) | (1u << (irq & 7))));
    irq_restore(f);
}

static int in_service(int irq)
{
    uint16_t port = irq < 8 ? PIC1_CMD : PIC2_CMD;
    outb(port, PIC_READ_ISR);
    return inb(port) & (1 << (irq & 7));
}

void irq_dispatch(int irq)
{
    if ((irq == 7 || irq == 15) && !in_service(irq)) {
        if (irq == 15) /* the master did see a real IRQ2 cascade */
            outb(PIC1_CMD, PIC_EOI);
        return;
    }
    if (handlers[irq])
        handlers[irq]();
    for (int i = 0; i < MAX_SHARED && shared[irq][i].fn; i++)
        shared[irq][i].fn(shared[irq][i].ctx);
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
