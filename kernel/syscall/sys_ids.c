/*
 * sys_ids.c - user and group identities (proc/cred.h): the get*id and
 * set*id calls, setfsuid/setfsgid and the supplementary groups, with
 * Linux's rules (kernel/sys.c): a process with the capability (CAP_SETUID,
 * CAP_SETGID: effective uid 0 here) may set any id; others may only move
 * among the real, effective and saved ids they already have. The uid and
 * gid calls follow the same rules, so each is written once over an
 * "ids" view of the cred that picks the user or the group fields. A uid
 * change also changes the capability sets (cred_fix_caps).
 */
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"

#define ID_UNCHANGED ((uint32_t)-1) /* the set*id calls' "leave this one"; never a valid id */

/* The four ids of one kind (user or group) inside a cred. */
struct ids {
    uint32_t *real, *eff, *saved, *fs;
};

static struct ids ids_of(struct cred *c, bool group)
{
    return group ? (struct ids){&c->gid, &c->egid, &c->sgid, &c->fsgid}
                 : (struct ids){&c->uid, &c->euid, &c->suid, &c->fsuid};
}

static int set_cap(bool group) { return group ? CAP_SETGID : CAP_SETUID; }

/* Is id one of old's real, effective or saved ids? */
static bool held(const struct ids *old, uint32_t id) { return id == *old->real || id == *old->eff || id == *old->saved; }

/* Installs new if anything changed, else drops it; 0. */
static long commit(struct cred *new, const struct cred *old)
{
    if (!memcmp(&new->uid, &old->uid, 8 * sizeof(uint32_t))) {
        cred_put(new);
        return 0;
    }
    cred_install(new);
    return 0;
}

/* setuid(2) / setgid(2). */
static long set_id(uint32_t id, bool group)
{
    if (id == ID_UNCHANGED)
        return -EINVAL;
    const struct cred *oc = current_cred();
    struct cred *new = cred_copy(oc, oc->ngroups);
    if (!new)
        return -ENOMEM;
    struct ids old = ids_of((struct cred *)oc, group), n = ids_of(new, group);
    if (cred_capable(oc, set_cap(group))) {
        *n.real = *n.saved = id;
    } else if (id != *old.real && id != *old.saved) {
        cred_put(new);
        return -EPERM;
    }
    *n.eff = *n.fs = id;
    if (!group)
        cred_fix_caps(oc, new, false);
    return commit(new, oc);
}

/* setreuid(2) / setregid(2). */
static long set_re(uint32_t r, uint32_t e, bool group)
{
    const struct cred *oc = current_cred();
    struct ids old = ids_of((struct cred *)oc, group);
    bool cap = cred_capable(oc, set_cap(group));
    if (r != ID_UNCHANGED && r != *old.real && r != *old.eff && !cap)
        return -EPERM;
    if (e != ID_UNCHANGED && !held(&old, e) && !cap)
        return -EPERM;
    struct cred *new = cred_copy(oc, oc->ngroups);
    if (!new)
        return -ENOMEM;
    struct ids n = ids_of(new, group);
    if (r != ID_UNCHANGED)
        *n.real = r;
    if (e != ID_UNCHANGED)
        *n.eff = e;
    /* The saved id follows the effective one when the real one is set or
     * the effective one moves away from the real one. */
    if (r != ID_UNCHANGED || (e != ID_UNCHANGED && e != *old.real))
        *n.saved = *n.eff;
    *n.fs = *n.eff;
    if (!group)
        cred_fix_caps(oc, new, false);
    return commit(new, oc);
}

/* setresuid(2) / setresgid(2). */
static long set_res(uint32_t r, uint32_t e, uint32_t s, bool group)
{
    const struct cred *oc = current_cred();
    struct ids old = ids_of((struct cred *)oc, group);
    if (!cred_capable(oc, set_cap(group)) && ((r != ID_UNCHANGED && !held(&old, r)) ||
                                                (e != ID_UNCHANGED && !held(&old, e)) ||
                                                (s != ID_UNCHANGED && !held(&old, s))))
        return -EPERM;
    struct cred *new = cred_copy(oc, oc->ngroups);
    if (!new)
        return -ENOMEM;
    struct ids n = ids_of(new, group);
    if (r != ID_UNCHANGED)
        *n.real = r;
    if (e != ID_UNCHANGED)
        *n.eff = e;
    if (s != ID_UNCHANGED)
        *n.saved = s;
    *n.fs = *n.eff;
    if (!group)
        cred_fix_caps(oc, new, false);
    return commit(new, oc);
}

/* setfsuid(2) / setfsgid(2): always the old fs id; the new one only
 * when allowed (no error is ever reported). */
static long set_fs(uint32_t id, bool group)
{
    const struct cred *oc = current_cred();
    struct ids old = ids_of((struct cred *)oc, group);
    uint32_t was = *old.fs;
    if (id == ID_UNCHANGED || id == was)
        return was;
    if (!held(&old, id) && !cred_capable(oc, set_cap(group)))
        return was;
    struct cred *new = cred_copy(oc, oc->ngroups);
    if (new) {
        *ids_of(new, group).fs = id;
        if (!group)
            cred_fix_caps(oc, new, true);
        cred_install(new);
    }
    return was;
}

/* getresuid(2) / getresgid(2). */
static long get_res(uint64_t ur, uint64_t ue, uint64_t us, bool group)
{
    struct ids c = ids_of((struct cred *)current_cred(), group);
    if (copy_to_user(ur, c.real, sizeof(uint32_t)) || copy_to_user(ue, c.eff, sizeof(uint32_t)) ||
        copy_to_user(us, c.saved, sizeof(uint32_t)))
        return -EFAULT;
    return 0;
}

long sys_getuid(void) { return current_cred()->uid; }
long sys_geteuid(void) { return current_cred()->euid; }
long sys_getgid(void) { return current_cred()->gid; }
long sys_getegid(void) { return current_cred()->egid; }

long sys_setuid(uint32_t uid) { return set_id(uid, false); }
long sys_setgid(uint32_t gid) { return set_id(gid, true); }
long sys_setreuid(uint32_t r, uint32_t e) { return set_re(r, e, false); }
long sys_setregid(uint32_t r, uint32_t e) { return set_re(r, e, true); }
long sys_setresuid(uint32_t r, uint32_t e, uint32_t s) { return set_res(r, e, s, false); }
long sys_setresgid(uint32_t r, uint32_t e, uint32_t s) { return set_res(r, e, s, true); }
long sys_setfsuid(uint32_t uid) { return set_fs(uid, false); }
long sys_setfsgid(uint32_t gid) { return set_fs(gid, true); }
long sys_getresuid(uint64_t ur, uint64_t ue, uint64_t us) { return get_res(ur, ue, us, false); }
long sys_getresgid(uint64_t ur, uint64_t ue, uint64_t us) { return get_res(ur, ue, us, true); }

/* getgroups(2): size 0 asks for the count; a smaller buffer is EINVAL. */
long sys_getgroups(int size, uint64_t ulist)
{
    const struct cred *c = current_cred();
    if (size < 0)
        return -EINVAL;
    if (size == 0)
        return c->ngroups;
    if (size < c->ngroups)
        return -EINVAL;
    if (copy_to_user(ulist, c->groups, (size_t)c->ngroups * sizeof c->groups[0]))
        return -EFAULT;
    return c->ngroups;
}

/* Heapsort: up to NGROUPS_MAX ids, in place, O(n log n) whatever the order. */
static void sift_down(uint32_t *a, int root, int n)
{
    for (int child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[root] >= a[child])
            return;
        uint32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
    }
}

static void sort_ids(uint32_t *a, int n)
{
    for (int i = n / 2 - 1; i >= 0; i--)
        sift_down(a, i, n);
    for (int end = n - 1; end > 0; end--) {
        uint32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end);
    }
}

/* setgroups(2): CAP_SETGID; at most NGROUPS_MAX groups. */
long sys_setgroups(int size, uint64_t ulist)
{
    if (!capable(CAP_SETGID))
        return -EPERM;
    if ((unsigned)size > NGROUPS_MAX)
        return -EINVAL;
    const struct cred *oc = current_cred();
    struct cred *new = cred_copy(oc, size);
    if (!new)
        return -ENOMEM;
    if (copy_from_user(new->groups, ulist, (size_t)size * sizeof new->groups[0])) {
        cred_put(new);
        return -EFAULT;
    }
    sort_ids(new->groups, size);
    cred_install(new);
    return 0;
}
