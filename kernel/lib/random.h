/*
 * random.h - the kernel's random numbers: a ChaCha20 generator after
 * Linux's crng (docs/random.md). It feeds getrandom, /dev/urandom,
 * /dev/random, AT_RANDOM, the stack-protector canary and ASLR.
 *
 * Seeded at boot (random_init) from RDSEED or RDRAND when the CPU has
 * them, timer jitter and the RTC; reseeded from fresh samples every
 * RANDOM_RESEED_SECONDS. Every request turns the key over first ("fast
 * key erasure"), so a kernel memory dump cannot reproduce earlier output.
 * Safe in any context, interrupts included; never sleeps.
 */
#ifndef LIB_RANDOM_H
#define LIB_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#define RANDOM_RESEED_SECONDS 60 /* Linux's CRNG_RESEED_INTERVAL */

/* Seeds the generator. Called once, early in kmain; the other calls seed
 * it themselves if they come first. */
void random_init(void);

/* Fills buf with n random bytes. */
void random_bytes(void *buf, size_t n);
uint64_t random_u64(void);
/* Uniform in [0, n) (rejection sampling, no modulo bias); 0 when n is 0. */
uint64_t random_below(uint64_t n);

/* Prints "random: ChaCha20, seeded from ..." for the boot banner. */
void random_print_sources(void);

#endif
