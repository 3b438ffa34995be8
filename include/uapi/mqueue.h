/*
 * uapi/mqueue.h - POSIX message queues' ABI (Linux's <linux/mqueue.h>
 * and the struct sigevent of <asm-generic/siginfo.h>): mq_open's and
 * mq_getsetattr's struct mq_attr, mq_notify's struct sigevent.
 */
#ifndef UAPI_MQUEUE_H
#define UAPI_MQUEUE_H

#include <stdint.h>

/* Priorities run 0 .. MQ_PRIO_MAX - 1 (Linux's). */
#define MQ_PRIO_MAX 32768
/* Hard ceilings on a queue's size that even CAP_SYS_RESOURCE cannot pass
 * (Linux's HARD_MSGMAX, HARD_MSGSIZEMAX), and the floors and ceilings of
 * the /proc/sys/fs/mqueue knobs. */
#define MQ_HARD_MSGMAX 65536
#define MQ_HARD_MSGSIZEMAX (16 * 1024 * 1024)
#define MQ_MIN_MSGMAX 1
#define MQ_MIN_MSGSIZEMAX 128

#define MQUEUE_MAGIC 0x19800202

struct mq_attr {
    int64_t mq_flags;   /* 0 or O_NONBLOCK (of the descriptor, not the queue) */
    int64_t mq_maxmsg;  /* messages the queue holds */
    int64_t mq_msgsize; /* the largest message, bytes */
    int64_t mq_curmsgs; /* messages in it now */
    int64_t reserved[4];
};

/* struct sigevent (64 bytes): how mq_notify (and timer_create) tell. */
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4

struct linux_sigevent {
    uint64_t sigev_value; /* union sigval: an int or a pointer */
    int32_t sigev_signo;
    int32_t sigev_notify;
    union {
        int32_t tid;
        int32_t pad[12];
    } u;
};
_Static_assert(sizeof(struct linux_sigevent) == 64, "struct sigevent is 64 bytes on x86_64");

/* si_code of a queue's notification signal. */
#define SI_MESGQ (-3)

#endif
