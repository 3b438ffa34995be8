/*
 * timer.h - kernel timers: the one mechanism behind alarm(2),
 * setitimer(2), POSIX timers (timer_create(2)) and timerfd. A timer
 * expires when its clock reaches its expiry time, and then again every
 * interval if it has one; the timer tick (100 Hz) runs the expired ones,
 * so a timer fires up to a tick late, never early.
 *
 * A timer counts on one of three bases: the monotonic clock (relative
 * timers and CLOCK_MONOTONIC/BOOTTIME: Linux too turns a relative
 * CLOCK_REALTIME timer into a monotonic one, hrtimer_init), the realtime
 * clock (absolute CLOCK_REALTIME times: setting the clock moves them), or
 * a CPU-time counter in ns that the tick advances (ITIMER_VIRTUAL/PROF,
 * CPU-time clocks); the owner of such a counter disarms the timers on it
 * before it goes away.
 *
 * Everything here runs with interrupts off (one CPU: the tick is the
 * only other party).
 */
#ifndef TIME_TIMER_H
#define TIME_TIMER_H

#include <stdbool.h>
#include <stdint.h>

enum ktimer_base { KTIMER_MONOTONIC, KTIMER_REALTIME, KTIMER_CPU };

struct ktimer;
/* Called when t expires, expirations times at once (more than 1 when
 * ticks went by without running it, or the interval is shorter than a
 * tick). Interrupt context: it may send signals and wake sleepers, and
 * arm or disarm t itself, but no other timer. */
typedef void (*ktimer_fn)(struct ktimer *t, uint64_t expirations);

struct ktimer {
    struct ktimer *next, **pprev; /* the armed list; pprev NULL: disarmed */
    ktimer_fn fire;
    const uint64_t *cpu_clock;    /* KTIMER_CPU: the counter it counts on, ns */
    int64_t expires;              /* the next expiry on its base, ns */
    int64_t interval;             /* ns between expiries; 0: once */
    uint8_t base;                 /* enum ktimer_base */
};

/* A disarmed timer calling fire. */
void ktimer_init(struct ktimer *t, ktimer_fn fire);
/* The time on t's base now. */
int64_t ktimer_base_now(int base, const uint64_t *cpu_clock);
/* Arms t at expires (on base; cpu_clock for KTIMER_CPU), then every
 * interval (0: once). An expiry already past runs at the next tick. */
void ktimer_arm(struct ktimer *t, int base, const uint64_t *cpu_clock, int64_t expires, int64_t interval);
void ktimer_disarm(struct ktimer *t);
static inline bool ktimer_armed(const struct ktimer *t) { return t->pprev != 0; }
/* Runs t now if it is due (so a caller looking at it sees what the next
 * tick would), then returns the time until its next expiry: at least 1
 * while armed, 0 when disarmed. */
int64_t ktimer_remaining(struct ktimer *t);
/* The tick: runs every expired timer. */
void ktimer_run_expired(void);

#endif
