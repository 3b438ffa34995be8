/* clock.c - see clock.h. */
#include "time/clock.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/pit.h"
#include "drivers/rtc.h"

static volatile uint64_t ticks;
static uint64_t tsc_hz, tsc_base;
static uint64_t ns_mult;       /* ns per TSC tick, as a 32.32 fixed-point number */
static int64_t boot_epoch_ns;  /* realtime minus monotonic time */
static uint64_t set_count;
static int32_t timezone[2];

static void (*tick_hook)(void);

static void tick(void)
{
    ticks++;
    if (tick_hook)
        tick_hook();
}

void clock_set_tick_hook(void (*hook)(void)) { tick_hook = hook; }

void clock_init(void)
{
    tsc_hz = pit_measure_tsc_hz();
    if (tsc_hz < 1000000)
        tsc_hz = 1000000; /* a broken measurement must not divide by ~0 */
    ns_mult = (1000000000ull << 32) / tsc_hz;
    boot_epoch_ns = rtc_read_epoch() * 1000000000ll;
    tsc_base = rdtsc();
    pit_start_periodic(TIMER_HZ, tick);
}

uint64_t timer_ticks(void) { return ticks; }
uint64_t clock_tsc_hz(void) { return tsc_hz; }

uint64_t clock_monotonic_ns(void)
{
    uint64_t delta = rdtsc() - tsc_base;
    /* 64x64->128 multiply; the shift keeps 32.32 fixed point exact enough
     * (error below 1 ns per second of TSC at GHz rates). */
    return (uint64_t)(((unsigned __int128)delta * ns_mult) >> 32);
}

int64_t clock_realtime_ns(void) { return boot_epoch_ns + (int64_t)clock_monotonic_ns(); }

void clock_set_realtime(int64_t ns)
{
    boot_epoch_ns = ns - (int64_t)clock_monotonic_ns();
    set_count++;
}

uint64_t clock_set_count(void) { return set_count; }

void clock_set_timezone(const int32_t tz[2])
{
    timezone[0] = tz[0];
    timezone[1] = tz[1];
}

void clock_timezone(int32_t tz[2])
{
    tz[0] = timezone[0];
    tz[1] = timezone[1];
}
