/*
 * prctl_more_test.c - prctl's child subreaper (orphans reparented to the
 * nearest subreaper, which waits for them and gets their SIGCHLD), timer
 * slack (per thread, /proc/PID/timerslack_ns, 0 restores the default,
 * fork inherits) and arch_prctl's ARCH_GET_CPUID: differential. With
 * "tsc", the rdtsc policy (PR_TSC_SIGSEGV makes rdtsc raise SIGSEGV).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

#ifndef PR_SET_TIMERSLACK
#define PR_SET_TIMERSLACK 29
#define PR_GET_TIMERSLACK 30
#endif
#define ARCH_GET_CPUID 0x1011

static volatile int sigchld_count;
static void on_chld(int sig) { (void)sig; sigchld_count++; }

static long read_slack_file(void)
{
    char buf[64] = "";
    int fd = open("/proc/self/timerslack_ns", O_RDONLY);
    if (fd < 0)
        return -errno;
    read(fd, buf, sizeof buf - 1);
    close(fd);
    return atol(buf);
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

static void subreaper(void)
{
    int v = -1;
    CHECK_EQ(prctl(PR_GET_CHILD_SUBREAPER, &v), 0, "PR_GET_CHILD_SUBREAPER");
    CHECK_EQ(v, 0, "not a subreaper at first");
    CHECK_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0, "PR_SET_CHILD_SUBREAPER 1");
    prctl(PR_GET_CHILD_SUBREAPER, &v);
    CHECK_EQ(v, 1, "a subreaper now");
    signal(SIGCHLD, on_chld);
    pid_t me = getpid();
    int go[2], done[2];
    pipe(go);
    pipe(done);
    pid_t mid = fork();
    if (mid == 0) {
        int w = -1;
        prctl(PR_GET_CHILD_SUBREAPER, &w);
        pid_t g = fork();
        if (g == 0) {
            char c;
            read(go[0], &c, 1); /* until its parent has gone */
            char r = getppid() == me ? 'y' : 'n';
            write(done[1], &r, 1);
            _exit(7);
        }
        _exit(w == 0 ? 0 : 1); /* not inherited */
    }
    int st;
    CHECK_EQ(waitpid(mid, &st, 0), mid, "the middle process ends");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork does not inherit the subreaper flag");
    write(go[1], "x", 1);
    char r = 0;
    read(done[0], &r, 1);
    CHECK_EQ(r, 'y', "the orphan's parent is the subreaper");
    pid_t got = wait(&st);
    CHECK(got > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 7, "the subreaper waits for the orphan");
    CHECK_EQ(sigchld_count, 2, "SIGCHLD from the child and from the orphan");
    CHECK_EQ(wait(&st), -1, "no more children");
    CHECK_EQ(prctl(PR_SET_CHILD_SUBREAPER, 0), 0, "PR_SET_CHILD_SUBREAPER 0");
    prctl(PR_GET_CHILD_SUBREAPER, &v);
    CHECK_EQ(v, 0, "no longer a subreaper");
    CHECK_EQ(raw_syscall6(SYS_prctl, PR_GET_CHILD_SUBREAPER, 16, 0, 0, 0, 0), -EFAULT, "GET to a bad pointer");
    signal(SIGCHLD, SIG_DFL);
}

static void timerslack(void)
{
    long def = prctl(PR_GET_TIMERSLACK);
    CHECK_EQ(def, 50000, "the default timer slack is 50 us");
    CHECK_EQ(read_slack_file(), def, "timerslack_ns shows it");
    CHECK_EQ(prctl(PR_SET_TIMERSLACK, 70000), 0, "PR_SET_TIMERSLACK 70000");
    CHECK_EQ(prctl(PR_GET_TIMERSLACK), 70000, "PR_GET_TIMERSLACK");
    CHECK_EQ(read_slack_file(), 70000, "timerslack_ns follows");
    CHECK_EQ(prctl(PR_SET_TIMERSLACK, 1), 0, "slack 1");
    CHECK_EQ(prctl(PR_GET_TIMERSLACK), 1, "slack 1 kept");
    CHECK_EQ(prctl(PR_SET_TIMERSLACK, 0x7fffffff), 0, "slack INT_MAX");
    CHECK_EQ(prctl(PR_GET_TIMERSLACK), 0x7fffffff, "slack INT_MAX kept");
    prctl(PR_SET_TIMERSLACK, 0);
    CHECK_EQ(prctl(PR_GET_TIMERSLACK), def, "0 restores the default");
    prctl(PR_SET_TIMERSLACK, 70000);
    pid_t c = fork();
    if (c == 0) {
        long inh = prctl(PR_GET_TIMERSLACK);
        prctl(PR_SET_TIMERSLACK, 0);
        _exit(inh == 70000 && prctl(PR_GET_TIMERSLACK) == 70000 ? 0 : 1);
    }
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a child's slack and its default are the parent's slack");
    int fd = open("/proc/self/timerslack_ns", O_WRONLY);
    CHECK(fd >= 0, "timerslack_ns opens for writing");
    CHECK_EQ(write(fd, "123456\n", 7), 7, "write timerslack_ns");
    CHECK_EQ(prctl(PR_GET_TIMERSLACK), 123456, "the write sets the slack");
    CHECK_EQ(write(fd, "0", 1), 1, "write 0");
    CHECK_EQ(prctl(PR_GET_TIMERSLACK), def, "0 through the file restores the default");
    errno = 0;
    CHECK(write(fd, "x", 1) < 0 && errno == EINVAL, "a non-number is EINVAL");
    close(fd);
}

static void tsc(void)
{
    int mode = 0;
    CHECK_EQ(prctl(PR_GET_TSC, &mode), 0, "PR_GET_TSC");
    CHECK_EQ(mode, PR_TSC_ENABLE, "rdtsc is enabled at first");
    CHECK_EQ(raw_syscall6(SYS_prctl, PR_SET_TSC, 0, 0, 0, 0, 0), -EINVAL, "PR_SET_TSC 0 is EINVAL");
    CHECK_EQ(raw_syscall6(SYS_prctl, PR_SET_TSC, 3, 0, 0, 0, 0), -EINVAL, "PR_SET_TSC 3 is EINVAL");
    for (int m = PR_TSC_ENABLE; m <= PR_TSC_SIGSEGV; m++) {
        pid_t c = fork();
        if (c == 0) {
            int got = 0;
            prctl(PR_SET_TSC, m);
            prctl(PR_GET_TSC, &got);
            if (got != m)
                _exit(2);
            uint64_t a = rdtsc(), b = rdtsc();
            _exit(b > a ? 0 : 3);
        }
        int st;
        waitpid(c, &st, 0);
        if (m == PR_TSC_ENABLE)
            CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "PR_TSC_ENABLE: rdtsc works");
        else
            CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "PR_TSC_SIGSEGV: rdtsc raises SIGSEGV");
    }
    uint64_t a = rdtsc(), b = rdtsc();
    CHECK(b > a, "the parent's rdtsc still works");
}

/* "tsc" runs only the rdtsc checks: the development machines' sandboxed
 * kernel ignores CR4.TSD, so that part is not differential. */
int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "tsc")) {
        tsc();
        return tt_done();
    }
    subreaper();
    timerslack();
    CHECK_EQ(raw_syscall6(SYS_arch_prctl, ARCH_GET_CPUID, 0, 0, 0, 0, 0), 1, "ARCH_GET_CPUID: cpuid works");
    return tt_done();
}
