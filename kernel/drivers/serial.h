/* serial.h - 16550 UART on COM1 (console) and COM2 (kernel log channel). */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COM1 0x3F8
#define COM2 0x2F8

/* Programs the UART for 115200 8N1 with FIFOs; returns false if no UART
 * answers at port (the loopback self-check fails). */
bool serial_init(uint16_t port);
void serial_write(uint16_t port, const char *s, size_t n);
/* Turns on the receive interrupt (IRQ4 for COM1); bytes go to the console. */
void serial_enable_rx_irq(uint16_t port);
/* Re-enables COM1's receive interrupt after the console queue filled up. */
void serial_rx_resume(void);

/* /dev/ttyS1: writes go out of COM2 unchanged; reading gives end of file
 * (nothing is connected to its input). */
struct file_ops;
extern const struct file_ops serial_com2_ops;

#endif
