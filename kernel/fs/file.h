/*
 * file.h - open files. An open file ("open file description") is what a
 * descriptor points at: the path it was opened by, the inode, the access
 * mode and flags, the position. dup() and fork() share it; it holds a
 * reference on its path (so its mount is busy) and its inode.
 * Pipes, sockets and anonymous inodes (eventfd...) are open files with
 * an inode and no path.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/path.h"
#include "uapi/fcntl.h"

struct file;
struct inode;
struct vma_file;

/* The most one read, write or splice moves: Linux's MAX_RW_COUNT, INT_MAX
 * rounded down to a page. */
#define MAX_RW_COUNT (0x7fffffffL & ~4095L)

/* getdents64's cursor: iterate calls emit for each entry from f->pos on;
 * emit returns false when the caller's buffer is full (the entry was not
 * taken, and iterate stops without moving past it). */
struct dir_context {
    bool (*emit)(struct dir_context *ctx, const char *name, size_t len, uint64_t ino, unsigned type);
};

struct file_ops {
    /* Called when the file is opened (NULL: nothing to do); -errno fails
     * the open. */
    int (*open)(struct file *f);
    /* Read/write move bytes between the file at f->pos and user memory
     * at ubuf, advancing f->pos; they return the count or -errno. NULL
     * means -EINVAL (EBADF for a file not open for it is checked before). */
    long (*read)(struct file *f, uint64_t ubuf, size_t n);
    long (*write)(struct file *f, uint64_t ubuf, size_t n);
    /* NULL means the file is not seekable: -ESPIPE. */
    long (*lseek)(struct file *f, int64_t off, int whence);
    /* What the file is ready for now: POLLIN | POLLOUT | POLLHUP |
     * POLLERR (uapi/poll.h). NULL means always readable and writable. */
    unsigned (*poll)(struct file *f);
    /* NULL means -ENOTTY. */
    long (*ioctl)(struct file *f, unsigned long cmd, uint64_t arg);
    /* Lists a directory from f->pos (a cookie the file system chooses;
     * 0 is the start), advancing it past each entry emitted. NULL: not a
     * directory (-ENOTDIR). */
    int (*iterate)(struct file *f, struct dir_context *ctx);
    /* Prepares a mapping of the file (mmap): fills *m (filemap.h).
     * NULL means -ENODEV. */
    int (*mmap)(struct file *f, struct vma_file *m);
    /* Writes the file's data to its device (fsync). NULL: nothing to do. */
    int (*fsync)(struct file *f);
    /* Called when a descriptor of the file is closed (close, dup2 over
     * it, close-on-exec, exit), before its reference goes: Linux's
     * f_op->flush (a message queue drops the closer's mq_notify). */
    void (*flush)(struct file *f);
    /* Called when the last reference to the open file goes. */
    void (*release)(struct file *f);
    /* The data side of sendfile, splice and copy_file_range (Linux's
     * splice_read and splice_write, done here by copying through kernel
     * memory): like read and write, but buf is kernel memory, *pos the
     * offset to use and advance (files without positions leave it), and
     * nonblock asks a file that could wait (a socket) for EAGAIN instead,
     * as its own O_NONBLOCK does. NULL: the file cannot be spliced from
     * (to): EINVAL. */
    long (*splice_read)(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock);
    long (*splice_write)(struct file *f, uint64_t *pos, const void *buf, size_t n, bool nonblock);
    /* F_SETFL turned O_ASYNC on or off at descriptor fd: the object
     * signals f's owner when it becomes ready from now on (fasync.h).
     * NULL: the file has no signal-driven I/O, and keeps no O_ASYNC. */
    int (*fasync)(struct file *f, int fd, bool on);
    /* The lines /proc/PID/fdinfo/N shows after the common ones (an
     * inotify instance's watches), into buf: their length. NULL: none. */
    long (*show_fdinfo)(struct file *f, char *buf, size_t size);
};

/* Who is told when an O_ASYNC file becomes ready (fcntl F_SETOWN,
 * F_SETOWN_EX, F_SETSIG): id 0 is nobody. */
struct file_owner {
    int id;   /* a thread, process or process-group id */
    int type; /* F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP (fasync.h) */
    int sig;  /* 0: SIGIO */
};

struct file {
    const struct file_ops *ops;
    struct path path;    /* {NULL, NULL} for pipes, sockets, anonymous inodes */
    struct inode *inode;
    uint32_t flags;      /* O_ACCMODE | O_APPEND | O_NONBLOCK ... as opened */
    uint64_t pos;
    int refs;
    void *priv;
    struct file_owner owner;
};

/* Opens the file at path (the caller's reference stays the caller's)
 * with flags: runs the inode's open operation. NULL with *err set on
 * failure. */
struct file *file_open(const struct path *path, uint32_t flags, int *err);
/* file_open taking over the caller's reference to path: the file keeps
 * it, or it is dropped when the open fails (open(2) hands over its walk's
 * reference instead of taking a second one). */
struct file *file_open_owned(const struct path *path, uint32_t flags, int *err);
/* A new open file of an inode without a path (pipes, sockets, anonymous
 * inodes), one reference; ops->open is not called. NULL when out of
 * memory. */
struct file *file_new(struct inode *inode, const struct file_ops *ops, uint32_t flags);
static inline struct file *file_get(struct file *f)
{
    f->refs++;
    return f;
}
/* Drops a reference: a mapping's, an in-flight SCM_RIGHTS message's, a
 * descriptor's (through file_close). The last one releases the file. */
void file_release(struct file *f);
static inline void file_put(struct file *f)
{
    if (--f->refs == 0)
        file_release(f);
}
/* A descriptor of f goes (close, dup2 over it, close-on-exec, exit): the
 * process's POSIX record locks on the file go too (fs/lock.h), then the
 * descriptor's reference. */
void file_close(struct file *f);

/* Linux's FMODE_READ / FMODE_WRITE: opened for reading / writing (O_PATH
 * files are neither). */
static inline bool file_readable(const struct file *f)
{
    return (f->flags & O_ACCMODE) != O_WRONLY && !(f->flags & O_PATH);
}
static inline bool file_writable(const struct file *f)
{
    return (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH);
}
/* FMODE_LSEEK / FMODE_PREAD: the file has positions (pread, splice's
 * offsets); pipes and sockets do not. */
static inline bool file_seekable(const struct file *f) { return f->ops->lseek != NULL; }
/* Linux's default_llseek: SEEK_SET, SEEK_CUR, and SEEK_END from the
 * inode's size; EINVAL for a negative or overflowing result or another
 * whence. The new position, or -EINVAL. */
long default_llseek(struct file *f, int64_t off, int whence);

/* What f is ready for (uapi/poll.h bits); files without a poll operation
 * are always readable and writable, as regular files are on Linux. */
unsigned vfs_poll(struct file *f);

/* Reads up to n bytes at offset off of a regular file into kernel memory
 * (exec reads headers with it). The count, or -errno. */
long kernel_read(struct inode *inode, uint64_t off, void *buf, size_t n);

#endif
