/*
 * lock.h - advisory file locks between processes:
 *   flock(2)      whole-file shared/exclusive locks, owned by the open
 *                 file description (dup and fork share them), released
 *                 when its last descriptor closes;
 *   fcntl(2)      POSIX record locks (F_GETLK, F_SETLK, F_SETLKW), owned
 *                 by the process, released when it closes any descriptor
 *                 of the file or exits; and open-file-description record
 *                 locks (F_OFD_*), owned like flock's but conflicting
 *                 with POSIX ones, as on Linux.
 * flock and record locks do not see each other (Linux keeps them apart).
 * Waits (F_SETLKW, flock without LOCK_NB) end with EINTR on a signal;
 * an F_SETLKW that would wait for itself through a chain of waiting
 * processes fails with EDEADLK, as Linux's detector (POSIX locks only).
 * A process's record locks of one type that touch merge into one, and
 * F_GETLK reports conflicts in Linux's order. The system calls, which
 * copy struct flock in and out, are syscall/sys_lock.c.
 */
#ifndef FS_LOCK_H
#define FS_LOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/vfs.h"

#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38

/* struct flock's l_type, and flock(2)'s operations (Linux's values). */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

/* struct flock on x86_64 (fcntl(2)). */
struct linux_flock {
    int16_t l_type, l_whence;
    int64_t l_start, l_len;
    int32_t l_pid;
};
_Static_assert(sizeof(struct linux_flock) == 32, "struct flock is 32 bytes");

/* Is cmd one of the record-lock commands above? */
static inline bool lock_is_fcntl_cmd(int cmd)
{
    return (cmd >= F_GETLK && cmd <= F_SETLKW) || (cmd >= F_OFD_GETLK && cmd <= F_OFD_SETLKW);
}

/* fcntl's record-lock command cmd on open file f; *fl is the caller's
 * copy of the user's struct flock, which F_GETLK and F_OFD_GETLK rewrite
 * to describe the first conflicting lock (or set l_type to F_UNLCK when
 * there is none). 0 or -errno, in Linux's order. */
long lock_fcntl(struct file *f, int cmd, struct linux_flock *fl);

/* flock(2) on open file f: op is LOCK_SH, LOCK_EX or LOCK_UN, maybe with
 * LOCK_NB (the caller refuses anything else). 0 or -errno (-EAGAIN, which
 * is EWOULDBLOCK, when LOCK_NB finds the lock taken). */
long lock_flock(struct file *f, int op);

/* A descriptor of f is closed (file_close): the closing process's POSIX
 * record locks on f's file go, as close(2) says, whichever descriptor
 * they were taken through. */
void lock_close(struct file *f);
/* The last reference to f goes (file_put): the locks f itself owns
 * (flock, OFD) go. A mapping's reference counts: Linux frees flock locks
 * in __fput too. */
void lock_release(struct file *f);

#endif
