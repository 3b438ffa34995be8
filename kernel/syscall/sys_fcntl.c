/*
 * sys_fcntl.c - fcntl(2): descriptor flags and duplication here; the
 * commands of one kind of object go to it: record locks (sys_lock.c,
 * fs/lock.c), pipe capacity (fs/pipe.c), seals (fs/memfd.c), leases
 * (fs/lease.c), directory notification (fs/dnotify.c); signal-driven
 * I/O's owner and signal are kept on the open file for fs/fasync.c.
 * Linux's answers for every bad argument.
 */
#include "fs/dnotify.h"
#include "fs/fasync.h"
#include "fs/lease.h"
#include "fs/lock.h"
#include "fs/memfd.h"
#include "fs/permission.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

#define F_SETOWN 8
#define F_GETOWN 9
#define F_SETSIG 10
#define F_GETSIG 11
#define F_SETOWN_EX 15
#define F_GETOWN_EX 16
#define F_SETLEASE 1024
#define F_GETLEASE 1025

/* struct f_owner_ex (fcntl(2)). */
struct f_owner_ex {
    int32_t type;
    int32_t pid;
};

/* F_SETFL: O_APPEND, O_NONBLOCK and O_NOATIME change (O_NOATIME only
 * for the file's owner or CAP_FOWNER, EPERM otherwise, as open's rule);
 * O_DIRECT too on a pipe (its packet mode); O_ASYNC through the file's
 * fasync operation, and only on files that have one (Linux's setfl:
 * ->fasync sets FASYNC). */
static long set_flags(struct file *f, int fd, uint32_t arg)
{
    uint32_t changeable = O_APPEND | O_NONBLOCK | O_NOATIME;
    if ((arg & O_NOATIME) && !(f->flags & O_NOATIME) && f->inode && !inode_owner_or_capable(f->inode))
        return -EPERM;
    if (f->inode && (f->inode->mode & S_IFMT) == S_IFIFO)
        changeable |= O_DIRECT;
    if (((arg ^ f->flags) & O_ASYNC) && f->ops->fasync) {
        bool on = arg & O_ASYNC;
        int err = f->ops->fasync(f, fd, on);
        if (err)
            return err;
        f->flags = on ? f->flags | O_ASYNC : f->flags & ~O_ASYNC;
    }
    f->flags = (f->flags & ~changeable) | (arg & changeable);
    return 0;
}

/* F_SETOWN's pid: a process, a process group when negative, nobody when
 * 0 (Linux's f_setown). */
static long set_owner(struct file *f, int type, int id)
{
    if (id && !fasync_owner_exists(type, id))
        return -ESRCH;
    f->owner.type = type;
    f->owner.id = id;
    return 0;
}

static long owner_cmd(struct file *f, int cmd, uint64_t arg)
{
    switch (cmd) {
    case F_GETOWN:
        return f->owner.type == F_OWNER_PGRP ? -f->owner.id : f->owner.id;
    case F_SETOWN: {
        int who = (int)arg;
        if (who == INT32_MIN)
            return -EINVAL;
        return who < 0 ? set_owner(f, F_OWNER_PGRP, -who) : set_owner(f, F_OWNER_PID, who);
    }
    case F_GETOWN_EX: {
        struct f_owner_ex o = {f->owner.type, f->owner.id};
        return copy_to_user(arg, &o, sizeof o);
    }
    case F_SETOWN_EX: {
        struct f_owner_ex o;
        if (copy_from_user(&o, arg, sizeof o))
            return -EFAULT;
        if (o.type != F_OWNER_TID && o.type != F_OWNER_PID && o.type != F_OWNER_PGRP)
            return -EINVAL;
        return set_owner(f, o.type, o.pid);
    }
    case F_GETSIG:
        return f->owner.sig;
    default: /* F_SETSIG: 0 (SIGIO) or any signal up to 64 */
        if ((unsigned long)arg >= NSIG)
            return -EINVAL;
        f->owner.sig = (int)arg;
        return 0;
    }
}

long sys_fcntl(int fd, int cmd, uint64_t arg)
{
    struct proc *p = current();
    struct file *f = fd_get_raw(p, fd);
    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
        int limit = fd_limit(p);
        if ((long)arg < 0 || (long)arg >= limit)
            return -EINVAL; /* fcntl(2): arg beyond RLIMIT_NOFILE */
        for (int i = (int)arg; i < limit; i++) {
            if (!p->fdt->fd[i])
                return fd_install(p, i, file_get(f), cmd == F_DUPFD_CLOEXEC);
        }
        return -EMFILE;
    }
    case F_GETFD:
        return p->fdt->cloexec[fd] ? FD_CLOEXEC : 0;
    case F_SETFD:
        p->fdt->cloexec[fd] = (arg & FD_CLOEXEC) != 0;
        return 0;
    case F_GETFL:
        return f->flags;
    }
    /* The commands above are all an O_PATH descriptor allows (Linux's
     * check_fcntl_cmd); the rest act on the file, which it is not. */
    if (f->flags & O_PATH)
        return -EBADF;
    switch (cmd) {
    case F_SETFL:
        return set_flags(f, fd, (uint32_t)arg);
    case F_GETOWN:
    case F_SETOWN:
    case F_GETOWN_EX:
    case F_SETOWN_EX:
    case F_GETSIG:
    case F_SETSIG:
        return owner_cmd(f, cmd, arg);
    case F_NOTIFY:
        return dnotify_fcntl(f, fd, (unsigned)arg);
    case F_SETLEASE:
        return lease_set(f, fd, (int)arg);
    case F_GETLEASE:
        return lease_get(f);
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
        return pipe_fcntl(f, cmd, (unsigned int)arg); /* Linux takes the size as an unsigned int */
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return memfd_fcntl(f, cmd, (unsigned int)arg);
    default:
        if (lock_is_fcntl_cmd(cmd))
            return fcntl_lock(f, cmd, arg); /* sys_lock.c */
        return -EINVAL;
    }
}
