/* sched_policy_test.c - scheduling policies as Linux has them (sched(7)):
 * the order real-time threads run in on one CPU (priority first, FIFO
 * until it blocks or yields, a woken higher thread preempts), reset-on-
 * fork, sched_setattr/getattr and their size checks, SCHED_DEADLINE's
 * parameters, sched_rr_get_interval, the permission rules (CAP_SYS_NICE,
 * RLIMIT_RTPRIO, RLIMIT_NICE, another user's process) and nice values for
 * PRIO_PROCESS, PRIO_PGRP and PRIO_USER. Differential: every ordering
 * check pins itself to CPU 0 first, so the host behaves as one CPU. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "tt.h"

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define SCHED_DEADLINE 6
#define SCHED_RESET_ON_FORK 0x40000000

struct attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
};

static long setsched(int pid, int policy, int prio) { return raw_syscall(SYS_sched_setscheduler, pid, policy, &prio); }
static long setparam(int pid, int prio) { return raw_syscall(SYS_sched_setparam, pid, &prio, 0); }
static long getsched(int pid) { return raw_syscall(SYS_sched_getscheduler, pid, 0, 0); }
static int getprio(int pid)
{
    int p = -1;
    return raw_syscall(SYS_sched_getparam, pid, &p, 0) ? -1 : p;
}
static long setattr(int pid, struct attr *a, unsigned flags) { return raw_syscall(SYS_sched_setattr, pid, a, flags); }
static long getattr(int pid, struct attr *a, unsigned size) { return raw_syscall6(SYS_sched_getattr, pid, (long)a, size, 0, 0, 0); }
static long nice_of(int which, int who) { return raw_syscall(SYS_getpriority, which, who, 0); } /* 20 - nice */
static long set_nice(int which, int who, int n) { return raw_syscall(SYS_setpriority, which, who, n); }

static void pin_cpu0(void)
{
    uint64_t mask = 1;
    raw_syscall(SYS_sched_setaffinity, 0, sizeof mask, &mask);
}

/* A child that writes its letter to fd and exits. */
static pid_t letter_child(int fd, char c)
{
    pid_t pid = xfork();
    if (pid == 0) {
        write(fd, &c, 1);
        _exit(0);
    }
    return pid;
}

/* Real-time threads run highest priority first; SCHED_OTHER after them
 * all. The parent (FIFO 50) makes them runnable and only then blocks. */
static void order_by_priority(void)
{
    pid_t c = xfork();
    if (c == 0) {
        pin_cpu0();
        int p[2];
        pipe(p);
        if (setsched(0, SCHED_FIFO, 50))
            _exit(99);
        pid_t a = letter_child(p[1], 'a'), b = letter_child(p[1], 'b'), o = letter_child(p[1], 'o');
        pid_t d = letter_child(p[1], 'd');
        setsched(a, SCHED_FIFO, 20);
        setsched(b, SCHED_RR, 30);
        setsched(o, SCHED_OTHER, 0);
        setsched(d, SCHED_FIFO, 20); /* same priority as a, queued after it */
        reap_all();
        char buf[8] = {0};
        read(p[0], buf, sizeof buf - 1);
        printf("order: %s\n", buf);
        fflush(stdout);
        _exit(0);
    }
    CHECK(exited_with(child_status(c), 0), "priority order child");
}

/* sched_yield puts a FIFO thread behind the others of its priority; a
 * woken thread of higher priority runs before the waker's write returns. */
static void yield_and_preempt(void)
{
    pid_t c = xfork();
    if (c == 0) {
        pin_cpu0();
        int out[2], go[2];
        pipe(out);
        pipe(go);
        setsched(0, SCHED_FIFO, 10);
        pid_t k = letter_child(out[1], 'c'); /* inherits FIFO 10: waits behind us */
        write(out[1], "1", 1);
        raw_syscall(SYS_sched_yield, 0, 0, 0);
        write(out[1], "2", 1);
        waitpid(k, NULL, 0);
        pid_t h = xfork();
        if (h == 0) {
            char x;
            read(go[0], &x, 1);
            write(out[1], "h", 1);
            _exit(0);
        }
        setsched(h, SCHED_FIFO, 20); /* runs now, until it blocks in read */
        write(out[1], "3", 1);
        write(go[1], "x", 1); /* wakes h, which preempts us */
        write(out[1], "4", 1);
        waitpid(h, NULL, 0);
        char buf[16] = {0};
        read(out[0], buf, sizeof buf - 1);
        printf("yield/preempt: %s\n", buf);
        fflush(stdout);
        _exit(0);
    }
    CHECK(exited_with(child_status(c), 0), "yield/preempt child");
}

static void spin_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

/* A thread spinning for 300 ms: under SCHED_RR its 100 ms quantum lets
 * an equal one run meanwhile; under SCHED_FIFO nothing equal or lower
 * does. (FIFO against SCHED_OTHER is sched_limits_test's: Linux 6.12's
 * fair server lets SCHED_OTHER in now and then.) */
static void quantum(int policy, int other_policy, const char *what)
{
    volatile int *ran = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t c = xfork();
    if (c == 0) {
        pin_cpu0();
        setsched(0, policy, 10);
        pid_t k = xfork();
        if (k == 0) {
            *ran = 1;
            _exit(0);
        }
        if (other_policy != policy)
            setsched(k, other_policy, other_policy == SCHED_OTHER ? 0 : 10);
        spin_ms(300);
        int seen = *ran;
        waitpid(k, NULL, 0);
        _exit(seen);
    }
    int st = child_status(c);
    printf("%s: the other ran during the spin: %s\n", what, exited_with(st, 1) ? "yes" : exited_with(st, 0) ? "no" : "?");
    munmap((void *)ran, 4096);
}

static void policy_calls(void)
{
    pid_t c = xfork();
    if (c == 0) {
        CHECK_EQ(getsched(0), SCHED_OTHER, "starts SCHED_OTHER");
        CHECK_EQ(setsched(0, SCHED_FIFO, 0), -EINVAL, "FIFO priority 0: EINVAL");
        CHECK_EQ(setsched(0, SCHED_FIFO, 100), -EINVAL, "FIFO priority 100: EINVAL");
        CHECK_EQ(setsched(0, SCHED_BATCH, 1), -EINVAL, "BATCH priority 1: EINVAL");
        CHECK_EQ(setsched(0, 4, 0), -EINVAL, "policy 4: EINVAL");
        CHECK_EQ(setsched(0, -1, 0), -EINVAL, "policy -1: EINVAL");
        CHECK_EQ(raw_syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, 0), -EINVAL, "NULL param: EINVAL");
        CHECK_EQ(raw_syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, 8), -EFAULT, "bad param: EFAULT");
        CHECK_EQ(setsched(-1, SCHED_OTHER, 0), -EINVAL, "pid -1: EINVAL");
        CHECK_EQ(setsched(0, SCHED_RR, 7), 0, "SCHED_RR 7");
        CHECK_EQ(getsched(0), SCHED_RR, "getscheduler: RR");
        CHECK_EQ(getprio(0), 7, "getparam: 7");
        struct timespec ts = {9, 9};
        CHECK_EQ(raw_syscall(SYS_sched_rr_get_interval, 0, &ts, 0), 0, "rr_get_interval");
        CHECK(ts.tv_sec == 0 && ts.tv_nsec == 100000000, "RR quantum 100 ms");
        CHECK_EQ(raw_syscall(SYS_sched_rr_get_interval, -1, &ts, 0), -EINVAL, "rr_get_interval(-1): EINVAL");
        CHECK_EQ(raw_syscall(SYS_sched_rr_get_interval, 0, 8, 0), -EFAULT, "rr_get_interval bad pointer: EFAULT");
        CHECK_EQ(setparam(0, 42), 0, "setparam 42");
        CHECK_EQ(getprio(0), 42, "getparam: 42");
        CHECK_EQ(setparam(0, 0), -EINVAL, "setparam 0 under RR: EINVAL");
        CHECK_EQ(setsched(0, SCHED_FIFO, 3), 0, "SCHED_FIFO 3");
        CHECK_EQ(raw_syscall(SYS_sched_rr_get_interval, 0, &ts, 0), 0, "rr_get_interval FIFO");
        CHECK(ts.tv_sec == 0 && ts.tv_nsec == 0, "FIFO has no quantum");
        /* /proc/PID/stat: priority -1 - rt_priority, nice 0, rt_priority, policy. */
        char st[1024] = {0};
        int fd = open("/proc/self/stat", O_RDONLY);
        read(fd, st, sizeof st - 1);
        close(fd);
        char *s = strrchr(st, ')');
        int field = 2;
        long prio = 0, nice = 0, rtp = 0, pol = 0;
        for (char *t = strtok(s + 1, " "); t; t = strtok(NULL, " ")) {
            field++;
            if (field == 18)
                prio = atol(t);
            if (field == 19)
                nice = atol(t);
            if (field == 40)
                rtp = atol(t);
            if (field == 41)
                pol = atol(t);
        }
        CHECK(prio == -4 && nice == 0 && rtp == 3 && pol == 1, "/proc/self/stat priority fields");
        /* Reset on fork: the child starts SCHED_OTHER, the flag shows in getscheduler. */
        CHECK_EQ(setsched(0, SCHED_FIFO | SCHED_RESET_ON_FORK, 3), 0, "FIFO | RESET_ON_FORK");
        CHECK_EQ(getsched(0), SCHED_FIFO | SCHED_RESET_ON_FORK, "getscheduler shows RESET_ON_FORK");
        pid_t k = xfork();
        if (k == 0)
            _exit(getsched(0) == SCHED_OTHER && getprio(0) == 0 ? 0 : 1);
        CHECK(exited_with(child_status(k), 0), "reset-on-fork child is SCHED_OTHER, priority 0");
        CHECK_EQ(setsched(0, SCHED_FIFO, 3), 0, "FIFO without the flag");
        k = xfork();
        if (k == 0)
            _exit(getsched(0) == SCHED_FIFO && getprio(0) == 3 ? 0 : 1);
        CHECK(exited_with(child_status(k), 0), "fork inherits FIFO 3");
        CHECK_EQ(setsched(0, SCHED_IDLE, 0), 0, "SCHED_IDLE");
        CHECK_EQ(getprio(0), 0, "IDLE priority 0");
        CHECK_EQ(setsched(0, SCHED_BATCH, 0), 0, "SCHED_BATCH");
        CHECK_EQ(getsched(0), SCHED_BATCH, "getscheduler: BATCH");
        CHECK_EQ(raw_syscall(SYS_sched_getscheduler, 999999, 0, 0), -ESRCH, "getscheduler(no such pid): ESRCH");
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(c), 0), "policy calls");
}

static void attr_calls(void)
{
    pid_t c = xfork();
    if (c == 0) {
        struct attr a;
        memset(&a, 0xee, sizeof a);
        CHECK_EQ(getattr(0, &a, sizeof a), 0, "getattr");
        /* (sched_runtime is left out: Linux 6.12 reports its fair slice there.) */
        CHECK(a.size == 56 && a.policy == SCHED_OTHER && a.flags == 0 && a.nice == 0 && a.priority == 0 &&
                  a.deadline == 0 && a.period == 0,
              "getattr: size 56, SCHED_OTHER, nice 0");
        CHECK_EQ(getattr(0, &a, 47), -EINVAL, "getattr size 47: EINVAL");
        CHECK_EQ(getattr(0, &a, 4097), -EINVAL, "getattr size 4097: EINVAL");
        CHECK_EQ(getattr(0, NULL, 56), -EINVAL, "getattr NULL: EINVAL");
        CHECK_EQ(raw_syscall6(SYS_sched_getattr, 0, (long)&a, 56, 1, 0, 0), -EINVAL, "getattr flags 1: EINVAL");
        CHECK_EQ(getattr(999999, &a, 56), -ESRCH, "getattr(no such pid): ESRCH");
        memset(&a, 0xee, sizeof a);
        CHECK_EQ(getattr(0, &a, 48), 0, "getattr with the first size");
        CHECK(a.size == 48 && a.util_min == 0xeeeeeeee, "only 48 bytes written");

        unsigned char big[128];
        memset(big, 0, sizeof big);
        struct attr *b = (struct attr *)big;
        b->size = 64;
        b->policy = SCHED_BATCH;
        b->nice = 3;
        CHECK_EQ(setattr(0, b, 0), 0, "setattr size 64, zero tail: BATCH nice 3");
        CHECK_EQ(getsched(0), SCHED_BATCH, "now BATCH");
        CHECK_EQ(nice_of(PRIO_PROCESS, 0), 17, "setattr set nice 3");
        big[60] = 1;
        CHECK_EQ(setattr(0, b, 0), -E2BIG, "setattr nonzero tail: E2BIG");
        CHECK_EQ(b->size, 56, "E2BIG writes the kernel's size");
        b->size = 40;
        CHECK_EQ(setattr(0, b, 0), -E2BIG, "setattr size 40: E2BIG");
        b->size = 0; /* the first version */
        b->policy = SCHED_OTHER;
        b->nice = 50; /* clamped to 19 */
        CHECK_EQ(setattr(0, b, 0), 0, "setattr size 0 means 48");
        CHECK_EQ(nice_of(PRIO_PROCESS, 0), 1, "nice clamped to 19");
        memset(&a, 0, sizeof a);
        a.size = sizeof a;
        a.policy = SCHED_FIFO;
        a.priority = 9;
        CHECK_EQ(setattr(0, &a, 1), -EINVAL, "setattr flags 1: EINVAL");
        CHECK_EQ(setattr(0, NULL, 0), -EINVAL, "setattr NULL: EINVAL");
        CHECK_EQ(setattr(-1, &a, 0), -EINVAL, "setattr pid -1: EINVAL");
        CHECK_EQ(setattr(999999, &a, 0), -ESRCH, "setattr no such pid: ESRCH");
        a.flags = 0x80;
        CHECK_EQ(setattr(0, &a, 0), -EINVAL, "unknown sched_flags: EINVAL");
        a.flags = 0;
        CHECK_EQ(setattr(0, &a, 0), 0, "setattr FIFO 9");
        CHECK_EQ(getprio(0), 9, "priority 9");
        a.policy = SCHED_RR;
        a.priority = 0;
        a.flags = 0x10; /* SCHED_FLAG_KEEP_PARAMS */
        CHECK_EQ(setattr(0, &a, 0), 0, "setattr with KEEP_PARAMS");
        CHECK(getsched(0) == SCHED_FIFO && getprio(0) == 9, "KEEP_PARAMS keeps the policy too: FIFO 9");

        /* SCHED_DEADLINE: runtime <= deadline <= period, kept and reported. */
        memset(&a, 0, sizeof a);
        a.size = 48;
        a.policy = SCHED_DEADLINE;
        a.runtime = 10000000;
        a.deadline = 30000000;
        a.period = 20000000;
        CHECK_EQ(setattr(0, &a, 0), -EINVAL, "deadline > period: EINVAL");
        a.period = 30000000;
        a.runtime = 500;
        CHECK_EQ(setattr(0, &a, 0), -EINVAL, "runtime under 1024 ns: EINVAL");
        a.runtime = 10000000;
        a.priority = 1;
        CHECK_EQ(setattr(0, &a, 0), -EINVAL, "deadline with a priority: EINVAL");
        a.priority = 0;
        CHECK_EQ(setattr(0, &a, 0), 0, "SCHED_DEADLINE 10/30/30 ms");
        CHECK_EQ(getsched(0), SCHED_DEADLINE, "getscheduler: DEADLINE");
        struct attr g;
        memset(&g, 0, sizeof g);
        CHECK_EQ(getattr(0, &g, sizeof g), 0, "getattr DEADLINE");
        CHECK(g.policy == SCHED_DEADLINE && g.runtime == 10000000 && g.deadline == 30000000 && g.period == 30000000,
              "DEADLINE parameters read back");
        struct timespec ts = {9, 9};
        raw_syscall(SYS_sched_rr_get_interval, 0, &ts, 0);
        CHECK(ts.tv_sec == 0 && ts.tv_nsec == 0, "DEADLINE has no RR quantum");
        fflush(stdout);
        CHECK_EQ(raw_syscall(SYS_fork, 0, 0, 0), -EAGAIN, "a DEADLINE thread cannot fork");
        CHECK_EQ(setsched(0, SCHED_OTHER, 0), 0, "back to SCHED_OTHER");
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(c), 0), "sched_attr calls");
}

/* Without CAP_SYS_NICE and with RLIMIT_RTPRIO and RLIMIT_NICE at 0 (the
 * defaults): no real-time policy, no lower nice value, and another
 * user's process is out of reach. (sched_limits_test covers nonzero
 * limits, which the host's sandbox cannot raise.) */
static void permissions(void)
{
    pid_t root_child = xfork();
    if (root_child == 0) {
        pause();
        _exit(0);
    }
    pid_t c = xfork();
    if (c == 0) {
        struct rlimit zero = {0, 0};
        setrlimit(RLIMIT_RTPRIO, &zero);
        setrlimit(RLIMIT_NICE, &zero);
        if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
            _exit(99);
        CHECK_EQ(setsched(root_child, SCHED_OTHER, 0), -EPERM, "another user's process: EPERM");
        CHECK_EQ(setparam(root_child, 0), -EPERM, "setparam on another user's: EPERM");
        uint64_t mask = 1;
        CHECK_EQ(raw_syscall(SYS_sched_setaffinity, root_child, 8, &mask), -EPERM, "setaffinity on another user's: EPERM");
        CHECK_EQ(set_nice(PRIO_PROCESS, root_child, 5), -EPERM, "setpriority on another user's: EPERM");
        CHECK_EQ(getsched(root_child), SCHED_OTHER, "reading another user's policy is allowed");
        CHECK_EQ(setsched(0, SCHED_FIFO, 1), -EPERM, "FIFO with RLIMIT_RTPRIO 0: EPERM");
        CHECK_EQ(setsched(0, SCHED_BATCH, 0), 0, "SCHED_BATCH needs nothing");
        CHECK_EQ(set_nice(PRIO_PROCESS, 0, 5), 0, "nice 5");
        CHECK_EQ(set_nice(PRIO_PROCESS, 0, 4), -EACCES, "nice back to 4: EACCES");
        CHECK_EQ(setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, 0), 0, "OTHER with reset-on-fork");
        CHECK_EQ(setsched(0, SCHED_OTHER, 0), -EPERM, "clearing reset-on-fork: EPERM");
        struct attr a = {.size = 48, .policy = SCHED_DEADLINE, .runtime = 1000000, .deadline = 10000000};
        CHECK_EQ(setattr(0, &a, 0), -EPERM, "DEADLINE needs CAP_SYS_NICE");
        CHECK_EQ(setsched(0, SCHED_IDLE | SCHED_RESET_ON_FORK, 0), 0, "SCHED_IDLE");
        CHECK_EQ(setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, 0), -EPERM, "leaving IDLE past RLIMIT_NICE: EPERM");
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(c), 0), "unprivileged checks");
    kill(root_child, SIGKILL);
    waitpid(root_child, NULL, 0);
}

/* getpriority's best (lowest) nice of a group or a user; setpriority on
 * all of them. */
static void nice_groups(void)
{
    int go[2], ready[2];
    pipe(go);
    pipe(ready);
    pid_t k[2];
    for (int i = 0; i < 2; i++) {
        k[i] = xfork();
        if (k[i] == 0) {
            setpgid(0, 0);
            if (i == 1)
                setresuid(4321, 4321, 4321);
            write(ready[1], "r", 1);
            char x;
            read(go[0], &x, 1);
            _exit(0);
        }
        setpgid(k[i], k[i]);
        char x;
        read(ready[0], &x, 1); /* its group and user are set */
    }
    CHECK_EQ(set_nice(PRIO_PGRP, k[0], 4), 0, "setpriority PRIO_PGRP");
    CHECK_EQ(nice_of(PRIO_PROCESS, k[0]), 16, "the group's process got nice 4");
    CHECK_EQ(set_nice(PRIO_PROCESS, k[0], 2), 0, "setpriority PRIO_PROCESS");
    CHECK_EQ(nice_of(PRIO_PGRP, k[0]), 18, "getpriority PRIO_PGRP: nice 2");
    CHECK_EQ(set_nice(PRIO_USER, 4321, 6), 0, "setpriority PRIO_USER");
    CHECK_EQ(nice_of(PRIO_PROCESS, k[1]), 14, "the user's process got nice 6");
    CHECK_EQ(nice_of(PRIO_USER, 4321), 14, "getpriority PRIO_USER");
    CHECK_EQ(nice_of(PRIO_USER, 4322), -ESRCH, "PRIO_USER without processes: ESRCH");
    CHECK_EQ(nice_of(PRIO_PGRP, 999999), -ESRCH, "PRIO_PGRP without processes: ESRCH");
    CHECK_EQ(set_nice(PRIO_PGRP, 999999, 1), -ESRCH, "setpriority empty group: ESRCH");
    CHECK_EQ(nice_of(3, 0), -EINVAL, "which 3: EINVAL");
    CHECK_EQ(set_nice(PRIO_PROCESS, 0, -30), 0, "nice -30 is clamped");
    CHECK_EQ(nice_of(PRIO_PROCESS, 0), 40, "to -20");
    set_nice(PRIO_PROCESS, 0, 0);
    write(go[1], "xx", 2);
    reap_all();
}

int main(void)
{
    set_nice(PRIO_PROCESS, 0, 0); /* the host may start us niced */
    order_by_priority();
    yield_and_preempt();
    quantum(SCHED_RR, SCHED_RR, "RR vs RR");
    quantum(SCHED_FIFO, SCHED_FIFO, "FIFO vs FIFO");
    policy_calls();
    attr_calls();
    permissions();
    nice_groups();
    return tt_done();
}
