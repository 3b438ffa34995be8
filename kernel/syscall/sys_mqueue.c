/*
 * sys_mqueue.c - the POSIX message queue calls (Linux's ipc/mqueue.c
 * entry points, numbers 240-245): mq_open mq_unlink mq_timedsend
 * mq_timedreceive mq_notify mq_getsetattr. They copy arguments in and
 * out and check what Linux checks, in its order, before looking at the
 * queue; ipc/mqueue.h does the rest.
 */
#include "fs/file.h"
#include "fs/inode.h"
#include "ipc/mqueue.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

/* A queue's name, copied in (Linux's getname): -ENOENT when empty. */
static long get_name(uint64_t uname, char **out)
{
    long err = get_path(uname, out);
    if (!err && !**out) {
        kfree(*out);
        err = -ENOENT;
    }
    return err;
}

long sys_mq_open(uint64_t uname, int oflag, uint32_t mode, uint64_t uattr)
{
    struct mq_attr attr;
    if (uattr && copy_from_user(&attr, uattr, sizeof attr))
        return -EFAULT;
    char *name;
    long err = get_name(uname, &name);
    if (err)
        return err;
    long r = mqueue_open(name, oflag, mode, (oflag & O_CREAT) && uattr ? &attr : NULL);
    kfree(name);
    return r;
}

long sys_mq_unlink(uint64_t uname)
{
    char *name;
    long err = get_name(uname, &name);
    if (err)
        return err;
    long r = mqueue_unlink(name);
    kfree(name);
    return r;
}

/* An absolute CLOCK_REALTIME timeout (Linux's prepare_timeout) as the
 * monotonic deadline the wait uses: -EFAULT, -EINVAL, or 0 with
 * *deadline (0 when utimeout is NULL: no limit). A time already past
 * gives a deadline of now: a wait fails at once with ETIMEDOUT. */
static long get_deadline(uint64_t utimeout, uint64_t *deadline)
{
    *deadline = 0;
    if (!utimeout)
        return 0;
    int64_t ns;
    long err = timespec_from_user(utimeout, &ns);
    if (err)
        return err;
    uint64_t now = clock_monotonic_ns();
    int64_t real = clock_realtime_ns();
    *deadline = ns <= real ? now : now + (uint64_t)(ns - real);
    if (*deadline < now)
        *deadline = UINT64_MAX; /* overflow: as good as never */
    return 0;
}

/* The queue open at fd with the access it needs (FMODE_READ or
 * FMODE_WRITE): NULL for -EBADF. */
static struct mqueue *queue_at(int fd, int need_write, struct file **fp)
{
    struct file *f = fd_get(current(), fd);
    struct mqueue *q = f ? mqueue_of_file(f) : NULL;
    if (!q)
        return NULL;
    int acc = (int)(f->flags & O_ACCMODE);
    if (need_write >= 0 && (need_write ? acc == O_RDONLY : acc == O_WRONLY))
        return NULL;
    if (fp)
        *fp = f;
    return q;
}

long sys_mq_timedsend(int fd, uint64_t umsg, size_t len, uint32_t prio, uint64_t utimeout)
{
    uint64_t deadline;
    long err = get_deadline(utimeout, &deadline);
    if (err)
        return err;
    if (prio >= MQ_PRIO_MAX)
        return -EINVAL;
    struct file *f;
    struct mqueue *q = queue_at(fd, 1, &f);
    if (!q)
        return -EBADF;
    /* The file stays open while the call waits (another thread may
     * close the descriptor meanwhile). */
    file_get(f);
    err = mqueue_send(q, umsg, len, prio, f->flags & O_NONBLOCK, deadline);
    file_put(f);
    return err;
}

long sys_mq_timedreceive(int fd, uint64_t umsg, size_t len, uint64_t uprio, uint64_t utimeout)
{
    uint64_t deadline;
    long err = get_deadline(utimeout, &deadline);
    if (err)
        return err;
    struct file *f;
    struct mqueue *q = queue_at(fd, 0, &f);
    if (!q)
        return -EBADF;
    file_get(f);
    err = mqueue_receive(q, umsg, len, uprio, f->flags & O_NONBLOCK, deadline);
    file_put(f);
    return err;
}

long sys_mq_notify(int fd, uint64_t uevent)
{
    struct linux_sigevent ev;
    if (uevent) {
        if (copy_from_user(&ev, uevent, sizeof ev))
            return -EFAULT;
        if (ev.sigev_notify != SIGEV_NONE && ev.sigev_notify != SIGEV_SIGNAL && ev.sigev_notify != SIGEV_THREAD)
            return -EINVAL;
        if (ev.sigev_notify == SIGEV_SIGNAL && (ev.sigev_signo < 0 || ev.sigev_signo >= NSIG))
            return -EINVAL;
        /* SIGEV_THREAD delivers a 32-byte cookie (at sigev_value) to a
         * netlink socket (sigev_signo) that glibc's helper thread reads.
         * Tiny OS has no netlink sockets, so after Linux's checks of the
         * cookie and the descriptor the socket is never one: EINVAL
         * (ENOTSOCK for a file that is no socket at all). */
        if (ev.sigev_notify == SIGEV_THREAD) {
            char cookie[32];
            if (copy_from_user(cookie, ev.sigev_value, sizeof cookie))
                return -EFAULT;
            struct file *sock = fd_get(current(), ev.sigev_signo);
            if (!sock)
                return -EBADF;
            return sock->inode && (sock->inode->mode & S_IFMT) == S_IFSOCK ? -EINVAL : -ENOTSOCK;
        }
    }
    struct mqueue *q = queue_at(fd, -1, NULL);
    if (!q)
        return -EBADF;
    return mqueue_notify(q, uevent ? &ev : NULL);
}

long sys_mq_getsetattr(int fd, uint64_t unew, uint64_t uold)
{
    struct mq_attr new, old;
    if (unew && copy_from_user(&new, unew, sizeof new))
        return -EFAULT;
    if (unew && (new.mq_flags & ~(int64_t)O_NONBLOCK))
        return -EINVAL;
    struct file *f;
    struct mqueue *q = queue_at(fd, -1, &f);
    if (!q)
        return -EBADF;
    mqueue_getattr(q, &old);
    old.mq_flags = f->flags & O_NONBLOCK;
    if (unew)
        f->flags = (f->flags & ~(uint32_t)O_NONBLOCK) | (uint32_t)(new.mq_flags & O_NONBLOCK);
    if (uold && copy_to_user(uold, &old, sizeof old))
        return -EFAULT;
    return 0;
}
