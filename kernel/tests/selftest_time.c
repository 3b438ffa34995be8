/* selftest_time.c - the timer interrupt ticks and the TSC clock advances. */
#include "arch/x86_64/cpu.h"
#include "time/clock.h"
#include "tests/selftest.h"

SELFTEST(timer_ticks_advance)
{
    uint64_t t0 = timer_ticks(), ns0 = clock_monotonic_ns();
    /* Wait for 5 ticks; give up after ~10 s of TSC time (a dead timer). */
    while (timer_ticks() < t0 + 5) {
        if (clock_monotonic_ns() - ns0 > 10000000000ull)
            return "timer interrupts do not arrive";
        sti_hlt();
    }
    uint64_t ns1 = clock_monotonic_ns();
    if (ns1 <= ns0)
        return "monotonic clock did not advance";
    uint64_t last = ns1;
    for (int i = 0; i < 10000; i++) {
        uint64_t now = clock_monotonic_ns();
        if (now < last)
            return "monotonic clock went backwards";
        last = now;
    }
    return NULL;
}
