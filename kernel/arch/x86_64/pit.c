/* pit.c - see pit.h. Port map: 0x40-0x42 channel data, 0x43 mode/command,
 * 0x61 bit 0 = channel 2 gate, bit 1 = speaker, bit 5 = channel 2 output. */
#include "arch/x86_64/pit.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"

#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_61 0x61

void pit_start_periodic(uint32_t hz, void (*tick)(void))
{
    uint32_t divisor = (PIT_INPUT_HZ + hz / 2) / hz;
    outb(PIT_CMD, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
    outb(PIT_CH0, (uint8_t)divisor);
    outb(PIT_CH0, (uint8_t)(divisor >> 8));
    irq_register(IRQ_TIMER, tick);
}

uint64_t pit_measure_tsc_hz(void)
{
    const uint32_t count = PIT_INPUT_HZ / 100; /* 10 ms */
    uint64_t f = irq_save();
    outb(PORT_61, (inb(PORT_61) & ~0x02) | 0x01); /* gate on, speaker off */
    outb(PIT_CMD, 0xB0); /* channel 2, lobyte/hibyte, mode 0 (count down once) */
    outb(PIT_CH2, (uint8_t)count);
    outb(PIT_CH2, (uint8_t)(count >> 8));
    /* Restart the count by toggling the gate, then time OUT2 going high. */
    uint8_t v = inb(PORT_61) & ~0x01;
    outb(PORT_61, v);
    outb(PORT_61, v | 0x01);
    uint64_t start = rdtsc();
    uint64_t spins = 0;
    while (!(inb(PORT_61) & 0x20) && ++spins < 100000000)
        ;
    uint64_t end = rdtsc();
    outb(PORT_61, inb(PORT_61) & ~0x01);
    irq_restore(f);
    return (end - start) * 100;
}
