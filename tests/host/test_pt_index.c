/* Host tests for kernel/mm/pt_index.h: x86_64 4-level paging arithmetic. */
#include "mm/pt_index.h"

#include "unit.h"

struct idx {
    unsigned l4, l3, l2, l1;
};

static struct idx split(uint64_t va)
{
    return (struct idx){pml4_index(va), pdpt_index(va), pd_index(va), pt1_index(va)};
}

#define CHECK_IDX(va, a, b, c, d)                     \
    do {                                              \
        struct idx i_ = split(va);                    \
        CHECKF(i_.l4 == (a) && i_.l3 == (b) && i_.l2 == (c) && i_.l1 == (d), \
               "%#llx -> %u/%u/%u/%u, expected %u/%u/%u/%u", (unsigned long long)(va), i_.l4, i_.l3, i_.l2, \
               i_.l1, (unsigned)(a), (unsigned)(b), (unsigned)(c), (unsigned)(d)); \
    } while (0)

TEST(indexes_of_known_addresses)
{
    CHECK_IDX(0, 0, 0, 0, 0);
    CHECK_IDX(0xfff, 0, 0, 0, 0);              /* the offset is not an index */
    CHECK_IDX(0x1000, 0, 0, 0, 1);
    CHECK_IDX(0x1fffff, 0, 0, 0, 511);
    CHECK_IDX(0x200000, 0, 0, 1, 0);
    CHECK_IDX(0x3fffffff, 0, 0, 511, 511);
    CHECK_IDX(0x40000000, 0, 1, 0, 0);
    CHECK_IDX(0x7fffffffff, 0, 511, 511, 511);
    CHECK_IDX(0x8000000000, 1, 0, 0, 0);
    CHECK_IDX(0x00007fffffffffff, 255, 511, 511, 511);
    CHECK_IDX(0xffff800000000000, 256, 0, 0, 0);   /* start of the higher half */
    CHECK_IDX(0xffffffff80000000, 511, 510, 0, 0);  /* the kernel image (-2 GiB) */
    CHECK_IDX(0xffffffff80201000, 511, 510, 1, 1);
    CHECK_IDX(0xffffffffffffffff, 511, 511, 511, 511);
    CHECK_IDX(0x0000123456789000, 0x24, 0xd1, 0xb3, 0x189);
}

TEST(pt_index_by_level_matches_named_helpers)
{
    unit_srand(5);
    for (int i = 0; i < 10000; i++) {
        uint64_t va = unit_rand();
        CHECK_EQ_INT(pt_index(va, 4), pml4_index(va));
        CHECK_EQ_INT(pt_index(va, 3), pdpt_index(va));
        CHECK_EQ_INT(pt_index(va, 2), pd_index(va));
        CHECK_EQ_INT(pt_index(va, 1), pt1_index(va));
        for (int level = 1; level <= 4; level++)
            CHECK_EQ_INT(pt_index(va, level), (va >> (12 + 9 * (level - 1))) % 512);
    }
}

TEST(level_sizes)
{
    CHECK_EQ_HEX(pt_level_size(1), 4096);
    CHECK_EQ_HEX(pt_level_size(2), 2ull << 20);
    CHECK_EQ_HEX(pt_level_size(3), 1ull << 30);
    CHECK_EQ_HEX(pt_level_size(4), 512ull << 30);
    CHECK_EQ_HEX(pt_level_size(1), PAGE_BYTES);
    CHECK_EQ_HEX(pt_level_size(2), HUGE_2M);
    CHECK_EQ_HEX(pt_level_size(3), HUGE_1G);
    /* one entry at a level is 512 entries of the level below */
    for (int level = 2; level <= 4; level++)
        CHECK_EQ_HEX(pt_level_size(level), PT_ENTRIES * pt_level_size(level - 1));
    /* adding one entry's size moves that level's index by one */
    for (int level = 1; level <= 4; level++)
        CHECK_EQ_INT(pt_index(0x1000000000ull + pt_level_size(level), level), pt_index(0x1000000000ull, level) + 1);
}

TEST(va_from_indexes_known)
{
    CHECK_EQ_HEX(va_from_indexes(0, 0, 0, 0), 0);
    CHECK_EQ_HEX(va_from_indexes(0, 0, 0, 1), 0x1000);
    CHECK_EQ_HEX(va_from_indexes(0, 0, 1, 0), 0x200000);
    CHECK_EQ_HEX(va_from_indexes(0, 1, 0, 0), 0x40000000);
    CHECK_EQ_HEX(va_from_indexes(1, 0, 0, 0), 0x8000000000);
    CHECK_EQ_HEX(va_from_indexes(255, 511, 511, 511), 0x00007ffffffff000);
    /* bit 47 set: sign-extended into the higher half */
    CHECK_EQ_HEX(va_from_indexes(256, 0, 0, 0), 0xffff800000000000);
    CHECK_EQ_HEX(va_from_indexes(511, 510, 0, 0), 0xffffffff80000000);
    CHECK_EQ_HEX(va_from_indexes(511, 511, 511, 511), 0xfffffffffffff000);
}

TEST(va_from_indexes_round_trip_random)
{
    unit_srand(6);
    for (int i = 0; i < 100000; i++) {
        unsigned l4 = (unsigned)unit_rand_below(512), l3 = (unsigned)unit_rand_below(512);
        unsigned l2 = (unsigned)unit_rand_below(512), l1 = (unsigned)unit_rand_below(512);
        uint64_t va = va_from_indexes(l4, l3, l2, l1);
        CHECKF(va_is_canonical(va), "%#llx from %u/%u/%u/%u not canonical", (unsigned long long)va, l4, l3, l2, l1);
        CHECK_EQ_HEX(va & 0xfff, 0);
        CHECK_IDX(va, l4, l3, l2, l1);
    }
}

TEST(canonical_address_round_trip_random)
{
    /* any canonical address = indexes + offset */
    unit_srand(7);
    for (int i = 0; i < 100000; i++) {
        uint64_t va = unit_rand() & 0x0000ffffffffffffull;
        if (va & (1ull << 47))
            va |= 0xffff000000000000ull;
        CHECK(va_is_canonical(va));
        struct idx x = split(va);
        CHECK_EQ_HEX(va_from_indexes(x.l4, x.l3, x.l2, x.l1) | (va & 0xfff), va);
        CHECK_EQ_HEX(page_align_down(va), va_from_indexes(x.l4, x.l3, x.l2, x.l1));
    }
}

TEST(canonical_checks)
{
    CHECK(va_is_canonical(0));
    CHECK(va_is_canonical(0x00007fffffffffff));
    CHECK(!va_is_canonical(0x0000800000000000));
    CHECK(va_is_canonical(0xffff800000000000));
    CHECK(!va_is_canonical(0xffff7fffffffffff));
    CHECK(va_is_canonical(0xffffffffffffffff));
    CHECK(va_is_canonical(0xffffffff80000000));
    CHECK(!va_is_canonical(0x8000000000000000));
    CHECK(!va_is_canonical(0x0001000000000000));
    CHECK(!va_is_canonical(0x7fffffffffffffff));
    CHECK(!va_is_canonical(0xfffe800000000000));
    CHECK(!va_is_canonical(0x00ff800000000000));
    /* exactly one bit above 47 wrong makes it non-canonical */
    for (int bit = 48; bit < 64; bit++) {
        CHECKF(!va_is_canonical(1ull << bit), "bit %d", bit);
        CHECKF(!va_is_canonical(0xffff800000000000ull & ~(1ull << bit)), "bit %d", bit);
    }
}

TEST(canonical_random_against_definition)
{
    unit_srand(8);
    for (int i = 0; i < 100000; i++) {
        uint64_t va = unit_rand();
        if (i % 3 == 0)
            va &= 0x0000ffffffffffffull; /* make the canonical cases common */
        else if (i % 3 == 1)
            va |= 0xffff000000000000ull;
        bool expect = (int64_t)(va << 16) >> 16 == (int64_t)va; /* sign-extension of bit 47 */
        CHECKF(va_is_canonical(va) == expect, "%#llx", (unsigned long long)va);
    }
}

TEST(page_align)
{
    CHECK_EQ_HEX(page_align_down(0), 0);
    CHECK_EQ_HEX(page_align_down(1), 0);
    CHECK_EQ_HEX(page_align_down(0xfff), 0);
    CHECK_EQ_HEX(page_align_down(0x1000), 0x1000);
    CHECK_EQ_HEX(page_align_down(0x1fff), 0x1000);
    CHECK_EQ_HEX(page_align_down(UINT64_MAX), 0xfffffffffffff000);
    CHECK_EQ_HEX(page_align_up(0), 0);
    CHECK_EQ_HEX(page_align_up(1), 0x1000);
    CHECK_EQ_HEX(page_align_up(0xfff), 0x1000);
    CHECK_EQ_HEX(page_align_up(0x1000), 0x1000);
    CHECK_EQ_HEX(page_align_up(0x1001), 0x2000);
    CHECK_EQ_HEX(page_align_up(0xffffffff80000123), 0xffffffff80001000);
    /* the highest page itself still aligns */
    CHECK_EQ_HEX(page_align_up(0xfffffffffffff000), 0xfffffffffffff000);
}

TEST(page_align_up_overflow_returns_zero)
{
    CHECK_EQ_HEX(page_align_up(0xfffffffffffff001), 0);
    CHECK_EQ_HEX(page_align_up(0xfffffffffffffffe), 0);
    CHECK_EQ_HEX(page_align_up(UINT64_MAX), 0);
}

TEST(page_align_random)
{
    unit_srand(9);
    for (int i = 0; i < 100000; i++) {
        uint64_t x = unit_rand() >> unit_rand_below(64);
        uint64_t d = page_align_down(x), u = page_align_up(x);
        CHECK(d <= x && x - d < 4096 && d % 4096 == 0);
        if (x <= 0xfffffffffffff000) {
            CHECK(u >= x && u - x < 4096 && u % 4096 == 0);
            CHECK(u == d || u == d + 4096);
        } else {
            CHECK_EQ_HEX(u, 0);
        }
    }
}

RUN_TESTS()
