/*
 * inotify.c - see inotify.h. Linux's rules (fs/notify/inotify/):
 *
 * - A watch's mask is the IN_* events asked for, plus IN_UNMOUNT (every
 *   watch hears its file system go) and, on a directory, its children's
 *   events. The flags IN_ONESHOT (the first event ends the watch) and
 *   IN_EXCL_UNLINK (no events about files unlinked since they were
 *   opened) are kept beside it. Watch descriptors count up from 1 and are
 *   not reused soon (Linux's cyclic IDs).
 * - An event is queued with its watch descriptor, its mask (IN_ISDIR
 *   included, but not on IN_MOVE_SELF or IN_DELETE_SELF), the rename
 *   cookie and the child's name, NUL-padded to a multiple of 16 bytes. An
 *   event equal to the last one queued (and not yet read) is dropped.
 *   Past max_queued_events one IN_Q_OVERFLOW (wd -1) ends the queue until
 *   it is read.
 * - read() returns whole events: EINVAL when the buffer cannot hold the
 *   first one; it blocks while the queue is empty (EAGAIN with
 *   O_NONBLOCK). FIONREAD gives the bytes a read would return.
 * - A watch ends with IN_IGNORED: inotify_rm_watch, IN_ONESHOT, its
 *   file deleted (after IN_DELETE_SELF) or unmounted (after IN_UNMOUNT).
 */
#include "fs/inotify.h"

#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "fs/dentry.h"
#include "fs/fsnotify.h"
#include "fs/vfs.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/inotify.h"
#include "uapi/ioctls.h"
#include "uapi/poll.h"

#define USER_EVENT_BITS (IN_ALL_EVENTS | IN_ISDIR | IN_UNMOUNT | IN_IGNORED | IN_Q_OVERFLOW)
#define HEAD sizeof(struct inotify_event_head)

int inotify_max_user_instances = 128;
int inotify_max_user_watches = 8192;
int inotify_max_queued_events = 16384;

/* A queued event: the record read() gives, name NUL-padded to len. */
struct qevent {
    struct list_head link;
    struct inotify_event_head head;
    char name[];
};

/* One user's instances and watches (Linux's ucounts). */
struct user_count {
    uint32_t uid;
    int instances, watches;
    struct user_count *next;
};

struct watch {
    struct fsnotify_mark mark; /* mark.group is the instance */
    struct inotify *in;
    int wd;
    uint32_t flags;            /* IN_ONESHOT | IN_EXCL_UNLINK */
    struct list_head link;     /* in->watches, newest first (fdinfo's order) */
};

struct inotify {
    struct list_head events;
    unsigned queued;           /* events queued, the overflow one included */
    size_t bytes;              /* what reading them all would return (FIONREAD) */
    unsigned max_events;       /* max_queued_events when the instance was made */
    struct qevent *overflow;   /* made with the instance: no memory needed to say memory ran out */
    struct list_head watches;
    int last_wd;
    bool wrapped;              /* watch descriptors went round: look for ones in use */
    struct user_count *user;
    struct inode inode;
};

static struct user_count *users;
static const struct fsnotify_ops watch_ops;
static const struct file_ops inotify_fops;

void inotify_init_limits(void)
{
    /* Linux: 1% of memory for watches, each costing a mark and two
     * inodes, between 8192 and 1048576. */
    uint64_t cost = sizeof(struct watch) + 2 * sizeof(struct inode);
    uint64_t n = pmm_total_frames() * 4096 / 100 / cost;
    inotify_max_user_watches = (int)(n < 8192 ? 8192 : n > 1048576 ? 1048576 : n);
}

/* The count of the caller's effective user, made on first use. */
static struct user_count *user_get(void)
{
    uint32_t uid = current_cred()->euid;
    for (struct user_count *u = users; u; u = u->next)
        if (u->uid == uid)
            return u;
    struct user_count *u = kzalloc(sizeof *u);
    if (u) {
        u->uid = uid;
        u->next = users;
        users = u;
    }
    return u;
}

/* Frees u once it counts no instance (a user's watches belong to its
 * instances, so they are gone too). */
static void user_forget_unused(struct user_count *u)
{
    if (u->instances > 0)
        return;
    for (struct user_count **pp = &users; *pp; pp = &(*pp)->next)
        if (*pp == u) {
            *pp = u->next;
            kfree(u);
            return;
        }
}

static void user_put_instance(struct user_count *u)
{
    u->instances--;
    user_forget_unused(u);
}

/* --- the queue --------------------------------------------------------- */

static void enqueue(struct inotify *in, struct qevent *e)
{
    list_add_tail(&e->link, &in->events);
    in->queued++;
    in->bytes += HEAD + e->head.len;
    wakeup(in); /* readers, and poll/select/epoll */
}

static void queue_overflow(struct inotify *in)
{
    if (list_empty(&in->overflow->link))
        enqueue(in, in->overflow);
}

static bool same_as_last(struct inotify *in, int wd, uint32_t mask, const char *name, uint32_t len)
{
    if (list_empty(&in->events))
        return false;
    struct qevent *last = list_entry(in->events.prev, struct qevent, link);
    return !(last->head.mask & IN_IGNORED) && last->head.mask == mask && last->head.wd == wd &&
           last->head.len == len && (!len || !strcmp(last->name, name));
}

static void queue(struct inotify *in, int wd, uint32_t mask, uint32_t cookie, const char *name, size_t namelen)
{
    uint32_t len = namelen ? (uint32_t)((namelen + 1 + HEAD - 1) / HEAD * HEAD) : 0;
    if (in->queued >= in->max_events) {
        queue_overflow(in);
        return;
    }
    if (same_as_last(in, wd, mask, name, len))
        return;
    struct qevent *e = kmalloc(sizeof *e + len);
    if (!e) {
        queue_overflow(in); /* Linux says so too when an event cannot be kept */
        return;
    }
    e->head = (struct inotify_event_head){wd, mask, cookie, len};
    if (len) {
        memset(e->name, 0, len);
        memcpy(e->name, name, namelen);
    }
    enqueue(in, e);
}

static void dequeue(struct inotify *in, struct qevent *e)
{
    list_del_init(&e->link);
    in->queued--;
    in->bytes -= HEAD + e->head.len;
    if (e != in->overflow)
        kfree(e);
}

/* --- watches ----------------------------------------------------------- */

static struct watch *find_wd(struct inotify *in, int wd)
{
    list_for_each_entry(w, &in->watches, struct watch, link)
        if (w->wd == wd)
            return w;
    return NULL;
}

/* The watch ends: IN_IGNORED (unless the instance itself is going). */
static void end_watch(struct watch *w, bool ignored)
{
    struct inotify *in = w->in;
    if (ignored)
        queue(in, w->wd, IN_IGNORED, 0, NULL, 0);
    list_del_init(&w->link);
    in->user->watches--;
    kfree(w);
}

static void watch_event(struct fsnotify_mark *m, const struct fsnotify_event *e)
{
    struct watch *w = (struct watch *)m;
    if ((w->flags & IN_EXCL_UNLINK) && e->dentry && d_unlinked(e->dentry))
        return; /* an event about a file unlinked since it was opened */
    uint32_t mask = e->mask;
    if (mask & (IN_MOVE_SELF | IN_DELETE_SELF))
        mask &= ~IN_ISDIR; /* never reported with these, as Linux keeps it */
    queue(w->in, w->wd, mask & USER_EVENT_BITS, e->cookie, e->name, e->namelen);
    if (w->flags & IN_ONESHOT) {
        fsnotify_remove_mark(&w->mark);
        end_watch(w, true);
    }
}

static void watch_freed(struct fsnotify_mark *m) { end_watch((struct watch *)m, true); }

static const struct fsnotify_ops watch_ops = {.event = watch_event, .freed = watch_freed};

/* The mark's mask for watch flags arg on inode (Linux's inotify_arg_to_mask). */
static uint32_t mark_mask(const struct inode *inode, uint32_t arg)
{
    return FS_UNMOUNT | (inode_is_dir(inode) ? FS_EVENT_ON_CHILD : 0) | (arg & IN_ALL_EVENTS);
}

static int next_wd(struct inotify *in)
{
    for (;;) {
        if (in->last_wd == INT32_MAX) {
            in->last_wd = 0;
            in->wrapped = true;
        }
        int wd = ++in->last_wd;
        if (!in->wrapped || !find_wd(in, wd))
            return wd;
    }
}

int inotify_watch(struct inotify *in, struct inode *inode, uint32_t arg)
{
    struct fsnotify_mark *m = fsnotify_find_mark(inode, in);
    if (m) {
        struct watch *w = (struct watch *)m;
        if (arg & IN_MASK_CREATE)
            return -EEXIST;
        if (!(arg & IN_MASK_ADD)) {
            m->mask = 0;
            w->flags = 0;
        }
        m->mask |= mark_mask(inode, arg);
        w->flags |= arg & (IN_ONESHOT | IN_EXCL_UNLINK);
        fsnotify_update_mask(inode);
        return w->wd;
    }
    if (in->user->watches >= inotify_max_user_watches)
        return -ENOSPC;
    struct watch *w = kzalloc(sizeof *w);
    if (!w)
        return -ENOMEM;
    w->mark = (struct fsnotify_mark){.ops = &watch_ops, .group = in, .mask = mark_mask(inode, arg)};
    w->in = in;
    w->flags = arg & (IN_ONESHOT | IN_EXCL_UNLINK);
    int err = fsnotify_add_mark(&w->mark, inode);
    if (err) {
        kfree(w);
        return err;
    }
    w->wd = next_wd(in);
    list_add(&w->link, &in->watches);
    in->user->watches++;
    return w->wd;
}

int inotify_unwatch(struct inotify *in, int wd)
{
    struct watch *w = find_wd(in, wd);
    if (!w)
        return -EINVAL;
    fsnotify_remove_mark(&w->mark);
    end_watch(w, true);
    return 0;
}

/* --- the file ---------------------------------------------------------- */

static long inotify_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct inotify *in = f->priv;
    size_t done = 0;
    for (;;) {
        uint64_t fl = irq_save();
        int err = done ? 0 : wait_event(in, f->flags & O_NONBLOCK, !list_empty(&in->events));
        irq_restore(fl);
        if (err)
            return err;
        if (list_empty(&in->events))
            return (long)done;
        struct qevent *e = list_entry(in->events.next, struct qevent, link);
        size_t size = HEAD + e->head.len;
        if (size > n - done)
            return done ? (long)done : -EINVAL; /* not even one event fits */
        if (copy_to_user(ubuf + done, &e->head, HEAD) ||
            (e->head.len && copy_to_user(ubuf + done + HEAD, e->name, e->head.len)))
            return done ? (long)done : -EFAULT; /* the event stays queued */
        dequeue(in, e);
        done += size;
    }
}

static unsigned inotify_poll(struct file *f)
{
    struct inotify *in = f->priv;
    return list_empty(&in->events) ? 0 : POLLIN | POLLRDNORM;
}

static long inotify_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    struct inotify *in = f->priv;
    if (cmd != FIONREAD)
        return -ENOTTY;
    int bytes = (int)in->bytes;
    return copy_to_user(arg, &bytes, sizeof bytes) ? -EFAULT : 0;
}

/* /proc/PID/fdinfo/N: one line per watch, Linux's format (the mask as
 * the watch shows it: its events and its flags). */
static long inotify_show_fdinfo(struct file *f, char *buf, size_t size)
{
    struct inotify *in = f->priv;
    size_t n = 0;
    list_for_each_entry(w, &in->watches, struct watch, link) {
        struct inode *i = w->mark.inode;
        if (n < size)
            n += (size_t)ksnprintf(buf + n, size - n, "inotify wd:%x ino:%lx sdev:%x mask:%x ignored_mask:0\n", w->wd,
                                   i->ino, i->sb->dev, (w->mark.mask & IN_ALL_EVENTS) | w->flags);
    }
    return (long)(n < size ? n : size);
}

static void inotify_release(struct file *f)
{
    struct inotify *in = f->priv;
    while (!list_empty(&in->watches)) {
        struct watch *w = list_entry(in->watches.next, struct watch, link);
        fsnotify_remove_mark(&w->mark);
        end_watch(w, false);
    }
    while (!list_empty(&in->events))
        dequeue(in, list_entry(in->events.next, struct qevent, link));
    user_put_instance(in->user);
    kfree(in->overflow);
    kfree(in);
}

static const struct file_ops inotify_fops = {.read = inotify_read,
                                             .poll = inotify_poll,
                                             .ioctl = inotify_ioctl,
                                             .show_fdinfo = inotify_show_fdinfo,
                                             .release = inotify_release};

struct inotify *inotify_of(struct file *f) { return f->ops == &inotify_fops ? f->priv : NULL; }

int inotify_create(int flags)
{
    struct user_count *u = user_get();
    if (!u)
        return -ENOMEM;
    if (u->instances >= inotify_max_user_instances) {
        user_forget_unused(u); /* a count made just now goes again */
        return -EMFILE;
    }
    struct inotify *in = kzalloc(sizeof *in);
    struct qevent *ov = kzalloc(sizeof *ov);
    if (!in || !ov) {
        kfree(in);
        kfree(ov);
        user_forget_unused(u);
        return -ENOMEM;
    }
    u->instances++;
    list_init(&in->events);
    list_init(&in->watches);
    ov->head = (struct inotify_event_head){-1, IN_Q_OVERFLOW, 0, 0};
    list_init(&ov->link);
    in->overflow = ov;
    in->max_events = (unsigned)inotify_max_queued_events;
    in->user = u;
    int fd = anon_fd_install(&in->inode, "inotify", &inotify_fops, in, (uint32_t)flags);
    if (fd < 0) {
        user_put_instance(u);
        kfree(ov);
        kfree(in);
        return fd;
    }
    /* Linux opens an inotify instance for reading only: writes are EBADF. */
    fd_get_raw(current(), fd)->flags &= ~(uint32_t)O_ACCMODE;
    return fd;
}
