/*
 * epoll.h - epoll instances (epoll(7)): files holding a list of watched
 * descriptors, ready when one of those is (fs/epoll.c has the rules).
 */
#ifndef FS_EPOLL_H
#define FS_EPOLL_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/fcntl.h"

struct epoll;
struct file;

/* epoll_ctl's operations and event bits, epoll_create1's flag (Linux's
 * values). */
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EPOLL_CLOEXEC O_CLOEXEC

/* struct epoll_event on x86_64: packed, 12 bytes (Linux's
 * EPOLL_PACKED). */
struct epoll_event64 {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

/* Makes an empty epoll instance and installs it in the lowest free
 * descriptor, close-on-exec if flags has EPOLL_CLOEXEC. The descriptor,
 * or -ENOMEM / -EMFILE with nothing made. */
int epoll_create(int flags);

/* The epoll instance behind f, or NULL when f is not one. */
struct epoll *epoll_of(struct file *f);

/* Can f be watched? Only files with a poll operation can: a regular
 * file cannot (epoll_ctl's EPERM). */
bool epoll_can_watch(const struct file *f);

/* epoll_ctl's op (EPOLL_CTL_ADD, _MOD, _DEL) on the watch of f, open as
 * descriptor fd of the caller; ev is unused by _DEL. An added watch holds
 * a reference on f, and ends when fd no longer refers to f. 0, or
 * -EEXIST, -ENOENT, -ENOMEM, -EINVAL (an unknown op, or _MOD of an
 * EPOLLEXCLUSIVE watch). */
int epoll_control(struct epoll *ep, int op, int fd, struct file *f, const struct epoll_event64 *ev);

/* Waits as wait_until_ready (proc/wait.h) does, with deadline and
 * no_wait, until a watch of ep is ready; stores up to max ready events
 * in out (kernel memory). Their count, 0 at the deadline, or -EINTR. */
long epoll_wait_events(struct epoll *ep, struct epoll_event64 *out, int max, uint64_t deadline, bool no_wait);

#endif
