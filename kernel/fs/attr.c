/* attr.c - changing attributes and asking a file system for its figures
 * (vfs_ops.h): chmod, chown, utimes and truncate all end in one
 * vfs_setattr under the inode lock, after permission.h's checks; statfs
 * asks the superblock. */
#include "fs/vfs_ops.h"

#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/fsnotify.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "lib/string.h"
#include "proc/rlimit.h"
#include "uapi/errno.h"

/* The owner and permission rules (permission.h), then the change; a size
 * change by one without CAP_FSETID also clears the set-ID bits. */
static int change(const struct path *p, struct inode *inode, const struct iattr *req)
{
    struct iattr a = *req;
    /* Growing past the caller's RLIMIT_FSIZE: SIGXFSZ and EFBIG, first
     * of setattr_prepare's checks (Linux's inode_newsize_ok). */
    if ((a.valid & ATTR_SIZE) && a.size > inode->size && rlimit_fsize_allow(a.size - 1, 1) < 0)
        return -EFBIG;
    inode_lock(inode);
    int err = setattr_prepare(inode, &a);
    if (!err && (a.valid & ATTR_SIZE))
        inode_remove_privs(inode);
    if (!err)
        err = inode_change(inode, &a);
    inode_unlock(inode);
    if (!err)
        fsnotify_change(p, inode, a.valid);
    return err;
}

int vfs_setattr(const struct path *p, const struct iattr *a)
{
    if (mnt_readonly(p->mnt))
        return -EROFS;
    return change(p, p->dentry->inode, a);
}

int vfs_setattr_file(struct file *f, const struct iattr *a)
{
    if (f->path.mnt && mnt_readonly(f->path.mnt))
        return -EROFS;
    return change(&f->path, f->inode, a);
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
