/*
 * unshare_test.c - unshare(2): CLONE_FILES gives a thread sharing its
 * descriptor table a private copy (closing in one no longer closes in the
 * other), EMFILE when a descriptor lies past fs.nr_open (writable, 64 at
 * least), CLONE_FS/CLONE_SYSVSEM/0 succeed, bad flags are EINVAL,
 * CLONE_SIGHAND/CLONE_VM/CLONE_THREAD only where nothing is shared.
 * Differential. With "ns": the namespace flags, EPERM unprivileged
 * (differential too), and Tiny OS's EINVAL for root (no namespaces).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static long unshare_raw(long flags) { return raw_syscall6(SYS_unshare, flags, 0, 0, 0, 0, 0); }

static char stack[65536];
static int child_fn(void *arg)
{
    int fd = *(int *)arg;
    if (unshare_raw(CLONE_FILES) != 0)
        return 1;
    close(fd); /* only in our private copy now */
    return 0;
}

static int nr_open_child(void *arg)
{
    (void)arg;
    int fd = open("/proc/sys/fs/nr_open", O_WRONLY);
    if (fd < 0 || write(fd, "64", 2) != 2)
        return 2;
    close(fd);
    return unshare_raw(CLONE_FILES) == -EMFILE ? 0 : 1;
}

static int run_clone(int (*fn)(void *), void *arg)
{
    pid_t c = clone(fn, stack + sizeof stack, CLONE_FILES | SIGCHLD, arg);
    int st;
    waitpid(c, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "ns")) {
        pid_t c = fork();
        if (c == 0) {
            setuid(65534);
            _exit(unshare_raw(CLONE_NEWNS) == -EPERM && unshare_raw(CLONE_NEWUTS) == -EPERM ? 0 : 1);
        }
        int st;
        waitpid(c, &st, 0);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "unprivileged CLONE_NEWNS, CLONE_NEWUTS: EPERM");
        CHECK_EQ(unshare_raw(CLONE_NEWNS), -EINVAL, "root CLONE_NEWNS: EINVAL (no namespaces)");
        CHECK_EQ(unshare_raw(CLONE_NEWUSER), -EINVAL, "CLONE_NEWUSER: EINVAL (no namespaces)");
        return tt_done();
    }
    CHECK_EQ(unshare_raw(0), 0, "unshare(0)");
    CHECK_EQ(unshare_raw(-1), -EINVAL, "unshare(-1): EINVAL");
    CHECK_EQ(unshare_raw(0x1000), -EINVAL, "an unknown flag (CLONE_PIDFD): EINVAL");
    CHECK_EQ(unshare_raw(CLONE_FILES), 0, "CLONE_FILES with nothing shared");
    CHECK_EQ(unshare_raw(CLONE_FS), 0, "CLONE_FS");
    CHECK_EQ(unshare_raw(CLONE_SYSVSEM), 0, "CLONE_SYSVSEM");
    CHECK_EQ(unshare_raw(CLONE_SIGHAND), 0, "CLONE_SIGHAND single-threaded");
    CHECK_EQ(unshare_raw(CLONE_VM), 0, "CLONE_VM single-threaded");
    CHECK_EQ(unshare_raw(CLONE_THREAD), 0, "CLONE_THREAD single-threaded");

    int fd = open("/proc/self/stat", O_RDONLY);
    CHECK_EQ(run_clone(child_fn, &fd), 0, "a CLONE_FILES child unshares and closes its copy");
    CHECK(fcntl(fd, F_GETFD) >= 0, "the parent's descriptor is still open");
    close(fd);

    char old[32] = "";
    int nf = open("/proc/sys/fs/nr_open", O_RDONLY);
    read(nf, old, sizeof old - 1);
    close(nf);
    CHECK_EQ(dup2(2, 65), 65, "a descriptor at 65");
    CHECK_EQ(run_clone(nr_open_child, NULL), 0, "nr_open 64: unsharing a table with fd 65 is EMFILE");
    close(65);
    nf = open("/proc/sys/fs/nr_open", O_WRONLY);
    errno = 0;
    CHECK(write(nf, "63", 2) < 0 && errno == EINVAL, "nr_open below 64: EINVAL");
    write(nf, old, strlen(old));
    close(nf);
    return tt_done();
}
