/*
 * memfd.h - memfd_create(2): an anonymous regular file in memory, and
 * file sealing (fcntl F_ADD_SEALS / F_GET_SEALS, memfd_create(2) "File
 * sealing"). A memfd is a tmpfs file on an internal tmpfs instance that
 * is mounted nowhere (Linux's shm_mnt): its data lives in its page cache
 * like any tmpfs file's, and its path, which no lookup finds, reads
 * "/memfd:NAME (deleted)" in /proc/PID/fd and /proc/PID/maps, as on
 * Linux. The seals live in the inode (inode.seals); the writes they
 * refuse are refused where they happen: filemap.c (write, fallocate,
 * mmap) and tmpfs's setattr (truncate, chmod).
 */
#ifndef FS_MEMFD_H
#define FS_MEMFD_H

struct file;

/* A new memfd named "memfd:" + name (at most MFD_NAME_MAX_LEN bytes),
 * open O_RDWR, with the seals flags ask for (MFD_ALLOW_SEALING,
 * MFD_NOEXEC_SEAL; the caller checked the flags): *out, one reference.
 * 0 or -ENOMEM. */
int memfd_new(const char *name, unsigned flags, struct file **out);

/* Is inode a memfd's? Running one does not deny writing it, nor does a
 * writer stop it from running (fexecve of a memfd still open for writing
 * works on Linux). */
#include <stdbool.h>
struct inode;
bool inode_is_memfd(const struct inode *inode);

/* fcntl F_ADD_SEALS (arg: the seals) and F_GET_SEALS on f: the seals, 0,
 * or -EPERM (not open for writing, or F_SEAL_SEAL), -EINVAL (a file that
 * cannot be sealed, unknown seals), -EBUSY (F_SEAL_WRITE while a shared
 * mapping could write). */
long memfd_fcntl(struct file *f, int cmd, unsigned int arg);

#endif
