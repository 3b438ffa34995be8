/*
 * timerfd.c - timerfd objects (timerfd_create(2); the system calls are
 * syscall/sys_timerfd.c): a timer whose expirations are read from a file.
 * read returns (8 bytes) how many times it expired since the last read,
 * or since timerfd_settime, and blocks while that is 0 (TFD_NONBLOCK:
 * EAGAIN). Readable while it is nonzero.
 *
 * Nothing runs when the timer expires: the count is brought up to date
 * from the clock whenever it is looked at, and a poll that finds it not
 * yet expired asks its wait to wake at the expiry (wait_wake_by).
 * CLOCK_REALTIME timers expire on the realtime clock (TFD_TIMER_ABSTIME
 * times are in it); nothing sets that clock here, so
 * TFD_TIMER_CANCEL_ON_SET is accepted and never fires.
 */
#include "fs/timerfd.h"

#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/time.h"

struct timerfd {
    bool realtime;     /* which clock next is on */
    int64_t next;      /* the next expiry on that clock, ns; 0: disarmed */
    int64_t interval;  /* ns between expirations; 0: once */
    uint64_t expired;  /* expirations not read yet */
    struct inode inode;
};

static const struct file_ops timerfd_ops;

static int64_t now_on(const struct timerfd *t)
{
    return t->realtime ? clock_realtime_ns() : (int64_t)clock_monotonic_ns();
}

/* Counts the expirations up to now and moves next past them. */
static void catch_up(struct timerfd *t)
{
    int64_t now = now_on(t);
    if (!t->next || now < t->next)
        return;
    if (!t->interval) {
        t->expired++;
        t->next = 0;
        return;
    }
    uint64_t k = (uint64_t)((now - t->next) / t->interval) + 1;
    t->expired += k;
    t->next += (int64_t)k * t->interval;
}

/* The monotonic time of the next expiry (the clock sleeps count in). */
static uint64_t next_monotonic(const struct timerfd *t)
{
    int64_t left = t->next - now_on(t);
    return clock_monotonic_ns() + (uint64_t)(left > 0 ? left : 0);
}

static long timerfd_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct timerfd *t = f->priv;
    if (n < 8)
        return -EINVAL;
    uint64_t fl = irq_save();
    for (catch_up(t); t->expired == 0; catch_up(t)) {
        if (f->flags & O_NONBLOCK) {
            irq_restore(fl);
            return -EAGAIN;
        }
        /* Disarmed: only a settime (which wakes t) can change that. */
        int err = t->next ? sleep_until_ns(next_monotonic(t)) : sleep_on_interruptible(t);
        if (err) {
            irq_restore(fl);
            return -ERESTARTSYS;
        }
    }
    uint64_t v = t->expired;
    t->expired = 0;
    irq_restore(fl);
    if (copy_to_user(ubuf, &v, 8)) {
        t->expired += v;
        return -EFAULT;
    }
    return 8;
}

static unsigned timerfd_poll(struct file *f)
{
    struct timerfd *t = f->priv;
    catch_up(t);
    if (t->expired)
        return POLLIN | POLLRDNORM;
    if (t->next)
        wait_wake_by(next_monotonic(t));
    return 0;
}

static void timerfd_release(struct file *f) { kfree(f->priv); }

static const struct file_ops timerfd_ops = {.read = timerfd_read, .poll = timerfd_poll, .release = timerfd_release};

int timerfd_create(int clockid, int flags)
{
    struct timerfd *t = kzalloc(sizeof *t);
    if (!t)
        return -ENOMEM;
    t->realtime = clockid == CLOCK_REALTIME;
    int fd = anon_fd_install(&t->inode, "[timerfd]", &timerfd_ops, t, (uint32_t)flags);
    if (fd < 0)
        kfree(t);
    return fd;
}

struct timerfd *timerfd_of(struct file *f) { return f->ops == &timerfd_ops ? f->priv : NULL; }

/* The timer's setting as timerfd_gettime reports it: the time left.
 * Interrupts off. */
static void current_setting(struct timerfd *t, struct timerfd_setting *out)
{
    catch_up(t);
    int64_t left = t->next ? t->next - now_on(t) : 0;
    if (t->next && left <= 0)
        left = 1; /* due this instant: still armed */
    out->value = left;
    out->interval = t->interval;
}

void timerfd_get(struct timerfd *t, struct timerfd_setting *cur)
{
    uint64_t fl = irq_save();
    current_setting(t, cur);
    irq_restore(fl);
}

void timerfd_set(struct timerfd *t, int flags, const struct timerfd_setting *nv, struct timerfd_setting *old)
{
    uint64_t fl = irq_save();
    current_setting(t, old);
    t->expired = 0; /* a new setting starts a new count */
    t->interval = nv->value ? nv->interval : 0;
    t->next = !nv->value ? 0 : flags & TFD_TIMER_ABSTIME ? nv->value : now_on(t) + nv->value;
    if (t->next <= 0 && nv->value)
        t->next = 1; /* an absolute time in the past: expires at once */
    irq_restore(fl);
    wakeup(t); /* readers waiting on a disarmed timer, and pollers */
}
