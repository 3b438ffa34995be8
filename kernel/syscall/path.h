/*
 * path.h - turning the path arguments of system calls into inodes
 * (sys_fs.c), shared by every call that takes a path.
 */
#ifndef SYSCALL_PATH_H
#define SYSCALL_PATH_H

#include <stdbool.h>
#include <stdint.h>

struct inode;

/* Copies a user path into a kmalloc'd buffer (*out). 0 or -errno. */
long get_path(uint64_t upath, char **out);
/* The directory a *at() call starts from for path (AT_FDCWD: the cwd). */
long dir_of(long dirfd, const char *path, struct inode **out);
/* Resolves (dirfd, upath); flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
long resolve(long dirfd, uint64_t upath, long flags, struct inode **out);
/* The directory holding the last component of (dirfd, upath), and that
 * component's name. */
long resolve_parent(long dirfd, uint64_t upath, struct inode **dir, char name[256], bool *trailing_slash);
/* Creates an inode of mode at (dirfd, upath): -EEXIST if the name is taken. */
long fs_create(long dirfd, uint64_t upath, uint32_t mode, struct inode **out);

#endif
