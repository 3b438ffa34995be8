/* test_aslr.c - mm/aslr.c's arithmetic: Linux's mmap_base() gap rule and
 * the random ranges, with the command line and the generator stubbed. */
#include "unit.h"

#include "mm/aslr.c"

static const char *norandmaps_option;
const char *option(const char *key) { return strcmp(key, "norandmaps") ? NULL : norandmaps_option; }

static uint64_t fill = ~0ull;
uint64_t random_u64(void) { return fill; }

#define TASK 0x7ffffffff000ull
#define STACK_RND (((1ull << 22) - 1) << 12)

TEST(mmap_base_without_randomization_is_linux_fixed_one)
{
    /* 8 MiB + 1 MiB guard: below the 128 MiB minimum gap. */
    CHECK_EQ_HEX(aslr_mmap_base(TASK, 8ull << 20, 0, 0), 0x7ffff7fff000ull);
}

TEST(mmap_base_gap_covers_rlimit_stack_range_and_guard)
{
    uint64_t gap = (8ull << 20) + STACK_RND + (1ull << 20);
    CHECK_EQ_HEX(aslr_mmap_base(TASK, 8ull << 20, STACK_RND, 0), TASK - gap);
    /* the random part comes off below that, page aligned */
    CHECK_EQ_HEX(aslr_mmap_base(TASK, 8ull << 20, STACK_RND, 0x1234000), TASK - gap - 0x1234000);
}

TEST(mmap_base_gap_clamped_to_five_sixths)
{
    uint64_t low = (TASK - TASK / 6 * 5 + 4095) & ~4095ull;
    CHECK_EQ_HEX(aslr_mmap_base(TASK, ~0ull, STACK_RND, 0), low); /* RLIM_INFINITY: no wrap */
    CHECK_EQ_HEX(aslr_mmap_base(TASK, 1ull << 47, 0, 0), low);
    CHECK_EQ_HEX(aslr_mmap_base(TASK, 1ull << 46, 0, 0), TASK - (1ull << 46) - (1ull << 20)); /* 64 TiB + the guard: below 5/6 */
}

TEST(random_ranges_are_the_bits_asked)
{
    fill = ~0ull;
    CHECK_EQ_HEX(aslr_pages(ASLR_STACK_RND_BITS), STACK_RND);
    CHECK_EQ_HEX(aslr_pages(ASLR_MMAP_RND_BITS), ((1ull << 28) - 1) << 12);
    fill = 0;
    CHECK_EQ_HEX(aslr_pages(ASLR_MMAP_RND_BITS), 0);
}

TEST(switches)
{
    randomize_va_space = 2;
    norandmaps_option = NULL;
    aslr_init();
    CHECK(aslr_enabled(0));
    CHECK(!aslr_enabled(ADDR_NO_RANDOMIZE));
    norandmaps_option = "";
    aslr_init();
    CHECK_EQ_INT(randomize_va_space, 0);
    CHECK(!aslr_enabled(0));
    randomize_va_space = 1;
    CHECK(aslr_enabled(PER_LINUX32));
}

RUN_TESTS()
