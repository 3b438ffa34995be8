/* chacha20.c - see chacha20.h. RFC 8439, sections 2.1 to 2.3. */
#include "lib/chacha20.h"

static inline uint32_t rotl32(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

/* x86 is little-endian and tolerates unaligned access: a word load or
 * store through a type the compiler may not assume aligned or unaliased. */
typedef uint32_t __attribute__((aligned(1), may_alias)) u32_unaligned;
static inline uint32_t load_le32(const uint8_t *p) { return *(const u32_unaligned *)p; }
static inline void store_le32(uint8_t *p, uint32_t v) { *(u32_unaligned *)p = v; }

/* On named words, not through pointers, so the block function keeps the
 * state in registers: the generator runs it for every exec (AT_RANDOM). */
#define QR(a, b, c, d)                                                                             \
    do {                                                                                           \
        a += b; d ^= a; d = rotl32(d, 16);                                                         \
        c += d; b ^= c; b = rotl32(b, 12);                                                         \
        a += b; d ^= a; d = rotl32(d, 8);                                                          \
        c += d; b ^= c; b = rotl32(b, 7);                                                          \
    } while (0)

void chacha20_quarter_round(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    uint32_t x = *a, y = *b, z = *c, w = *d;
    QR(x, y, z, w);
    *a = x, *b = y, *c = z, *d = w;
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

void chacha20_block(uint32_t state[CHACHA20_STATE_WORDS], uint8_t out[CHACHA20_BLOCK_SIZE])
{
    uint32_t x0 = state[0], x1 = state[1], x2 = state[2], x3 = state[3], x4 = state[4], x5 = state[5],
             x6 = state[6], x7 = state[7], x8 = state[8], x9 = state[9], x10 = state[10], x11 = state[11],
             x12 = state[12], x13 = state[13], x14 = state[14], x15 = state[15];
    for (int i = 0; i < 10; i++) { /* 20 rounds: 10 column + diagonal pairs */
        QR(x0, x4, x8, x12);
        QR(x1, x5, x9, x13);
        QR(x2, x6, x10, x14);
        QR(x3, x7, x11, x15);
        QR(x0, x5, x10, x15);
        QR(x1, x6, x11, x12);
        QR(x2, x7, x8, x13);
        QR(x3, x4, x9, x14);
    }
    const uint32_t x[CHACHA20_STATE_WORDS] = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
    for (int i = 0; i < CHACHA20_STATE_WORDS; i++)
        store_le32(out + 4 * i, x[i] + state[i]);
    /* The working words lived in registers and spill slots that the next
     * call overwrites; only the output (the caller's to wipe) holds them. */
    state[12]++;
}
