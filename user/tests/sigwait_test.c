/* sigwait_test.c - sigwaitinfo/sigtimedwait (rt_sigtimedwait) and
 * sigqueue (rt_sigqueueinfo, rt_tgsigqueueinfo): the siginfo a waited-for
 * signal carries, timeouts, EINTR, and the EPERM rule for impersonating
 * codes. Differential. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "tt.h"

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) { (void)sig, alarms++; }

/* rt_sigqueueinfo / rt_tgsigqueueinfo with a chosen si_code. */
static long queue_raw(pid_t tgid, pid_t tid, int sig, int code, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = value;
    return tid ? raw_syscall6(SYS_rt_tgsigqueueinfo, tgid, tid, sig, (long)&si, 0, 0)
               : raw_syscall(SYS_rt_sigqueueinfo, tgid, sig, (long)&si);
}

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    siginfo_t si;

    union sigval v = {.sival_int = 42};
    CHECK_EQ(sigqueue(getpid(), SIGUSR1, v), 0, "sigqueue to ourselves");
    memset(&si, 0, sizeof si);
    CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR1, "sigwaitinfo takes it");
    CHECK_EQ(si.si_signo, SIGUSR1, "si_signo");
    CHECK_EQ(si.si_code, SI_QUEUE, "si_code SI_QUEUE");
    CHECK_EQ(si.si_pid, getpid(), "si_pid");
    CHECK_EQ(si.si_value.sival_int, 42, "si_value");
    sigset_t pend;
    sigpending(&pend);
    CHECK(!sigismember(&pend, SIGUSR1), "no longer pending");

    raise(SIGUSR2);
    kill(getpid(), SIGUSR1);
    struct timespec zero = {0, 0};
    /* Linux's dequeue_signal: the thread's own (raise: tkill) first. */
    CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGUSR2, "the thread-directed one first");
    CHECK_EQ(si.si_code, SI_TKILL, "raise: SI_TKILL");
    CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGUSR1, "then the process's");
    CHECK_EQ(si.si_code, SI_USER, "kill: SI_USER");
    CHECK_EQ(si.si_pid, getpid(), "kill: si_pid");
    CHECK_EQ(sigtimedwait(&set, NULL, &zero), -1, "none pending, zero timeout");
    CHECK_EQ(errno, EAGAIN, "is EAGAIN");
    struct timespec short_wait = {0, 20 * 1000 * 1000};
    CHECK_EQ(sigtimedwait(&set, NULL, &short_wait), -1, "none pending, 20 ms");
    CHECK_EQ(errno, EAGAIN, "is EAGAIN");
    struct timespec bad = {0, 1000000000};
    CHECK_EQ(sigtimedwait(&set, NULL, &bad), -1, "tv_nsec 1e9");
    CHECK_EQ(errno, EINVAL, "is EINVAL");

    /* Another signal's handler ends the wait. */
    signal(SIGALRM, on_alarm);
    struct itimerval it = {{0, 0}, {0, 50 * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec long_wait = {5, 0};
    /* The raw call: musl's sigtimedwait retries on EINTR. */
    CHECK_EQ(raw_syscall6(SYS_rt_sigtimedwait, (long)&set, 0, (long)&long_wait, 8, 0, 0), -EINTR,
             "a handled SIGALRM interrupts: EINTR");
    CHECK_EQ(alarms, 1, "the handler ran");

    /* From a child, while we wait. */
    pid_t parent = getpid();
    pid_t c = fork();
    if (c == 0) {
        union sigval cv = {.sival_int = 7};
        _exit(sigqueue(parent, SIGUSR2, cv) ? 1 : 0);
    }
    CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR2, "a child's sigqueue wakes the wait");
    CHECK_EQ(si.si_pid, c, "si_pid is the child");
    CHECK_EQ(si.si_value.sival_int, 7, "its value");
    int status;
    waitpid(c, &status, 0);

    /* Pretending to be kill or the kernel: only to ourselves. */
    int p[2];
    pipe(p);
    c = fork();
    if (c == 0) {
        char x;
        read(p[0], &x, 1);
        _exit(0);
    }
    CHECK_EQ(queue_raw(c, 0, SIGUSR1, SI_USER, 0), -EPERM, "SI_USER to another process");
    CHECK_EQ(queue_raw(c, 0, SIGUSR1, SI_KERNEL, 0), -EPERM, "SI_KERNEL to another process");
    CHECK_EQ(queue_raw(c, 0, SIGUSR1, SI_TKILL, 0), -EPERM, "SI_TKILL to another process");
    CHECK_EQ(queue_raw(c, 0, 0, SI_QUEUE, 0), 0, "SI_QUEUE signal 0 to another process");
    CHECK_EQ(queue_raw(c, 0, 99, SI_QUEUE, 0), -EINVAL, "signal 99");
    write(p[1], "x", 1);
    waitpid(c, &status, 0);
    CHECK_EQ(queue_raw(c, 0, SIGUSR1, SI_QUEUE, 0), -ESRCH, "to a reaped child");
    CHECK_EQ(queue_raw(getpid(), 0, SIGUSR1, SI_USER, 5), 0, "SI_USER to ourselves");
    CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR1, "taken");
    CHECK_EQ(si.si_code, SI_USER, "with our si_code");
    CHECK_EQ(queue_raw(getpid(), gettid(), SIGUSR2, SI_QUEUE, 9), 0, "rt_tgsigqueueinfo to our thread");
    CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR2, "taken");
    CHECK_EQ(si.si_code, SI_QUEUE, "SI_QUEUE");
    CHECK_EQ(si.si_value.sival_int, 9, "its value");
    CHECK_EQ(queue_raw(0, gettid(), SIGUSR2, SI_QUEUE, 9), -EINVAL, "rt_tgsigqueueinfo tgid 0");
    return tt_done();
}
