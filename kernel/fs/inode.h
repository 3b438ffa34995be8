/*
 * inode.h - the VFS inode: one file (regular, directory, symlink, device,
 * FIFO, socket, or a pseudo file such as a pipe or an eventfd) with its
 * attributes, its data (the page cache) and the operations of the file
 * system it belongs to. Names live elsewhere (dentry.h): a file with two
 * hard links is one inode under two dentries.
 *
 * Lifetime: refs counts dentries, open files, mappings and anyone else
 * holding it; when the last reference goes the inode is evicted (its
 * pages and the file system's data freed). Pseudo inodes embedded in
 * another object (a pipe's, a socket's) belong to a pseudo superblock
 * whose evict does nothing: the object frees itself.
 *
 * Locks, and the order they are taken in (never the reverse):
 *   1. the superblock's rename_lock (rename only: it keeps the tree's
 *      shape fixed while the two parents are locked);
 *   2. inode locks of directories, parent before child; two directories
 *      that are not related (rename) in address order;
 *   3. a pipe's mutex (pipe_ring.h; two pipes in address order): splice
 *      holds it while it writes into a file or reads from one;
 *   4. the inode lock of a non-directory (write, truncate, setattr);
 *   5. spinlocks: a page cache's, a directory's child list, the mount
 *      table (nothing sleeps under these).
 * The inode lock (a sleeplock) protects the directory's entries for
 * create/unlink/rename/lookup, and a file's size and data against
 * concurrent writers and truncation. Reads and page faults do not take
 * it (see page_cache.h).
 */
#ifndef FS_INODE_H
#define FS_INODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/page_cache.h"
#include "fs/path.h"
#include "lib/list.h"
#include "proc/sleeplock.h"
#include "uapi/stat.h"
#include "uapi/errno.h"

struct dentry;
struct file_ops;
struct simple_xattr;
struct super_block;
struct inode;

/* renameat2(2) flags. */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

/* What setattr changes (struct iattr.valid), Linux's ATTR_* subset. */
#define ATTR_MODE 0x1
#define ATTR_UID 0x2
#define ATTR_GID 0x4
#define ATTR_SIZE 0x8
#define ATTR_ATIME 0x10
#define ATTR_MTIME 0x20
#define ATTR_CTIME 0x40 /* set ctime to now (chmod, chown, utimes do) */
/* For the permission checks only (permission.h's setattr_prepare): */
#define ATTR_ATIME_SET 0x80   /* an explicit access time (owner or CAP_FOWNER) */
#define ATTR_MTIME_SET 0x100  /* an explicit modification time */
#define ATTR_TOUCH 0x20000    /* both times to now (the owner, or write permission) */

struct iattr {
    unsigned valid;
    uint32_t mode, uid, gid;
    uint64_t size;
    struct linux_timespec atime, mtime;
};

/*
 * Inode operations. Directory operations are called with the directory's
 * inode lock held (namei.c and dir_ops.c take it) and a dentry d for the
 * name: d->inode is NULL for a new name (the operation creates the inode
 * and calls d_instantiate), or the existing file's inode. Each returns 0
 * or -errno. NULL operations mean the file system does not do it
 * (-EPERM for link, -EINVAL for readlink, -EPERM otherwise).
 */
struct cred;
struct inode_ops {
    /* Finds name in dir: *out gets a new reference, or -ENOENT. File
     * systems that keep every entry in the dentry cache (tmpfs) leave it
     * NULL: a name not cached does not exist. */
    int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
    /* A new regular file, device node, FIFO or socket file (mknod). */
    int (*create)(struct inode *dir, struct dentry *d, uint32_t mode, uint32_t rdev);
    int (*mkdir)(struct inode *dir, struct dentry *d, uint32_t mode);
    int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
    /* A second name d in dir for the file of old. */
    int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
    int (*unlink)(struct inode *dir, struct dentry *d);
    int (*rmdir)(struct inode *dir, struct dentry *d); /* the caller checked it is empty */
    /* Moves od (in odir) to nd's name in ndir, replacing nd's file if it
     * has one (the caller checked the rules), or with RENAME_EXCHANGE
     * swaps the two. The caller moves the dentries afterwards. */
    int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd, unsigned flags);
    /* Is directory dir empty (rmdir, rename over it)? NULL: ask the
     * dentry cache (every entry is cached). */
    bool (*empty)(struct inode *dir, struct dentry *d);
    /* A symlink's text into buf (at most size bytes, no NUL); its
     * length or -errno. */
    long (*readlink)(struct inode *link, char *buf, size_t size);
    /* A "magic link" (/proc/PID/fd/N, /proc/PID/exe): path lookup calls
     * this instead of walking the link's text and goes on from *out (a
     * referenced path), as Linux's nd_jump_link. NULL elsewhere. */
    int (*follow)(struct inode *link, struct path *out);
    /* Changes attributes (chmod, chown, utimes, truncate); the caller
     * holds the inode lock. NULL: inode_setattr (in-memory attributes;
     * a size change goes through the page cache). */
    int (*setattr)(struct inode *inode, const struct iattr *a);
    /* The names of the file's extended attributes the caller may see,
     * each NUL-terminated, into buf (size 0: only the length): the
     * length or -ERANGE (xattr.h). Called with the inode lock held.
     * NULL: none. */
    long (*listxattr)(struct inode *inode, char *buf, size_t size);
    /* May c do mask (MAY_*) to the inode: 0 or -EACCES, in place of the
     * mode bits (Linux's i_op->permission; /proc/PID/fd lets the process
     * itself in). NULL: generic_permission (permission.h). */
    int (*permission)(const struct cred *c, const struct inode *inode, int mask);
};

struct inode {
    uint32_t mode; /* S_IF* type and permission bits */
    uint32_t nlink;
    uint32_t uid, gid;
    uint32_t rdev; /* device nodes: Linux's dev_t (major << 8 | minor, 8 bits each) */
    uint64_t ino;
    uint64_t size;
    struct linux_timespec atime, mtime, ctime;
    int refs;
    struct super_block *sb;
    const struct inode_ops *ops;
    const struct file_ops *fops; /* how open files of it behave */
    struct sleeplock lock;
    struct page_cache pages;   /* regular files' data */
    struct list_head mappings; /* VMAs mapping the file: truncate unmaps pages past the end */
    char *link;                /* a symlink's target (kmalloc'd), for file systems that keep it here */
    struct simple_xattr *xattrs; /* extended attributes, for file systems that keep them here (simple_xattr.h) */
    void *priv;                /* the file system's, or the driver's */
    void *socket;              /* the Unix socket bound to this socket file (net/unix_names.c) */
    void *pipe;                /* a FIFO's pipe while it is open (pipe.c) */
    const char *anon_name;     /* a pseudo inode's name in /proc/PID/fd ("[eventfd]") */
    uint32_t seals;            /* F_SEAL_* (tmpfs files, memfd.h): filemap's writes and mappings and
                                  tmpfs's setattr honour them */
    int open_writers;          /* open files that may write it (Linux's i_writecount) */
    int open_readers;          /* open files that only read it (i_readcount): leases check both */
    bool linkable;             /* an O_TMPFILE file (without O_EXCL) that linkat may name, though it
                                  has no link (Linux's I_LINKABLE) */
    int running;               /* processes running it as their program: Linux's negative
                                  i_writecount (deny_write_access), opening it for writing or
                                  truncating it is ETXTBSY while it is not 0 */
    uint64_t dirtied_ns;       /* disk files: when its first page still dirty was dirtied (monotonic), 0: clean */
    uint32_t fsnotify_mask;    /* what its watchers want (fsnotify.h); 0: nobody watches */
    struct list_head fsnotify_marks;
    struct list_head sb_link;   /* on sb->inodes (writeback walks them) */
    struct inode *hnext, **hpprev; /* inode_hash_add's chain, by (sb, ino) */
};

/* A new inode of sb with mode, one reference, the next inode number,
 * times now, nlink 1 (2 for a directory). NULL when out of memory. */
struct inode *inode_new(struct super_block *sb, uint32_t mode);
/* Sets up an inode embedded in another object (a pipe, a socket, an
 * eventfd) on one of the pseudo file systems of pseudo_fs.h. */
void inode_init_pseudo(struct inode *inode, struct super_block *sb, uint32_t mode);

/* Disk file systems make one VFS inode per file, however many names
 * lead to it (Linux's iget): inode_hash_add files inode under (its sb,
 * its ino), and inode_find returns it, referenced, or NULL. An inode
 * whose last reference went is being written back and freed: inode_find
 * waits until it is gone, so the caller reads its final state from the
 * disk. The eviction takes the inode out of the table. */
void inode_hash_add(struct inode *inode);
struct inode *inode_find(struct super_block *sb, uint64_t ino);

struct inode *inode_get(struct inode *inode);
/* Drops a reference; the last one evicts the inode. */
void inode_put(struct inode *inode);

static inline void inode_lock(struct inode *inode) { sleeplock_acquire(&inode->lock); }
static inline void inode_unlock(struct inode *inode) { sleeplock_release(&inode->lock); }

/* Linux's get_write_access for a path-based change (open for writing,
 * truncate): ETXTBSY while a process runs the file. */
static inline int inode_write_allowed(const struct inode *i) { return i->running ? -ETXTBSY : 0; }
/* deny_write_access for execve: ETXTBSY while the file is open for
 * writing; else the caller runs it (running++ when it becomes a
 * process's program, proc.h's proc_set_exe). */
static inline int inode_exec_allowed(const struct inode *i) { return i->open_writers > 0 ? -ETXTBSY : 0; }

static inline bool inode_is_dir(const struct inode *i) { return (i->mode & S_IFMT) == S_IFDIR; }
static inline bool inode_is_reg(const struct inode *i) { return (i->mode & S_IFMT) == S_IFREG; }
static inline bool inode_is_link(const struct inode *i) { return (i->mode & S_IFMT) == S_IFLNK; }

/* The wall clock, as file times keep it. */
struct linux_timespec inode_now(void);
/* Stamps the times named by ATTR_ATIME / ATTR_MTIME / ATTR_CTIME with now. */
void inode_touch(struct inode *inode, unsigned which);
/* After a read: the access time, as Linux's default relatime does (only
 * when it is older than the last change, or a day old). */
void inode_accessed(struct inode *inode);

/* The generic setattr of in-memory attributes (see inode_ops.setattr). */
int inode_setattr(struct inode *inode, const struct iattr *a);
/* Applies a through the file system (the caller holds the inode lock). */
int inode_change(struct inode *inode, const struct iattr *a);

/* Fills a Linux struct stat. */
void inode_stat(const struct inode *inode, struct linux_stat *st);

#endif
