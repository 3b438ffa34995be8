/* mount.c - see mount.h. */
#include "fs/mount.h"

#include "arch/x86_64/spinlock.h"
#include "fs/dentry.h"
#include "fs/inode.h"
#include "fs/namei.h"
#include "fs/path_ref.h"
#include "fs/super.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

static struct list_head table = LIST_HEAD_INIT(table);
static struct spinlock table_lock;
static struct mount *root_mount;
static int next_id = 21; /* the ID Linux's first mount usually gets; any would do */

void mount_release(struct mount *m)
{
    struct mount *parent = m->parent;
    struct dentry *mountpoint = m->mountpoint;
    d_put(m->root);
    sb_deactivate(m->sb);
    kfree(m->source);
    kfree(m);
    if (parent != m) {
        d_put(mountpoint);
        mount_put(parent);
    }
}

void path_get(const struct path *p) { path_get_inline(p); }
void path_put(const struct path *p) { path_put_inline(p); }

struct mount *mount_lookup(struct mount *parent, struct dentry *d)
{
    if (!d->mounts)
        return NULL;
    struct mount *found = NULL;
    spin_lock(&table_lock);
    /* Newest first: a later mount on the same place hides the earlier. */
    for (struct list_head *l = table.prev; l != &table; l = l->prev) {
        struct mount *m = list_entry(l, struct mount, link);
        if (m->parent == parent && m->mountpoint == d && m != parent) {
            found = mount_get(m);
            break;
        }
    }
    spin_unlock(&table_lock);
    return found;
}

/* Makes a mount showing root (of sb) at target, or the root mount when
 * target is NULL. The caller's sb reference passes to the mount. */
static int attach(struct super_block *sb, struct dentry *root, const struct path *target, unsigned long flags,
                  const char *source)
{
    if (target && !inode_is_dir(target->dentry->inode))
        return -ENOTDIR;
    if (target && d_unlinked(target->dentry))
        return -ENOENT;
    struct mount *m = kzalloc(sizeof *m);
    size_t len = strlen(source);
    char *src = kmalloc(len + 1);
    if (!m || !src) {
        kfree(m);
        kfree(src);
        return -ENOMEM;
    }
    memcpy(src, source, len + 1);
    m->source = src;
    m->sb = sb;
    m->root = d_get(root);
    m->flags = flags & MNT_FLAGS_MASK;
    m->refs = 1; /* the attachment */
    m->id = next_id++;
    sb_activate(sb);
    if (target) {
        m->parent = mount_get(target->mnt);
        m->mountpoint = d_get(target->dentry);
        target->dentry->mounts++;
    } else {
        m->parent = m;
        m->mountpoint = root;
        root_mount = m;
    }
    spin_lock(&table_lock);
    list_add_tail(&m->link, &table);
    spin_unlock(&table_lock);
    return 0;
}

/* Asks file system type fstype for a superblock. */
static int make_sb(const char *fstype, const char *source, unsigned long flags, const char *data,
                   struct super_block **sb)
{
    const struct fs_type *t = fs_find(fstype);
    if (!t)
        return -ENODEV; /* mount(2): "filesystemtype not configured in the kernel" */
    if (!t->mount)
        return -EINVAL; /* pipefs and the like are never mounted (Linux: MS_NOUSER) */
    /* A disk file system resolves source to its block device itself
     * (ENOTBLK, ENXIO as Linux's lookup_bdev). */
    return t->mount(t, source, flags, data, sb);
}

int mount_root(const char *fstype, const char *source)
{
    struct super_block *sb;
    int err = make_sb(fstype, source, 0, NULL, &sb);
    if (err)
        return err;
    err = attach(sb, sb->root, NULL, 0, source);
    if (err) {
        sb_activate(sb);
        sb_deactivate(sb);
    }
    return err;
}

int mount_root_sb(struct super_block *sb, const char *source, unsigned long flags)
{
    /* The old root mount stays in the table below the new one, where no
     * path reaches it (Linux keeps its rootfs under the real root too). */
    return attach(sb, sb->root, NULL, flags, source);
}

struct path mount_root_path(void) { return (struct path){root_mount, root_mount ? root_mount->root : NULL}; }

int mount_new(const char *fstype, const char *source, const struct path *target, unsigned long flags,
              const char *data)
{
    if (!inode_is_dir(target->dentry->inode))
        return -ENOTDIR;
    struct super_block *sb;
    int err = make_sb(fstype, source, flags, data, &sb);
    if (err)
        return err;
    err = attach(sb, sb->root, target, flags, source);
    if (err) { /* never mounted: let it go as an unmount would */
        sb_activate(sb);
        sb_deactivate(sb);
    }
    return err;
}

int mount_bind(const struct path *from, const struct path *target, unsigned long flags)
{
    /* A bind mount of a file onto a file is allowed on Linux; here both
     * must be directories (the path walk only crosses mounts on those). */
    if (!inode_is_dir(from->dentry->inode))
        return -ENOTDIR;
    if (d_unlinked(from->dentry))
        return -ENOENT;
    sb_get(from->mnt->sb);
    int err = attach(from->mnt->sb, from->dentry, target, flags, from->mnt->source);
    if (err)
        sb_put(from->mnt->sb);
    return err;
}

int mount_remount(const struct path *target, unsigned long flags)
{
    struct mount *m = target->mnt;
    if (target->dentry != m->root)
        return -EINVAL; /* not a mount point */
    /* Without MS_BIND a remount is the superblock's too (Linux's
     * reconfigure_super): read-only or not is the file system's say. */
    struct super_block *sb = m->sb;
    if (!(flags & MS_BIND) && sb->ops->remount && !(flags & MS_RDONLY) != !(sb->flags & SB_RDONLY)) {
        int err = sb->ops->remount(sb, flags);
        if (err)
            return err;
    }
    m->flags = flags & MNT_FLAGS_MASK;
    return 0;
}

/* Is anything beyond the attachment and the caller's own reference using
 * m, or is another mount on top of it? */
static bool busy(struct mount *m)
{
    if (m->refs > 2)
        return true;
    list_for_each_entry(c, &table, struct mount, link)
        if (c->parent == m && c != m)
            return true;
    return false;
}

struct super_block *mount_find_sb(uint32_t dev)
{
    struct super_block *found = NULL;
    spin_lock(&table_lock);
    list_for_each_entry(m, &table, struct mount, link)
        if (m->sb->dev == dev) {
            found = m->sb;
            sb_get(found);
            break;
        }
    spin_unlock(&table_lock);
    return found;
}

/* Takes m (and, for a lazy unmount, every mount below it) out of the
 * tree; each goes once its last user lets go. */
static void detach(struct mount *m)
{
    spin_lock(&table_lock);
    list_del_init(&m->link);
    spin_unlock(&table_lock);
    m->mountpoint->mounts--;
    for (;;) { /* children first (lazy unmount of a subtree) */
        struct mount *child = NULL;
        list_for_each_entry(c, &table, struct mount, link)
            if (c->parent == m && c != m) {
                child = c;
                break;
            }
        if (!child)
            break;
        detach(child);
    }
    mount_put(m); /* the attachment */
}

int mount_remove(const struct path *target, int flags)
{
    struct mount *m = target->mnt;
    if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
        return -EINVAL;
    if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
        return -EINVAL;
    if (target->dentry != m->root)
        return -EINVAL; /* umount(2): "target is not a mount point" */
    if (m == root_mount)
        return -EBUSY;
    if (!(flags & MNT_DETACH) && busy(m))
        return -EBUSY;
    if (flags & MNT_EXPIRE) {
        /* The first MNT_EXPIRE only marks the mount (EAGAIN); a second
         * one unmounts it if nobody used it in between. */
        if (!m->expiring) {
            m->expiring = true;
            return -EAGAIN;
        }
    }
    detach(m);
    return 0;
}

/* --- /proc/mounts and /proc/PID/mountinfo --------------------------- */

static size_t put(char *buf, size_t size, size_t n, const char *s)
{
    while (*s && n < size)
        buf[n++] = *s++;
    return n;
}

/* The per-mount options, Linux's show_mnt_opts order. */
static size_t put_mount_opts(char *buf, size_t size, size_t n, const struct mount *m)
{
    n = put(buf, size, n, (m->flags & MS_RDONLY) || (m->sb->flags & SB_RDONLY) ? "ro" : "rw");
    if (m->flags & MS_NOSUID)
        n = put(buf, size, n, ",nosuid");
    if (m->flags & MS_NODEV)
        n = put(buf, size, n, ",nodev");
    if (m->flags & MS_NOEXEC)
        n = put(buf, size, n, ",noexec");
    if (m->flags & MS_NOATIME)
        n = put(buf, size, n, ",noatime");
    else
        n = put(buf, size, n, ",relatime");
    if (m->flags & MS_NODIRATIME)
        n = put(buf, size, n, ",nodiratime");
    return n;
}

static size_t put_sb_opts(char *buf, size_t size, size_t n, struct super_block *sb)
{
    if (sb->ops->show_options && n < size)
        n += (size_t)sb->ops->show_options(sb, buf + n, size - n);
    return n < size ? n : size;
}

/* The mount point's path as the reader sees it; false if it lies outside
 * the reader's root (Linux leaves such mounts out). */
static bool mountpoint_path(const struct mount *m, const struct path *root, char *out, size_t size)
{
    struct path p = {(struct mount *)m, m->root};
    /* Is root an ancestor of p across mounts? */
    struct path q = p;
    for (;;) {
        if (q.mnt == root->mnt && d_is_ancestor(root->dentry, q.dentry))
            break;
        if (q.mnt->parent == q.mnt)
            return false;
        q = (struct path){q.mnt->parent, q.mnt->mountpoint};
    }
    return path_to_string(&p, out, size, false) >= 0;
}

long mount_table_show(char *buf, size_t size, const struct path *root, int mountinfo)
{
    char *mp = kmalloc(PATH_MAX), *rp = kmalloc(PATH_MAX);
    size_t n = 0;
    if (!mp || !rp) {
        kfree(mp);
        kfree(rp);
        return -ENOMEM;
    }
    list_for_each_entry(m, &table, struct mount, link) {
        if (n >= size)
            break;
        if (!mountpoint_path(m, root, mp, PATH_MAX))
            continue;
        if (mountinfo) {
            /* The mount's root within its file system. */
            struct path in_sb = {m, m->root};
            long rl = dentry_path_in_sb(&in_sb, rp, PATH_MAX);
            if (rl < 0)
                continue;
            uint32_t major, minor;
            sb_device(m->sb, &major, &minor);
            n += (size_t)ksnprintf(buf + n, size - n, "%d %d %u:%u %s %s ", m->id, m->parent->id, major, minor,
                                   rp, mp);
            n = put_mount_opts(buf, size, n, m);
            n = put(buf, size, n, " - ");
            n = put(buf, size, n, m->sb->type->name);
            n = put(buf, size, n, " ");
            n = put(buf, size, n, m->source);
            n = put(buf, size, n, (m->sb->flags & SB_RDONLY) ? " ro" : " rw");
            n = put_sb_opts(buf, size, n, m->sb);
            n = put(buf, size, n, "\n");
        } else {
            n = put(buf, size, n, m->source);
            n = put(buf, size, n, " ");
            n = put(buf, size, n, mp);
            n = put(buf, size, n, " ");
            n = put(buf, size, n, m->sb->type->name);
            n = put(buf, size, n, " ");
            n = put_mount_opts(buf, size, n, m);
            n = put_sb_opts(buf, size, n, m->sb);
            n = put(buf, size, n, " 0 0\n");
        }
    }
    kfree(mp);
    kfree(rp);
    return (long)(n < size ? n : size);
}
