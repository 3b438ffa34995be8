/* futex_test.c - futex WAIT/WAKE between two processes sharing a page:
 * a waiter sleeps until woken, a wrong value gives EAGAIN, a timeout gives
 * ETIMEDOUT. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

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
    return tt_done();
}
