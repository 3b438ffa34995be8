/*
 * epoll.c - epoll_create1, epoll_ctl, epoll_wait, epoll_pwait (epoll(7)),
 * built on the same readiness as poll (file_ops.poll) and the same sleep
 * (poll_channel). An epoll instance is a file holding a list of watched
 * descriptors.
 *
 * Partial, on purpose: every watch is level-triggered (EPOLLET is
 * accepted but reports like level-triggered, which callers written for
 * edge-triggered mode tolerate: they read until EAGAIN); EPOLLONESHOT
 * disables a watch after one report. As on Linux, files that cannot be
 * polled (regular files) are refused with EPERM.
 */
#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EPOLL_CLOEXEC O_CLOEXEC

struct epoll_event64 {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

struct watch {
    int fd;
    struct file *file; /* the file as it was added; a later close or dup2 ends the watch */
    uint32_t events;
    uint64_t data;
    bool disabled;     /* EPOLLONESHOT after its report */
};

struct epoll {
    struct watch *w;
    int n, cap;
    struct inode inode;
};

static const struct file_ops epoll_ops;

static void epoll_release(struct file *f)
{
    struct epoll *ep = f->priv;
    for (int i = 0; i < ep->n; i++)
        file_put(ep->w[i].file);
    kfree(ep->w);
    kfree(ep);
}

static unsigned epoll_poll(struct file *f); /* an epoll file is ready when a watch is */

static const struct file_ops epoll_ops = {.poll = epoll_poll, .release = epoll_release};

/* Collects up to max ready watches into out; returns the count. */
static int collect(struct epoll *ep, struct epoll_event64 *out, int max)
{
    int k = 0;
    for (int i = 0; i < ep->n && k < max; i++) {
        struct watch *w = &ep->w[i];
        if (w->disabled || fd_get(current(), w->fd) != w->file)
            continue;
        unsigned r = vfs_poll(w->file) & (w->events | POLLERR | POLLHUP);
        if (!r)
            continue;
        if (out) {
            out[k].events = r;
            out[k].data = w->data;
            if (w->events & EPOLLONESHOT)
                w->disabled = true;
        }
        k++;
    }
    return k;
}

static unsigned epoll_poll(struct file *f) { return collect(f->priv, NULL, 1) ? POLLIN | POLLRDNORM : 0; }

struct ready_ctx {
    struct epoll *ep;
    struct epoll_event64 *out;
    int max;
};

static long collect_ready(void *ctx)
{
    struct ready_ctx *rc = ctx;
    return collect(rc->ep, rc->out, rc->max);
}

long sys_epoll_create1(int flags)
{
    if (flags & ~EPOLL_CLOEXEC)
        return -EINVAL;
    struct epoll *ep = kzalloc(sizeof *ep);
    if (!ep)
        return -ENOMEM;
    /* An anonymous inode, like Linux's [eventpoll] (EPOLL_CLOEXEC is O_CLOEXEC). */
    int fd = anon_fd_install(&ep->inode, "[eventpoll]", &epoll_ops, ep, (uint32_t)flags);
    if (fd < 0)
        kfree(ep);
    return fd;
}

long sys_epoll_create(int size) { return size <= 0 ? -EINVAL : sys_epoll_create1(0); }

long sys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent)
{
    struct file *ef = fd_get(current(), epfd), *f = fd_get(current(), fd);
    if (!ef || !f)
        return -EBADF;
    if (ef->ops != &epoll_ops || fd == epfd)
        return -EINVAL;
    if (!f->ops || !f->ops->poll)
        return -EPERM; /* regular files and the like cannot be watched */
    struct epoll *ep = ef->priv;
    struct epoll_event64 ev = {0};
    if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof ev))
        return -EFAULT;
    int i;
    for (i = 0; i < ep->n; i++)
        if (ep->w[i].fd == fd && ep->w[i].file == f)
            break;
    switch (op) {
    case EPOLL_CTL_ADD:
        if (i < ep->n)
            return -EEXIST;
        if (ep->n == ep->cap) {
            int cap = ep->cap ? ep->cap * 2 : 8;
            struct watch *nw = kmalloc(sizeof *nw * (size_t)cap);
            if (!nw)
                return -ENOMEM;
            if (ep->n)
                memcpy(nw, ep->w, sizeof *nw * (size_t)ep->n);
            kfree(ep->w);
            ep->w = nw;
            ep->cap = cap;
        }
        ep->w[ep->n++] = (struct watch){fd, file_get(f), ev.events, ev.data, false};
        break;
    case EPOLL_CTL_MOD:
        if (i == ep->n)
            return -ENOENT;
        ep->w[i].events = ev.events;
        ep->w[i].data = ev.data;
        ep->w[i].disabled = false;
        break;
    case EPOLL_CTL_DEL:
        if (i == ep->n)
            return -ENOENT;
        file_put(ep->w[i].file);
        ep->w[i] = ep->w[--ep->n];
        break;
    default:
        return -EINVAL;
    }
    wakeup(&poll_channel); /* a waiter may have something new to see */
    return 0;
}

long sys_epoll_pwait(int epfd, uint64_t uevents, int max, int timeout_ms, uint64_t usigmask, size_t sigsetsize)
{
    struct proc *p = current();
    struct file *ef = fd_get(p, epfd);
    if (!ef)
        return -EBADF;
    if (ef->ops != &epoll_ops || max <= 0 || max > 65536)
        return -EINVAL;
    if (usigmask && sigsetsize != 8)
        return -EINVAL;
    struct epoll_event64 *out = kmalloc(sizeof *out * (size_t)max);
    if (!out)
        return -ENOMEM;
    struct saved_mask saved;
    if (signal_mask_begin(usigmask, &saved)) {
        kfree(out);
        return -EFAULT;
    }
    uint64_t deadline = timeout_ms > 0 ? clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000 : 0;
    struct ready_ctx rc = {ef->priv, out, max};
    long n = wait_until_ready(collect_ready, &rc, deadline, timeout_ms == 0);
    signal_mask_end(&saved, n == -EINTR);
    if (n > 0 && copy_to_user(uevents, out, sizeof *out * (size_t)n))
        n = -EFAULT;
    kfree(out);
    return n;
}

long sys_epoll_wait(int epfd, uint64_t uevents, int max, int timeout_ms)
{
    return sys_epoll_pwait(epfd, uevents, max, timeout_ms, 0, 8);
}
