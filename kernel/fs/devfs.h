/* devfs.h - the device nodes in /dev: console, tty, ttyS1, null, zero,
 * full, random, urandom. */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* make_dir: make /dev if it is missing (not on a disk root: mounted
 * there only if the disk has the directory). */
void devfs_init(bool make_dir);
/* Makes the node /dev/NAME (mode: S_IFBLK or S_IFCHR and permissions,
 * owned by uid:gid) for device rdev: now, or as soon as devtmpfs exists
 * (drivers found before it: the disks). */
void devfs_add_node(const char *name, uint32_t mode, uint32_t rdev, uint32_t uid, uint32_t gid);
/* /dev/urandom's read: n random bytes to user memory (getrandom too). */
long devfs_random_read(uint64_t ubuf, size_t n);
/* The entropy count, in bits, the random devices report (ioctl
 * RNDGETENTCNT, /proc/sys/kernel/random/entropy_avail). */
long devfs_random_entropy(void);

#endif
