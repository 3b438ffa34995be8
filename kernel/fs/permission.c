/* permission.c - see permission.h. */
#include "fs/permission.h"

#include "fs/inode.h"
#include "proc/cred.h"
#include "uapi/errno.h"

int generic_permission(const struct cred *c, const struct inode *inode, int mask)
{
    uint32_t mode = inode->mode;
    uint32_t bits;
    if (c->fsuid == inode->uid)
        bits = mode >> 6;
    else if (cred_in_group(c, inode->gid))
        bits = mode >> 3;
    else
        bits = mode;
    if ((mask & ~(int)bits & 7) == 0)
        return 0;
    /* CAP_DAC_OVERRIDE: reading, writing and searching always; executing
     * a file only when someone may execute it. */
    if (cred_capable(c, CAP_DAC_OVERRIDE) &&
        (!(mask & MAY_EXEC) || (mode & S_IFMT) == S_IFDIR || (mode & 0111)))
        return 0;
    return -EACCES;
}

int inode_permission_as(const struct cred *c, const struct inode *inode, int mask)
{
    if (inode->ops && inode->ops->permission)
        return inode->ops->permission(c, inode, mask);
    return generic_permission(c, inode, mask);
}

int inode_permission_slow(const struct inode *inode, int mask)
{
    return inode_permission_as(current_cred(), inode, mask);
}

bool inode_owner_or_capable(const struct inode *inode)
{
    const struct cred *c = current_cred();
    return c->fsuid == inode->uid || cred_capable(c, CAP_FOWNER);
}

int may_create(const struct inode *dir) { return inode_permission(dir, MAY_WRITE | MAY_EXEC); }

int protected_hardlinks = 1; /* Debian's kernel turns it on by default */

int may_link(const struct inode *inode)
{
    if (!protected_hardlinks || inode_owner_or_capable(inode))
        return 0;
    uint32_t mode = inode->mode;
    bool setid = (mode & S_ISUID) || (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP);
    bool safe = (mode & S_IFMT) == S_IFREG && !setid && inode_permission(inode, MAY_READ | MAY_WRITE) == 0;
    return safe ? 0 : -EPERM;
}

int may_delete(const struct inode *dir, const struct inode *victim)
{
    int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
    if (err)
        return err;
    const struct cred *c = current_cred();
    if ((dir->mode & S_ISVTX) && c->fsuid != victim->uid && c->fsuid != dir->uid && !cred_capable(c, CAP_FOWNER))
        return -EPERM;
    return 0;
}

void inode_init_owner(struct inode *inode, const struct inode *dir)
{
    const struct cred *c = current_cred();
    inode->uid = c->fsuid;
    if (dir && (dir->mode & S_ISGID)) {
        inode->gid = dir->gid;
        if ((inode->mode & S_IFMT) == S_IFDIR)
            inode->mode |= S_ISGID;
    } else {
        inode->gid = c->fsgid;
    }
    if ((inode->mode & S_ISGID) && (inode->mode & S_IFMT) != S_IFDIR && (inode->mode & S_IXGRP) &&
        !cred_in_group(c, inode->gid) && !cred_capable(c, CAP_FSETID))
        inode->mode &= ~S_ISGID;
}

int setattr_prepare(const struct inode *inode, struct iattr *a)
{
    const struct cred *c = current_cred();
    bool owner = c->fsuid == inode->uid;
    if ((a->valid & ATTR_UID) && !(owner && a->uid == inode->uid) && !cred_capable(c, CAP_CHOWN))
        return -EPERM;
    if ((a->valid & ATTR_GID) && !(owner && (a->gid == inode->gid || cred_in_group(c, a->gid))) &&
        !cred_capable(c, CAP_CHOWN))
        return -EPERM;
    if (a->valid & ATTR_MODE) {
        if (!owner && !cred_capable(c, CAP_FOWNER))
            return -EPERM;
        uint32_t gid = (a->valid & ATTR_GID) ? a->gid : inode->gid;
        if (!cred_in_group(c, gid) && !cred_capable(c, CAP_FSETID))
            a->mode &= ~S_ISGID;
    }
    if ((a->valid & (ATTR_ATIME_SET | ATTR_MTIME_SET)) && !owner && !cred_capable(c, CAP_FOWNER))
        return -EPERM;
    if ((a->valid & ATTR_TOUCH) && !owner && !cred_capable(c, CAP_FOWNER)) {
        int err = inode_permission_as(c, inode, MAY_WRITE);
        if (err)
            return err;
    }
    /* chown of a non-directory: the set-ID bits go (even root's chown). */
    if ((a->valid & (ATTR_UID | ATTR_GID)) && (inode->mode & S_IFMT) != S_IFDIR) {
        uint32_t mode = (a->valid & ATTR_MODE) ? a->mode : inode->mode & 07777;
        uint32_t kept = mode & ~S_ISUID;
        if (mode & S_IXGRP)
            kept &= ~S_ISGID;
        if (kept != (mode & 07777)) {
            a->mode = kept;
            a->valid |= ATTR_MODE;
        }
    }
    return 0;
}

void inode_remove_privs(struct inode *inode)
{
    uint32_t mode = inode->mode;
    if (!(mode & S_ISUID) && !((mode & S_ISGID) && (mode & S_IXGRP)))
        return;
    if (capable(CAP_FSETID))
        return;
    struct iattr a = {.valid = ATTR_MODE, .mode = mode & 07777 & ~S_ISUID};
    if (mode & S_IXGRP)
        a.mode &= ~S_ISGID;
    inode_change(inode, &a);
}
