/*
 * random.c - see random.h. The shape of Linux's crng (drivers/char/
 * random.c since 5.17), on one CPU:
 *
 *  - The whole state is one 256-bit ChaCha20 key.
 *  - A request (random_bytes) runs ChaCha20 under the key with counter 0:
 *    the block's first 32 bytes replace the key at once, its other 32 are
 *    the request's first bytes; the rest of a longer request comes from
 *    counters 1, 2, ... under the old key, held only on the caller's stack
 *    and wiped afterwards. Whoever reads the key later cannot run the
 *    generator backwards: that would invert ChaCha20.
 *  - Seed material is absorbed 32 bytes at a time: XOR into the key, then
 *    the key becomes the first half of a ChaCha20 block under it (a nonce
 *    of its own keeps these blocks apart from the output ones). The result
 *    is unpredictable as long as the old key or the material is; Linux
 *    uses BLAKE2s for this step, we use the one primitive we have.
 *  - Every RANDOM_RESEED_SECONDS, the next request first absorbs fresh
 *    samples, so a key that leaked stops being useful.
 */
#include "lib/random.h"

#include <stdbool.h>

#include "arch/x86_64/entropy.h"
#include "arch/x86_64/spinlock.h"
#include "lib/chacha20.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "time/clock.h"

#define BOOT_SAMPLES 128  /* words of seed material at boot */
#define RESEED_SAMPLES 32 /* and at each reseed */

static struct {
    uint8_t key[CHACHA20_KEY_SIZE];
    bool seeded;
    unsigned sources;     /* ENTROPY_* flags of the boot seed */
    uint64_t next_reseed; /* clock_monotonic_ns() deadline */
    uint64_t reseeds;     /* how many so far: random_u64's batch generation */
} crng;
static struct spinlock crng_lock = SPINLOCK_INIT;

static const uint8_t zero_nonce[CHACHA20_NONCE_SIZE];
static const uint8_t absorb_nonce[CHACHA20_NONCE_SIZE] = "crng-absorb";

static void absorb(const void *in, size_t n)
{
    const uint8_t *p = in;
    uint32_t st[CHACHA20_STATE_WORDS];
    uint8_t block[CHACHA20_BLOCK_SIZE];
    while (n) {
        size_t k = n < CHACHA20_KEY_SIZE ? n : CHACHA20_KEY_SIZE;
        for (size_t i = 0; i < k; i++)
            crng.key[i] ^= p[i];
        chacha20_init(st, crng.key, 0, absorb_nonce);
        chacha20_block(st, block);
        memcpy(crng.key, block, CHACHA20_KEY_SIZE);
        p += k;
        n -= k;
    }
    memzero_explicit(st, sizeof st);
    memzero_explicit(block, sizeof block);
}

/* Caller holds crng_lock. */
static void reseed(size_t nsamples, bool boot)
{
    uint64_t samples[BOOT_SAMPLES];
    unsigned s = entropy_collect(samples, nsamples, boot);
    if (boot)
        crng.sources = s;
    absorb(samples, nsamples * sizeof samples[0]);
    memzero_explicit(samples, sizeof samples);
    crng.next_reseed = clock_monotonic_ns() + RANDOM_RESEED_SECONDS * 1000000000ull;
    crng.reseeds++;
}

/* Caller holds crng_lock: the boot seed if there is none yet (a request
 * before random_init), else a reseed once the interval is over. */
static void seed_if_due(void)
{
    if (!crng.seeded) {
        reseed(BOOT_SAMPLES, true);
        crng.seeded = true;
    } else if (clock_monotonic_ns() >= crng.next_reseed) {
        reseed(RESEED_SAMPLES, false);
    }
}

void random_init(void)
{
    spin_lock(&crng_lock);
    seed_if_due();
    spin_unlock(&crng_lock);
}

/* Turns the key over and hands back the state that produces the rest of
 * the request (counter 1 onwards under the key just retired), plus the
 * request's first out_len (<= 32) bytes. */
static void crng_make_state(uint32_t st[CHACHA20_STATE_WORDS], uint8_t *out, size_t out_len)
{
    uint8_t first[CHACHA20_BLOCK_SIZE];
    spin_lock(&crng_lock);
    seed_if_due();
    chacha20_init(st, crng.key, 0, zero_nonce);
    chacha20_block(st, first);
    memcpy(crng.key, first, CHACHA20_KEY_SIZE);
    spin_unlock(&crng_lock);
    memcpy(out, first + CHACHA20_KEY_SIZE, out_len);
    memzero_explicit(first, sizeof first);
}

void random_bytes(void *buf, size_t n)
{
    uint8_t *b = buf;
    uint32_t st[CHACHA20_STATE_WORDS];
    size_t first = n < 32 ? n : 32;
    crng_make_state(st, b, first);
    b += first;
    n -= first;
    while (n) {
        if (n >= CHACHA20_BLOCK_SIZE) {
            chacha20_block(st, b);
        } else {
            uint8_t tail[CHACHA20_BLOCK_SIZE];
            chacha20_block(st, tail);
            memcpy(b, tail, n);
            memzero_explicit(tail, sizeof tail);
            break;
        }
        if (st[12] == 0) /* 256 GiB from one request: carry, never repeat a block */
            st[13]++;
        b += CHACHA20_BLOCK_SIZE;
        n -= CHACHA20_BLOCK_SIZE;
    }
    memzero_explicit(st, sizeof st);
}

/* random_u64 hands out words of one 96-byte request at a time, as
 * Linux's get_random_u64 batches (CHACHA_BLOCK_SIZE * 3 / 2): 12 words
 * for two ChaCha20 blocks (the key-turning one gives 32 bytes, a second
 * 64), a sixth of a block per word instead of 8 blocks for 8 calls. A
 * word is wiped as it is handed out, so the batch holds only outputs
 * nobody has seen yet; a reseed throws the batch away. */
static struct {
    uint64_t words[CHACHA20_BLOCK_SIZE * 3 / 2 / 8];
    unsigned left;
    uint64_t generation; /* crng.reseeds when filled */
} batch;
static struct spinlock batch_lock = SPINLOCK_INIT;

uint64_t random_u64(void)
{
    spin_lock(&batch_lock);
    if (batch.left == 0 || batch.generation != crng.reseeds) {
        random_bytes(batch.words, sizeof batch.words);
        batch.left = sizeof batch.words / 8;
        batch.generation = crng.reseeds; /* read after the fill: a reseed it made counts */
    }
    uint64_t v = batch.words[--batch.left];
    batch.words[batch.left] = 0;
    spin_unlock(&batch_lock);
    return v;
}

uint64_t random_below(uint64_t n)
{
    if (n == 0)
        return 0;
    /* 2^64 mod n: below it, r % n would favour small results. What stays,
     * [thresh, 2^64), is a whole number of n-sized runs. */
    uint64_t thresh = -n % n;
    for (;;) {
        uint64_t r = random_u64();
        if (r >= thresh)
            return r % n;
    }
}

void random_print_sources(void)
{
    kprintf("random: ChaCha20 generator, seeded from");
    if (crng.sources & ENTROPY_RDSEED)
        kprintf(" rdseed");
    if (crng.sources & ENTROPY_RDRAND)
        kprintf(" rdrand");
    if (crng.sources & ENTROPY_JITTER)
        kprintf(" timer-jitter");
    if (crng.sources & ENTROPY_RTC)
        kprintf(" rtc");
    kprintf(", reseeded every %d s\n", RANDOM_RESEED_SECONDS);
}
