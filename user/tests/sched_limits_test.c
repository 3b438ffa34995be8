/* sched_limits_test.c - what the differential sched_policy_test cannot
 * ask the host (whose sandbox may not raise limits, and whose Linux 6.12
 * fair server runs SCHED_OTHER threads beside a busy real-time one):
 * nonzero RLIMIT_RTPRIO and RLIMIT_NICE for an unprivileged process, a
 * SCHED_FIFO loop starving SCHED_OTHER, and real-time throttling (at
 * most 0.95 s of every second) letting SCHED_OTHER run after all.
 * Tiny OS only. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "tt.h"

#define SCHED_OTHER 0
#define SCHED_FIFO 1

static long setsched(int pid, int policy, int prio) { return raw_syscall(SYS_sched_setscheduler, pid, policy, &prio); }
static long setparam(int pid, int prio) { return raw_syscall(SYS_sched_setparam, pid, &prio, 0); }

static long elapsed_ms(clockid_t clock, const struct timespec *a)
{
    struct timespec b;
    clock_gettime(clock, &b);
    return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

/* Spins until this thread has run for ms of CPU time, or until *stop is
 * set: CPU time, not wall time, since a busy host makes QEMU lose timer
 * ticks and the kernel's real-time budget is counted in ticks charged
 * (20 s of wall time at most, so a broken kernel cannot hang the test). */
static void spin_cpu_ms(long ms, volatile int *stop)
{
    struct timespec cpu, wall;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    clock_gettime(CLOCK_MONOTONIC, &wall);
    while (elapsed_ms(CLOCK_THREAD_CPUTIME_ID, &cpu) < ms && elapsed_ms(CLOCK_MONOTONIC, &wall) < 20000)
        if (stop && *stop)
            return;
}

static void limits(void)
{
    pid_t c = xfork();
    if (c == 0) {
        struct rlimit rt = {5, 5}, nl = {25, 25};
        CHECK_EQ(setrlimit(RLIMIT_RTPRIO, &rt), 0, "RLIMIT_RTPRIO 5");
        CHECK_EQ(setrlimit(RLIMIT_NICE, &nl), 0, "RLIMIT_NICE 25");
        if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
            _exit(99);
        CHECK_EQ(setsched(0, SCHED_FIFO, 6), -EPERM, "FIFO 6 over RLIMIT_RTPRIO 5: EPERM");
        CHECK_EQ(setsched(0, SCHED_FIFO, 5), 0, "FIFO 5 within RLIMIT_RTPRIO");
        CHECK_EQ(setparam(0, 2), 0, "lowering the priority");
        CHECK_EQ(setparam(0, 5), 0, "raising it back within the limit");
        CHECK_EQ(setparam(0, 6), -EPERM, "past the limit: EPERM");
        CHECK_EQ(setsched(0, SCHED_OTHER, 0), 0, "back to SCHED_OTHER");
        CHECK_EQ(raw_syscall(SYS_setpriority, PRIO_PROCESS, 0, -5), 0, "nice -5 within RLIMIT_NICE 25");
        CHECK_EQ(raw_syscall(SYS_setpriority, PRIO_PROCESS, 0, -6), -EACCES, "nice -6 past RLIMIT_NICE: EACCES");
        CHECK_EQ(raw_syscall(SYS_getpriority, PRIO_PROCESS, 0, 0), 25, "nice is -5");
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(c), 0), "unprivileged limits");
}

/* A FIFO thread spinning for ms of CPU time: did a SCHED_OTHER one run
 * meanwhile? (until_seen: stop as soon as it did) */
static int other_ran(long ms, int until_seen)
{
    volatile int *ran = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t c = xfork();
    if (c == 0) {
        setsched(0, SCHED_FIFO, 10);
        pid_t k = xfork();
        if (k == 0) {
            *ran = 1;
            _exit(0);
        }
        setsched(k, SCHED_OTHER, 0);
        spin_cpu_ms(ms, until_seen ? ran : NULL);
        int seen = *ran;
        waitpid(k, NULL, 0);
        _exit(seen);
    }
    int st = child_status(c);
    munmap((void *)ran, 4096);
    return exited_with(st, 1);
}

int main(void)
{
    limits();
    CHECK(!other_ran(300, 0), "a FIFO loop of 0.3 s starves SCHED_OTHER");
    /* Throttling is per 1 s window (95% for real-time threads): a spinner
     * that starts late in one window is throttled only near the end of the
     * next, up to 1.95 s of its CPU time later; 3 s leaves room for ticks
     * that others take on a busy host. */
    CHECK(other_ran(3000, 1), "real-time throttling lets SCHED_OTHER run within 3 s of CPU time");
    return tt_done();
}
