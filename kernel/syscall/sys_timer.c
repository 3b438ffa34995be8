/*
 * sys_timer.c - alarm(2) and setitimer(2) with ITIMER_REAL: SIGALRM when
 * the monotonic clock passes the deadline (checked every 10 ms tick, so
 * the resolution is a tick). ITIMER_VIRTUAL/PROF need CPU-time
 * accounting, which Tiny OS does not keep: they fail with EINVAL.
 */
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define ITIMER_REAL 0
#define NSEC 1000000000ull

struct itimerval64 {
    struct linux_timeval interval, value;
};

static uint64_t tv_to_ns(const struct linux_timeval *tv) { return (uint64_t)tv->tv_sec * NSEC + (uint64_t)tv->tv_usec * 1000; }

static struct linux_timeval ns_to_tv(uint64_t ns)
{
    return (struct linux_timeval){(int64_t)(ns / NSEC), (int64_t)(ns % NSEC / 1000)};
}

static void current_value(struct proc *p, struct itimerval64 *v)
{
    uint64_t now = clock_monotonic_ns();
    v->value = ns_to_tv(p->alarm_at > now ? p->alarm_at - now : 0);
    v->interval = ns_to_tv(p->alarm_interval);
    if (p->alarm_at && p->alarm_at <= now)
        v->value = (struct linux_timeval){0, 1}; /* due, not yet delivered */
}

long sys_setitimer(int which, uint64_t unew, uint64_t uold)
{
    struct proc *p = current()->leader; /* timers are per process */
    if (which != ITIMER_REAL)
        return -EINVAL;
    struct itimerval64 nv, ov;
    if (unew && copy_from_user(&nv, unew, sizeof nv))
        return -EFAULT;
    if (unew && (nv.value.tv_sec < 0 || nv.value.tv_usec < 0 || nv.value.tv_usec >= 1000000 ||
                 nv.interval.tv_sec < 0 || nv.interval.tv_usec < 0 || nv.interval.tv_usec >= 1000000))
        return -EINVAL;
    current_value(p, &ov);
    if (uold && copy_to_user(uold, &ov, sizeof ov))
        return -EFAULT;
    if (unew) {
        uint64_t v = tv_to_ns(&nv.value);
        p->alarm_at = v ? clock_monotonic_ns() + v : 0;
        p->alarm_interval = tv_to_ns(&nv.interval);
    }
    return 0;
}

long sys_getitimer(int which, uint64_t uval)
{
    if (which != ITIMER_REAL)
        return -EINVAL;
    struct itimerval64 v;
    current_value(current()->leader, &v);
    return copy_to_user(uval, &v, sizeof v);
}

long sys_alarm(uint32_t seconds)
{
    struct proc *p = current()->leader; /* timers are per process */
    uint64_t now = clock_monotonic_ns();
    /* The old alarm's seconds left, rounded up (alarm(2)). */
    long left = p->alarm_at > now ? (long)((p->alarm_at - now + NSEC - 1) / NSEC) : 0;
    p->alarm_at = seconds ? now + seconds * NSEC : 0;
    p->alarm_interval = 0;
    return left;
}
