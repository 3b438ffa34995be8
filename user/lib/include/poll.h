/* poll.h - poll(2). */
#ifndef _POLL_H
#define _POLL_H

#include "uapi/poll.h"

typedef unsigned long nfds_t;

struct pollfd {
    int fd;
    short events;
    short revents;
};

int poll(struct pollfd *fds, nfds_t n, int timeout_ms);

#endif
