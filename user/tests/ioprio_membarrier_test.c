/*
 * ioprio_membarrier_test.c - ioprio_get/ioprio_set (classes, levels,
 * who = process, group, user, the errors, fork inheriting, an unprivileged
 * caller refused RT and other users' threads) and membarrier (QUERY, the
 * barriers, EPERM before REGISTER, bad commands and flags).
 * Differential: the same answers as Linux.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

#define WHO_PROCESS 1
#define WHO_PGRP 2
#define WHO_USER 3
#define VAL(class, data) (((class) << 13) | (data))

static long get(int which, int who) { return raw_syscall6(SYS_ioprio_get, which, who, 0, 0, 0, 0); }
static long set(int which, int who, int v) { return raw_syscall6(SYS_ioprio_set, which, who, v, 0, 0, 0); }
static long mb(int cmd, int flags) { return raw_syscall6(324, cmd, flags, 0, 0, 0, 0); }

static void ioprio(void)
{
    CHECK_EQ(get(WHO_PROCESS, 0), 0, "no I/O priority set at first (NONE, 0)");
    int ok = 1;
    for (int level = 0; level < 8; level++)
        ok &= set(WHO_PROCESS, 0, VAL(2, level)) == 0 && get(WHO_PROCESS, 0) == VAL(2, level);
    CHECK(ok, "best-effort levels 0-7 set and read back");
    ok = 1;
    for (int level = 0; level < 8; level++)
        ok &= set(WHO_PROCESS, 0, VAL(3, level)) == 0 && get(WHO_PROCESS, 0) == VAL(3, level);
    CHECK(ok, "idle levels 0-7 set and read back");
    CHECK_EQ(set(WHO_PROCESS, 0, VAL(1, 3)), 0, "root may set the real-time class");
    CHECK_EQ(get(WHO_PROCESS, getpid()), VAL(1, 3), "read back by pid");
    CHECK_EQ(set(WHO_PROCESS, 0, VAL(0, 4)), -EINVAL, "NONE with a level is EINVAL");
    CHECK_EQ(get(WHO_PROCESS, 0), VAL(1, 3), "a refused set changes nothing");
    CHECK_EQ(set(WHO_PROCESS, 0, VAL(4, 0)), -EINVAL, "class 4 is EINVAL");
    CHECK_EQ(set(WHO_PROCESS, 0, VAL(7, 0)), -EINVAL, "class 7 is EINVAL");
    CHECK_EQ(set(0, 0, VAL(2, 4)), -EINVAL, "which 0 is EINVAL");
    CHECK_EQ(get(4, 0), -EINVAL, "get with which 4 is EINVAL");
    CHECK_EQ(set(WHO_PROCESS, 4000000, VAL(2, 4)), -ESRCH, "no such pid: ESRCH");
    CHECK_EQ(get(WHO_PROCESS, 4000000), -ESRCH, "get for no such pid: ESRCH");
    CHECK_EQ(set(WHO_PROCESS, 0, VAL(4, 0) | 0) , -EINVAL, "the class is checked before the pid");
    CHECK_EQ(set(WHO_PROCESS, 0, VAL(0, 0)), 0, "back to NONE");
    CHECK_EQ(get(WHO_PROCESS, 0), 0, "NONE reads back");

    set(WHO_PROCESS, 0, VAL(2, 5));
    pid_t c = fork();
    if (c == 0)
        _exit(get(WHO_PROCESS, 0) == VAL(2, 5) ? 0 : 1);
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork inherits the I/O priority");

    /* A process group of our own: set for every member, the best
     * (lowest) read back. */
    setpgid(0, 0);
    int go[2];
    pipe(go);
    c = fork();
    if (c == 0) {
        char ch;
        read(go[0], &ch, 1);
        _exit(get(WHO_PROCESS, 0) == VAL(2, 1) ? 0 : 1);
    }
    CHECK_EQ(set(WHO_PROCESS, c, VAL(2, 6)), 0, "set another process's priority");
    CHECK_EQ(get(WHO_PGRP, 0), VAL(2, 5), "the group's best priority");
    CHECK_EQ(set(WHO_PGRP, 0, VAL(2, 1)), 0, "set the whole group");
    CHECK_EQ(get(WHO_PROCESS, c), VAL(2, 1), "the other member has it");
    CHECK(get(WHO_USER, 0) >= 0, "the user's best priority"); /* other root processes may have any */
    CHECK_EQ(get(WHO_PGRP, 4000000), -ESRCH, "an empty group: ESRCH");
    write(go[1], "x", 1);
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the member saw the group's setting");

    /* An unprivileged caller: no RT, and not root's processes. */
    pid_t parent = getpid();
    c = fork();
    if (c == 0) {
        if (setuid(1000))
            _exit(9);
        int bad = 0;
        bad |= set(WHO_PROCESS, 0, VAL(1, 0)) != -EPERM;
        bad |= (set(WHO_PROCESS, 0, VAL(3, 0)) != 0) << 1;
        bad |= (set(WHO_PROCESS, parent, VAL(2, 0)) != -EPERM) << 2;
        bad |= (get(WHO_PROCESS, parent) != VAL(2, 1)) << 3;
        _exit(bad);
    }
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "unprivileged: RT is EPERM, others' threads EPERM, get works");
    set(WHO_PROCESS, 0, 0);
}

static void membarrier(void)
{
    long q = mb(0, 0);
    /* The commands every x86_64 kernel reports (newer ones add more). */
    CHECK_EQ(q & 0x7f, 0x7f, "QUERY: global, global/private expedited, sync-core");
    CHECK_EQ(mb(0, 1), -EINVAL, "QUERY with flags is EINVAL");
    CHECK_EQ(mb(1, 0), 0, "GLOBAL");
    CHECK_EQ(mb(2, 0), 0, "GLOBAL_EXPEDITED needs no registration");
    CHECK_EQ(mb(4, 0), 0, "REGISTER_GLOBAL_EXPEDITED");
    CHECK_EQ(mb(8, 0), -EPERM, "PRIVATE_EXPEDITED before REGISTER is EPERM");
    CHECK_EQ(mb(32, 0), -EPERM, "SYNC_CORE before REGISTER is EPERM");
    CHECK_EQ(mb(16, 0), 0, "REGISTER_PRIVATE_EXPEDITED");
    CHECK_EQ(mb(8, 0), 0, "PRIVATE_EXPEDITED after REGISTER");
    CHECK_EQ(mb(32, 0), -EPERM, "SYNC_CORE needs its own REGISTER");
    CHECK_EQ(mb(64, 0), 0, "REGISTER_PRIVATE_EXPEDITED_SYNC_CORE");
    CHECK_EQ(mb(32, 0), 0, "PRIVATE_EXPEDITED_SYNC_CORE after REGISTER");
    CHECK_EQ(mb(8, 1), -EINVAL, "flags on PRIVATE_EXPEDITED are EINVAL");
    CHECK_EQ(mb(3, 0), -EINVAL, "two commands at once are EINVAL");
    CHECK_EQ(mb(1 << 20, 0), -EINVAL, "an unknown command is EINVAL");
    CHECK_EQ(mb(-1, 0), -EINVAL, "command -1 is EINVAL");
    pid_t c = fork();
    if (c == 0)
        _exit(mb(8, 0) == 0 ? 0 : 1); /* the registration is the address space's: a fork child has its own */
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st), "a fork child runs PRIVATE_EXPEDITED");
}

int main(void)
{
    ioprio();
    membarrier();
    return tt_done();
}
