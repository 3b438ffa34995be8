/*
 * msgutil.h - a message's text in page-sized pieces (a header piece and
 * a chain of segments, Linux's msg_msg and msg_msgseg, ipc/msgutil.c), so
 * a large message never needs contiguous memory. System V message queues
 * (msg.c) and POSIX message queues (mqueue.c) keep their messages so.
 */
#ifndef IPC_MSGUTIL_H
#define IPC_MSGUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"

struct msg_seg {
    struct msg_seg *next;
    char data[];
};

struct msg {
    struct list_head link; /* in its queue's messages */
    long type;             /* System V: the message type; POSIX: the priority */
    size_t size;
    struct msg_seg *next; /* the text past the first piece */
    char data[];
};

/* Allocates a message of size bytes and fills it from user memory utext
 * (or from another message, src). NULL with *err = -ENOMEM or -EFAULT. */
struct msg *load_msg(uint64_t utext, const struct msg *src, size_t size, int *err);
/* Copies the first n bytes of m's text to user memory: 0 or -EFAULT. */
int store_msg(uint64_t udst, const struct msg *m, size_t n);
void free_msg(struct msg *m);

#endif
