/*
 * permission.h - the one place file access is decided: mode bits against
 * a process's file-system ids and groups (proc/cred.h), with root's
 * overrides, and the ownership rules of chmod/chown/utimes, sticky
 * directories and new files. Every path walk, open, create, remove,
 * rename, exec and attribute change asks here (Linux's fs/namei.c
 * generic_permission and fs/attr.c setattr_prepare).
 */
#ifndef FS_PERMISSION_H
#define FS_PERMISSION_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/inode.h"

struct cred;
struct iattr;

#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

/* May c do mask (MAY_* bits) to inode by its mode? 0 or -EACCES. The owner's bits
 * apply to the owner, the group's to its members, the others' to the
 * rest; CAP_DAC_OVERRIDE (file-system uid 0) passes everything but
 * executing a file that has no execute bit at all. */
int generic_permission(const struct cred *c, const struct inode *inode, int mask);
/* generic_permission, or the inode's own rule when its file system has
 * one (inode_ops.permission). */
int inode_permission_as(const struct cred *c, const struct inode *inode, int mask);
/* The same for the running process. Inline for the common answer: when
 * the owner, the group and the others all have the bits asked for, and
 * the inode has no rule of its own, everyone passes whoever they are
 * (generic_permission would find the bits in any class), so the
 * credentials need no look: every step of a path walk (search
 * permission) and most opens end here. */
int inode_permission_slow(const struct inode *inode, int mask);
static inline int inode_permission(const struct inode *inode, int mask)
{
    uint32_t need = (uint32_t)mask & 7;
    need |= need << 3 | need << 6; /* the bits in all three classes: a constant for a constant mask */
    if ((inode->mode & need) == need && !(inode->ops && inode->ops->permission))
        return 0;
    return inode_permission_slow(inode, mask);
}

/* Is the caller the file's owner or does it hold CAP_FOWNER? */
bool inode_owner_or_capable(const struct inode *inode);

/* May the caller remove or rename away victim from dir (write and
 * search permission on dir; in a sticky directory only the file's or
 * the directory's owner)? 0, -EACCES or -EPERM. */
int may_delete(const struct inode *dir, const struct inode *victim);
/* May the caller make a name in dir? 0 or -EACCES. */
int may_create(const struct inode *dir);

/* May the caller give inode another name (link)? With
 * /proc/sys/fs/protected_hardlinks 1 (the default, as Debian's kernel) a
 * file one does not own (and without CAP_FOWNER) must be a regular file,
 * not set-user-ID nor executable set-group-ID, that one may read and
 * write: no pinning of others' setuid programs or secrets in one's own
 * directory (Linux's may_linkat). 0 or -EPERM. */
int may_link(const struct inode *inode);
/* /proc/sys/fs/protected_hardlinks: 0 or 1 (1 by default). */
extern int protected_hardlinks;

/* A new file's owner, group and mode in dir: the caller's file-system
 * ids, the directory's group when it is set-group-ID (a new directory
 * inherits the bit); the set-group-ID bit of a new file dropped when the
 * caller is not in its group and lacks CAP_FSETID. dir NULL: no parent. */
void inode_init_owner(struct inode *inode, const struct inode *dir);

/* The checks of chmod, chown and the time calls (Linux's setattr_prepare)
 * on a change a to inode, and the mode bits they clear: chown clears the
 * set-user-ID bit (and set-group-ID with group execute) of a non-directory;
 * chmod by one not in the file's group drops set-group-ID. 0, -EPERM or
 * -EACCES; a may be adjusted. */
int setattr_prepare(const struct inode *inode, struct iattr *a);

/* A write (or truncate) by someone without CAP_FSETID clears the file's
 * set-user-ID bit, and set-group-ID when group execute is set (Linux's
 * file_remove_privs). The caller holds the inode lock. */
void inode_remove_privs(struct inode *inode);

#endif
