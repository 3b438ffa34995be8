/* aslr.c - see aslr.h. */
#include "mm/aslr.h"

#include "boot/options.h"
#include "lib/random.h"
#include "uapi/personality.h"

int randomize_va_space = 2;

void aslr_init(void)
{
    if (option("norandmaps"))
        randomize_va_space = 0;
}

bool aslr_enabled(uint32_t personality) { return !(personality & ADDR_NO_RANDOMIZE) && randomize_va_space > 0; }

uint64_t aslr_pages(unsigned bits) { return (random_u64() & ((1ull << bits) - 1)) << 12; }

uint64_t aslr_mmap_base(uint64_t task_size, uint64_t stack_rlimit, uint64_t stack_rnd_range, uint64_t rnd)
{
    uint64_t gap = stack_rlimit, pad = stack_rnd_range + ASLR_STACK_GUARD_GAP;
    if (gap + pad > gap) /* an rlimit near RLIM_INFINITY would wrap */
        gap += pad;
    uint64_t gap_min = 128ull << 20, gap_max = task_size / 6 * 5;
    if (gap < gap_min)
        gap = gap_min;
    else if (gap > gap_max)
        gap = gap_max;
    return (task_size - gap - rnd + 4095) & ~4095ull;
}
