/*
 * sys_clock_set.c - setting the time: clock_settime(2), settimeofday(2),
 * adjtimex(2), clock_adjtime(2). Only CLOCK_REALTIME can be set, by a
 * process with CAP_SYS_TIME; the monotonic and boot clocks never move.
 * (x86_64 has no stime(2) system call: glibc's stime is settimeofday.)
 */
#include "fs/timerfd.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "time/ntp.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "uapi/timex.h"

#define NSEC 1000000000ll

/* Linux's do_sys_settimeofday64: ts (ns) and/or tz, either may be NULL. */
static long set_time(const struct linux_timespec *ts, const int32_t *tz)
{
    if (ts && (ts->tv_sec < 0 || ts->tv_sec >= CLOCK_SETTOD_SEC_MAX || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC))
        return -EINVAL;
    if (!capable(CAP_SYS_TIME))
        return -EPERM;
    if (tz) {
        if (tz[0] > 15 * 60 || tz[0] < -15 * 60) /* within +-15 hours */
            return -EINVAL;
        clock_set_timezone(tz);
    }
    if (!ts)
        return 0;
    int64_t ns = ts->tv_sec * NSEC + ts->tv_nsec;
    /* Not before the machine booted (realtime would fall below uptime). */
    if (ns < (int64_t)clock_monotonic_ns())
        return -EINVAL;
    clock_set_realtime(ns);
    timerfd_clock_was_set();
    return 0;
}

long sys_clock_settime(int clock, uint64_t uts)
{
    if (clock != CLOCK_REALTIME)
        return -EINVAL; /* every other clock, valid or not, cannot be set */
    struct linux_timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    return set_time(&ts, NULL);
}

long sys_settimeofday(uint64_t utv, uint64_t utz)
{
    struct linux_timeval tv;
    struct linux_timespec ts;
    int32_t tz[2];
    if (utv) {
        if (copy_from_user(&tv, utv, sizeof tv))
            return -EFAULT;
        if (tv.tv_usec > 1000000 || tv.tv_usec < 0)
            return -EINVAL;
        ts = (struct linux_timespec){tv.tv_sec, tv.tv_usec * 1000};
    }
    if (utz && copy_from_user(tz, utz, sizeof tz))
        return -EFAULT;
    return set_time(utv ? &ts : NULL, utz ? tz : NULL);
}

static long adjtimex_realtime(struct linux_timex *tx)
{
    uint64_t set_before = clock_set_count();
    long r = ntp_adjtimex(tx, capable(CAP_SYS_TIME));
    if (clock_set_count() != set_before) /* ADJ_SETOFFSET moved the clock */
        timerfd_clock_was_set();
    return r;
}

/* adjtimex copies the struct back even when it fails, as Linux does. */
long sys_adjtimex(uint64_t utx)
{
    struct linux_timex tx;
    if (copy_from_user(&tx, utx, sizeof tx))
        return -EFAULT;
    long r = adjtimex_realtime(&tx);
    return copy_to_user(utx, &tx, sizeof tx) ? -EFAULT : r;
}

long sys_clock_adjtime(int clock, uint64_t utx)
{
    struct linux_timex tx;
    if (copy_from_user(&tx, utx, sizeof tx))
        return -EFAULT;
    if (clock != CLOCK_REALTIME) /* a clock that exists but cannot be adjusted, or none */
        return sys_clock_getres(clock, 0) == 0 ? -EOPNOTSUPP : -EINVAL;
    long r = adjtimex_realtime(&tx);
    if (r >= 0 && copy_to_user(utx, &tx, sizeof tx))
        return -EFAULT;
    return r;
}
