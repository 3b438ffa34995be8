/* ids_test.c - the identity calls as root: getresuid/getresgid,
 * getgroups, the set calls that keep root, their EINVAL and EFAULT.
 * Differential (the host runs the tests as root too). Changing to other
 * ids and what that allows: cred_test.c. */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/syscall.h>

#include "tt.h"

int main(void)
{
    uid_t r = 9, e = 9, s = 9;
    CHECK_EQ(getresuid(&r, &e, &s), 0, "getresuid");
    CHECK(r == 0 && e == 0 && s == 0, "all three uids are 0");
    gid_t gr = 9, ge = 9, gs = 9;
    CHECK_EQ(getresgid(&gr, &ge, &gs), 0, "getresgid");
    CHECK(gr == 0 && ge == 0 && gs == 0, "all three gids are 0");
    CHECK_EQ(raw_syscall(SYS_getresuid, 0, 0, 0), -EFAULT, "getresuid(NULL...) is EFAULT");
    CHECK_EQ(setuid(0), 0, "setuid(0)");
    CHECK_EQ(setgid(0), 0, "setgid(0)");
    CHECK_EQ(raw_syscall(SYS_setuid, -1, 0, 0), -EINVAL, "setuid(-1) is EINVAL");
    CHECK_EQ(setreuid(-1, 0), 0, "setreuid(-1, 0)");
    CHECK_EQ(setregid(0, -1), 0, "setregid(0, -1)");
    CHECK_EQ(setresuid(0, -1, 0), 0, "setresuid(0, -1, 0)");
    CHECK_EQ(setresgid(-1, -1, -1), 0, "setresgid(-1, -1, -1)");
    CHECK_EQ(setgroups(0, NULL), 0, "setgroups to none");
    CHECK_EQ(getgroups(0, NULL), 0, "getgroups: none");
    gid_t list[4];
    CHECK_EQ(getgroups(4, list), 0, "getgroups with room: none");
    CHECK_EQ(raw_syscall(SYS_getgroups, -1, 0, 0), -EINVAL, "getgroups(-1) is EINVAL");
    CHECK_EQ(raw_syscall(SYS_setgroups, -1, 0, 0), -EINVAL, "setgroups(-1) is EINVAL");
    CHECK_EQ(raw_syscall(SYS_setgroups, 1, 8, 0), -EFAULT, "setgroups from a bad pointer is EFAULT");
    return tt_done();
}
