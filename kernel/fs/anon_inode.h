/*
 * anon_inode.h - files with no name in the tree (eventfd, timerfd,
 * signalfd), like Linux's anon_inodefs: fstat shows mode 0600 with no
 * file type, and /proc/PID/fd links read "anon_inode:[NAME]".
 */
#ifndef FS_ANON_INODE_H
#define FS_ANON_INODE_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/vfs.h"

/* Installs a new open file of ops on ino (which the caller's object
 * embeds; name is a literal such as "[eventfd]") in the lowest free
 * descriptor: O_RDWR plus the O_NONBLOCK of flags, close-on-exec if
 * O_CLOEXEC is in flags. Returns the descriptor, or -ENOMEM / -EMFILE
 * with nothing installed (the caller then frees priv itself). */
int anon_fd_install(struct inode *ino, const char *name, const struct file_ops *ops, void *priv, uint32_t flags);

#endif
