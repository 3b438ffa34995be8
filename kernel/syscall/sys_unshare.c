/*
 * sys_unshare.c - unshare(2): a thread stops sharing what clone shared,
 * as Linux's ksys_unshare does it, for the parts Tiny OS has: the
 * descriptor table (CLONE_FILES: a private copy), the working directory
 * and umask (CLONE_FS), the System V semaphore undo list (CLONE_SYSVSEM:
 * applied and dropped, as at exit). CLONE_THREAD, CLONE_SIGHAND and
 * CLONE_VM are accepted only where nothing is shared, as on Linux. There
 * are no namespaces: the CLONE_NEW* flags fail as on a Linux built
 * without them (EPERM first for a caller without CAP_SYS_ADMIN, then
 * EINVAL; a new user namespace is EINVAL at once).
 */
#include "fs/file.h"
#include "ipc/ipc.h"
#include "mm/kmalloc.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/sched.h"

#define CLONE_NEWTIME 0x00000080
#define CLONE_NEWNS 0x00020000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_NEW_ANY                                                                                      \
    (CLONE_NEWTIME | CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET)

static int live_threads(struct proc *p)
{
    int n = 0;
    for_each_thread(t, p) if (t->state != PROC_ZOMBIE && t->state != PROC_UNUSED) n++;
    return n;
}

/* Linux's check_unshare_flags. */
static int check_flags(struct proc *p, unsigned long flags)
{
    unsigned long known = CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM |
                          CLONE_NEW_ANY | CLONE_NEWUSER;
    if (flags & ~known)
        return -EINVAL;
    if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && live_threads(p) > 1)
        return -EINVAL;
    if ((flags & (CLONE_SIGHAND | CLONE_VM)) && p->sighand->refs > 1)
        return -EINVAL;
    return 0;
}

/* A private copy of p's shared descriptor table; EMFILE when an open
 * descriptor lies at or past fs.nr_open (Linux's dup_fd). */
static int unshare_files(struct proc *p)
{
    struct fdtable *old = p->fdt;
    for (int fd = old->nused - 1; fd >= rlimit_nr_open; fd--)
        if (old->fd[fd])
            return -EMFILE;
    struct fdtable *t = kzalloc(sizeof *t);
    if (!t)
        return -ENOMEM;
    t->refs = 1;
    for (int fd = 0; fd < old->nused; fd++) {
        if (old->fd[fd])
            t->fd[fd] = file_get(old->fd[fd]);
        t->cloexec[fd] = old->cloexec[fd];
    }
    t->nused = old->nused;
    old->refs--; /* others still hold it: nothing to close */
    p->fdt = t;
    return 0;
}

long sys_unshare(unsigned long flags)
{
    struct proc *p = current();
    /* Implied flags, as Linux adds them. */
    if (flags & CLONE_NEWUSER)
        flags |= CLONE_THREAD | CLONE_FS;
    if (flags & CLONE_VM)
        flags |= CLONE_SIGHAND;
    if (flags & CLONE_SIGHAND)
        flags |= CLONE_THREAD;
    if (flags & CLONE_NEWNS)
        flags |= CLONE_FS;
    int err = check_flags(p, flags);
    if (err)
        return err;
    if (flags & CLONE_NEWUSER)
        return -EINVAL; /* no user namespaces (Linux without CONFIG_USER_NS) */
    if (flags & CLONE_NEW_ANY)
        return capable(CAP_SYS_ADMIN) ? -EINVAL : -EPERM;
    /* CLONE_FS: a thread sharing its leader's directory stops; the leader
     * itself is the anchor its CLONE_FS threads follow (sys_dir.c), so it
     * cannot leave them (EINVAL, where Linux would succeed). */
    bool fs_shared = p->shares_fs && p != p->leader;
    if (flags & CLONE_FS) {
        if (p == p->leader)
            for_each_thread(t, p) if (t != p && t->shares_fs && t->state != PROC_ZOMBIE) return -EINVAL;
    }
    if ((flags & CLONE_FILES) && p->fdt->refs > 1) {
        err = unshare_files(p);
        if (err)
            return err;
    }
    if ((flags & CLONE_FS) && fs_shared)
        p->shares_fs = false;
    /* CLONE_SYSVSEM is an exit for the undo list (Linux's exit_sem): the
     * adjustments are applied once the process's last user lets go. */
    if ((flags & CLONE_SYSVSEM) && live_threads(p) == 1)
        sem_exit(p->tgid);
    return 0;
}
