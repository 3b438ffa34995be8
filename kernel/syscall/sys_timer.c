/*
 * sys_timer.c - alarm(2), setitimer(2) and getitimer(2): copy struct
 * itimerval in and out in Linux's order of checks; the timers are
 * proc/itimer.c (ITIMER_REAL on the monotonic clock, ITIMER_VIRTUAL and
 * ITIMER_PROF on the process's CPU time, counted in 10 ms ticks).
 */
#include "mm/usercopy.h"
#include "proc/itimer.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC 1000000000ll

struct itimerval64 {
    struct linux_timeval interval, value;
};

static struct linux_timeval ns_to_tv(int64_t ns) { return (struct linux_timeval){ns / NSEC, ns % NSEC / 1000}; }

static bool tv_valid(const struct linux_timeval *tv) { return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000; }

static int64_t tv_to_ns(const struct linux_timeval *tv)
{
    return tv->tv_sec > INT64_MAX / NSEC - 1 ? INT64_MAX / 2 : tv->tv_sec * NSEC + tv->tv_usec * 1000;
}

static struct itimerval64 to_itimerval(const struct itimer_value *v)
{
    return (struct itimerval64){ns_to_tv(v->interval), ns_to_tv(v->value)};
}

/* A NULL new value disarms the timer, a misfeature Linux keeps. */
long sys_setitimer(int which, uint64_t unew, uint64_t uold)
{
    struct itimerval64 nv = {{0, 0}, {0, 0}};
    if (unew && copy_from_user(&nv, unew, sizeof nv))
        return -EFAULT;
    if (!tv_valid(&nv.value) || !tv_valid(&nv.interval))
        return -EINVAL;
    struct itimer_value set = {tv_to_ns(&nv.value), tv_to_ns(&nv.interval)}, old;
    long err = itimer_set(which, &set, uold ? &old : NULL);
    if (err || !uold)
        return err;
    struct itimerval64 ov = to_itimerval(&old);
    return copy_to_user(uold, &ov, sizeof ov);
}

long sys_getitimer(int which, uint64_t uval)
{
    struct itimer_value cur;
    long err = itimer_get(which, &cur);
    if (err)
        return err;
    struct itimerval64 v = to_itimerval(&cur);
    return copy_to_user(uval, &v, sizeof v);
}

/* alarm(2) is setitimer(ITIMER_REAL) in whole seconds; the old alarm's
 * time left is rounded to the nearest second, and at least 1 while one
 * was pending (Linux's alarm_setitimer). */
long sys_alarm(uint32_t seconds)
{
    if (seconds > 0x7fffffff)
        seconds = 0x7fffffff;
    struct itimer_value set = {(int64_t)seconds * NSEC, 0}, old = {0, 0};
    if (itimer_set(ITIMER_REAL, &set, &old))
        return 0;
    int64_t s = old.value / NSEC, frac = old.value % NSEC;
    if ((!s && frac) || frac >= NSEC / 2)
        s++;
    return s;
}
