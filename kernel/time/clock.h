/*
 * clock.h - kernel time. The PIT interrupts TIMER_HZ times a second
 * (ticks); the TSC, calibrated against the PIT at boot, gives a monotonic
 * clock with nanosecond resolution.
 */
#ifndef TIME_CLOCK_H
#define TIME_CLOCK_H

#include <stdint.h>

#define TIMER_HZ 100 /* one tick = 10 ms, Linux's classic HZ */

void clock_init(void);
/* Calls hook on every timer tick, in interrupt context (the scheduler). */
void clock_set_tick_hook(void (*hook)(void));
uint64_t timer_ticks(void);
uint64_t clock_tsc_hz(void);
/* Nanoseconds since clock_init; never goes backwards. */
uint64_t clock_monotonic_ns(void);
/* Nanoseconds since the Unix epoch: the RTC at boot plus the monotonic
 * clock since. */
int64_t clock_realtime_ns(void);

#endif
