/*
 * sys_timerfd.c - timerfd_create(2), timerfd_settime, timerfd_gettime:
 * check the clock and the flags, copy struct itimerspec in and out and
 * turn it into ns and back; the timers are fs/timerfd.c.
 */
#include "fs/timerfd.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC 1000000000ll

struct itimerspec64 {
    struct linux_timespec interval, value;
};

long sys_timerfd_create(int clockid, int flags)
{
    if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC && clockid != CLOCK_BOOTTIME)
        return -EINVAL;
    if (flags & ~(TFD_NONBLOCK | TFD_CLOEXEC))
        return -EINVAL;
    return timerfd_create(clockid, flags);
}

static struct timerfd *timerfd_fd(int fd, long *err)
{
    struct file *f = fd_get(current(), fd);
    struct timerfd *t = f ? timerfd_of(f) : NULL;
    *err = !f ? -EBADF : !t ? -EINVAL : 0;
    return t;
}

static long ns_of(const struct linux_timespec *ts, int64_t *ns)
{
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC)
        return -EINVAL;
    *ns = ts->tv_sec > INT64_MAX / NSEC - 1 ? INT64_MAX / 2 : ts->tv_sec * NSEC + ts->tv_nsec;
    return 0;
}

static void to_itimerspec(const struct timerfd_setting *s, struct itimerspec64 *out)
{
    out->value = (struct linux_timespec){s->value / NSEC, s->value % NSEC};
    out->interval = (struct linux_timespec){s->interval / NSEC, s->interval % NSEC};
}

long sys_timerfd_settime(int fd, int flags, uint64_t unew, uint64_t uold)
{
    long err;
    struct timerfd *t = timerfd_fd(fd, &err);
    if (!t)
        return err;
    if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
        return -EINVAL;
    struct itimerspec64 nv, old;
    if (copy_from_user(&nv, unew, sizeof nv))
        return -EFAULT;
    struct timerfd_setting set, was;
    if ((err = ns_of(&nv.value, &set.value)) || (err = ns_of(&nv.interval, &set.interval)))
        return err;
    timerfd_set(t, flags, &set, &was);
    to_itimerspec(&was, &old);
    if (uold && copy_to_user(uold, &old, sizeof old))
        return -EFAULT;
    return 0;
}

long sys_timerfd_gettime(int fd, uint64_t ucur)
{
    long err;
    struct timerfd *t = timerfd_fd(fd, &err);
    if (!t)
        return err;
    struct timerfd_setting now;
    timerfd_get(t, &now);
    struct itimerspec64 cur;
    to_itimerspec(&now, &cur);
    return copy_to_user(ucur, &cur, sizeof cur);
}
