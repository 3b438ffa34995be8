/*
 * path.h - turning the path arguments of system calls into VFS paths,
 * shared by every call that takes one.
 */
#ifndef SYSCALL_PATH_H
#define SYSCALL_PATH_H

#include <stdint.h>

#include "fs/path.h"

/* A user path copied in for the length of one system call: most paths
 * are short and stay in the struct, on the caller's stack; a longer one
 * gets a PATH_MAX buffer from the heap. path_name_get: 0 or -errno
 * (-EFAULT, -ENAMETOOLONG, -ENOMEM), with pn->s the path; then
 * path_name_put once done. */
#define PATH_NAME_SHORT 256
struct path_name {
    char *s;
    char small[PATH_NAME_SHORT];
};
long path_name_get(struct path_name *pn, uint64_t upath);
void path_name_put(struct path_name *pn);

/* Copies a user path into a kmalloc'd buffer of its size (*out), for a
 * call that keeps it. 0 or -errno (-EFAULT, -ENAMETOOLONG, -ENOMEM). */
long get_path(uint64_t upath, char **out);
/* The directory a *at() call starts from for path, referenced: the
 * working directory for AT_FDCWD or an absolute path, else the directory
 * open at dirfd (-EBADF, -ENOTDIR); -ENOENT for an empty path. */
long dir_of(long dirfd, const char *path, struct path *out);
/* The path of the file open at fd, referenced (AT_EMPTY_PATH): the
 * working directory for AT_FDCWD; a pipe or other pathless file gets one
 * made (pseudo_fs.h); -EBADF. */
long path_of_fd(long fd, struct path *out);
/* Resolves (dirfd, upath) to a referenced path. at_flags:
 * AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH (an empty path means dirfd itself:
 * any open file, a pipe's included). */
long user_path_at(long dirfd, uint64_t upath, long at_flags, struct path *out);

#endif
