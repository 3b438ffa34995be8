/* entropy.c - see entropy.h. Instructions: Intel SDM 2B (RDRAND, RDSEED)
 * and the "Intel Digital Random Number Generator (DRNG) Software
 * Implementation Guide" (retry counts); ports: 8254 PIT, MC146818 CMOS. */
#include "arch/x86_64/entropy.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_features.h"

static bool rdseed(uint64_t *v)
{
    uint8_t ok;
    __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
    return ok;
}

static bool rdrand(uint64_t *v)
{
    uint8_t ok;
    __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
    return ok;
}

static bool plausible(uint64_t v) { return v != 0 && v != ~0ull; }

bool entropy_hw_word(uint64_t *out, unsigned *source)
{
    uint64_t v;
    if (cpu_has(CPU_RDSEED))
        for (int i = 0; i < 64; i++) {
            if (rdseed(&v) && plausible(v)) {
                *out = v;
                *source |= ENTROPY_RDSEED;
                return true;
            }
            cpu_relax();
        }
    if (cpu_has(CPU_RDRAND))
        for (int i = 0; i < 10; i++)
            if (rdrand(&v) && plausible(v)) {
                *out = v;
                *source |= ENTROPY_RDRAND;
                return true;
            }
    return false;
}

/* The PIT's channel-0 count (latched, so the two byte reads agree) and the
 * TSC on both sides of the reads. Port I/O takes a varying number of TSC
 * ticks (bus, chipset, or in a VM the exit to the hypervisor), and the
 * count's phase against the TSC drifts with every interrupt and cache
 * miss before it: the low bits of both are what is hard to predict. */
static uint64_t jitter_sample(void)
{
    uint64_t t0 = rdtsc();
    outb(0x43, 0x00); /* counter latch, channel 0: the timer keeps running */
    uint8_t lo = inb(0x40);
    uint8_t hi = inb(0x40);
    uint64_t t1 = rdtsc();
    uint64_t count = (uint64_t)lo | (uint64_t)hi << 8;
    /* the delta in the high bits, so it does not cancel against t1's */
    return t1 ^ ((t1 - t0) << 40) ^ (count << 24);
}

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

/* Seconds, minutes, hours, day, month, year as the chip holds them (BCD
 * or binary, no matter): different at every boot a second apart. */
static uint64_t rtc_word(void)
{
    static const uint8_t regs[] = {0x00, 0x02, 0x04, 0x07, 0x08, 0x09};
    uint64_t w = 0;
    for (unsigned i = 0; i < sizeof regs; i++)
        w = w << 8 | cmos(regs[i]);
    return w;
}

unsigned entropy_collect(uint64_t *words, size_t n, bool rtc)
{
    unsigned source = ENTROPY_JITTER;
    for (size_t i = 0; i < n; i++) {
        uint64_t hw = 0;
        if (i % 2 == 0)
            entropy_hw_word(&hw, &source);
        words[i] = i % 2 == 0 ? hw : jitter_sample();
    }
    if (rtc && n > 0) {
        words[0] ^= rtc_word();
        source |= ENTROPY_RTC;
    }
    return source;
}
