/*
 * dnotify.h - directory notification (fcntl(2) F_NOTIFY, Linux's
 * dnotify): a process that watches a directory through an open file of
 * it gets a signal - SIGIO, or the file's F_SETSIG signal with POLL_MSG
 * and si_fd the watching descriptor - when an entry of it is read,
 * written, created, removed, renamed within it or has its attributes
 * changed; a watched directory also hears of its own attribute changes.
 * A watch fires once unless DN_MULTISHOT, and goes when its descriptor
 * is closed.
 *
 * dnotify is a backend of the notification layer (fsnotify.h): a watch
 * is a mark on the directory's inode, so the VFS has one set of hooks
 * for every kind of watcher.
 */
#ifndef FS_DNOTIFY_H
#define FS_DNOTIFY_H

struct file;

#define F_NOTIFY 1026
#define DN_ACCESS 0x00000001
#define DN_MODIFY 0x00000002
#define DN_CREATE 0x00000004
#define DN_DELETE 0x00000008
#define DN_RENAME 0x00000010
#define DN_ATTRIB 0x00000020
#define DN_MULTISHOT 0x80000000u

/* fcntl F_NOTIFY on f (descriptor fd) with the DN_* events in arg (none:
 * the watch goes): 0, -ENOTDIR (not a directory), -ENOMEM. */
long dnotify_fcntl(struct file *f, int fd, unsigned arg);
/* A descriptor of f closed: its watch goes (Linux's dnotify_flush). */
void dnotify_close(struct file *f);

#endif
