/*
 * serial.c - 16550 UART driver. Register map from the PC16550D data sheet:
 * +0 data / divisor low, +1 IER / divisor high, +2 FCR, +3 LCR, +4 MCR,
 * +5 LSR, +7 scratch.
 */
#include "drivers/serial.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "drivers/console.h"
#include "fs/vfs.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"

#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define REG_SCRATCH 7

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static bool present[2]; /* indexed by COM1/COM2 */

static int index_of(uint16_t port) { return port == COM1 ? 0 : 1; }

bool serial_init(uint16_t port)
{
    /* Presence: a 16450/16550 has a scratch register that keeps what is
     * written to it. (A loopback test would swallow input that arrived
     * before boot, such as what tinyos-run pipes in.) */
    outb(port + REG_SCRATCH, 0x5A);
    bool ok = inb(port + REG_SCRATCH) == 0x5A;
    outb(port + REG_SCRATCH, 0xA5);
    ok = ok && inb(port + REG_SCRATCH) == 0xA5;
    outb(port + REG_IER, 0x00); /* no interrupts while programming */
    outb(port + REG_LCR, 0x80); /* DLAB: expose the divisor latch */
    outb(port + REG_DATA, 1);   /* divisor 1: 115200 baud */
    outb(port + REG_IER, 0);
    outb(port + REG_LCR, 0x03); /* 8 data bits, no parity, 1 stop bit */
    /* The FIFOs stay off (16450 mode): switching them on clears bytes
     * already received, and with them every byte interrupts at once
     * instead of waiting for a trigger level or a timeout. */
    outb(port + REG_MCR, 0x0B); /* DTR, RTS, OUT2 (the IRQ gate) */
    present[index_of(port)] = ok;
    return ok;
}

void serial_write(uint16_t port, const char *s, size_t n)
{
    if (!present[index_of(port)])
        return;
    for (size_t i = 0; i < n; i++) {
        while (!(inb(port + REG_LSR) & LSR_THR_EMPTY))
            cpu_relax();
        outb(port + REG_DATA, (uint8_t)s[i]);
    }
}

/* Moves received bytes into the console queue. When the queue is full
 * the rest stays in the UART and the receive interrupt is switched off:
 * the UART (and QEMU behind it) then holds the input back instead of it
 * being dropped; serial_rx_resume() turns it on again. */
static void com1_irq(void)
{
    while (inb(COM1 + REG_LSR) & LSR_DATA_READY) {
        if (!console_input_room()) {
            outb(COM1 + REG_IER, 0x00);
            return;
        }
        console_input((char)inb(COM1 + REG_DATA));
    }
}

void serial_rx_resume(void)
{
    if (present[0])
        outb(COM1 + REG_IER, 0x01);
}

void serial_enable_rx_irq(uint16_t port)
{
    if (port != COM1 || !present[0])
        return;
    irq_register(IRQ_COM1, com1_irq);
    outb(port + REG_IER, 0x01); /* interrupt on received data */
}

static long com2_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return 0;
}

static void com2_output(void *ctx, const char *buf, size_t k)
{
    (void)ctx;
    serial_write(COM2, buf, k);
}

static long com2_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    return copy_from_user_chunked(ubuf, n, com2_output, NULL);
}

const struct file_ops serial_com2_ops = {.read = com2_read, .write = com2_write};
