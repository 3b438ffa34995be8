/*
 * pit.h - the 8254 Programmable Interval Timer (1.193182 MHz input clock):
 * channel 0 drives IRQ 0 periodically; channel 2, gated through port 0x61,
 * serves as a stopwatch to calibrate the TSC.
 */
#ifndef ARCH_X86_64_PIT_H
#define ARCH_X86_64_PIT_H

#include <stdint.h>

#define PIT_INPUT_HZ 1193182

/* Programs channel 0 as a rate generator at hz and sends IRQ 0 there. */
void pit_start_periodic(uint32_t hz, void (*tick)(void));
/* Measures TSC ticks per second against a 10 ms channel-2 countdown. */
uint64_t pit_measure_tsc_hz(void);

#endif
