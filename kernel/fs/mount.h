/*
 * mount.h - the mount table. A mount attaches a superblock's tree (or,
 * for a bind mount, a subtree) at a dentry of another mount, its
 * mountpoint; the path walk crosses into the newest mount on a dentry
 * when it steps onto it, and back out when `..` leaves a mount's root.
 * Every file system, the root included, is reached through a mount.
 *
 * A mount's refs count its attachment (one, while mounted) and every path
 * held through it (open files, working directories, a walk in progress):
 * umount refuses with EBUSY while others remain, or while mounts sit on
 * top of it. /proc/mounts and /proc/PID/mountinfo list the table in the
 * order of mounting, in Linux's formats.
 */
#ifndef FS_MOUNT_H
#define FS_MOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/path.h"
#include "lib/list.h"

struct dentry;
struct super_block;

#include "uapi/mount.h" /* MS_* and MNT_* */

/* The per-mount flags a mount keeps (shown in /proc/mounts). */
#define MNT_FLAGS_MASK (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME)

struct mount {
    struct super_block *sb;
    struct dentry *root;       /* the top of what it shows: sb->root, or a subtree (bind) */
    struct mount *parent;      /* the root mount is its own parent */
    struct dentry *mountpoint; /* in parent */
    int refs;
    int id;                    /* mountinfo's mount ID */
    unsigned long flags;       /* MNT_FLAGS_MASK bits */
    char *source;              /* mount(2)'s source, as /proc/mounts shows it */
    bool expiring;             /* marked by umount2(MNT_EXPIRE), not used since */
    struct list_head link;     /* the table, in mount order */
};

/* Mounts the first file system at "/" (the initramfs's tmpfs). */
int mount_root(const char *fstype, const char *source);
/* Makes sb (its reference passes to the mount) the new root of the
 * tree, hiding the old one (root=: a disk replaces the initramfs). */
int mount_root_sb(struct super_block *sb, const char *source, unsigned long flags);
/* The root of the whole tree (what "/" means before a process exists). */
struct path mount_root_path(void);

/* The newest mount on dentry d of mount parent (referenced), or NULL. */
struct mount *mount_lookup(struct mount *parent, struct dentry *d);

static inline struct mount *mount_get(struct mount *m)
{
    m->refs++;
    return m;
}
/* The last reference frees an unmounted mount. */
void mount_release(struct mount *m);
static inline void mount_put(struct mount *m)
{
    if (m && --m->refs == 0)
        mount_release(m);
}

/* mount(2) at target: a new mount of fstype from source with data, a bind
 * mount of source_path (MS_BIND), or a remount (MS_REMOUNT). */
int mount_new(const char *fstype, const char *source, const struct path *target, unsigned long flags,
              const char *data);
int mount_bind(const struct path *from, const struct path *target, unsigned long flags);
int mount_remount(const struct path *target, unsigned long flags);
/* umount2(2) of the mount whose root target is. */
int mount_remove(const struct path *target, int flags);

/* The superblock mounted somewhere whose st_dev minor is dev (major 0),
 * referenced (sb_put), or NULL: ustat(2)'s user_get_super. */
struct super_block *mount_find_sb(uint32_t dev);

/* Writes /proc/mounts (mountinfo false) or /proc/PID/mountinfo, paths
 * relative to root; returns the length (cut at size). */
long mount_table_show(char *buf, size_t size, const struct path *root, int mountinfo);

#endif
