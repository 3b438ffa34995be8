/*
 * epoll.c - epoll instances (epoll(7); the system calls are
 * syscall/sys_epoll.c), built on the same readiness as poll
 * (file_ops.poll) and the same sleep (poll_channel). An epoll instance
 * is a file holding a list of watched descriptors.
 *
 * Partial, on purpose: every watch is level-triggered (EPOLLET is
 * accepted but reports like level-triggered, which callers written for
 * edge-triggered mode tolerate: they read until EAGAIN); EPOLLONESHOT
 * disables a watch after one report. As on Linux, files that cannot be
 * polled (regular files) are refused with EPERM.
 */
#include "fs/epoll.h"

#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

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
    struct epoll *next_all; /* every instance, for the nesting checks' walk upwards */
};

static const struct file_ops epoll_ops;
static struct epoll *all_epolls;

static void epoll_release(struct file *f)
{
    struct epoll *ep = f->priv;
    for (struct epoll **pp = &all_epolls; *pp; pp = &(*pp)->next_all) {
        if (*pp == ep) {
            *pp = ep->next_all;
            break;
        }
    }
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
        if (w->disabled || fd_get_raw(current(), w->fd) != w->file)
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

int epoll_create(int flags)
{
    struct epoll *ep = kzalloc(sizeof *ep);
    if (!ep)
        return -ENOMEM;
    /* An anonymous inode, like Linux's [eventpoll] (EPOLL_CLOEXEC is O_CLOEXEC). */
    int fd = anon_fd_install(&ep->inode, "[eventpoll]", &epoll_ops, ep, (uint32_t)flags);
    if (fd < 0) {
        kfree(ep);
        return fd;
    }
    ep->next_all = all_epolls;
    all_epolls = ep;
    return fd;
}

struct epoll *epoll_of(struct file *f) { return f->ops == &epoll_ops ? f->priv : NULL; }

bool epoll_can_watch(const struct file *f) { return f->ops && f->ops->poll; }

/* Linux's EP_MAX_NESTS: how deep instances may watch instances. */
#define MAX_NESTS 4

/* How many levels of instances lie below ep (0: it watches none), or
 * more than MAX_NESTS when the walk meets target (a cycle) or goes too
 * deep (Linux's ep_loop_check_proc). */
static int depth_below(const struct epoll *ep, const struct epoll *target, int depth)
{
    int result = 0;
    for (int i = 0; i < ep->n && result <= MAX_NESTS; i++) {
        const struct epoll *child = epoll_of(ep->w[i].file);
        if (!child)
            continue;
        int d = child == target || depth > MAX_NESTS ? MAX_NESTS + 1 : depth_below(child, target, depth + 1) + 1;
        if (d > result)
            result = d;
    }
    return result;
}

/* How many levels of instances watch ep (ep_get_upwards_depth_proc). */
static int depth_above(const struct epoll *ep, int depth)
{
    int result = 0;
    if (depth > MAX_NESTS)
        return result;
    for (const struct epoll *p = all_epolls; p; p = p->next_all) {
        for (int i = 0; i < p->n; i++) {
            if (epoll_of(p->w[i].file) == ep) {
                int d = depth_above(p, depth + 1) + 1;
                if (d > result)
                    result = d;
                break;
            }
        }
    }
    return result;
}

int epoll_control(struct epoll *ep, int op, int fd, struct file *f, const struct epoll_event64 *ev)
{
    /* An instance added to an instance: no cycle, and no chain longer
     * than MAX_NESTS counting those above ep (Linux's ep_loop_check). */
    struct epoll *inner = epoll_of(f);
    if (op == EPOLL_CTL_ADD && inner) {
        int below = depth_below(inner, ep, 0);
        if (below > MAX_NESTS || below + 1 + depth_above(ep, 0) > MAX_NESTS)
            return -ELOOP;
    }
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
        ep->w[ep->n++] = (struct watch){fd, file_get(f), ev->events, ev->data, false};
        break;
    case EPOLL_CTL_MOD:
        if (i == ep->n)
            return -ENOENT;
        ep->w[i].events = ev->events;
        ep->w[i].data = ev->data;
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

long epoll_wait_events(struct epoll *ep, struct epoll_event64 *out, int max, uint64_t deadline, bool no_wait)
{
    struct ready_ctx rc = {ep, out, max};
    return wait_until_ready(collect_ready, &rc, deadline, no_wait);
}
