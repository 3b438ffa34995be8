/* sys_time.c - clocks and sleeping (clock_gettime(2), nanosleep(2)). */
#include "arch/x86_64/cpu.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC 1000000000ll

static int64_t now_ns(long clock)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        return clock_realtime_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return (int64_t)clock_monotonic_ns();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID: { /* the ticks charged so far, 10 ms each */
        struct proc *p = current();
        return (int64_t)(p->utime + p->stime) * 10000000;
    }
    default:
        return -1;
    }
}

long sys_clock_gettime(int clock, uint64_t uts)
{
    int64_t ns = now_ns(clock);
    if (ns < 0)
        return -EINVAL;
    struct linux_timespec ts = {ns / NSEC, ns % NSEC};
    return copy_to_user(uts, &ts, sizeof ts);
}

long sys_clock_getres(int clock, uint64_t uts)
{
    if (now_ns(clock) < 0)
        return -EINVAL;
    struct linux_timespec ts = {0, 1};
    return uts ? copy_to_user(uts, &ts, sizeof ts) : 0;
}

long sys_gettimeofday(uint64_t utv, uint64_t utz)
{
    int64_t ns = clock_realtime_ns();
    struct linux_timeval tv = {ns / NSEC, (ns % NSEC) / 1000};
    if (utv && copy_to_user(utv, &tv, sizeof tv))
        return -EFAULT;
    if (utz) {
        int32_t tz[2] = {0, 0}; /* struct timezone: UTC */
        if (copy_to_user(utz, tz, sizeof tz))
            return -EFAULT;
    }
    return 0;
}

long sys_time(uint64_t ut)
{
    int64_t t = clock_realtime_ns() / NSEC;
    if (ut && copy_to_user(ut, &t, sizeof t))
        return -EFAULT;
    return t;
}

long timespec_from_user(uint64_t uts, int64_t *ns)
{
    struct linux_timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC)
        return -EINVAL;
    *ns = ts.tv_sec > INT64_MAX / NSEC - 1 ? INT64_MAX : ts.tv_sec * NSEC + ts.tv_nsec;
    return 0;
}

long sys_clock_nanosleep(int clock, int flags, uint64_t ureq, uint64_t urem)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
        return -EINVAL;
    int64_t ns;
    long err = timespec_from_user(ureq, &ns);
    if (err)
        return err;
    uint64_t now = clock_monotonic_ns();
    uint64_t deadline;
    if (flags & TIMER_ABSTIME) {
        int64_t base = now_ns(clock);
        deadline = ns <= base ? now : now + (uint64_t)(ns - base);
    } else {
        deadline = (uint64_t)ns > UINT64_MAX - now ? UINT64_MAX : now + (uint64_t)ns;
    }
    if (sleep_until_ns(deadline) == 0)
        return 0;
    /* Interrupted by a signal: report what was left of a relative sleep. */
    if (urem && !(flags & TIMER_ABSTIME)) {
        uint64_t now2 = clock_monotonic_ns(), left = deadline > now2 ? deadline - now2 : 0;
        struct linux_timespec rem = {(int64_t)(left / NSEC), (int64_t)(left % NSEC)};
        if (copy_to_user(urem, &rem, sizeof rem))
            return -EFAULT;
    }
    return -EINTR;
}

long sys_nanosleep(uint64_t ureq, uint64_t urem) { return sys_clock_nanosleep(CLOCK_MONOTONIC, 0, ureq, urem); }

/* times(2): CPU times in clock ticks (USER_HZ = 100, the timer's rate);
 * the return value is the clock in ticks since boot. */
long sys_times(uint64_t ubuf)
{
    struct proc *p = current();
    int64_t t[4] = {(int64_t)p->utime, (int64_t)p->stime, (int64_t)p->cutime, (int64_t)p->cstime};
    if (ubuf && copy_to_user(ubuf, t, sizeof t))
        return -EFAULT;
    return (long)(clock_monotonic_ns() / (NSEC / 100));
}

/* getrusage(2): user and system CPU time (10 ms resolution); the other
 * fields (page faults, context switches...) are not counted: 0. */
long sys_getrusage(int who, uint64_t ubuf)
{
    struct proc *p = current();
    uint64_t u, s;
    if (who == 0 || who == 1) { /* RUSAGE_SELF, RUSAGE_THREAD */
        u = p->utime;
        s = p->stime;
    } else if (who == -1) { /* RUSAGE_CHILDREN: the reaped ones */
        u = p->cutime;
        s = p->cstime;
    } else {
        return -EINVAL;
    }
    int64_t ru[18] = {0}; /* struct rusage: two timevals, then 14 longs */
    ru[0] = (int64_t)(u / 100), ru[1] = (int64_t)(u % 100) * 10000;
    ru[2] = (int64_t)(s / 100), ru[3] = (int64_t)(s % 100) * 10000;
    return copy_to_user(ubuf, ru, sizeof ru);
}
