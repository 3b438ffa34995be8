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
 * clock since, moved by whatever clock_set_realtime did. */
int64_t clock_realtime_ns(void);
/* The latest time, in seconds, the realtime clock may be set to: 30
 * years short of the end of 64-bit ns time, so uptime cannot overflow it
 * (Linux's TIME_SETTOD_SEC_MAX). */
#define CLOCK_SETTOD_SEC_MAX (INT64_MAX / 1000000000 - 30ll * 365 * 24 * 3600)
/* Sets the realtime clock (clock_settime, settimeofday, adjtimex): only
 * it moves; the monotonic clock and boot time go on untouched. */
void clock_set_realtime(int64_t ns);
/* How many times the realtime clock was set since boot (timerfd's
 * TFD_TIMER_CANCEL_ON_SET compares it). */
uint64_t clock_set_count(void);
/* struct timezone (minutes west of Greenwich, DST type) as settimeofday
 * last set it, for gettimeofday: kept, used by nothing else (Linux's
 * sys_tz). */
void clock_set_timezone(const int32_t tz[2]);
void clock_timezone(int32_t tz[2]);

#endif
