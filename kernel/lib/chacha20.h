/*
 * chacha20.h - the ChaCha20 block function of RFC 8439 (section 2.3), the
 * core of the kernel's random generator (lib/random.c). Pure: no hardware,
 * tested on the host against the RFC's vectors (tests/host/test_chacha20.c).
 */
#ifndef LIB_CHACHA20_H
#define LIB_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE 32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64
#define CHACHA20_STATE_WORDS 16

/* The 4x4 state: words 0-3 "expand 32-byte k", 4-11 the key, 12 the block
 * counter, 13-15 the nonce, all read little-endian from the byte strings. */
void chacha20_init(uint32_t state[CHACHA20_STATE_WORDS], const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                   const uint8_t nonce[CHACHA20_NONCE_SIZE]);

/* Writes the 64-byte key-stream block of the state, serialized
 * little-endian, and advances the block counter (word 12) by one. The
 * caller decides what a counter wrap means (lib/random.c carries it into
 * word 13, as Linux's generator does). */
void chacha20_block(uint32_t state[CHACHA20_STATE_WORDS], uint8_t out[CHACHA20_BLOCK_SIZE]);

/* One quarter round on four words of a state (RFC 8439 2.1); exposed for
 * the RFC's own quarter-round test vector. */
void chacha20_quarter_round(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d);

#endif
