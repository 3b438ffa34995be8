/*
 * sys_posix_timer.c - timer_create(2), timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete: copy struct sigevent and struct
 * itimerspec in and out, in Linux's order of checks; the timers are
 * proc/posix_timer.c.
 */
#include "mm/usercopy.h"
#include "proc/posix_timer.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC 1000000000ll

struct itimerspec64 {
    struct linux_timespec interval, value;
};

long sys_timer_create(int clock, uint64_t usev, uint64_t uid)
{
    struct linux_sigevent sev;
    if (usev && copy_from_user(&sev, usev, sizeof sev))
        return -EFAULT;
    long id = posix_timer_create(clock, usev ? &sev : NULL);
    if (id < 0)
        return id;
    int32_t kid = (int32_t)id;
    if (copy_to_user(uid, &kid, sizeof kid)) {
        posix_timer_delete((int)id);
        return -EFAULT;
    }
    return 0;
}

static bool ts_valid(const struct linux_timespec *ts) { return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC; }

static int64_t ts_to_ns(const struct linux_timespec *ts)
{
    return ts->tv_sec > INT64_MAX / NSEC - 1 ? INT64_MAX / 2 : ts->tv_sec * NSEC + ts->tv_nsec;
}

static struct itimerspec64 to_itimerspec(const struct itimer_value *v)
{
    return (struct itimerspec64){{v->interval / NSEC, v->interval % NSEC}, {v->value / NSEC, v->value % NSEC}};
}

long sys_timer_settime(int id, int flags, uint64_t unew, uint64_t uold)
{
    struct itimerspec64 nv;
    if (!unew)
        return -EINVAL;
    if (copy_from_user(&nv, unew, sizeof nv))
        return -EFAULT;
    if (!ts_valid(&nv.value) || !ts_valid(&nv.interval))
        return -EINVAL;
    struct itimer_value set = {ts_to_ns(&nv.value), ts_to_ns(&nv.interval)}, old;
    long err = posix_timer_set(id, flags, &set, &old);
    if (err || !uold)
        return err;
    struct itimerspec64 ov = to_itimerspec(&old);
    return copy_to_user(uold, &ov, sizeof ov);
}

long sys_timer_gettime(int id, uint64_t ucur)
{
    struct itimer_value cur;
    long err = posix_timer_get(id, &cur);
    if (err)
        return err;
    struct itimerspec64 v = to_itimerspec(&cur);
    return copy_to_user(ucur, &v, sizeof v);
}

long sys_timer_getoverrun(int id) { return posix_timer_getoverrun(id); }

long sys_timer_delete(int id) { return posix_timer_delete(id); }
