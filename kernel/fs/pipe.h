/*
 * pipe.h - pipes and FIFOs (pipe(7), fifo(7)). pipe2 makes an anonymous
 * pipe (its inode on pipefs); a FIFO is a file in the tree (mknod S_IFIFO,
 * mkfifo) whose opens share one pipe while any end is open.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

struct file;
struct file_ops;

/* The file operations of FIFO inodes: open attaches the FIFO's pipe, as
 * Linux's fifo_open does (a reader waits for a writer and the other way
 * round, unless O_NONBLOCK: then a reader goes on and a writer gets ENXIO
 * while nobody reads). */
extern const struct file_ops fifo_fops;

/* Makes an anonymous pipe (pipe2's): *rd gets its read end and *wr its
 * write end, one reference each, both non-blocking if flags has
 * O_NONBLOCK (its other bits are the caller's to check). 0, or -ENOMEM
 * with nothing made. */
int pipe_create(int flags, struct file **rd, struct file **wr);

#endif
