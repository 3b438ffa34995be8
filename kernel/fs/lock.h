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
 * Waits (F_SETLKW, flock without LOCK_NB) end with EINTR on a signal.
 * Deadlock detection (EDEADLK) is not done.
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

/* Is cmd one of the record-lock commands above? */
static inline bool lock_is_fcntl_cmd(int cmd)
{
    return (cmd >= F_GETLK && cmd <= F_SETLKW) || (cmd >= F_OFD_GETLK && cmd <= F_OFD_SETLKW);
}

/* fcntl's record-lock commands on open file f, arg the user's struct flock. */
long lock_fcntl(struct file *f, int cmd, uint64_t arg);

/* file_put calls this for every reference of f dropped (last: it was the
 * last one): the current process's record locks on f's file go, and with
 * the last reference the locks f itself owns (flock, OFD). */
void lock_file_put(struct file *f, bool last);

#endif
