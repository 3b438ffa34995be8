/*
 * posix_timer.h - POSIX per-process timers (timer_create(2) and
 * friends; the system calls are syscall/sys_posix_timer.c). A timer
 * counts on a clock - CLOCK_REALTIME, MONOTONIC, BOOTTIME, TAI, the
 * *_ALARM ones (no suspend here: like their plain clocks), the process's
 * or the creating thread's CPU time - and on expiry sends its signal to
 * the process (SIGEV_SIGNAL) or one thread (SIGEV_THREAD_ID), or nothing
 * (SIGEV_NONE). The signal carries SI_TIMER, the timer id, sigev_value
 * and the overrun count; while it is pending, further expirations only
 * add to that count (Linux queues one signal per timer).
 */
#ifndef PROC_POSIX_TIMER_H
#define PROC_POSIX_TIMER_H

#include <stdint.h>

#include "proc/itimer.h"

struct ksiginfo;

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4

#define POSIX_TIMER_MAX 512 /* per process; timer_create then fails with EAGAIN */

/* struct sigevent (x86_64): what timer_create reads. */
struct linux_sigevent {
    uint64_t value;
    int32_t signo, notify;
    int32_t tid; /* SIGEV_THREAD_ID: sigev_notify_thread_id */
    int32_t pad[11];
};

/* timer_create: sev NULL is SIGEV_SIGNAL with SIGALRM and the timer id
 * as its value. The new id, or -EINVAL (clock, notify or signal),
 * -EOPNOTSUPP (a clock without timers), -EPERM (an alarm clock without
 * CAP_WAKE_ALARM), -EAGAIN (the limit, or no memory). */
long posix_timer_create(int clock, const struct linux_sigevent *sev);
/* timer_delete: 0 or -EINVAL for an unknown id. */
long posix_timer_delete(int id);
/* timer_settime (flags: TIMER_ABSTIME): 0 or -EINVAL. */
long posix_timer_set(int id, int flags, const struct itimer_value *nv, struct itimer_value *old);
/* timer_gettime: 0 or -EINVAL. */
long posix_timer_get(int id, struct itimer_value *cur);
/* timer_getoverrun: the overrun count of the last signal delivered (at
 * most INT_MAX), or -EINVAL. */
long posix_timer_getoverrun(int id);

/* A timer's signal is being taken by thread p (delivery, sigtimedwait,
 * signalfd): fills in its overrun count and lets the timer queue the
 * next one. Interrupts off. */
void posix_timer_signal_taken(struct proc *p, struct ksiginfo *info);

/* For itimer.c, interrupts off: every timer of pt goes; timers on the
 * CPU time of thread t stop (it ends); old's clocks are now pt->owner's. */
void posix_timers_delete_all(struct proc_timers *pt);
void posix_timers_thread_exit(struct proc_timers *pt, struct proc *t);
void posix_timers_moved(struct proc_timers *pt, struct proc *old);

#endif
