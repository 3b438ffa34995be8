/* Host tests for kernel/lib/chacha20.c against RFC 8439's test vectors:
 * the quarter round (2.1.1), the block function (2.3.2) and the block
 * vectors of Appendix A.1 (keys, counters and nonces each moved). */
#include "lib/chacha20.c"

#include "unit.h"

static void hex_to_bytes(const char *hex, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* The block of (key, counter, nonce), compared with the RFC's bytes. */
static void check_block(const char *file, int line, const char *key_hex, uint32_t counter, const char *nonce_hex,
                        const char *want_hex)
{
    uint8_t key[32], nonce[12], want[64], got[64];
    uint32_t st[16];
    hex_to_bytes(key_hex, key, sizeof key);
    hex_to_bytes(nonce_hex, nonce, sizeof nonce);
    hex_to_bytes(want_hex, want, sizeof want);
    chacha20_init(st, key, counter, nonce);
    chacha20_block(st, got);
    for (int i = 0; i < 64; i++)
        if (got[i] != want[i]) {
            unit_fail(file, line, "byte %d: got %02x, RFC says %02x", i, got[i], want[i]);
            return;
        }
    if (st[12] != counter + 1)
        unit_fail(file, line, "counter after the block: %u, want %u", st[12], counter + 1);
}
#define CHECK_BLOCK(...) check_block(__FILE__, __LINE__, __VA_ARGS__)

#define ZERO_KEY "0000000000000000000000000000000000000000000000000000000000000000"
#define ZERO_NONCE "000000000000000000000000"

TEST(quarter_round_2_1_1)
{
    uint32_t a = 0x11111111, b = 0x01020304, c = 0x9b8d6f43, d = 0x01234567;
    chacha20_quarter_round(&a, &b, &c, &d);
    CHECK_EQ_HEX(a, 0xea2a92f4);
    CHECK_EQ_HEX(b, 0xcb1cf8ce);
    CHECK_EQ_HEX(c, 0x4581472e);
    CHECK_EQ_HEX(d, 0x5881c4bb);
}

TEST(state_setup_2_3_2)
{
    uint8_t key[32], nonce[12];
    uint32_t st[16];
    hex_to_bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key, 32);
    hex_to_bytes("000000090000004a00000000", nonce, 12);
    chacha20_init(st, key, 1, nonce);
    static const uint32_t want[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, 0x03020100, 0x07060504,
                                      0x0b0a0908, 0x0f0e0d0c, 0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c,
                                      0x00000001, 0x09000000, 0x4a000000, 0x00000000};
    for (int i = 0; i < 16; i++)
        CHECK_EQ_HEX(st[i], want[i]);
}

TEST(block_2_3_2)
{
    CHECK_BLOCK("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 1, "000000090000004a00000000",
                "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
}

TEST(block_a1_1_zero_key)
{
    CHECK_BLOCK(ZERO_KEY, 0, ZERO_NONCE,
                "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
}

TEST(block_a1_2_counter_1)
{
    CHECK_BLOCK(ZERO_KEY, 1, ZERO_NONCE,
                "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
}

TEST(block_a1_3_key_last_bit)
{
    CHECK_BLOCK("0000000000000000000000000000000000000000000000000000000000000001", 1, ZERO_NONCE,
                "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
                "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
}

TEST(block_a1_4_key_ff)
{
    CHECK_BLOCK("00ff000000000000000000000000000000000000000000000000000000000000", 2, ZERO_NONCE,
                "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
                "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
}

TEST(block_a1_5_nonce)
{
    CHECK_BLOCK(ZERO_KEY, 0, "000000000000000000000002",
                "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
                "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d");
}

/* Consecutive blocks of one state are the key stream at counters n, n+1. */
TEST(block_advances_counter)
{
    uint8_t key[32] = {0}, nonce[12] = {0}, first[64], second[64], direct[64];
    uint32_t st[16], st2[16];
    chacha20_init(st, key, 0, nonce);
    chacha20_block(st, first);
    chacha20_block(st, second);
    chacha20_init(st2, key, 1, nonce);
    chacha20_block(st2, direct);
    CHECK(memcmp(second, direct, 64) == 0);
    CHECK(memcmp(first, second, 64) != 0);
}

RUN_TESTS()
