/*
 * entropy.h - the machine's sources of unpredictability, raw and
 * unconditioned: lib/random.c absorbs them into its ChaCha20 key.
 *   - RDSEED (the DRNG's entropy source) or RDRAND (its conditioned
 *     output), when CPUID has them, with Intel's retry advice;
 *   - timer jitter: TSC readings around reads of the PIT's channel-0
 *     counter (an I/O port access whose duration the TSC resolves);
 *   - the CMOS clock's raw date and time registers.
 * No source is trusted alone; none is credited with a number of bits.
 */
#ifndef ARCH_X86_64_ENTROPY_H
#define ARCH_X86_64_ENTROPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which sources entropy_collect used (for the boot message). */
#define ENTROPY_RDSEED 1u
#define ENTROPY_RDRAND 2u
#define ENTROPY_JITTER 4u
#define ENTROPY_RTC 8u

/* Fills words[0..n) with samples: at even indices a hardware random word
 * (0 when the CPU gives none), at odd ones a jitter sample; with rtc, the
 * CMOS date/time registers are folded into the first word. Kept apart, not
 * combined: the caller's absorption (lib/random.c) mixes them.
 * Returns the ENTROPY_ flags of the sources that contributed. */
unsigned entropy_collect(uint64_t *words, size_t n, bool rtc);

/* One hardware random word: RDSEED (up to 64 tries, PAUSE between, as
 * Intel's DRNG guide advises for a busy entropy source), else RDRAND (10
 * tries, the guide's bound). False when the CPU has neither or both keep
 * failing; a value of 0 or all ones counts as a failure (the stuck output
 * of some AMD parts after resume). */
bool entropy_hw_word(uint64_t *out, unsigned *source);

#endif
