/*
 * vfs.h - the file-system core: inodes (things with a name in the tree),
 * open files, and the operations each kind of file provides.
 *
 * One tree, held in memory (ramfs.c): the initramfs unpacks into it at
 * boot. Devices are inodes too (a character-device inode carries a
 * pointer to its file_ops). An open file holds a reference to its inode
 * and is shared by every descriptor that dup()s it.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "uapi/stat.h"

struct file;
struct inode;

struct file_ops {
    /* Called when the file is opened (NULL: nothing to do); -errno fails
     * the open. */
    int (*open)(struct file *f);
    /* Read/write move bytes between the file and user memory at ubuf;
     * they return the count or -errno. NULL means -EINVAL (EBADF for a
     * file not open for it is checked before). */
    long (*read)(struct file *f, uint64_t ubuf, size_t n);
    long (*write)(struct file *f, uint64_t ubuf, size_t n);
    /* NULL means the file is not seekable: -ESPIPE. */
    long (*lseek)(struct file *f, int64_t off, int whence);
    /* What the file is ready for now: POLLIN | POLLOUT | POLLHUP |
     * POLLERR (uapi/poll.h). NULL means always readable and writable. */
    unsigned (*poll)(struct file *f);
    /* NULL means -ENOTTY. */
    long (*ioctl)(struct file *f, unsigned long cmd, uint64_t arg);
    /* Called when the last reference to the open file goes. */
    void (*release)(struct file *f);
};

struct inode {
    uint32_t mode;  /* S_IF* type and permission bits */
    uint64_t ino;
    uint32_t nlink;
    uint64_t size;
    uint32_t uid, gid;
    int64_t mtime;
    const char *data;             /* regular file contents or symlink target */
    uint64_t capacity;            /* bytes allocated at data when owned */
    bool owned;                   /* data is ours (kmalloc), not the initramfs image */
    /* References: the directory entry (while linked), open files, working
     * directories. ramfs frees the inode when the last one goes. Inodes
     * that live elsewhere (a pipe's) have counted = false. */
    int refs;
    bool counted;
    const struct file_ops *fops;  /* how open files of this inode behave */
    uint32_t rdev;
    void *priv;                   /* for the file system or driver that made it */
    int pid;                      /* procfs: the process a /proc/PID entry describes */
    /* A directory whose entries are computed (/proc): brings them up to
     * date; path lookup calls it before searching the directory and
     * getdents64 before listing it from the start. NULL elsewhere. */
    void (*refresh)(struct inode *dir);
    /* A "magic link" (/proc/PID/fd/N): path lookup calls this instead of
     * following the link's text and continues from *target, as Linux's
     * proc_fd_link hands nd_jump_link the open file's own path. So an open
     * reaches the object behind the descriptor (a pipe, an unlinked file)
     * that no path names; readlink still shows the text. NULL elsewhere. */
    int (*jump)(const struct inode *link, struct inode **target);
    /* Directory structure: */
    char *name;
    struct inode *parent;         /* the root is its own parent */
    struct inode *children;       /* first child, for directories */
    struct inode *sibling;        /* next entry in the parent directory */
};

struct file {
    const struct file_ops *ops;
    struct inode *inode;
    uint32_t flags; /* O_ACCMODE | O_APPEND | O_NONBLOCK ... as opened */
    uint64_t pos;
    int refs;
    void *priv;
};

/* A new open file with one reference; NULL when out of memory. */
struct file *file_new(struct inode *inode, const struct file_ops *ops, uint32_t flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* What f is ready for (uapi/poll.h bits); files without a poll operation
 * are always readable and writable, as regular files are on Linux. */
unsigned vfs_poll(struct file *f);

/* Take and drop a reference to an inode (no-ops for uncounted ones). */
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);

/* Fills a Linux struct stat for inode. */
void vfs_stat(const struct inode *inode, struct linux_stat *st);

#endif
