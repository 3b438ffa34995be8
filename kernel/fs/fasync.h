/*
 * fasync.h - signal-driven I/O (fcntl(2) O_ASYNC, F_SETOWN, F_SETSIG):
 * an object that becomes ready (a pipe with data, or with room) signals
 * the owner of every open file that asked, as Linux's fasync_helper and
 * kill_fasync: SIGIO with SI_KERNEL, or the F_SETSIG signal with si_code
 * POLL_IN, POLL_OUT..., si_band and si_fd. The owner is a thread, a
 * process or a process group (F_SETOWN_EX's F_OWNER_*).
 */
#ifndef FS_FASYNC_H
#define FS_FASYNC_H

#include <stdbool.h>

struct file;

/* fcntl(2)'s struct f_owner_ex types. */
#define F_OWNER_TID 0
#define F_OWNER_PID 1
#define F_OWNER_PGRP 2

/* si_code of the signal (asm-generic/siginfo.h): what became possible. */
#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

/* One open file on an object's list (the descriptor it was asked on). */
struct fasync {
    struct file *f;
    int fd;
    struct fasync *next;
};

/* F_SETFL turned O_ASYNC on (on true) or off for f, at descriptor fd:
 * f goes onto or off *list. 0 or -ENOMEM. file_ops.fasync implementations
 * call it with their object's list. */
int fasync_update(struct fasync **list, struct file *f, int fd, bool on);

/* The object became ready (reason POLL_*): every file on list signals its
 * owner. */
void fasync_notify_all(struct fasync *list, int reason);
static inline void fasync_notify(struct fasync *list, int reason)
{
    if (list) /* the common case, nobody asked: no call */
        fasync_notify_all(list, reason);
}

/* Signals f's owner as if f (at descriptor fd) became ready (a lease
 * break: POLL_MSG). */
void fasync_signal(struct file *f, int fd, int reason);

/* Is there an owner with this id (F_SETOWN's pid, or a process group when
 * type is F_OWNER_PGRP)? Linux answers ESRCH otherwise. */
bool fasync_owner_exists(int type, int id);

#endif
