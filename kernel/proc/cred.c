/* cred.c - see cred.h. */
#include "proc/cred.h"

#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"

struct cred root_cred = {.refs = 1};

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

/* The capabilities Linux drops when the file-system uid leaves 0 and
 * raises when it comes back (cap_task_fix_setuid's CAP_FS_MASK). */
#define FS_CAPS                                                                                                  \
    ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) | (1ull << CAP_DAC_READ_SEARCH) | (1ull << CAP_FOWNER) |   \
     (1ull << CAP_FSETID) | (1ull << CAP_LINUX_IMMUTABLE) | (1ull << CAP_MKNOD) | (1ull << 32 /* MAC_OVERRIDE */))

bool proc_may_inspect(const struct proc *p)
{
    const struct proc *me = current();
    if (!me || p->leader == me->leader)
        return true;
    const struct cred *c = me->cred, *t = p->cred;
    bool same = c->uid == t->uid && c->uid == t->euid && c->uid == t->suid && c->gid == t->gid &&
                c->gid == t->egid && c->gid == t->sgid;
    if (same && p->leader->dumpable)
        return true;
    return cred_capable(c, CAP_SYS_PTRACE);
}

bool cred_capable(const struct cred *c, int cap)
{
    if (cap < 0 || cap > CAP_LAST_CAP)
        return false;
    return ((FS_CAPS >> cap) & 1) ? c->fsuid == 0 : c->euid == 0;
}
