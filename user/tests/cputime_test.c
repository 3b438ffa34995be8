/* cputime_test.c - CPU time is charged: a process that spins with
 * nothing else to run sees times(), getrusage() and
 * CLOCK_PROCESS_CPUTIME_ID show user time, and a reaped child's spinning
 * shows in the children's totals. The spinning goes on until times()
 * shows 5 ticks (10 ms each), or 20 s of wall time pass: on a busy host
 * QEMU can be descheduled for longer than a tick, and the guest then
 * misses ticks, so a fixed 100 ms of wall time may show fewer than 5.
 * Tiny OS only: on a busy host the numbers would depend on the load. */
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

/* Spins until this process has been charged 5 ticks, or 20 s pass. */
static void spin_five_ticks(void)
{
    struct timespec a, b;
    struct tms t;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do {
        clock_gettime(CLOCK_MONOTONIC, &b);
        times(&t);
    } while (t.tms_utime + t.tms_stime < 5 && b.tv_sec - a.tv_sec < 20);
}

int main(void)
{
    spin_five_ticks();
    struct tms t;
    times(&t);
    CHECK(t.tms_utime + t.tms_stime >= 5, "times: the spinning shows (at least 5 ticks of 10 ms)");
    struct rusage r;
    CHECK_EQ(getrusage(RUSAGE_SELF, &r), 0, "getrusage");
    CHECK(r.ru_utime.tv_sec * 1000000 + r.ru_utime.tv_usec + r.ru_stime.tv_sec * 1000000 + r.ru_stime.tv_usec >= 50000,
          "getrusage: at least 50 ms");
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    CHECK(cpu.tv_sec > 0 || cpu.tv_nsec >= 50000000, "CLOCK_PROCESS_CPUTIME_ID: at least 50 ms");
    fflush(stdout);
    if (fork() == 0) {
        spin_five_ticks();
        _exit(0);
    }
    wait(NULL);
    times(&t);
    CHECK(t.tms_cutime + t.tms_cstime >= 5, "a reaped child's CPU time is in the children's totals");
    return tt_done();
}
