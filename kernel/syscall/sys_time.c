/* sys_time.c - reading clocks and sleeping on them (clock_gettime(2),
 * clock_getres, gettimeofday, time, clock_nanosleep, nanosleep), CPU
 * times (times, getrusage). Setting the clock is sys_clock_set.c. */
#include "arch/x86_64/cpu.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "time/ntp.h"
#include "time/timer.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC 1000000000ll
#define TICK_NS (NSEC / TIMER_HZ)

/* A CPU-time clock id (clock_getcpuclockid(3), pthread_getcpuclockid):
 * ~pid << 3, bit 2 for a thread, the low two bits what is counted. */
#define CPUCLOCK_PROF 0
#define CPUCLOCK_VIRT 1
#define CPUCLOCK_SCHED 2
#define CPUCLOCK_PERTHREAD 4

/* The counter behind CPU-time clock id (a negative one, or
 * CLOCK_PROCESS/THREAD_CPUTIME_ID), or NULL when there is no such clock;
 * *ticks_user set instead for a thread's user time (kept in ticks). */
static const uint64_t *cpu_clock(int clock, int *which, const uint64_t **ticks_user)
{
    struct proc *p = current();
    *ticks_user = NULL;
    if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID) {
        *which = CPUCLOCK_SCHED;
        return clock == CLOCK_THREAD_CPUTIME_ID ? &p->cpu_ns : &p->leader->group_cpu_ns;
    }
    *which = clock & 3;
    int pid = ~(clock >> 3);
    if (*which > CPUCLOCK_SCHED) /* 3 is a file-descriptor clock: none here */
        return NULL;
    if (pid) {
        p = proc_find(pid);
        if (!p || p->state == PROC_ZOMBIE)
            return NULL;
    }
    if (clock & CPUCLOCK_PERTHREAD) {
        if (*which == CPUCLOCK_VIRT) {
            *ticks_user = &p->utime;
            return &p->cpu_ns;
        }
        return &p->cpu_ns;
    }
    if (pid && p->leader != p) /* a process clock names a process */
        return NULL;
    return *which == CPUCLOCK_VIRT ? &p->leader->group_user_ns : &p->leader->group_cpu_ns;
}

static long clock_read_ns(int clock, int64_t *ns)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_REALTIME_ALARM:
        *ns = clock_realtime_ns();
        return 0;
    case CLOCK_TAI:
        *ns = clock_realtime_ns() + (int64_t)ntp_tai_offset() * NSEC;
        return 0;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME: /* no suspend here: boot time is monotonic time */
    case CLOCK_BOOTTIME_ALARM:
        *ns = (int64_t)clock_monotonic_ns();
        return 0;
    }
    if (clock >= 0 && clock != CLOCK_PROCESS_CPUTIME_ID && clock != CLOCK_THREAD_CPUTIME_ID)
        return -EINVAL;
    int which;
    const uint64_t *ticks_user, *c = cpu_clock(clock, &which, &ticks_user);
    if (!c)
        return -EINVAL;
    *ns = (int64_t)(ticks_user ? *ticks_user * TICK_NS : *c);
    return 0;
}

long sys_clock_gettime(int clock, uint64_t uts)
{
    int64_t ns;
    long err = clock_read_ns(clock, &ns);
    if (err)
        return err;
    struct linux_timespec ts = {ns / NSEC, ns % NSEC};
    return copy_to_user(uts, &ts, sizeof ts);
}

/* The resolution Linux reports: 1 ns for the high-resolution clocks and
 * CPU run time, a tick for the coarse clocks and the CPU clocks counted
 * in ticks (PROF, VIRT). */
long sys_clock_getres(int clock, uint64_t uts)
{
    int64_t ns;
    long err = clock_read_ns(clock, &ns);
    if (err)
        return err;
    int64_t res = 1;
    if (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE || (clock < 0 && (clock & 3) != CPUCLOCK_SCHED))
        res = TICK_NS;
    struct linux_timespec ts = {0, res};
    return uts ? copy_to_user(uts, &ts, sizeof ts) : 0;
}

long sys_gettimeofday(uint64_t utv, uint64_t utz)
{
    int64_t ns = clock_realtime_ns();
    struct linux_timeval tv = {ns / NSEC, (ns % NSEC) / 1000};
    if (utv && copy_to_user(utv, &tv, sizeof tv))
        return -EFAULT;
    if (utz) {
        int32_t tz[2]; /* struct timezone: what settimeofday set (Linux's sys_tz) */
        clock_timezone(tz);
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

static void wake_sleeper(struct ktimer *t, uint64_t n)
{
    (void)n;
    wakeup(t);
}

/* Sleeps until the process's CPU time reaches ns (other threads must use
 * it): a kernel timer on the counter wakes us. 0 or -EINTR. */
static long sleep_cpu_until(const uint64_t *clock, int64_t ns)
{
    struct ktimer t;
    ktimer_init(&t, wake_sleeper);
    uint64_t f = irq_save();
    ktimer_arm(&t, KTIMER_CPU, clock, ns, 0);
    int err = 0;
    while (ktimer_armed(&t) && !(err = sleep_on_interruptible(&t)))
        ;
    ktimer_disarm(&t);
    irq_restore(f);
    return err ? -EINTR : 0;
}

long sys_clock_nanosleep(int clock, int flags, uint64_t ureq, uint64_t urem)
{
    /* Linux's order: the clock, whether it can sleep, then the time. */
    int64_t now;
    long err = clock_read_ns(clock, &now);
    if (err)
        return err;
    bool cpu = clock == CLOCK_PROCESS_CPUTIME_ID || (clock < 0 && !(clock & CPUCLOCK_PERTHREAD));
    if (clock == CLOCK_THREAD_CPUTIME_ID || clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_REALTIME_COARSE ||
        clock == CLOCK_MONOTONIC_COARSE)
        return -EOPNOTSUPP;
    int64_t ns;
    if ((err = timespec_from_user(ureq, &ns)))
        return err;
    if (clock < 0 && (clock & CPUCLOCK_PERTHREAD)) /* a thread's CPU time: not while it sleeps */
        return -EINVAL;
    if ((clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM) && !capable(CAP_WAKE_ALARM))
        return -EPERM;
    int64_t target = flags & TIMER_ABSTIME ? ns : ns > INT64_MAX - now ? INT64_MAX : now + ns;
    if (cpu) {
        int which;
        const uint64_t *ticks_user, *c = cpu_clock(clock, &which, &ticks_user);
        err = sleep_cpu_until(c, target);
        if (err && urem && !(flags & TIMER_ABSTIME)) {
            int64_t left = target - (int64_t)*c;
            struct linux_timespec rem = {left > 0 ? left / NSEC : 0, left > 0 ? left % NSEC : 0};
            if (copy_to_user(urem, &rem, sizeof rem))
                return -EFAULT;
        }
        return err;
    }
    /* Sleep by the monotonic clock; an absolute realtime sleep looks at
     * the realtime clock again on waking, in case it was set meanwhile. */
    for (;;) {
        uint64_t mono = clock_monotonic_ns();
        int64_t left = target - now;
        if (left <= 0)
            return 0;
        uint64_t deadline = (uint64_t)left > UINT64_MAX - mono ? UINT64_MAX : mono + (uint64_t)left;
        if (sleep_until_ns(deadline)) {
            /* Interrupted by a signal: report what was left of a relative sleep. */
            if (urem && !(flags & TIMER_ABSTIME)) {
                uint64_t now2 = clock_monotonic_ns(), rest = deadline > now2 ? deadline - now2 : 0;
                struct linux_timespec rem = {(int64_t)(rest / NSEC), (int64_t)(rest % NSEC)};
                if (copy_to_user(urem, &rem, sizeof rem))
                    return -EFAULT;
            }
            return -EINTR;
        }
        if (!(flags & TIMER_ABSTIME))
            return 0;
        clock_read_ns(clock, &now);
    }
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
