/*
 * sys_ids.c - user and group identities. Tiny OS has one user: every
 * process runs as root (uid, gid, effective and saved ids all 0, no
 * supplementary groups - what Linux's init starts with). The set calls
 * succeed when they would leave that so and answer EPERM otherwise: a
 * real root could switch to another id, but Tiny OS has no other ids to
 * switch to, and a program that drops privileges must learn that it did
 * not rather than believe it did. (getuid and friends: sys_proc.c.)
 */
#include "mm/usercopy.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define NGROUPS_MAX 65536
#define ID_UNCHANGED ((uint32_t)-1) /* the set*id calls' "leave this one" */

/* Can this id (an argument of setreuid & co.) stay as it is: root or -1? */
static bool keeps_root(uint32_t id) { return id == 0 || id == ID_UNCHANGED; }

/* setuid/setgid: -1 is not an id here (Linux: uid_valid fails, EINVAL). */
static long set_one(uint32_t id)
{
    if (id == ID_UNCHANGED)
        return -EINVAL;
    return id == 0 ? 0 : -EPERM;
}

static long set_ids(uint32_t a, uint32_t b, uint32_t c) { return keeps_root(a) && keeps_root(b) && keeps_root(c) ? 0 : -EPERM; }

long sys_setuid(uint32_t uid) { return set_one(uid); }
long sys_setgid(uint32_t gid) { return set_one(gid); }
long sys_setreuid(uint32_t r, uint32_t e) { return set_ids(r, e, ID_UNCHANGED); }
long sys_setregid(uint32_t r, uint32_t e) { return set_ids(r, e, ID_UNCHANGED); }
long sys_setresuid(uint32_t r, uint32_t e, uint32_t s) { return set_ids(r, e, s); }
long sys_setresgid(uint32_t r, uint32_t e, uint32_t s) { return set_ids(r, e, s); }

/* getresuid/getresgid: real, effective and saved, all 0. */
static long three_zeros(uint64_t ur, uint64_t ue, uint64_t us)
{
    uint32_t zero = 0;
    if (copy_to_user(ur, &zero, sizeof zero) || copy_to_user(ue, &zero, sizeof zero) ||
        copy_to_user(us, &zero, sizeof zero))
        return -EFAULT;
    return 0;
}

long sys_getresuid(uint64_t ur, uint64_t ue, uint64_t us) { return three_zeros(ur, ue, us); }
long sys_getresgid(uint64_t ur, uint64_t ue, uint64_t us) { return three_zeros(ur, ue, us); }

/* No supplementary groups: the count is 0 whatever the buffer's size. */
long sys_getgroups(int size, uint64_t ulist)
{
    (void)ulist;
    return size < 0 ? -EINVAL : 0;
}

/* Partial: only lists that leave root's groups as they are - empty, or
 * naming only group 0 - are accepted (and getgroups still reports none);
 * any other group is EPERM, as there are no other groups. */
long sys_setgroups(int size, uint64_t ulist)
{
    if (size < 0 || size > NGROUPS_MAX)
        return -EINVAL;
    for (int i = 0; i < size; i++) {
        uint32_t gid;
        if (copy_from_user(&gid, ulist + (uint64_t)i * sizeof gid, sizeof gid))
            return -EFAULT;
        if (gid != 0)
            return -EPERM;
    }
    return 0;
}
