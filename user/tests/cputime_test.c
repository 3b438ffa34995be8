/* cputime_test.c - CPU time is charged: after spinning for 100 ms of
 * wall time with nothing else to run, times(), getrusage() and
 * CLOCK_PROCESS_CPUTIME_ID all show user time, and a reaped child's
 * spinning shows in the children's totals. Tiny OS only: on a busy host
 * the numbers would depend on the load. */
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

static void spin_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

int main(void)
{
    spin_ms(100);
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
        spin_ms(100);
        _exit(0);
    }
    wait(NULL);
    times(&t);
    CHECK(t.tms_cutime + t.tms_cstime >= 5, "a reaped child's CPU time is in the children's totals");
    return tt_done();
}
