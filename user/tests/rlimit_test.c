/*
 * rlimit_test.c - resource limits and nice values, as bash's `ulimit`
 * and zsh's background jobs (nice(5), BG_NICE) use them: setrlimit and
 * prlimit change a limit, fork inherits it, RLIMIT_NOFILE bounds open,
 * dup2 and F_DUPFD, getpriority/setpriority keep a nice value. Found
 * running bash-static and zsh-static: `ulimit -c 0` failed with EPERM
 * and zsh printed "nice(5) failed: function not implemented".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "tt.h"

static void limits(void)
{
    struct rlimit r;
    CHECK_EQ(getrlimit(RLIMIT_CORE, &r), 0, "getrlimit(RLIMIT_CORE)");
    r.rlim_cur = 0;
    CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0, "setrlimit(RLIMIT_CORE, 0)");
    CHECK(getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0, "the core limit reads back 0");
    struct rlimit bad = {10, 5};
    CHECK(setrlimit(RLIMIT_CORE, &bad) == -1 && errno == EINVAL, "soft above hard: EINVAL");
    CHECK(setrlimit(99, &r) == -1 && errno == EINVAL, "unknown resource: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_setrlimit, RLIMIT_CORE, 8, 0, 0, 0, 0), -EFAULT, "setrlimit(bad pointer): EFAULT");

    struct rlimit old, nf = {1000, 1000};
    CHECK(prlimit(0, RLIMIT_FSIZE, &nf, &old) == 0 && old.rlim_cur == RLIM_INFINITY,
          "prlimit sets and returns the old limit");
    CHECK(getrlimit(RLIMIT_FSIZE, &r) == 0 && r.rlim_cur == 1000 && r.rlim_max == 1000, "prlimit's limit holds");

    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit c;
        _exit(getrlimit(RLIMIT_FSIZE, &c) == 0 && c.rlim_cur == 1000 ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child of fork inherits the limits");
}

static void descriptor_limit(void)
{
    struct rlimit nf = {8, 8};
    CHECK_EQ(setrlimit(RLIMIT_NOFILE, &nf), 0, "RLIMIT_NOFILE lowered to 8");
    int last = -1, err = 0;
    for (int i = 0; i < 20; i++) {
        int fd = open("/dev/null", O_RDONLY);
        if (fd < 0) {
            err = errno;
            break;
        }
        last = fd;
    }
    CHECK_EQ(last, 7, "open hands out descriptors up to the limit");
    CHECK_EQ(err, EMFILE, "then fails with EMFILE");
    CHECK(dup2(0, 8) == -1 && errno == EBADF, "dup2 to a descriptor past the limit: EBADF");
    CHECK(fcntl(0, F_DUPFD, 8) == -1 && errno == EINVAL, "F_DUPFD past the limit: EINVAL");
    close(7);
    CHECK_EQ(fcntl(0, F_DUPFD, 5), 7, "F_DUPFD finds the free one below the limit");
}

static void nice_values(void)
{
    /* The starting value is inherited (a host may run everything at
     * nice 3), so the checks are relative to it; it stays below 15 here. */
    errno = 0;
    int start = getpriority(PRIO_PROCESS, 0);
    CHECK(start >= 0 && start <= 14 && errno == 0, "the nice value starts at an ordinary value");
    CHECK_EQ(raw_syscall6(SYS_getpriority, PRIO_PROCESS, 0, 0, 0, 0, 0), 20 - start, "the raw call returns 20 - nice");
    CHECK_EQ(nice(5), start + 5, "nice(5) returns the new value");
    CHECK_EQ(getpriority(PRIO_PROCESS, getpid()), start + 5, "getpriority by pid");
    CHECK_EQ(setpriority(PRIO_PROCESS, 0, 40), 0, "setpriority beyond 19");
    CHECK_EQ(getpriority(PRIO_PROCESS, 0), 19, "is clamped to 19");
    pid_t pid = fork();
    if (pid == 0)
        _exit(getpriority(PRIO_PROCESS, 0) == 19 ? 0 : 1);
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child of fork inherits the nice value");
    CHECK(setpriority(PRIO_PROCESS, 999999, 0) == -1 && errno == ESRCH, "no such process: ESRCH");
    CHECK(setpriority(7, 0, 0) == -1 && errno == EINVAL, "bad which: EINVAL");
}

int main(void)
{
    limits();
    nice_values();
    descriptor_limit();
    return tt_done();
}
