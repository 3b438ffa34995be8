/*
 * epoll.c - epoll instances (epoll(7); the system calls are
 * syscall/sys_epoll.c), built on the same readiness as poll
 * (file_ops.poll) and the same sleep (poll_channel). An epoll instance
 * is a file holding a list of watched descriptors.
 *
 * Linux keeps a ready list that the objects' wait-queue callbacks fill;
 * here a watch is looked at by polling its file, and what the callback
 * adds is the watch's "pending" mark: an event happened since the last
 * report. The wakeup listener (proc/wait.h) sets it when the object
 * behind the file (its priv, e.g. the pipe, which is what pipes wake) is
 * woken for one of the watched events; a rise in the polled readiness
 * sets it too, for files whose wakeups the listener has never matched
 * (they wake some other address).
 * - Level-triggered watches report whenever the file is ready; the scan
 *   starts after the last watch reported, so a small maxevents still
 *   sees every ready watch in turn (Linux re-queues them at the tail).
 * - EPOLLET watches report only when pending, and a report clears it.
 * - EPOLLEXCLUSIVE watches are marked pending only up to the first one
 *   (in the order added) whose instance has a waiter: one event wakes
 *   one exclusive waiter (add_wait_queue_exclusive), not all.
 * - EPOLLONESHOT disables a watch after one report.
 * As on Linux, files that cannot be polled (regular files) are refused
 * with EPERM.
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
    bool pending;      /* an event happened since the last report (EPOLLET, EPOLLEXCLUSIVE) */
    unsigned seen;     /* the readiness last polled: a rise is an event too... */
    bool heard;        /* ...until the listener has matched this file's wakeups */
    uint64_t seq;      /* when added: the wait-queue order of exclusive watches */
};

struct epoll {
    struct watch *w;
    int n, cap;
    int next;    /* where the next scan starts: after the last watch reported */
    int waiters; /* threads in epoll_wait on this instance */
    struct inode inode;
    struct epoll *next_all; /* every instance, for the nesting checks' walk upwards */
};

static const struct file_ops epoll_ops;
static struct epoll *all_epolls;
static uint64_t add_seq;

/* Watches the wakeup listener looks at: ET or EXCLUSIVE (the others
 * report readiness alone), so a kernel with none pays one test. */
static int marked_watches;

static bool is_marked(const struct watch *w) { return w->events & (EPOLLET | EPOLLEXCLUSIVE); }

static bool wants(const struct watch *w, const void *chan, unsigned key)
{
    return is_marked(w) && w->file->priv == chan && (!key || (key & (w->events | POLLERR | POLLHUP)));
}

/* The wakeup listener (Linux's ep_poll_callback), interrupts off: marks
 * the watches of the woken object pending; of the exclusive ones only
 * those up to the first whose instance has a waiter. */
static void on_wakeup(const void *chan, unsigned key)
{
    if (!marked_watches || !chan)
        return;
    uint64_t first_waited = UINT64_MAX;
    for (struct epoll *ep = all_epolls; ep; ep = ep->next_all)
        for (int i = 0; i < ep->n; i++) {
            struct watch *w = &ep->w[i];
            if (!wants(w, chan, key))
                continue;
            w->heard = true;
            if (!(w->events & EPOLLEXCLUSIVE))
                w->pending = true;
            else if (ep->waiters && w->seq < first_waited)
                first_waited = w->seq;
        }
    for (struct epoll *ep = all_epolls; ep; ep = ep->next_all)
        for (int i = 0; i < ep->n; i++) {
            struct watch *w = &ep->w[i];
            if ((w->events & EPOLLEXCLUSIVE) && w->seq <= first_waited && wants(w, chan, key))
                w->pending = true;
        }
}

static void epoll_release(struct file *f)
{
    struct epoll *ep = f->priv;
    uint64_t fl = irq_save(); /* the listener walks these lists */
    for (struct epoll **pp = &all_epolls; *pp; pp = &(*pp)->next_all) {
        if (*pp == ep) {
            *pp = ep->next_all;
            break;
        }
    }
    for (int i = 0; i < ep->n; i++)
        marked_watches -= is_marked(&ep->w[i]);
    irq_restore(fl);
    for (int i = 0; i < ep->n; i++)
        file_put(ep->w[i].file); /* with interrupts on: a release may sleep */
    kfree(ep->w);
    kfree(ep);
}

static unsigned epoll_poll(struct file *f); /* an epoll file is ready when a watch is */

static const struct file_ops epoll_ops = {.poll = epoll_poll, .release = epoll_release};

/* Whether w reports now, and what: its readiness r (already masked). */
static bool reports(struct watch *w, unsigned r)
{
    bool rise = r & ~w->seen;
    w->seen = r;
    if (!r) {
        w->pending = false; /* Linux drops a watch found not ready from the ready list */
        return false;
    }
    if (rise && !w->heard)
        w->pending = true; /* the file wakes some other address: its edges stand in */
    return w->pending || !is_marked(w);
}

/* Collects up to max ready watches into out (NULL: only counts, as poll
 * on the instance does, reporting nothing); returns the count. */
static int collect(struct epoll *ep, struct epoll_event64 *out, int max)
{
    uint64_t fl = irq_save();
    int k = 0, start = ep->next < ep->n ? ep->next : 0;
    for (int j = 0; j < ep->n && k < max; j++) {
        int i = (start + j) % ep->n;
        struct watch *w = &ep->w[i];
        if (w->disabled || fd_get_raw(current(), w->fd) != w->file)
            continue;
        unsigned r = vfs_poll(w->file) & (w->events | POLLERR | POLLHUP);
        if (!reports(w, r))
            continue;
        if (out) {
            out[k].events = r;
            out[k].data = w->data;
            if (w->events & EPOLLONESHOT)
                w->disabled = true;
            if (w->events & EPOLLET)
                w->pending = false; /* until the next event */
            ep->next = i + 1;
        }
        k++;
    }
    irq_restore(fl);
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
    uint64_t fl = irq_save();
    ep->next_all = all_epolls;
    all_epolls = ep;
    irq_restore(fl);
    wakeup_set_listener(on_wakeup);
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
    uint64_t fl = irq_save(); /* the wakeup listener walks the watches */
    int err = 0;
    struct file *gone = NULL;
    switch (op) {
    case EPOLL_CTL_ADD:
        if (i < ep->n) {
            err = -EEXIST;
            break;
        }
        if (ep->n == ep->cap) {
            int cap = ep->cap ? ep->cap * 2 : 8;
            struct watch *nw = kmalloc(sizeof *nw * (size_t)cap);
            if (!nw) {
                err = -ENOMEM;
                break;
            }
            if (ep->n)
                memcpy(nw, ep->w, sizeof *nw * (size_t)ep->n);
            kfree(ep->w);
            ep->w = nw;
            ep->cap = cap;
        }
        /* Pending from the start: a file ready when added reports once
         * (Linux's ep_insert polls it and queues it). */
        ep->w[ep->n++] = (struct watch){fd, file_get(f), ev->events, ev->data, false, true, 0, false, ++add_seq};
        marked_watches += is_marked(&ep->w[ep->n - 1]);
        break;
    case EPOLL_CTL_MOD:
        if (i == ep->n) {
            err = -ENOENT;
            break;
        }
        if (ep->w[i].events & EPOLLEXCLUSIVE) {
            err = -EINVAL; /* Linux's ep_ctl: an exclusive watch cannot be modified */
            break;
        }
        marked_watches -= is_marked(&ep->w[i]);
        ep->w[i].events = ev->events;
        ep->w[i].data = ev->data;
        ep->w[i].disabled = false;
        ep->w[i].pending = true; /* ep_modify polls again and queues it if ready */
        ep->w[i].seen = 0;
        marked_watches += is_marked(&ep->w[i]);
        break;
    case EPOLL_CTL_DEL:
        if (i == ep->n) {
            err = -ENOENT;
            break;
        }
        marked_watches -= is_marked(&ep->w[i]);
        gone = ep->w[i].file;
        ep->w[i] = ep->w[--ep->n];
        break;
    default:
        err = -EINVAL;
    }
    irq_restore(fl);
    if (gone)
        file_put(gone); /* with interrupts on: a release may sleep */
    if (!err)
        wakeup(&poll_channel); /* a waiter may have something new to see */
    return err;
}

long epoll_wait_events(struct epoll *ep, struct epoll_event64 *out, int max, uint64_t deadline, bool no_wait)
{
    struct ready_ctx rc = {ep, out, max};
    ep->waiters++; /* EPOLLEXCLUSIVE wakes instances with a waiter */
    long r = wait_until_ready(collect_ready, &rc, deadline, no_wait);
    ep->waiters--;
    return r;
}
