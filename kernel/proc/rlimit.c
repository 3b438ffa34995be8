/*
 * rlimit.c - per-process resource limits. The values a process starts
 * with are Linux's (INIT_RLIMITS in include/asm-generic/resource.h and
 * fork_init's RLIMIT_NPROC / RLIMIT_SIGPENDING), except where this
 * kernel's real capacity is smaller: descriptors (NOFILE) and processes
 * (the maxproc= limit), which are reported as they are.
 *
 * Enforced: RLIMIT_NOFILE (descriptor allocation, dup2, F_DUPFD) and
 * RLIMIT_CORE (proc/coredump.c). The others
 * are kept and reported, as programs (shells' ulimit) expect, but not
 * yet enforced.
 */
#include "proc/cred.h"
#include "proc/rlimit.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "uapi/errno.h"

int rlimit_nr_open = NOFILE;

#define MLOCK_LIMIT (8ull * 1024 * 1024) /* Linux's default since 5.16 */
#define MQ_BYTES_MAX 819200ull          /* Linux's RLIMIT_MSGQUEUE default */

void rlimit_init(struct proc *p)
{
    for (int r = 0; r < RLIMIT_NLIMITS; r++)
        p->rlim[r] = (struct rlimit64){RLIM_INFINITY, RLIM_INFINITY};
    uint64_t nproc = (uint64_t)proc_limit();
    p->rlim[RLIMIT_STACK].cur = USER_STACK_MAX;
    p->rlim[RLIMIT_CORE].cur = 0;
    p->rlim[RLIMIT_NPROC] = (struct rlimit64){nproc, nproc};
    p->rlim[RLIMIT_NOFILE] = (struct rlimit64){NOFILE, NOFILE};
    p->rlim[RLIMIT_MEMLOCK] = (struct rlimit64){MLOCK_LIMIT, MLOCK_LIMIT};
    p->rlim[RLIMIT_SIGPENDING] = (struct rlimit64){nproc, nproc};
    p->rlim[RLIMIT_MSGQUEUE] = (struct rlimit64){MQ_BYTES_MAX, MQ_BYTES_MAX};
    p->rlim[RLIMIT_NICE] = (struct rlimit64){0, 0};
    p->rlim[RLIMIT_RTPRIO] = (struct rlimit64){0, 0};
}

void rlimit_inherit(struct proc *child, const struct proc *parent)
{
    memcpy(child->rlim, parent->leader->rlim, sizeof child->rlim);
}

uint64_t rlimit_cur(const struct proc *p, int resource)
{
    return p->leader->rlim[resource].cur;
}

long rlimit_exchange(struct proc *p, int resource, const struct rlimit64 *new, struct rlimit64 *old)
{
    if (resource < 0 || resource >= RLIMIT_NLIMITS)
        return -EINVAL;
    struct rlimit64 *lim = &p->leader->rlim[resource];
    if (new && new->cur > new->max)
        return -EINVAL;
    /* Linux refuses a descriptor limit above fs.nr_open with EPERM (at
     * most the size of our descriptor table). Raising a hard limit needs
     * CAP_SYS_RESOURCE. */
    if (new && resource == RLIMIT_NOFILE && new->max > (uint64_t)rlimit_nr_open)
        return -EPERM;
    if (new && new->max > lim->max && !capable(CAP_SYS_RESOURCE))
        return -EPERM;
    if (old)
        *old = *lim;
    if (new)
        *lim = *new;
    return 0;
}

long rlimit_fsize_allow(uint64_t pos, uint64_t n)
{
    uint64_t limit = rlimit_cur(current(), RLIMIT_FSIZE);
    if (limit == RLIM_INFINITY)
        return (long)n;
    if (pos >= limit) {
        signal_send(current(), SIGXFSZ);
        return -EFBIG;
    }
    return (long)(n < limit - pos ? n : limit - pos);
}
