/*
 * namei.h - path walking: from a starting directory (the working
 * directory, a directory descriptor, or the process's root for "/"),
 * component by component, through `.` and `..`, symlinks (at most 40 in
 * one walk: ELOOP beyond, as Linux's MAXSYMLINKS) and magic links, across
 * mount points in both directions, never above the process's root. Each
 * step holds a reference on where it stands; the result is a referenced
 * path the caller drops with path_put.
 */
#ifndef FS_NAMEI_H
#define FS_NAMEI_H

#include <stdbool.h>
#include <stddef.h>

#include "fs/path.h"

#define PATH_MAX 4096
#define NAME_MAX 255
#define MAXSYMLINKS 40

#define LOOKUP_FOLLOW 0x1    /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2 /* the result must be a directory (ENOTDIR) */
#define LOOKUP_EMPTY 0x4     /* the empty path names start itself (AT_EMPTY_PATH) */
/* openat2's RESOLVE_* restrictions (Linux's LOOKUP_NO_XDEV...): a walk
 * that would cross a mount fails with EXDEV, one through a magic link or
 * any symlink with ELOOP; a scoped walk (BENEATH, IN_ROOT) treats its
 * scope (the dirfd) as the root: BENEATH fails with EXDEV at any jump to
 * "/" or ".." above the scope, IN_ROOT stays inside as chroot would; both
 * refuse magic links (EXDEV). CACHED answers EAGAIN where a name is not
 * in the dentry cache and the file system would be asked. */
#define LOOKUP_NO_XDEV 0x10
#define LOOKUP_NO_MAGICLINKS 0x20
#define LOOKUP_NO_SYMLINKS 0x40
#define LOOKUP_BENEATH 0x80
#define LOOKUP_IN_ROOT 0x100
#define LOOKUP_CACHED 0x200
#define LOOKUP_SCOPED (LOOKUP_BENEATH | LOOKUP_IN_ROOT)

/* Resolves path from start (relative paths) or the current process's
 * root (absolute ones): 0 and *out referenced, or -ENOENT, -ENOTDIR,
 * -ELOOP, -ENAMETOOLONG (a component past NAME_MAX), -ENOMEM. A trailing
 * slash requires a directory and follows a symlink in the last
 * component. path is shorter than PATH_MAX: user paths are refused
 * longer when they are copied in (syscall/path.h), and symlink texts
 * are shorter still. */
int namei(const struct path *start, const char *path, unsigned flags, struct path *out);
/* namei for a start the caller holds a reference to and has no more use
 * for: the walk takes that reference over (and drops it on failure), so
 * a system call's walk costs one reference less. No LOOKUP_EMPTY or
 * scoped flags. */
int namei_from(struct path *start, const char *path, unsigned flags, struct path *out);
/* namei with the RESOLVE_* bits above; scope is the root of a scoped walk
 * (NULL: start), held by the caller. */
int namei_scoped(const struct path *start, const struct path *scope, const char *path, unsigned flags,
                 struct path *out);

/* For calls that make or remove a name: resolves all but the last
 * component into *parent (referenced, a directory) and copies the last
 * one into last (NUL-terminated). *trailing_slash says whether the path
 * ended in '/'. The last component may be "." or ".."; the path "/" has
 * none (-EEXIST, as mkdir("/") answers). */
int namei_parent(const struct path *start, const char *path, struct path *parent, char last[NAME_MAX + 1],
                 bool *trailing_slash);
int namei_parent_scoped(const struct path *start, const struct path *scope, const char *path, unsigned flags,
                        struct path *parent, char last[NAME_MAX + 1], bool *trailing_slash);

/* May a walk with flags (LOOKUP_NO_*, scoped) follow link, a symlink or
 * a magic link, standing in directory at? For a magic link, target is
 * where it leads. 0, -ELOOP or -EXDEV, in Linux's order (pick_link,
 * nd_jump_link). */
struct inode;
int namei_may_follow(unsigned flags, const struct inode *link, const struct path *at, const struct path *target);

/* Finds name in directory dir (a dentry of mount mnt): the cached
 * dentry, or the file system's lookup. Does not cross mounts or follow
 * links. *out is referenced. The caller holds dir's inode lock when
 * locked is true (a create or unlink in progress); otherwise it is taken
 * around the file system's lookup. */
int namei_child(struct dentry *dir, const char *name, size_t len, bool locked, struct dentry **out);

/* Steps from path p onto the root of the mounts stacked on it, if any. */
void namei_follow_mounts(struct path *p);

/* The path of p as the current process sees it (relative to its root;
 * a path outside that root is shown from the real root, as Linux's d_path
 * does for unreachable paths), " (deleted)" added when unlinked and
 * deleted_suffix is set. Its length, or -ENAMETOOLONG. */
long path_to_string(const struct path *p, char *buf, size_t size, bool deleted_suffix);
/* Is p at or below the caller's root? A working directory left outside
 * a chroot is not: getcwd shows it as "(unreachable)/...". */
bool path_reachable(const struct path *p);

/* A dentry's path from the root of its own file system (mountinfo). */
long dentry_path_in_sb(const struct path *p, char *buf, size_t size);

/* A symlink's text into buf (at most size bytes, no NUL): its length, or
 * -EINVAL for a file that is not a symlink. */
struct inode;
long vfs_readlink(struct inode *link, char *buf, size_t size);

/* The current process's root and working directory (or the tree's root
 * while the kernel boots), not referenced. */
struct path namei_root(void);
struct path namei_cwd(void);

#endif
