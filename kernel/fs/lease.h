/*
 * lease.h - file leases (fcntl(2) F_SETLEASE / F_GETLEASE, "Leases"): the
 * holder of an open file asks to be told before anyone else opens the
 * file in a way that conflicts with its lease - a read lease (F_RDLCK)
 * with opens for writing, a write lease (F_WRLCK) with any open. A lease
 * is granted only while no such open exists (EAGAIN otherwise). An open
 * that conflicts breaks the lease: the holder gets SIGIO (or its F_SETSIG
 * signal, si_code POLL_MSG) and F_GETLEASE tells it what to go down to;
 * the opener waits until the holder does so or 45 s pass
 * (/proc/sys/fs/lease-break-time), then takes it; or it fails at once with EWOULDBLOCK when
 * opening O_NONBLOCK. A lease belongs to the open file and goes with it.
 */
#ifndef FS_LEASE_H
#define FS_LEASE_H

#include <stdint.h>

struct file;
struct inode;

/* F_SETLEASE on f (asked through descriptor fd): type F_RDLCK, F_WRLCK
 * or F_UNLCK. 0, or -EINVAL (not a regular file, a bad type), -EAGAIN (a
 * conflicting open or lease; F_UNLCK without a lease). */
long lease_set(struct file *f, int fd, int type);
/* F_GETLEASE: the lease f holds (what it must go down to while broken),
 * or F_UNLCK. */
long lease_get(struct file *f);

/* Every lease (lease.c's list), NULL while nobody holds one: each open
 * and close tests it inline before calling in. */
extern struct lease *lease_list;

/* An open of inode with flags (or a truncate: O_WRONLY) is about to
 * happen: breaks the leases it conflicts with and waits for them. 0,
 * -EAGAIN, which is EWOULDBLOCK (O_NONBLOCK), -ERESTARTSYS (a signal).
 * The _slow parts run only while some lease exists. */
int lease_break_slow(struct inode *inode, uint32_t flags);
static inline int lease_break(struct inode *inode, uint32_t flags)
{
    return lease_list ? lease_break_slow(inode, flags) : 0;
}

/* The last reference to f goes: its lease goes too. */
void lease_release_slow(struct file *f);
static inline void lease_release(struct file *f)
{
    if (lease_list)
        lease_release_slow(f);
}

/* /proc/sys/fs/lease-break-time, in seconds (default 45). */
long lease_break_time(void);
void lease_set_break_time(long seconds);

#endif
