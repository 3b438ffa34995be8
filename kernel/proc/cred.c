/* cred.c - see cred.h. */
#include "proc/cred.h"

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/coredump.h"
#include "proc/proc.h"

struct cred root_cred = {.refs = 1, .cap_effective = CAP_ALL, .cap_permitted = CAP_ALL, .cap_bset = CAP_ALL};

const struct cred *current_cred(void)
{
    struct proc *p = current();
    return p && p->cred ? p->cred : &root_cred;
}

void cred_put(const struct cred *c)
{
    struct cred *m = (struct cred *)c;
    if (--m->refs == 0 && m != &root_cred)
        kfree(m);
}

struct cred *cred_copy(const struct cred *c, int ngroups)
{
    struct cred *n = kmalloc(sizeof *n + (size_t)ngroups * sizeof n->groups[0]);
    if (!n)
        return NULL;
    *n = *c;
    n->refs = 1;
    n->ngroups = ngroups;
    if (ngroups == c->ngroups)
        memcpy(n->groups, c->groups, (size_t)ngroups * sizeof n->groups[0]);
    return n;
}

void cred_install(struct cred *new)
{
    struct proc *p = current();
    /* Linux's commit_creds: a process whose effective or file-system ids
     * change, or that gains permitted capabilities, is no longer dumpable
     * (/proc/sys/fs/suid_dumpable decides: 0 by default, so /proc/PID
     * turns root's and ptrace is refused) until its next execve. */
    const struct cred *was = p->cred;
    if (p->mm && was &&
        (was->euid != new->euid || was->egid != new->egid || was->fsuid != new->fsuid || was->fsgid != new->fsgid ||
         (new->cap_permitted & ~was->cap_permitted)))
        p->leader->dumpable = coredump_suid_dumpable();
    for_each_thread(t, p)
    {
        const struct cred *old = t->cred;
        t->cred = cred_get(new);
        cred_put(old);
    }
    cred_put(new); /* the caller's reference, now the threads' */
}

bool cred_in_group(const struct cred *c, uint32_t gid)
{
    if (gid == c->fsgid)
        return true;
    int lo = 0, hi = c->ngroups - 1; /* the list is sorted */
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c->groups[mid] == gid)
            return true;
        if (c->groups[mid] < gid)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

/* The capabilities Linux drops from the effective set when the
 * file-system uid leaves 0 and raises when it comes back (CAP_FS_MASK). */
#define FS_CAPS                                                                                                  \
    ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) | (1ull << CAP_DAC_READ_SEARCH) | (1ull << CAP_FOWNER) |   \
     (1ull << CAP_FSETID) | (1ull << CAP_LINUX_IMMUTABLE) | (1ull << CAP_MKNOD) | (1ull << 32 /* MAC_OVERRIDE */))

bool cred_capable(const struct cred *c, int cap)
{
    if (cap < 0 || cap > CAP_LAST_CAP)
        return false;
    return (c->cap_effective >> cap) & 1;
}

/* ptrace_may_access's rule: a thread of one's own process; or a dumpable
 * process whose every uid and gid is the caller's (real or file-system)
 * one and whose capabilities are within the caller's; or CAP_SYS_PTRACE. */
bool proc_may_access(const struct proc *p, bool fscreds)
{
    const struct proc *me = current();
    if (!me || p->leader == me->leader)
        return true;
    const struct cred *c = me->cred, *t = p->cred;
    if (cred_capable(c, CAP_SYS_PTRACE))
        return true;
    uint32_t uid = fscreds ? c->fsuid : c->uid, gid = fscreds ? c->fsgid : c->gid;
    bool same = uid == t->uid && uid == t->euid && uid == t->suid && gid == t->gid && gid == t->egid && gid == t->sgid;
    return same && p->leader->dumpable == 1 && (t->cap_permitted & ~c->cap_permitted) == 0;
}

void cred_fix_caps(const struct cred *old, struct cred *new, bool fs_only)
{
    if (!fs_only) {
        bool had_root = old->uid == 0 || old->euid == 0 || old->suid == 0;
        bool has_root = new->uid == 0 || new->euid == 0 || new->suid == 0;
        if (had_root && !has_root) {
            if (!old->keep_caps)
                new->cap_permitted = new->cap_effective = 0;
            new->cap_ambient = 0;
        }
        if (old->euid == 0 && new->euid != 0)
            new->cap_effective = 0;
        if (old->euid != 0 && new->euid == 0)
            new->cap_effective = new->cap_permitted;
        return;
    }
    if (old->fsuid == 0 && new->fsuid != 0)
        new->cap_effective &= ~FS_CAPS;
    if (old->fsuid != 0 && new->fsuid == 0)
        new->cap_effective |= new->cap_permitted & FS_CAPS;
}

void cred_exec_caps(const struct cred *old, struct cred *new)
{
    bool setid = new->euid != old->uid || new->egid != old->gid;
    new->cap_permitted = 0;
    if (new->euid == 0 || new->uid == 0)
        new->cap_permitted = old->cap_bset | old->cap_inheritable;
    if (setid)
        new->cap_ambient = 0;
    new->cap_permitted |= new->cap_ambient;
    new->cap_effective = new->euid == 0 ? new->cap_permitted : new->cap_ambient;
    new->keep_caps = false; /* SECBIT_KEEP_CAPS does not survive execve */
}
