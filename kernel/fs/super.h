/*
 * super.h - file system types and superblocks. A file system type (tmpfs,
 * proc, devtmpfs) knows how to make a superblock; a superblock is one
 * instance of it: its root, its inode numbers, its device number (st_dev,
 * one per instance, as Linux's anonymous block devices 0:N), its statfs
 * answer. Mounts (mount.h) attach superblocks to the tree; a superblock
 * lives while it is mounted somewhere (active) or a file of it is open.
 */
#ifndef FS_SUPER_H
#define FS_SUPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"
#include "proc/sleeplock.h"

struct block_device;
struct dentry;
struct inode;
struct linux_stat;
struct super_block;
struct xattr_handler;

/* statfs(2)'s answer, filled by the file system. */
struct kstatfs {
    uint64_t type, bsize, blocks, bfree, bavail, files, ffree, namelen, frsize;
};

struct super_ops {
    void (*statfs)(struct super_block *sb, struct kstatfs *st);
    /* The last reference to inode went: free the file system's part of
     * it (the VFS frees its pages and the inode itself afterwards).
     * NULL: nothing to do. */
    void (*evict_inode)(struct inode *inode);
    /* Is a cached dentry still valid (/proc/PID of a process gone)?
     * NULL: always. */
    bool (*revalidate)(struct dentry *d);
    /* The mount options /proc/mounts shows after "rw"/"ro" (",size=..."),
     * written into buf; its length. NULL: none. */
    long (*show_options)(struct super_block *sb, char *buf, size_t size);
    /* The superblock is going (its last mount went and no file of it is
     * open). NULL: nothing beyond the VFS's own freeing. */
    void (*put_super)(struct super_block *sb);
    /* Fills page (4 KiB, kernel memory) with page index of inode's file
     * from the device: 0 or -EIO. NULL: the page cache is the only copy
     * of the data (tmpfs), and a page not in it is a hole of zeros. */
    int (*readpage)(struct inode *inode, uint64_t index, void *page);

    /* Disk file systems (their page caches hold copies of the device's
     * data; fs/writeback.h says when these run, and in what order).
     * Locks when they are called: writepage and write_inode with the
     * inode's lock held by writeback (or, at eviction, with nobody else
     * able to reach the inode: refs 0, lock free); page_mkwrite with the
     * inode lock held from write(2), but WITHOUT it from a page fault of
     * a shared mapping; sync_fs with no inode lock. None of them may take
     * the inode lock itself: a file system protects its block maps and
     * bitmaps against the fault path with its own lock. */
    /* Writes page index of inode's data (4096 bytes at page; bytes past
     * the size are zeros) to the blocks behind it, which page_mkwrite
     * allocated. 0 or -EIO. NULL: pages are never dirty (tmpfs). */
    int (*writepage)(struct inode *inode, uint64_t index, const void *page);
    /* Page index is about to be written (a write(2) under the inode lock,
     * or the first store through a shared mapping): allocate the blocks
     * behind it now, so that ENOSPC or EDQUOT comes from the write and
     * not from a later writeback. 0 or -errno. NULL: nothing to do. */
    int (*page_mkwrite)(struct inode *inode, uint64_t index);
    /* Copies the VFS inode's attributes (size, mode, owner, links, times)
     * into the file system's own copy of them (an on-disk inode in the
     * device's page cache, marked dirty there). 0 or -EIO. NULL: none. */
    int (*write_inode)(struct inode *inode);
    /* Puts the file system's own metadata (superblock, group descriptors,
     * free counts) into the device's page cache; writeback then writes
     * the device's dirty pages. 0 or -EIO. NULL: none. */
    int (*sync_fs)(struct super_block *sb);
    /* Adjusts stat's answer after the VFS filled it in from the inode:
     * disk file systems give st_dev (the disk's number), st_blksize and
     * st_blocks (the blocks the file takes on the disk). NULL: none. */
    void (*getattr)(const struct inode *inode, struct linux_stat *st);
    /* mount(MS_REMOUNT) changes the superblock's read-only state (flags
     * has MS_RDONLY or not): a disk file system writes everything back
     * and marks itself clean before it goes read-only (init does this
     * to "/" at shutdown). 0 or -errno (EBUSY: files open for writing).
     * NULL: only the mount's flags change. */
    int (*remount)(struct super_block *sb, unsigned long flags);
};

#define SB_RDONLY 0x1 /* MS_RDONLY */
#define SB_PSEUDO 0x2 /* pipes, sockets, anonymous inodes: inodes embedded in their objects, never mounted */
#define SB_KEEP_UNUSED 0x8 /* the dentry cache keeps its unused names (and their inodes) on an LRU list:
                              a disk file system, whose lookups cost a directory scan */
#define SB_EXPORT 0x4 /* every file is named in the dentry cache and its inode number is never reused:
                         file handles (name_to_handle_at) can find it again (tmpfs) */

struct fs_type {
    const char *name;
    bool requires_dev; /* /proc/filesystems marks the others "nodev" */
    /* Makes (or, for single-instance types like devtmpfs, finds) a
     * superblock for mount(2)'s source, flags and data string. *out gets
     * a reference (sb->refs). 0 or -errno. */
    int (*mount)(const struct fs_type *type, const char *source, unsigned long flags, const char *data,
                 struct super_block **out);
    struct fs_type *next;
};

struct super_block {
    const struct fs_type *type;
    const struct super_ops *ops;
    uint64_t magic;         /* statfs f_type */
    uint32_t dev;           /* the minor of st_dev (major 0: Linux's anonymous devices) */
    struct dentry *root;
    int refs;               /* its creator or mounts, and every inode of it */
    int active;             /* mounts of it: the last one's going prunes its tree */
    unsigned long flags;    /* SB_* */
    uint64_t next_ino;
    uint64_t pages_used;    /* page-cache pages of its files */
    uint64_t pages_max;     /* a limit on them and on xattr_bytes (tmpfs size=); 0: none */
    uint64_t xattr_bytes;   /* memory its files' extended attributes take (simple_xattr.h) */
    /* The extended-attribute namespaces it keeps, one handler each,
     * NULL-terminated (xattr.h); NULL: none. */
    const struct xattr_handler *const *xattr;
    struct sleeplock rename_lock; /* Linux's s_vfs_rename_mutex: see inode.h */
    struct block_device *bdev;    /* the disk it lives on; NULL for in-memory file systems */
    struct list_head inodes;      /* every in-memory inode of it (inode.sb_link), for writeback */
    struct list_head disk_link;   /* on writeback's list of mounted disk file systems */
    void *priv;
};

/* The pages counted against pages_max: the files' data, and their
 * extended attributes rounded up to pages. */
static inline uint64_t sb_pages_charged(const struct super_block *sb)
{
    return sb->pages_used + (sb->xattr_bytes + 4095) / 4096;
}

/* The next comma-separated option of a mount data string (mount(2)'s
 * data, "size=1m,mode=755"): copies it into opt (NUL-terminated; "" for
 * an empty one) and moves *p past it. 1 when it did, 0 at the end (or
 * for a NULL string), -EINVAL when it does not fit in size bytes. */
int fs_next_option(const char **p, char *opt, size_t size);

/* Makes file system type t known to mount(2) and /proc/filesystems. */
void fs_register(struct fs_type *t);
const struct fs_type *fs_find(const char *name);
/* The registered types, for /proc/filesystems. */
const struct fs_type *fs_types(void);

/* A new superblock of type t with ops and magic, a fresh device number
 * (major 0, as Linux numbers in-memory file systems) and one reference;
 * NULL when out of memory. The caller sets its root. */
struct super_block *sb_new(const struct fs_type *t, const struct super_ops *ops, uint64_t magic);
void sb_get(struct super_block *sb);
/* A mount of sb is made (the mount holds a reference the caller gave). */
void sb_activate(struct super_block *sb);
/* The mount is gone: with the last one the tree is pruned (files not in
 * use are freed) and the root let go; then the mount's reference drops. */
void sb_deactivate(struct super_block *sb);
/* Drops a reference; the last frees the superblock (after put_super). */
void sb_put(struct super_block *sb);

/* The device number sb's files show (st_dev, mountinfo, maps): its
 * disk's for a disk file system, else 0:sb->dev. */
void sb_device(const struct super_block *sb, uint32_t *major, uint32_t *minor);

/* Linux's dev_t as stat shows it (new_encode_dev). */
static inline uint64_t dev_encode(uint32_t major, uint32_t minor)
{
    return (minor & 0xff) | ((uint64_t)major << 8) | ((uint64_t)(minor & ~0xffu) << 12);
}

#endif
