/* timer.c - kernel timers (see timer.h). */
#include "time/timer.h"

#include "time/clock.h"

/* The armed timers, unsorted: there are few, and the tick looks at each
 * (a sorted list would not help the CPU-time ones, whose clocks run at
 * different speeds). */
static struct ktimer *armed;

void ktimer_init(struct ktimer *t, ktimer_fn fire)
{
    *t = (struct ktimer){.fire = fire};
}

int64_t ktimer_base_now(int base, const uint64_t *cpu_clock)
{
    switch (base) {
    case KTIMER_REALTIME: return clock_realtime_ns();
    case KTIMER_CPU: return (int64_t)*cpu_clock;
    default: return (int64_t)clock_monotonic_ns();
    }
}

static int64_t now_of(const struct ktimer *t) { return ktimer_base_now(t->base, t->cpu_clock); }

void ktimer_disarm(struct ktimer *t)
{
    if (!t->pprev)
        return;
    *t->pprev = t->next;
    if (t->next)
        t->next->pprev = t->pprev;
    t->next = 0;
    t->pprev = 0;
}

void ktimer_arm(struct ktimer *t, int base, const uint64_t *cpu_clock, int64_t expires, int64_t interval)
{
    ktimer_disarm(t);
    t->base = (uint8_t)base;
    t->cpu_clock = cpu_clock;
    t->expires = expires;
    t->interval = interval > 0 ? interval : 0;
    t->next = armed;
    t->pprev = &armed;
    if (armed)
        armed->pprev = &t->next;
    armed = t;
}

/* Runs t if its expiry has come: once, or for a periodic timer every
 * period that has passed, counted at once; moves the expiry past now. */
static void run_if_due(struct ktimer *t, int64_t now)
{
    if (now < t->expires)
        return;
    uint64_t n = 1;
    if (!t->interval) {
        ktimer_disarm(t);
    } else {
        n = (uint64_t)((now - t->expires) / t->interval) + 1;
        int64_t next;
        /* An expiry past the end of time never comes. */
        if (__builtin_mul_overflow((int64_t)n, t->interval, &next) || __builtin_add_overflow(t->expires, next, &next))
            ktimer_disarm(t);
        else
            t->expires = next;
    }
    t->fire(t, n);
}

int64_t ktimer_remaining(struct ktimer *t)
{
    if (!t->pprev)
        return 0;
    int64_t now = now_of(t);
    run_if_due(t, now);
    if (!t->pprev)
        return 0;
    int64_t left = t->expires - now;
    return left > 0 ? left : 1;
}

void ktimer_run_expired(void)
{
    int64_t mono = (int64_t)clock_monotonic_ns(), real = clock_realtime_ns();
    for (struct ktimer *t = armed, *next; t; t = next) {
        next = t->next; /* t may disarm itself */
        run_if_due(t, t->base == KTIMER_MONOTONIC ? mono : t->base == KTIMER_REALTIME ? real : now_of(t));
    }
}
