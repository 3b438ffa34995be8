/*
 * timerfd.h - timerfd objects (timerfd_create(2)): timers whose
 * expirations are read from a file (fs/timerfd.c has the rules).
 */
#ifndef FS_TIMERFD_H
#define FS_TIMERFD_H

#include <stdint.h>

#include "uapi/fcntl.h"

struct file;
struct timerfd;

/* timerfd_create's and timerfd_settime's flags (Linux's values). */
#define TFD_NONBLOCK O_NONBLOCK
#define TFD_CLOEXEC O_CLOEXEC
#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2

/* A timer's setting, in ns (struct itimerspec's two fields): value is
 * the time until the next expiry, 0 when disarmed (with
 * TFD_TIMER_ABSTIME on a new setting: the time of it on the timer's
 * clock); interval is the time between expirations, 0 for one only. */
struct timerfd_setting {
    int64_t value, interval;
};

/* Makes a disarmed timer on clockid (CLOCK_REALTIME, CLOCK_MONOTONIC or
 * CLOCK_BOOTTIME: the caller checked) and installs it in the lowest free
 * descriptor; TFD_NONBLOCK and TFD_CLOEXEC of flags apply. The
 * descriptor, or -ENOMEM / -EMFILE with nothing made. */
int timerfd_create(int clockid, int flags);

/* The timer behind f, or NULL when f is not a timerfd. */
struct timerfd *timerfd_of(struct file *f);

/* t's setting now (timerfd_gettime): the time left is at least 1 ns
 * while the timer is armed. */
void timerfd_get(struct timerfd *t, struct timerfd_setting *cur);

/* Arms t with nv (value 0 disarms it; flags: TFD_TIMER_ABSTIME and
 * TFD_TIMER_CANCEL_ON_SET), after storing the setting it had in *old
 * (timerfd_settime). The count of expirations starts again from 0;
 * readers and pollers wake. */
void timerfd_set(struct timerfd *t, int flags, const struct timerfd_setting *nv, struct timerfd_setting *old);

/* The realtime clock was set: an absolute CLOCK_REALTIME timer armed
 * with TFD_TIMER_CANCEL_ON_SET wakes its readers, whose read fails with
 * ECANCELED (once). */
void timerfd_clock_was_set(void);

#endif
