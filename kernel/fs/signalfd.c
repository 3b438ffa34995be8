/*
 * signalfd.c - signalfd objects (signalfd(2); the system calls are
 * syscall/sys_signalfd.c): a file from which the reading thread takes
 * its pending signals of a set, as struct signalfd_siginfo records (128
 * bytes each), instead of having them delivered. Programs block those
 * signals first (sigprocmask), or they would be delivered before read
 * could see them. read blocks while none is pending (SFD_NONBLOCK:
 * EAGAIN); poll says POLLIN while one is. As on Linux, SIGKILL and
 * SIGSTOP are silently left out of the set, and the pending signals are
 * those of whoever reads or polls, not of whoever made the file.
 */
#include "fs/signalfd.h"

#include "arch/x86_64/cpu.h"
#include "fs/anon_inode.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signal.h"

struct signalfd_siginfo {
    uint32_t ssi_signo;
    int32_t ssi_errno, ssi_code;
    uint32_t ssi_pid, ssi_uid;
    int32_t ssi_fd;
    uint32_t ssi_tid, ssi_band, ssi_overrun, ssi_trapno;
    int32_t ssi_status, ssi_int;
    uint64_t ssi_ptr, ssi_utime, ssi_stime, ssi_addr;
    uint16_t ssi_addr_lsb;
    uint8_t pad[46];
};
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "struct signalfd_siginfo is 128 bytes");

struct signalfd {
    uint64_t mask; /* bit (n - 1) for signal n */
    struct inode inode;
};

static const struct file_ops signalfd_ops;

/* The signals of mask pending for thread p: its own and its process's. */
static uint64_t pending_in(const struct proc *p, uint64_t mask)
{
    return (p->sig_pending | p->leader->shared_pending) & mask;
}

/* Takes the lowest pending signal of mask from p (signal_dequeue) into
 * *si; false if none. Interrupts off. */
static bool take_signal(struct proc *p, uint64_t mask, struct signalfd_siginfo *si)
{
    struct ksiginfo k;
    int sig = signal_dequeue(p, mask, &k);
    if (!sig)
        return false;
    memset(si, 0, sizeof *si);
    si->ssi_signo = (uint32_t)sig;
    si->ssi_code = k.code;
    si->ssi_pid = (uint32_t)k.pid;
    si->ssi_uid = k.uid;
    si->ssi_status = k.status;
    si->ssi_addr = k.addr;
    if (k.code == SI_TIMER) { /* timer id, overrun count, sigev_value */
        si->ssi_pid = si->ssi_uid = 0;
        si->ssi_addr = 0;
        si->ssi_tid = (uint32_t)k.pid;
        si->ssi_overrun = k.uid;
        si->ssi_ptr = k.addr;
        si->ssi_int = (int32_t)k.addr;
    }
    return true;
}

static long signalfd_read(struct file *f, uint64_t ubuf, size_t n)
{
    struct signalfd *s = f->priv;
    struct proc *p = current();
    if (n < sizeof(struct signalfd_siginfo))
        return -EINVAL;
    size_t done = 0;
    uint64_t fl = irq_save();
    /* Any signal sent to the process wakes its sleeping threads
     * (signal.c), so this sleep ends when one arrives. */
    int err = wait_event(s, f->flags & O_NONBLOCK, pending_in(p, s->mask) != 0);
    if (err) {
        irq_restore(fl);
        return err;
    }
    struct signalfd_siginfo si;
    while (n - done >= sizeof si && take_signal(p, s->mask, &si)) {
        irq_restore(fl);
        if (copy_to_user(ubuf + done, &si, sizeof si))
            return done ? (long)done : -EFAULT; /* the signal is lost, as on Linux */
        done += sizeof si;
        fl = irq_save();
    }
    irq_restore(fl);
    return (long)done;
}

static unsigned signalfd_poll(struct file *f)
{
    struct signalfd *s = f->priv;
    return pending_in(current(), s->mask) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_release(struct file *f) { kfree(f->priv); }

static const struct file_ops signalfd_ops = {
    .read = signalfd_read, .poll = signalfd_poll, .release = signalfd_release};

/* mask without SIGKILL and SIGSTOP, which cannot be taken this way
 * (dropped without an error, as Linux does). */
static uint64_t takeable(uint64_t mask) { return mask & ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP)); }

int signalfd_create(uint64_t mask, int flags)
{
    struct signalfd *s = kzalloc(sizeof *s);
    if (!s)
        return -ENOMEM;
    s->mask = takeable(mask);
    int fd = anon_fd_install(&s->inode, "[signalfd]", &signalfd_ops, s, (uint32_t)flags);
    if (fd < 0)
        kfree(s);
    return fd;
}

struct signalfd *signalfd_of(struct file *f) { return f->ops == &signalfd_ops ? f->priv : NULL; }

void signalfd_set_mask(struct signalfd *s, uint64_t mask)
{
    s->mask = takeable(mask);
    wakeup(s); /* a reader may now find a signal of the new set */
}
