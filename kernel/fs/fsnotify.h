/*
 * fsnotify.h - the one notification layer between the VFS and whoever
 * watches files (Linux's fsnotify): the VFS says what happened to which
 * file through the hooks below, and every backend that put a mark on
 * that inode, or on its directory, hears about it. inotify (inotify.c)
 * and dnotify (dnotify.c) are two such backends; fanotify would be a
 * third, with no change to the VFS.
 *
 * Cost when nobody watches: every hook is an inline test of one global
 * counter (the marks in existence) and returns; the work is out of line.
 * When something is watched somewhere, an event costs a look at the
 * inode's mask and its directory's.
 *
 * Who calls what (the VFS, after the change succeeded):
 *   read, getdents       fsnotify_access       write, truncate  fsnotify_modify / fsnotify_change
 *   open                 fsnotify_open         last close       fsnotify_close
 *   chmod/chown/utimes   fsnotify_change       set/removexattr  fsnotify_xattr
 *   mknod/mkdir/symlink  fsnotify_create       link             fsnotify_link
 *   unlink/rmdir         fsnotify_link_count (a file's), then fsnotify_delete once the name is gone
 *   rename               fsnotify_move         the last umount  fsnotify_unmount
 *   a dentry's last use, its file without links: fsnotify_dentry_release
 * Events about a file also reach its directory's marks that asked for
 * their children's events (FS_EVENT_ON_CHILD), with the file's name;
 * those on the directory entry itself (create, delete, move) reach the
 * directory's marks only. Locks: none of the VFS's are needed; backends
 * take their own, and never sleep in an event.
 */
#ifndef FS_FSNOTIFY_H
#define FS_FSNOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/list.h"

struct dentry;
struct file;
struct inode;
struct path;
struct super_block;

/* Event bits: Linux's FS_*, the same values as inotify's IN_*. */
#define FS_ACCESS 0x00000001
#define FS_MODIFY 0x00000002
#define FS_ATTRIB 0x00000004
#define FS_CLOSE_WRITE 0x00000008
#define FS_CLOSE_NOWRITE 0x00000010
#define FS_OPEN 0x00000020
#define FS_MOVED_FROM 0x00000040
#define FS_MOVED_TO 0x00000080
#define FS_CREATE 0x00000100
#define FS_DELETE 0x00000200
#define FS_DELETE_SELF 0x00000400
#define FS_MOVE_SELF 0x00000800
#define FS_UNMOUNT 0x00002000
#define FS_Q_OVERFLOW 0x00004000
#define FS_IN_IGNORED 0x00008000
#define FS_EVENT_ON_CHILD 0x08000000 /* in a mark's mask: its directory's children's events too */
#define FS_RENAME 0x10000000         /* a name moved within one directory (dnotify's DN_RENAME) */
#define FS_ISDIR 0x40000000          /* in an event: it happened to a directory */

/* What a mark hears: one event, about inode (the mark's own, or for a
 * child's event the child), name the child's name in the mark's
 * directory (NULL for the mark's own inode), cookie linking the two
 * halves of a rename; dentry the open file's (file events, NULL
 * otherwise), so a watcher can skip unlinked files (IN_EXCL_UNLINK). */
struct fsnotify_event {
    uint32_t mask;
    struct inode *inode;
    const char *name;
    size_t namelen;
    uint32_t cookie;
    const struct dentry *dentry;
};

struct fsnotify_mark;

/* A backend's operations. Neither may sleep or touch another mark. */
struct fsnotify_ops {
    /* An event m asked for (its mask has one of e->mask's event bits).
     * It may remove m (fsnotify_remove_mark) - a one-shot watch. */
    void (*event)(struct fsnotify_mark *m, const struct fsnotify_event *e);
    /* The layer removed m because its inode is gone (deleted, or its file
     * system unmounted): the backend says so to its user (IN_IGNORED) and
     * frees m. The inode's reference is dropped afterwards. */
    void (*freed)(struct fsnotify_mark *m);
};

/* A backend's interest in one inode; backends embed it in their own
 * watch object. A mark holds a reference on its inode. */
struct fsnotify_mark {
    const struct fsnotify_ops *ops;
    const void *group;     /* the backend's instance: one mark per (group, inode) */
    struct inode *inode;
    uint32_t mask;         /* FS_* events, FS_EVENT_ON_CHILD; fsnotify_update_mask after a change */
    struct list_head link; /* on inode->fsnotify_marks */
    struct list_head all;  /* on the list of every mark (unmount finds them) */
};

/* The marks in existence: zero makes every hook a load and a branch. */
extern unsigned long fsnotify_marks_total;

/* Puts m (ops, group and mask filled in) on inode, taking a reference
 * on it. Pseudo inodes (pipes, sockets, event files: their objects
 * free them whatever their count says) cannot be marked: -EINVAL. */
int fsnotify_add_mark(struct fsnotify_mark *m, struct inode *inode);
/* Takes m off its inode (no freed call) and drops the reference. */
void fsnotify_remove_mark(struct fsnotify_mark *m);
/* The mark group has on inode, or NULL. */
struct fsnotify_mark *fsnotify_find_mark(struct inode *inode, const void *group);
/* Recomputes what inode's marks want, after a mark's mask changed. */
void fsnotify_update_mask(struct inode *inode);
/* A fresh cookie for the two events of one rename. */
uint32_t fsnotify_cookie(void);

/* --- the hooks ------------------------------------------------------- */

void __fsnotify_file(struct file *f, uint32_t mask);
void __fsnotify_change(const struct path *p, struct inode *inode, unsigned ia_valid);
void __fsnotify_dentry(const struct path *p, struct inode *inode, uint32_t mask);
void __fsnotify_name(struct inode *dir, uint32_t mask, const struct dentry *d, uint32_t cookie);
void __fsnotify_inode(struct inode *inode, uint32_t mask);
void __fsnotify_move(struct inode *odir, struct inode *ndir, const char *oname, const struct dentry *moved,
                     struct inode *replaced);
void __fsnotify_inoderemove(struct inode *inode);
void __fsnotify_unmount(struct super_block *sb);

/* A read (or a directory listing) returned data. */
static inline void fsnotify_access(struct file *f)
{
    if (fsnotify_marks_total)
        __fsnotify_file(f, FS_ACCESS);
}
/* A write changed the data (write, fallocate). */
static inline void fsnotify_modify(struct file *f)
{
    if (fsnotify_marks_total)
        __fsnotify_file(f, FS_MODIFY);
}
/* A file was opened (not for O_PATH). */
static inline void fsnotify_open(struct file *f)
{
    if (fsnotify_marks_total)
        __fsnotify_file(f, FS_OPEN);
}
/* The last reference to an open file went: IN_CLOSE_WRITE if it was
 * open for writing, else IN_CLOSE_NOWRITE. */
void __fsnotify_close(struct file *f);
static inline void fsnotify_close(struct file *f)
{
    if (fsnotify_marks_total)
        __fsnotify_close(f);
}
/* Attributes changed (setattr's ATTR_* bits, Linux's fsnotify_change):
 * a size or modification time is IN_MODIFY, an access time alone
 * IN_ACCESS, mode, owner or both times IN_ATTRIB. p->dentry may be NULL
 * (a pipe). */
static inline void fsnotify_change(const struct path *p, struct inode *inode, unsigned ia_valid)
{
    if (fsnotify_marks_total)
        __fsnotify_change(p, inode, ia_valid);
}
/* An extended attribute changed: IN_ATTRIB. */
static inline void fsnotify_xattr(const struct path *p, struct inode *inode)
{
    if (fsnotify_marks_total)
        __fsnotify_dentry(p, inode, FS_ATTRIB);
}
/* d (with its new inode) was made in dir: IN_CREATE. */
static inline void fsnotify_create(struct inode *dir, const struct dentry *d)
{
    if (fsnotify_marks_total)
        __fsnotify_name(dir, FS_CREATE, d, 0);
}
/* A link count changed (link, unlink, rename over a file): IN_ATTRIB on
 * the file alone. */
static inline void fsnotify_link_count(struct inode *inode)
{
    if (fsnotify_marks_total)
        __fsnotify_inode(inode, FS_ATTRIB);
}
/* d is a new name in dir for inode: its link count and IN_CREATE. */
static inline void fsnotify_link(struct inode *dir, struct inode *inode, const struct dentry *d)
{
    if (fsnotify_marks_total) {
        __fsnotify_inode(inode, FS_ATTRIB);
        __fsnotify_name(dir, FS_CREATE, d, 0);
    }
}
/* d's name left dir (after d_delete; d still holds the name and the
 * inode): IN_DELETE to dir; before it, IN_DELETE_SELF when the file has
 * no other link and nobody else uses this name (Linux's d_delete), or
 * else when that last use goes (fsnotify_dentry_release). */
void __fsnotify_delete(struct inode *dir, const struct dentry *d);
static inline void fsnotify_delete(struct inode *dir, const struct dentry *d)
{
    if (fsnotify_marks_total)
        __fsnotify_delete(dir, d);
}
/* A rename moved moved (now named as it is) from oname in odir to ndir,
 * replacing the file replaced (NULL if none): IN_MOVED_FROM and
 * IN_MOVED_TO with one cookie, FS_RENAME within one directory, the
 * replaced file's link count, IN_MOVE_SELF. */
static inline void fsnotify_move(struct inode *odir, struct inode *ndir, const char *oname,
                                 const struct dentry *moved, struct inode *replaced)
{
    if (fsnotify_marks_total)
        __fsnotify_move(odir, ndir, oname, moved, replaced);
}
/* The last use of a dentry went (dentry.c): if its file has no links
 * left, it is gone - IN_DELETE_SELF, and its marks go. */
static inline void fsnotify_dentry_release(struct inode *inode)
{
    if (fsnotify_marks_total)
        __fsnotify_inoderemove(inode);
}
/* sb's last mount went: IN_UNMOUNT to every mark on its inodes, which go. */
static inline void fsnotify_unmount(struct super_block *sb)
{
    if (fsnotify_marks_total)
        __fsnotify_unmount(sb);
}

#endif
