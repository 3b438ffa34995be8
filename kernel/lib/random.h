/* random.h - the kernel's random numbers (AT_RANDOM, getrandom). */
#ifndef LIB_RANDOM_H
#define LIB_RANDOM_H

#include <stddef.h>

/* Fills buf with pseudo-random bytes: xorshift64* seeded from the TSC
 * (and RDRAND when the CPU has it). Not cryptographically strong. */
void random_bytes(void *buf, size_t n);

#endif
