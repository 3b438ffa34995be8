/*
 * eventfd.c - eventfd objects (eventfd(2); the system calls are
 * syscall/sys_eventfd.c): a 64-bit counter in a file. write adds to it;
 * read returns it and resets it to zero, or with EFD_SEMAPHORE returns 1
 * and decrements it. read blocks while it is 0, write while the sum would
 * pass 0xfffffffffffffffe; EFD_NONBLOCK makes both EAGAIN instead.
 * Readable while nonzero, writable while 1 more fits.
 */
#include "fs/eventfd.h"

#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define COUNT_MAX 0xfffffffffffffffeull

struct eventfd {
    uint64_t count;
    bool semaphore;
    struct inode inode;
};

static long eventfd_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct eventfd *e = f->priv;
    if (n < 8)
        return -EINVAL;
    uint64_t fl = irq_save();
    int err = wait_event(e, f->flags & O_NONBLOCK, e->count != 0);
    if (err) {
        irq_restore(fl);
        return err;
    }
    uint64_t v = e->semaphore ? 1 : e->count;
    e->count -= v;
    irq_restore(fl);
    if (copy_to_user(ubuf, &v, 8)) {
        e->count += v; /* nothing was read */
        return -EFAULT;
    }
    wakeup(e); /* writers waiting for room */
    return 8;
}

static long eventfd_write(struct file *f, uint64_t ubuf, size_t n)
{
    struct eventfd *e = f->priv;
    uint64_t v;
    if (n < 8)
        return -EINVAL;
    if (copy_from_user(&v, ubuf, 8))
        return -EFAULT;
    if (v == ~0ull)
        return -EINVAL;
    uint64_t fl = irq_save();
    int err = wait_event(e, f->flags & O_NONBLOCK, COUNT_MAX - e->count >= v);
    if (err) {
        irq_restore(fl);
        return err;
    }
    e->count += v;
    irq_restore(fl);
    wakeup(e); /* readers, and pollers */
    return 8;
}

static unsigned eventfd_poll(struct file *f)
{
    struct eventfd *e = f->priv;
    return (e->count ? POLLIN | POLLRDNORM : 0) | (e->count < COUNT_MAX ? POLLOUT | POLLWRNORM : 0);
}

static void eventfd_release(struct file *f) { kfree(f->priv); }

static const struct file_ops eventfd_ops = {
    .read = eventfd_read, .write = eventfd_write, .poll = eventfd_poll, .release = eventfd_release};

int eventfd_create(uint64_t initval, int flags)
{
    struct eventfd *e = kzalloc(sizeof *e);
    if (!e)
        return -ENOMEM;
    e->count = initval;
    e->semaphore = flags & EFD_SEMAPHORE;
    int fd = anon_fd_install(&e->inode, "[eventfd]", &eventfd_ops, e, (uint32_t)flags);
    if (fd < 0)
        kfree(e);
    return fd;
}

bool file_is_eventfd(const struct file *f) { return f->ops == &eventfd_ops; }

void eventfd_signal(struct file *f, uint64_t n)
{
    struct eventfd *e = f->priv;
    uint64_t fl = irq_save();
    e->count = n > COUNT_MAX - e->count ? COUNT_MAX : e->count + n;
    irq_restore(fl);
    wakeup(e);
}
