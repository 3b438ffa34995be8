/*
 * sys_epoll.c - epoll_create, epoll_create1, epoll_ctl, epoll_wait,
 * epoll_pwait (epoll(7)): check the descriptors and flags, copy struct
 * epoll_event in and out and set up epoll_pwait's signal mask; the
 * instances and their watches are fs/epoll.c.
 */
#include "fs/epoll.h"
#include "uapi/poll.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall/syscall.h"
#include "time/clock.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

long sys_epoll_create1(int flags)
{
    if (flags & ~EPOLL_CLOEXEC)
        return -EINVAL;
    return epoll_create(flags);
}

long sys_epoll_create(int size) { return size <= 0 ? -EINVAL : sys_epoll_create1(0); }

long sys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent)
{
    struct file *ef = fd_get(current(), epfd), *f = fd_get(current(), fd);
    if (!ef || !f)
        return -EBADF;
    struct epoll *ep = epoll_of(ef);
    if (!ep || fd == epfd)
        return -EINVAL;
    if (!epoll_can_watch(f))
        return -EPERM; /* regular files and the like cannot be watched */
    struct epoll_event64 ev = {0};
    if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof ev))
        return -EFAULT;
    /* Linux's ep_ctl: EPOLLEXCLUSIVE only when adding, never on an
     * instance, and only with the wake-up events (EPOLLEXCLUSIVE_OK_BITS). */
    const uint32_t exclusive_ok = POLLIN | POLLOUT | POLLRDNORM | POLLRDBAND | POLLWRNORM | POLLWRBAND | POLLERR |
                                  POLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;
    if (op != EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE) &&
        (op == EPOLL_CTL_MOD || (op == EPOLL_CTL_ADD && (epoll_of(f) || (ev.events & ~exclusive_ok)))))
        return -EINVAL;
    return epoll_control(ep, op, fd, f, &ev);
}

/* epoll_pwait and epoll_pwait2: the wait ends at deadline (0: none), or
 * at once with no_wait. */
static long pwait(int epfd, uint64_t uevents, int max, uint64_t deadline, bool no_wait, uint64_t usigmask,
                  size_t sigsetsize)
{
    struct file *ef = fd_get(current(), epfd);
    if (!ef)
        return -EBADF;
    struct epoll *ep = epoll_of(ef);
    if (!ep || max <= 0 || max > 65536)
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
    long n = epoll_wait_events(ep, out, max, deadline, no_wait);
    signal_mask_end(&saved, n == -EINTR);
    if (n > 0 && copy_to_user(uevents, out, sizeof *out * (size_t)n))
        n = -EFAULT;
    kfree(out);
    return n;
}

long sys_epoll_pwait(int epfd, uint64_t uevents, int max, int timeout_ms, uint64_t usigmask, size_t sigsetsize)
{
    uint64_t deadline = timeout_ms > 0 ? clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000 : 0;
    return pwait(epfd, uevents, max, deadline, timeout_ms == 0, usigmask, sigsetsize);
}

/* epoll_pwait2(2): the timeout a struct timespec (NULL: none), checked
 * first as Linux's poll_select_set_timeout does (EFAULT, EINVAL). */
long sys_epoll_pwait2(int epfd, uint64_t uevents, int max, uint64_t utimeout, uint64_t usigmask, size_t sigsetsize)
{
    uint64_t deadline = 0;
    bool no_wait = false;
    if (utimeout) {
        struct linux_timespec ts;
        if (copy_from_user(&ts, utimeout, sizeof ts))
            return -EFAULT;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
            return -EINVAL;
        no_wait = ts.tv_sec == 0 && ts.tv_nsec == 0;
        deadline = clock_monotonic_ns() + (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    }
    return pwait(epfd, uevents, max, deadline, no_wait, usigmask, sigsetsize);
}

long sys_epoll_wait(int epfd, uint64_t uevents, int max, int timeout_ms)
{
    return sys_epoll_pwait(epfd, uevents, max, timeout_ms, 0, 8);
}
