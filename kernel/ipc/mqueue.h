/*
 * mqueue.h - POSIX message queues, as Linux's ipc/mqueue.c: the queue
 * object (mqueue.c) and the mqueue file system that names queues
 * (mqueue_fs.c). A queue is a regular file of the one mqueue superblock
 * (the kernel's internal mount; `mount -t mqueue none /dev/mqueue` shows
 * the same one); an mq_open descriptor is an open file of it, so poll,
 * select, epoll and close work on it as on any file. The system calls
 * (syscall/sys_mqueue.c) copy arguments in and out and call these; each
 * returns Linux's result or -errno.
 */
#ifndef IPC_MQUEUE_H
#define IPC_MQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/mqueue.h"

struct file;
struct mqueue;

/* The /proc/sys/fs/mqueue tunables, Linux's defaults (ipc_sysctl.c
 * reads and writes them). */
struct mq_limits {
    int queues_max;      /* queues in all (CAP_SYS_RESOURCE passes it) */
    int msg_max;         /* mq_maxmsg a caller without CAP_SYS_RESOURCE may ask */
    int msgsize_max;     /* mq_msgsize likewise */
    int msg_default;     /* a queue made without attributes */
    int msgsize_default;
};
extern struct mq_limits mq_limits;

/* /proc/sys/fs/mqueue (ipc_sysctl.c): procfs_sysctl.h's callbacks. */
long mq_read_queues_max(int pid, char *buf, size_t size);
long mq_write_queues_max(const char *buf, size_t n);
long mq_read_msg_max(int pid, char *buf, size_t size);
long mq_write_msg_max(const char *buf, size_t n);
long mq_read_msgsize_max(int pid, char *buf, size_t size);
long mq_write_msgsize_max(const char *buf, size_t n);
long mq_read_msg_default(int pid, char *buf, size_t size);
long mq_write_msg_default(const char *buf, size_t n);
long mq_read_msgsize_default(int pid, char *buf, size_t size);
long mq_write_msgsize_default(const char *buf, size_t n);

/* --- the queue (mqueue.c) ---------------------------------------------- */

/* A new queue with attr (NULL: the defaults) for the calling process:
 * checks the sizes (EINVAL), their product (EOVERFLOW), the count of
 * queues (ENOSPC) and charges the caller's real uid RLIMIT_MSGQUEUE
 * (EMFILE), in Linux's order. NULL with *err on failure. */
struct mqueue *mqueue_new(const struct mq_attr *attr, int *err);
/* The queue's file is gone: its messages, its charge and its count go. */
void mqueue_free(struct mqueue *q);

/* mq_timedsend of len bytes at user address umsg with priority prio
 * (checked by the caller). nonblock: EAGAIN instead of waiting for room;
 * deadline: monotonic ns when the wait fails with ETIMEDOUT (0: none). */
long mqueue_send(struct mqueue *q, uint64_t umsg, size_t len, unsigned prio, bool nonblock, uint64_t deadline);
/* mq_timedreceive into len bytes at umsg, the priority to uprio (0: not
 * wanted): the message's length. */
long mqueue_receive(struct mqueue *q, uint64_t umsg, size_t len, uint64_t uprio, bool nonblock,
                    uint64_t deadline);
/* mq_notify: registers ev (checked by the caller) for the calling
 * process, or with ev NULL removes its registration. */
long mqueue_notify(struct mqueue *q, const struct linux_sigevent *ev);
/* A descriptor of the queue is closed: the closing process's
 * registration goes (Linux's mqueue_flush_file). */
void mqueue_flush(struct mqueue *q);
/* The queue's attributes (mq_flags left 0: that is the descriptor's). */
void mqueue_getattr(const struct mqueue *q, struct mq_attr *out);
/* POLLIN while it holds a message, POLLOUT while it has room. */
unsigned mqueue_poll(const struct mqueue *q);
/* The line reading the queue's file gives: "QSIZE:... NOTIFY:... SIGNO:...
 * NOTIFY_PID:...". Its length. */
long mqueue_show(const struct mqueue *q, char *buf, size_t size);

/* --- the file system (mqueue_fs.c) ------------------------------------- */

/* Registers the mqueue file system type. */
void mqueue_fs_init(void);
/* mq_open of name (a NUL-terminated kernel copy, without glibc's leading
 * '/') with oflag, mode (for O_CREAT) and attr (NULL: defaults): a new
 * descriptor (close-on-exec, as Linux makes them) or -errno. */
long mqueue_open(const char *name, int oflag, uint32_t mode, const struct mq_attr *attr);
/* mq_unlink of name. */
long mqueue_unlink(const char *name);
/* The queue behind descriptor f, or NULL when f is not a queue's (EBADF). */
struct mqueue *mqueue_of_file(struct file *f);

#endif
