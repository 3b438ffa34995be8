/*
 * timerfd.c - timerfd objects (timerfd_create(2); the system calls are
 * syscall/sys_timerfd.c): a timer whose expirations are read from a file.
 * read returns (8 bytes) how many times it expired since the last read,
 * or since timerfd_settime, and blocks while that is 0 (TFD_NONBLOCK:
 * EAGAIN). Readable while it is nonzero.
 *
 * The timer is a kernel timer (time/timer.h), the one alarm and POSIX
 * timers use: its expiry adds to the count and wakes readers and
 * pollers. An absolute CLOCK_REALTIME time stays on the realtime clock
 * when that is set; with TFD_TIMER_CANCEL_ON_SET the setting makes the
 * next read fail with ECANCELED.
 */
#include "fs/timerfd.h"

#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "time/timer.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/time.h"

struct timerfd {
    struct ktimer kt;
    bool realtime;          /* CLOCK_REALTIME (else MONOTONIC or BOOTTIME) */
    bool cancel_on_set;     /* armed absolute with TFD_TIMER_CANCEL_ON_SET */
    uint64_t set_count;     /* clock_set_count() when armed */
    uint64_t expired;       /* expirations not read yet */
    struct timerfd *next_cancelable; /* cancelable list: TFD_TIMER_CANCEL_ON_SET timers */
    struct inode inode;
};

static const struct file_ops timerfd_ops;
static struct timerfd *cancelable;

static void timerfd_fire(struct ktimer *kt, uint64_t n)
{
    struct timerfd *t = (struct timerfd *)kt;
    t->expired += n;
    wakeup(t);
}

/* Was the clock set since t was armed to be cancelled by that? */
static bool canceled(const struct timerfd *t) { return t->cancel_on_set && t->set_count != clock_set_count(); }

static void cancelable_remove(struct timerfd *t)
{
    for (struct timerfd **pp = &cancelable; *pp; pp = &(*pp)->next_cancelable)
        if (*pp == t) {
            *pp = t->next_cancelable;
            break;
        }
    t->cancel_on_set = false;
}

static long timerfd_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct timerfd *t = f->priv;
    if (n < 8)
        return -EINVAL;
    uint64_t fl = irq_save();
    for (;;) {
        ktimer_remaining(&t->kt);
        /* The clock was set: the count does not matter any more, the
         * program must look at the time again (reported once). */
        if (canceled(t)) {
            t->expired = 0;
            t->set_count = clock_set_count();
            irq_restore(fl);
            return -ECANCELED;
        }
        if (t->expired)
            break;
        if (f->flags & O_NONBLOCK) {
            irq_restore(fl);
            return -EAGAIN;
        }
        if (sleep_on_interruptible(t)) {
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
    uint64_t fl = irq_save();
    ktimer_remaining(&t->kt); /* an expiry due now counts, not only at the next tick */
    bool ready = t->expired || canceled(t);
    irq_restore(fl);
    return ready ? POLLIN | POLLRDNORM : 0;
}

static void timerfd_release(struct file *f)
{
    struct timerfd *t = f->priv;
    uint64_t fl = irq_save();
    ktimer_disarm(&t->kt);
    if (t->cancel_on_set)
        cancelable_remove(t);
    irq_restore(fl);
    kfree(t);
}

static const struct file_ops timerfd_ops = {.read = timerfd_read, .poll = timerfd_poll, .release = timerfd_release};

int timerfd_create(int clockid, int flags)
{
    struct timerfd *t = kzalloc(sizeof *t);
    if (!t)
        return -ENOMEM;
    ktimer_init(&t->kt, timerfd_fire);
    t->realtime = clockid == CLOCK_REALTIME;
    int fd = anon_fd_install(&t->inode, "[timerfd]", &timerfd_ops, t, (uint32_t)flags);
    if (fd < 0)
        kfree(t);
    return fd;
}

struct timerfd *timerfd_of(struct file *f) { return f->ops == &timerfd_ops ? f->priv : NULL; }

/* The timer's setting as timerfd_gettime reports it: the time left (at
 * least 1 ns while armed). Interrupts off. */
static void current_setting(struct timerfd *t, struct timerfd_setting *out)
{
    out->value = ktimer_remaining(&t->kt);
    out->interval = ktimer_armed(&t->kt) ? t->kt.interval : 0;
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
    ktimer_disarm(&t->kt);
    if (t->cancel_on_set)
        cancelable_remove(t);
    bool abs = flags & TFD_TIMER_ABSTIME;
    if (nv->value) {
        /* Only an absolute realtime timer follows the realtime clock. */
        int base = t->realtime && abs ? KTIMER_REALTIME : KTIMER_MONOTONIC;
        int64_t now = ktimer_base_now(base, 0);
        ktimer_arm(&t->kt, base, 0, abs ? nv->value : now + nv->value, nv->interval);
        if (base == KTIMER_REALTIME && (flags & TFD_TIMER_CANCEL_ON_SET)) {
            t->cancel_on_set = true;
            t->set_count = clock_set_count();
            t->next_cancelable = cancelable;
            cancelable = t;
        }
    }
    irq_restore(fl);
    wakeup(t); /* readers waiting on a disarmed timer, and pollers */
}

void timerfd_clock_was_set(void)
{
    uint64_t fl = irq_save();
    for (struct timerfd *t = cancelable; t; t = t->next_cancelable)
        wakeup(t);
    irq_restore(fl);
}
