/*
 * selftest_random.c - the random generator (lib/random.c) from inside:
 * every request length is filled and differs from the next, random_below
 * stays in range and reaches every value, and the stack-protector canary
 * is set, random and NUL-led. The crash test smashes its own frame: the
 * runner checks that the panic names the function (tests/suites/random.py).
 */
#include "debug/stack_protector.h"
#include "lib/random.h"
#include "lib/string.h"
#include "tests/selftest.h"

static bool all_zero(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

SELFTEST(random_bytes_lengths)
{
    /* around the generator's seams: the first block's 32 bytes, then
     * whole and partial 64-byte blocks */
    static const size_t lens[] = {1, 7, 31, 32, 33, 63, 64, 65, 96, 97, 1000};
    static uint8_t a[1024 + 16], b[1024 + 16];
    for (unsigned i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        size_t n = lens[i];
        memset(a, 0, sizeof a);
        memset(b, 0, sizeof b);
        random_bytes(a, n);
        random_bytes(b, n);
        if (!all_zero(a + n, sizeof a - n) || !all_zero(b + n, sizeof b - n))
            return "random_bytes wrote past the end of the request";
        /* 8 zero bytes by chance: 2^-64 */
        if (n >= 8 && (all_zero(a + n - 8, 8) || all_zero(b + n - 8, 8)))
            return "random_bytes left the end of the request unfilled";
        if (n >= 8 && !memcmp(a, b, n))
            return "two requests gave the same bytes";
    }
    random_bytes(a, 0); /* nothing, and no fault */
    return NULL;
}

SELFTEST(random_below_range)
{
    if (random_below(0) != 0 || random_below(1) != 0)
        return "random_below(0) and (1) must be 0";
    unsigned seen = 0;
    for (int i = 0; i < 300; i++) { /* each of 3 values missed 300 times: 3 * (2/3)^300 */
        uint64_t v = random_below(3);
        if (v >= 3)
            return "random_below(3) out of range";
        seen |= 1u << v;
    }
    if (seen != 7)
        return "random_below(3) never gave one of 0, 1, 2";
    /* n just above 2^63: half of all 64-bit values are rejected */
    uint64_t big = (1ull << 63) + 1;
    for (int i = 0; i < 100; i++)
        if (random_below(big) >= big)
            return "random_below(2^63 + 1) out of range";
    if (random_u64() == random_u64())
        return "random_u64 repeated itself";
    return NULL;
}

extern uint64_t __stack_chk_guard;

SELFTEST(stack_canary_set)
{
    if (__stack_chk_guard == 0)
        return "the canary is still 0: stack_protector_init did not run";
    if (__stack_chk_guard & 0xff)
        return "the canary's low byte is not 0";
    return NULL;
}

/* -fstack-protector-strong guards this frame (a local array). The length
 * comes through a volatile so the compiler cannot see the overflow at
 * build time; memset is ours (-fno-builtin), so it will not either. */
static volatile size_t smash_len = 64;

__attribute__((noinline)) static void smash_my_frame(void)
{
    char buf[16];
    memset(buf, 'A', smash_len); /* over the canary, saved rbp, return address */
    __asm__ volatile("" ::"r"(buf) : "memory");
}

SELFTEST_CRASH(crash_stack_smash)
{
    smash_my_frame();
    return "smashed a protected frame and returned: no stack protector";
}
