/* futex_test.c - futex WAIT/WAKE between processes sharing a page: a
 * waiter sleeps until woken, a wrong value gives EAGAIN, a timeout gives
 * ETIMEDOUT; WAKE wakes exactly as many as asked (one for 0), oldest
 * first; the BITSET forms; CMP_REQUEUE moves waiters to another futex;
 * a signal the waiter ignores (SIGCHLD) does not end its wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10

static void pause_ms(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits (up to 5 s) until process pid sleeps ('S' in /proc/PID/stat). */
static void wait_sleeping(pid_t pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    for (int i = 0; i < 500; i++) {
        FILE *f = fopen(path, "r");
        char *rp = f && fgets(buf, sizeof buf, f) ? strrchr(buf, ')') : NULL;
        if (f)
            fclose(f);
        if (rp && rp[1] == ' ' && rp[2] == 'S')
            return;
        pause_ms(10);
    }
}

/* Waits (up to 5 s) until at least want of the children have exited. */
static int exited(pid_t *pids, int n, int *done);
static int wait_exited(pid_t *pids, int n, int *done, int want)
{
    int got = 0;
    for (int i = 0; i < 500 && (got = exited(pids, n, done)) < want; i++)
        pause_ms(10);
    pause_ms(30); /* time for one too many to show */
    return exited(pids, n, done);
}

/* n children wait on w (with bitset bits[i], if bits); each exits 0
 * when woken with 0, 1 on another result. */
static void start_waiters(volatile int *w, int n, pid_t *pids, const int *bits)
{
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            long r = bits ? raw_syscall6(SYS_futex, (long)w, FUTEX_WAIT_BITSET, 0, 0, 0, bits[i])
                          : raw_syscall6(SYS_futex, (long)w, FUTEX_WAIT, 0, 0, 0, 0);
            _exit(r == 0 ? 0 : 1);
        }
        wait_sleeping(pids[i]); /* in order: the oldest waiter is pids[0] */
    }
}

/* How many of the children have exited (without waiting). */
static int exited(pid_t *pids, int n, int *done)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        int st;
        if (!done[i] && waitpid(pids[i], &st, WNOHANG) == pids[i])
            done[i] = 1 + (WIFEXITED(st) && WEXITSTATUS(st) == 0);
        count += done[i] != 0;
    }
    return count;
}

static void counting(volatile int *w, volatile int *w2)
{
    pid_t pids[3];
    int done[3] = {0};
    *w = 0;
    start_waiters(w, 3, pids, NULL);
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 1, 0, 0, 0), 1, "FUTEX_WAKE 1 of 3 waiters: 1");
    CHECK_EQ(wait_exited(pids, 3, done, 1), 1, "exactly one woke");
    CHECK_EQ(done[0], 2, "the one waiting longest, with 0");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 0, 0, 0, 0), 1, "FUTEX_WAKE 0 still wakes one");
    /* CMP_REQUEUE: wake none, move one to w2, then wake w2. */
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_CMP_REQUEUE, 0, 1, (long)w2, 7), -EAGAIN,
             "CMP_REQUEUE with the wrong value: EAGAIN");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_CMP_REQUEUE, 0, 1, (long)w2, 0), 1,
             "CMP_REQUEUE moves one waiter");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 5, 0, 0, 0), 0, "none is left on the first futex");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w2, FUTEX_WAKE, 5, 0, 0, 0), 1, "the moved one wakes on the second");
    CHECK_EQ(wait_exited(pids, 3, done, 3), 3, "all three have woken");
    CHECK(done[1] == 2 && done[2] == 2, "each wait returned 0");
}

static void bitsets(volatile int *w)
{
    pid_t pids[2];
    int done[2] = {0};
    const int bits[2] = {1, 2};
    *w = 0;
    start_waiters(w, 2, pids, bits);
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE_BITSET, 5, 0, 0, 2), 1, "WAKE_BITSET 2 wakes the bit-2 waiter");
    CHECK(wait_exited(pids, 2, done, 1) == 1 && done[1] == 2, "only that one");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE_BITSET, 5, 0, 0, 0), -EINVAL, "bitset 0: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 5, 0, 0, 0), 1, "plain WAKE matches any bitset");
    CHECK_EQ(wait_exited(pids, 2, done, 2), 2, "both have woken");
}

/* A waiter whose child exits (SIGCHLD, ignored) keeps waiting. */
static void ignored_signal(volatile int *w)
{
    *w = 0;
    pid_t waiter = fork();
    if (waiter == 0) {
        if (fork() == 0)
            _exit(0); /* its SIGCHLD comes while the parent waits */
        long r = raw_syscall6(SYS_futex, (long)w, FUTEX_WAIT, 0, 0, 0, 0);
        _exit(r == 0 ? 0 : 1);
    }
    wait_sleeping(waiter);
    pause_ms(150); /* its child has exited by now */
    int st;
    CHECK_EQ(waitpid(waiter, &st, WNOHANG), 0, "a waiter whose child exited is still waiting");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 1, 0, 0, 0), 1, "until woken");
    waitpid(waiter, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "and its wait returned 0");
}

int main(void)
{
    volatile int *w = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    *w = 0;
    pid_t c = fork();
    if (c == 0) {
        struct timespec ts = {0, 20000000};
        nanosleep(&ts, NULL);
        *w = 1;
        _exit((int)raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 1, 0, 0, 0));
    }
    long r = raw_syscall6(SYS_futex, (long)w, FUTEX_WAIT, 0, 0, 0, 0);
    int st;
    waitpid(c, &st, 0);
    CHECK(r == 0 || r == -EAGAIN, "FUTEX_WAIT returns once woken (or the value changed first)");
    CHECK_EQ(*w, 1, "the waker's write is visible");
    CHECK(WEXITSTATUS(st) <= 1, "FUTEX_WAKE reports at most one woken");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAIT, 5, 0, 0, 0), -EAGAIN, "a different value: EAGAIN");
    struct timespec ts = {0, 10000000};
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAIT, 1, (long)&ts, 0, 0), -ETIMEDOUT, "a timeout: ETIMEDOUT");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w + 1, FUTEX_WAIT, 1, 0, 0, 0), -EINVAL, "a misaligned futex: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w, FUTEX_WAKE, 1, 0, 0, 0), 0, "waking nobody: 0");
    /* A shared futex's key is its page (LTP futex_wake05): none, EFAULT;
     * a private one's is its address, so there is just nobody to wake. */
    char *gone = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, 4096);
    mprotect(gone + 4096, 4096, PROT_NONE);
    CHECK_EQ(raw_syscall6(SYS_futex, (long)gone, FUTEX_WAKE, 1, 0, 0, 0), -EFAULT, "WAKE of an unmapped futex: EFAULT");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)gone + 4096, FUTEX_WAKE, 1, 0, 0, 0), -EFAULT,
             "WAKE of a PROT_NONE futex: EFAULT");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)gone, FUTEX_WAKE | 128, 1, 0, 0, 0), 0,
             "a private WAKE there: 0 woken");
    CHECK_EQ(raw_syscall6(SYS_futex, (long)w + 2, FUTEX_WAKE, 1, 0, 0, 0), -EINVAL, "a misaligned WAKE: EINVAL");
    munmap(gone + 4096, 4096);
    counting(w, w + 1);
    bitsets(w);
    ignored_signal(w);
    return tt_done();
}
