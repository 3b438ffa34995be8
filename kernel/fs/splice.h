/*
 * splice.h - moving data between open files without user memory:
 * sendfile(2), splice(2), tee(2), vmsplice(2), copy_file_range(2). The
 * system calls (syscall/sys_splice.c) look the descriptors up and copy
 * offsets and iovecs in and out; these do the rest, with Linux's checks
 * in Linux's order (fs/splice.c, fs/read_write.c) and its errno values.
 * Offsets are in-out: the position to start at, advanced by what moved.
 */
#ifndef FS_SPLICE_H
#define FS_SPLICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/uio.h"

struct file;

/* Linux's rw_verify_area: a count past SSIZE_MAX, a negative position
 * (pos may be NULL: none) or one the count would carry past the largest
 * offset is EINVAL. */
long splice_verify_area(const int64_t *pos, size_t count);

/* splice(2) between in and out once the system call checked the flags,
 * the descriptors and that no pipe comes with an offset (ESPIPE): off_in
 * and off_out are the offsets the caller gave (NULL: the file's own
 * position, which then moves). */
long splice_files(struct file *in, int64_t *off_in, struct file *out, int64_t *off_out, size_t len, unsigned flags);

/* tee(2) from pipe in to pipe out. */
long splice_tee(struct file *in, struct file *out, size_t len, unsigned flags);

/* sendfile(2) once in is checked (readable, *pos verified, count
 * clamped) and out is open for writing: from in at *pos to out, which
 * may be a pipe, a socket or any file that takes splice writes. */
long splice_sendfile(struct file *in, int64_t *pos, struct file *out, size_t count);

/* copy_file_range(2) from in at *pos_in to out at *pos_out: both regular
 * files of one file system, no overlap within one file. */
long splice_copy_range(struct file *in, int64_t *pos_in, struct file *out, int64_t *pos_out, size_t len);

/* vmsplice(2) on pipe file f with the kernel's copy of the user's iovec
 * array (its lengths checked): user memory into the pipe when f is the
 * write end, the pipe into user memory when it is the read end. */
long splice_vmsplice(struct file *f, bool to_pipe, const struct linux_iovec *iov, long cnt, size_t total,
                     unsigned flags);

#endif
