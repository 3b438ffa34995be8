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

static void spin_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
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

/* A FIFO thread spinning for ms: did a SCHED_OTHER one run meanwhile? */
static int other_ran(long ms)
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
        spin_ms(ms);
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
    CHECK(!other_ran(300), "a FIFO loop of 0.3 s starves SCHED_OTHER");
    CHECK(other_ran(1500), "real-time throttling lets SCHED_OTHER run within 1.5 s");
    return tt_done();
}
