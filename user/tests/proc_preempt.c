/*
 * proc_preempt.c - a process that never gives up the CPU does not starve
 * the others: the timer preempts it. The children spin in user mode
 * without system calls, counting in a shared page, so only preemption (and
 * signal delivery on the way back from an interrupt) lets anything else
 * run or kill them. Every wait is bounded, so a scheduler bug shows as
 * "not ok" (or the runner's timeout), not a silent pass.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

static volatile unsigned long *counters; /* one per child, in a MAP_SHARED page */

static pid_t spinner(int slot, unsigned long limit)
{
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        /* Pure user-mode loop: no system calls until the limit (if any). */
        while (limit == 0 || counters[slot] < limit)
            counters[slot]++;
        _exit(0);
    }
    return c;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    counters = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(counters != MAP_FAILED, "shared counter page");
    if (counters == MAP_FAILED)
        return tt_done();
    const double limit_s = 20; /* generous: QEMU TCG is slow */

    /* 1. Parent works and yields while a child spins; then kills it. */
    {
        pid_t c = spinner(0, 0);
        volatile unsigned long work = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 10000; j++)
                work += j;
            sched_yield();
        }
        CHECK(work == 50ul * 49995000ul, "the parent runs and finishes its work while a child spins");
        double t0 = now();
        while (counters[0] == 0 && now() - t0 < limit_s)
            sched_yield();
        CHECK(counters[0] > 0, "the spinning child ran too");
        CHECK_EQ(kill(c, SIGKILL), 0, "kill(spinner, SIGKILL)");
        CHECK(killed_by(child_status(c), SIGKILL), "the spinner dies of SIGKILL without ever entering the kernel");
    }

    /* 2. The parent busy-waits (no system calls) for a spinning child's progress:
     *    only timer preemption can switch between the two. */
    {
        counters[0] = 0;
        pid_t c = spinner(0, 0);
        unsigned long spins = 0;
        /* Bounded by iterations, not time: no system call inside the loop. */
        while (counters[0] < 100000 && spins < 4000000000ul)
            spins++;
        CHECK(counters[0] >= 100000, "a busy-waiting parent sees a spinning child progress (preemption both ways)");
        kill(c, SIGKILL);
        CHECK(killed_by(child_status(c), SIGKILL), "and the child is killed and reaped");
    }

    /* 3. Two spinners; the parent sleeps and still wakes up; both spinners progress. */
    {
        counters[0] = counters[1] = 0;
        pid_t a = spinner(0, 0), b = spinner(1, 0);
        struct timespec ts = {0, 50 * 1000000L};
        CHECK_EQ(nanosleep(&ts, NULL), 0, "nanosleep(50 ms) returns while two children spin");
        double t0 = now();
        while ((counters[0] == 0 || counters[1] == 0) && now() - t0 < limit_s)
            sched_yield();
        CHECK(counters[0] > 0 && counters[1] > 0, "both spinners get the CPU");
        unsigned long a0 = counters[0], b0 = counters[1];
        t0 = now();
        while ((counters[0] == a0 || counters[1] == b0) && now() - t0 < limit_s)
            sched_yield();
        CHECK(counters[0] > a0 && counters[1] > b0, "and both keep progressing");
        kill(a, SIGKILL);
        kill(b, SIGKILL);
        CHECK(killed_by(child_status(a), SIGKILL) && killed_by(child_status(b), SIGKILL),
              "both spinners killed and reaped");
    }

    /* 4. The parent blocks in wait4 for a child that spins a while then exits,
     *    while another child spins forever. */
    {
        counters[0] = counters[1] = 0;
        pid_t forever = spinner(1, 0);
        pid_t finite = spinner(0, 2000000);
        int st;
        pid_t r = waitpid(finite, &st, 0);
        CHECK(r == finite && WIFEXITED(st) && WEXITSTATUS(st) == 0 && counters[0] == 2000000,
              "a child spinning 2,000,000 times finishes and wakes the parent's wait4 beside a forever-spinner");
        kill(forever, SIGKILL);
        CHECK(killed_by(child_status(forever), SIGKILL), "the forever-spinner is killed and reaped");
    }

    /* 5. Parent and child both spin for a fixed amount of work: both finish. */
    {
        counters[0] = 0;
        pid_t c = spinner(0, 1000000);
        volatile unsigned long mine = 0;
        while (mine < 1000000)
            mine++;
        int st;
        CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && counters[0] == 1000000,
              "parent and child each count to 1,000,000 side by side");
    }

    reap_all();
    return tt_done();
}
