/* chacha20.c - see chacha20.h. RFC 8439, sections 2.1 to 2.3. */
#include "lib/chacha20.h"

static inline uint32_t rotl32(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

static inline uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

void chacha20_quarter_round(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    *a += *b; *d ^= *a; *d = rotl32(*d, 16);
    *c += *d; *b ^= *c; *b = rotl32(*b, 12);
    *a += *b; *d ^= *a; *d = rotl32(*d, 8);
    *c += *d; *b ^= *c; *b = rotl32(*b, 7);
}

void chacha20_init(uint32_t state[CHACHA20_STATE_WORDS], const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                   const uint8_t nonce[CHACHA20_NONCE_SIZE])
{
    /* "expand 32-byte k" */
    state[0] = 0x61707865;
    state[1] = 0x3320646e;
    state[2] = 0x79622d32;
    state[3] = 0x6b206574;
    for (int i = 0; i < 8; i++)
        state[4 + i] = load_le32(key + 4 * i);
    state[12] = counter;
    for (int i = 0; i < 3; i++)
        state[13 + i] = load_le32(nonce + 4 * i);
}

#define QR(x, a, b, c, d) chacha20_quarter_round(&x[a], &x[b], &x[c], &x[d])

void chacha20_block(uint32_t state[CHACHA20_STATE_WORDS], uint8_t out[CHACHA20_BLOCK_SIZE])
{
    uint32_t x[CHACHA20_STATE_WORDS];
    for (int i = 0; i < CHACHA20_STATE_WORDS; i++)
        x[i] = state[i];
    for (int i = 0; i < 10; i++) { /* 20 rounds: 10 column + diagonal pairs */
        QR(x, 0, 4, 8, 12);
        QR(x, 1, 5, 9, 13);
        QR(x, 2, 6, 10, 14);
        QR(x, 3, 7, 11, 15);
        QR(x, 0, 5, 10, 15);
        QR(x, 1, 6, 11, 12);
        QR(x, 2, 7, 8, 13);
        QR(x, 3, 4, 9, 14);
    }
    for (int i = 0; i < CHACHA20_STATE_WORDS; i++)
        store_le32(out + 4 * i, x[i] + state[i]);
    /* the working state is key material: wipe it (volatile: not a dead
     * store the compiler may drop; lib/string.h's memzero_explicit, kept
     * here so this file stays free-standing for the host test) */
    for (int i = 0; i < CHACHA20_STATE_WORDS; i++)
        ((volatile uint32_t *)x)[i] = 0;
    state[12]++;
}
