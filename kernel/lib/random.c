/* random.c - see random.h. */
#include "lib/random.h"

#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "lib/string.h"

static uint64_t state;

static uint64_t seed(void)
{
    uint64_t s = rdtsc();
    uint32_t a, b, c, d;
    cpuid(1, 0, &a, &b, &c, &d);
    if (c & (1u << 30)) { /* RDRAND */
        uint64_t r;
        uint8_t ok;
        __asm__ volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
        if (ok)
            s ^= r;
    }
    return s | 1;
}

static uint64_t next(void)
{
    if (!state)
        state = seed();
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Dull;
}

void random_bytes(void *buf, size_t n)
{
    uint8_t *b = buf;
    while (n) {
        uint64_t r = next();
        size_t k = n < 8 ? n : 8;
        memcpy(b, &r, k);
        b += k;
        n -= k;
    }
}
