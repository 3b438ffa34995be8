/*
 * sys_poll.c - poll, ppoll, select, pselect6: wait until descriptors are
 * ready. Each file type says what it is ready for through
 * file_ops.poll; files without one are always ready (regular files, as
 * on Linux). A waiting poller sleeps on poll_channel, which every wakeup()
 * also wakes (proc/wait.h), and then checks again.
 */
#include "arch/x86_64/cpu.h"
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
#include "uapi/poll.h"
#include "uapi/time.h"

#define NSEC 1000000000ull

struct pollfd64 {
    int32_t fd;
    int16_t events, revents;
};

/* One pass over the set: fills revents, returns how many are ready. */
static int scan(struct pollfd64 *fds, unsigned long n)
{
    int ready = 0;
    for (unsigned long i = 0; i < n; i++) {
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;
        struct file *f = fd_get(current(), fds[i].fd);
        unsigned r = f ? vfs_poll(f) & ((unsigned)(uint16_t)fds[i].events | POLLERR | POLLHUP) : POLLNVAL;
        fds[i].revents = (int16_t)r;
        ready += r != 0;
    }
    return ready;
}

struct poll_set {
    struct pollfd64 *fds;
    unsigned long n;
};

static long scan_set(void *ctx)
{
    struct poll_set *ps = ctx;
    return scan(ps->fds, ps->n);
}

static long poll_common(uint64_t ufds, unsigned long n, uint64_t deadline, bool now, uint64_t usigmask)
{
    if (n > NOFILE)
        return -EINVAL;
    struct pollfd64 *fds = kmalloc(sizeof *fds * (n ? n : 1));
    if (!fds)
        return -ENOMEM;
    long r = copy_from_user(fds, ufds, sizeof *fds * n);
    struct saved_mask saved;
    if (!r)
        r = signal_mask_begin(usigmask, &saved);
    if (!r) {
        struct poll_set ps = {fds, n};
        r = wait_until_ready(scan_set, &ps, deadline, now);
        signal_mask_end(&saved, r == -EINTR);
    }
    for (unsigned long i = 0; r >= 0 && i < n; i++)
        if (copy_to_user(ufds + i * sizeof *fds + 6, &fds[i].revents, 2))
            r = -EFAULT;
    kfree(fds);
    return r;
}

long sys_poll(uint64_t ufds, uint32_t n, int timeout_ms)
{
    uint64_t deadline = timeout_ms > 0 ? clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000 : 0;
    return poll_common(ufds, n, deadline, timeout_ms == 0, 0);
}

static long timeout_from_ts(uint64_t uts, uint64_t *deadline, bool *now)
{
    *deadline = 0;
    *now = false;
    if (!uts)
        return 0;
    int64_t ns;
    long err = timespec_from_user(uts, &ns);
    if (err)
        return err;
    *now = ns == 0;
    *deadline = clock_monotonic_ns() + (uint64_t)ns;
    return 0;
}

long sys_ppoll(uint64_t ufds, uint32_t n, uint64_t uts, uint64_t usigmask, size_t sigsetsize)
{
    if (usigmask && sigsetsize != 8)
        return -EINVAL;
    uint64_t deadline;
    bool now;
    long err = timeout_from_ts(uts, &deadline, &now);
    return err ? err : poll_common(ufds, n, deadline, now, usigmask);
}

/* select: three bitmaps of nfds bits become a pollfd list and back. */
static long select_common(long nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t deadline, bool now,
                          uint64_t usigmask)
{
    if (nfds < 0 || nfds > NOFILE)
        return -EINVAL;
    size_t words = ((size_t)nfds + 63) / 64, bytes = words * 8;
    uint64_t sets[3][NOFILE / 64] = {{0}};
    const uint64_t user[3] = {urd, uwr, uex};
    for (int k = 0; k < 3; k++)
        if (user[k] && copy_from_user(sets[k], user[k], bytes))
            return -EFAULT;
    struct pollfd64 *fds = kmalloc(sizeof *fds * (size_t)(nfds ? nfds : 1));
    if (!fds)
        return -ENOMEM;
    unsigned long n = 0;
    for (long fd = 0; fd < nfds; fd++) {
        short ev = 0;
        if (sets[0][fd / 64] >> (fd % 64) & 1)
            ev |= POLLIN;
        if (sets[1][fd / 64] >> (fd % 64) & 1)
            ev |= POLLOUT;
        if (sets[2][fd / 64] >> (fd % 64) & 1)
            ev |= POLLPRI;
        if (!ev)
            continue;
        if (!fd_get(current(), (int)fd)) {
            kfree(fds);
            return -EBADF;
        }
        fds[n++] = (struct pollfd64){(int32_t)fd, ev, 0};
    }
    struct saved_mask saved;
    if (signal_mask_begin(usigmask, &saved)) {
        kfree(fds);
        return -EFAULT;
    }
    struct poll_set ps = {fds, n};
    long r = wait_until_ready(scan_set, &ps, deadline, now);
    signal_mask_end(&saved, r == -EINTR);
    if (r >= 0) {
        memset(sets, 0, sizeof sets);
        r = 0;
        for (unsigned long i = 0; i < n; i++) {
            int fd = fds[i].fd;
            unsigned rv = (unsigned)(uint16_t)fds[i].revents;
            /* select counts bits: a descriptor ready both ways counts twice. */
            if ((fds[i].events & POLLIN) && (rv & (POLLIN | POLLHUP | POLLERR)))
                sets[0][fd / 64] |= 1ull << (fd % 64), r++;
            if ((fds[i].events & POLLOUT) && (rv & (POLLOUT | POLLERR)))
                sets[1][fd / 64] |= 1ull << (fd % 64), r++;
            if ((fds[i].events & POLLPRI) && (rv & POLLPRI))
                sets[2][fd / 64] |= 1ull << (fd % 64), r++;
        }
        for (int k = 0; k < 3; k++)
            if (user[k] && copy_to_user(user[k], sets[k], bytes))
                r = -EFAULT;
    }
    kfree(fds);
    return r;
}

long sys_select(int nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t utv)
{
    uint64_t deadline = 0;
    bool now = false;
    if (utv) {
        struct linux_timeval tv;
        if (copy_from_user(&tv, utv, sizeof tv))
            return -EFAULT;
        if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
            return -EINVAL;
        uint64_t ns = (uint64_t)tv.tv_sec * NSEC + (uint64_t)tv.tv_usec * 1000;
        now = ns == 0;
        deadline = clock_monotonic_ns() + ns;
    }
    return select_common(nfds, urd, uwr, uex, deadline, now, 0);
}

long sys_pselect6(int nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t uts, uint64_t usig)
{
    uint64_t deadline;
    bool now;
    long err = timeout_from_ts(uts, &deadline, &now);
    if (err)
        return err;
    uint64_t mask = 0;
    if (usig) { /* struct { const sigset_t *ss; size_t ss_len; } */
        uint64_t pair[2];
        if (copy_from_user(pair, usig, sizeof pair))
            return -EFAULT;
        if (pair[0] && pair[1] != 8)
            return -EINVAL;
        mask = pair[0];
    }
    return select_common(nfds, urd, uwr, uex, deadline, now, mask);
}
