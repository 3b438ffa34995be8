/*
 * vfs_ops.h - what the file-system calls do, on resolved paths: open,
 * create, remove and rename names, change attributes. The system-call
 * layer (kernel/syscall/) copies arguments in, resolves the starting
 * directory and calls these; the rules and errno values are Linux's
 * (section 2 of the manual). Each takes the locks inode.h orders.
 */
#ifndef FS_VFS_OPS_H
#define FS_VFS_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/path.h"
#include "uapi/stat.h"

struct file;
struct iattr;
struct kstatfs;

/* open(2): pathname from start with flags and (for O_CREAT) mode, the
 * umask already applied. 0 and *out (one reference), or -errno. */
/* An internal flag (Linux's __FMODE_EXEC; open(2) ignores it): execve's
 * open, which needs execute permission instead of read permission. */
#define VFS_OPEN_EXEC 0x20
/* Another (Linux has none: its callers pass LOOKUP_EMPTY): an empty
 * pathname opens start itself (execveat's AT_EMPTY_PATH). */
#define VFS_OPEN_EMPTY 0x10
int vfs_open(const struct path *start, const char *pathname, int flags, uint32_t mode, struct file **out);
/* openat2(2): vfs_open with lookup's RESOLVE_* restrictions (namei.h's
 * LOOKUP_NO_XDEV...), start being the scope of BENEATH and IN_ROOT. */
int vfs_open_how(const struct path *start, const char *pathname, int flags, uint32_t mode, unsigned lookup,
                 struct file **out);

/* mknod(2) / mkdir(2) / symlink(2) / link(2) of the name at pathname. */
int vfs_mknod(const struct path *start, const char *pathname, uint32_t mode, uint32_t rdev);
int vfs_mkdir(const struct path *start, const char *pathname, uint32_t mode);
int vfs_symlink(const struct path *start, const char *pathname, const char *target);
int vfs_link(const struct path *old, const struct path *start, const char *newname);
/* Creates a name in an already resolved parent directory (unix sockets'
 * bind): *out referenced. -EEXIST if the name exists. */
int vfs_create_at(const struct path *parent, const char *name, uint32_t mode, uint32_t rdev, struct path *out);

/* Makes name (which does not exist) in directory parent, whose inode
 * lock the caller holds: a regular file, device node, FIFO or socket of
 * mode. *out gets the new dentry, referenced. */
struct dentry;
int vfs_make_locked(const struct path *parent, const char *name, uint32_t mode, uint32_t rdev, struct dentry **out);

/* unlink(2) (dir false) and rmdir(2) (dir true). */
int vfs_unlink(const struct path *start, const char *pathname, bool dir);
/* renameat2(2) with RENAME_NOREPLACE / RENAME_EXCHANGE. */
int vfs_rename(const struct path *ostart, const char *oldname, const struct path *nstart, const char *newname,
               unsigned flags);

/* Changes attributes of the file at p (chmod, chown, utimes, truncate)
 * under its inode lock; -EROFS on a read-only mount. */
int vfs_setattr(const struct path *p, const struct iattr *a);
/* The same for an open file (fchmod, ftruncate...): pipes and other
 * pathless files change in memory only. */
int vfs_setattr_file(struct file *f, const struct iattr *a);

/* statfs(2) of the file system holding p's inode (or a pathless inode's). */
void vfs_statfs(const struct path *p, const struct file *f, struct kstatfs *st, uint64_t *mnt_flags);

/* Is the mount read-only (mount -o ro, or its file system)? */
bool mnt_readonly(const struct mount *m);

#endif
