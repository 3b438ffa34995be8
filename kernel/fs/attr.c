/* attr.c - changing attributes and asking a file system for its figures
 * (vfs_ops.h): chmod, chown, utimes and truncate all end in one
 * vfs_setattr under the inode lock, after permission.h's checks; statfs
 * asks the superblock. */
#include "fs/vfs_ops.h"

#include "fs/dentry.h"
#include "fs/dnotify.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "lib/string.h"
#include "uapi/errno.h"

/* What a change tells directory watchers (Linux's fsnotify_change): a
 * new size is a modification, new owners or mode an attribute change, and
 * so are both times at once (utimes); one time alone is an access or a
 * modification. */
static unsigned change_events(const struct iattr *a)
{
    unsigned ev = (a->valid & ATTR_SIZE) ? DN_MODIFY : 0;
    if (a->valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
        ev |= DN_ATTRIB;
    if ((a->valid & (ATTR_ATIME | ATTR_MTIME)) == (ATTR_ATIME | ATTR_MTIME))
        ev |= DN_ATTRIB;
    else if (a->valid & ATTR_ATIME)
        ev |= DN_ACCESS;
    else if (a->valid & ATTR_MTIME)
        ev |= DN_MODIFY;
    return ev;
}

/* The owner and permission rules (permission.h), then the change; a size
 * change by one without CAP_FSETID also clears the set-ID bits. */
static int change(struct inode *inode, const struct dentry *d, const struct iattr *req)
{
    struct iattr a = *req;
    inode_lock(inode);
    int err = setattr_prepare(inode, &a);
    if (!err && (a.valid & ATTR_SIZE))
        inode_remove_privs(inode);
    if (!err)
        err = inode_change(inode, &a);
    inode_unlock(inode);
    if (!err)
        dnotify_entry(d, change_events(&a));
    return err;
}

int vfs_setattr(const struct path *p, const struct iattr *a)
{
    if (mnt_readonly(p->mnt))
        return -EROFS;
    return change(p->dentry->inode, p->dentry, a);
}

int vfs_setattr_file(struct file *f, const struct iattr *a)
{
    if (f->path.mnt && mnt_readonly(f->path.mnt))
        return -EROFS;
    return change(f->inode, f->path.dentry, a);
}

void vfs_statfs(const struct path *p, const struct file *f, struct kstatfs *st, uint64_t *mnt_flags)
{
    memset(st, 0, sizeof *st);
    struct inode *inode = p ? p->dentry->inode : f->inode;
    const struct mount *m = p ? p->mnt : f->path.mnt;
    if (inode->sb->ops->statfs)
        inode->sb->ops->statfs(inode->sb, st);
    *mnt_flags = m ? m->flags | ((inode->sb->flags & SB_RDONLY) ? MS_RDONLY : 0) : 0;
}
