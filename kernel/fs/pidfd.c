/*
 * pidfd.c - process file descriptors (pidfd.h). A pidfd keeps the pid
 * and the start time of its process: together they name that process
 * alone, since a pid is only reused after a reap and the newcomer starts
 * later (exec by a thread keeps the process's start time, proc.c, as
 * Linux's de_thread). So no reference on the process is held, and a
 * reaped process is simply not found again.
 */
#include "fs/pidfd.h"

#include "fs/anon_inode.h"
#include "fs/file.h"
#include "fs/procfs.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

struct pidfd {
    int pid;
    uint64_t start_ns;
    struct inode inode;
};

static const struct file_ops pidfd_ops;

bool pidfd_is(const struct file *f) { return f->ops == &pidfd_ops; }

/* The process (leader) the pidfd names, or NULL once reaped. */
static struct proc *lookup(const struct pidfd *pf)
{
    struct proc *p = proc_find(pf->pid);
    return p && p->leader == p && p->start_ns == pf->start_ns ? p : NULL;
}

int pidfd_proc(const struct file *f, bool proc_dirs, struct proc **out)
{
    if (pidfd_is(f)) {
        struct proc *p = lookup(f->priv);
        *out = p;
        return p ? 0 : -ESRCH;
    }
    int pid = proc_dirs ? procfs_dir_pid(f->inode) : 0;
    if (!pid)
        return -EBADF;
    struct proc *p = proc_find(pid);
    *out = p && p->leader == p ? p : NULL;
    return *out ? 0 : -ESRCH;
}

/* Readable once the whole process has exited (a zombie, every thread
 * gone); hung up once reaped (Linux's pidfd_poll). */
static unsigned pidfd_poll(struct file *f)
{
    struct proc *p = lookup(f->priv);
    if (!p)
        return POLLIN | POLLRDNORM | POLLHUP;
    return p->state == PROC_ZOMBIE && p->group_live == 0 ? POLLIN | POLLRDNORM : 0;
}

static void pidfd_release(struct file *f) { kfree(f->priv); }

/* No read or write (EINVAL), as Linux's pidfds. */
static const struct file_ops pidfd_ops = {.poll = pidfd_poll, .release = pidfd_release};

int pidfd_create(struct proc *p, uint32_t flags)
{
    struct pidfd *pf = kzalloc(sizeof *pf);
    if (!pf)
        return -ENOMEM;
    pf->pid = p->pid;
    pf->start_ns = p->start_ns;
    int fd = anon_fd_install(&pf->inode, "[pidfd]", &pidfd_ops, pf, O_CLOEXEC | (flags & O_NONBLOCK));
    if (fd < 0)
        kfree(pf);
    return fd;
}
