/*
 * inotify.h - inotify instances (inotify(7); the system calls are
 * syscall/sys_inotify.c): a file whose reads give the events of the
 * files it watches, one struct inotify_event each. A watch is a mark of
 * the notification layer (fsnotify.h) on one inode; the instance queues
 * what its marks hear, up to a limit, and is readable (poll, epoll,
 * select) while the queue is not empty.
 */
#ifndef FS_INOTIFY_H
#define FS_INOTIFY_H

#include <stdint.h>

struct file;
struct inode;
struct inotify;

/* The limits of /proc/sys/fs/inotify (Linux's defaults: 128 instances
 * and, per instance, 16384 queued events; watches by memory, at least
 * 8192). Counted per effective user id, as Linux's ucounts. */
extern int inotify_max_user_instances;
extern int inotify_max_user_watches;
extern int inotify_max_queued_events;

/* Sets the default watch limit from the memory there is. */
void inotify_init_limits(void);

/* inotify_init1: a new instance in the lowest free descriptor, with
 * IN_NONBLOCK / IN_CLOEXEC from flags (already checked). The
 * descriptor, or -EMFILE (the user's instances, or descriptors), -ENOMEM. */
int inotify_create(int flags);

/* The instance behind f, or NULL when f is not one. */
struct inotify *inotify_of(struct file *f);

/* inotify_add_watch on inode (the caller checked the mask's bits and
 * read permission): a new watch, or the existing one's mask replaced
 * (or, with IN_MASK_ADD, extended). Its watch descriptor, or -EEXIST
 * (IN_MASK_CREATE on a watched inode), -ENOSPC (the user's watches),
 * -ENOMEM, -EINVAL (a pipe's or socket's inode). */
int inotify_watch(struct inotify *in, struct inode *inode, uint32_t mask);

/* inotify_rm_watch: the watch ends with an IN_IGNORED event. 0, or
 * -EINVAL when wd is not a watch of in. */
int inotify_unwatch(struct inotify *in, int wd);

#endif
