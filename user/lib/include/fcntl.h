/* fcntl.h - open and fcntl, with Linux's flag values (uapi/fcntl.h). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <bits/types.h>
#include "uapi/fcntl.h"

#define O_NDELAY O_NONBLOCK
#define O_SYNC 04010000

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
