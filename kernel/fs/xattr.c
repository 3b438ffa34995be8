/*
 * xattr.c - see xattr.h. Who may do what, in Linux's order:
 *
 *   1. the namespace's own rule (fs/xattr.c xattr_permission):
 *      "trusted." is CAP_SYS_ADMIN's (others read nothing - ENODATA - and
 *      write nothing - EPERM); "user." exists only on regular files and
 *      directories (the same two answers elsewhere: a device's or FIFO's
 *      "user." attributes would belong to the device, not the file), and
 *      in a sticky directory only its owner may write them; "user." and
 *      unknown namespaces then need read or write permission through the
 *      one check (permission.h); "security." and "system." are left to
 *      the steps below;
 *   2. the capability rule (security/commoncap.c): writing or removing
 *      "security." needs CAP_SYS_ADMIN;
 *   3. the file system's handler for the prefix: none is EOPNOTSUPP, a
 *      bare prefix ("user.") EINVAL.
 */
#include "fs/xattr.h"

#include "fs/fsnotify.h"
#include "fs/inode.h"
#include "fs/permission.h"
#include "fs/super.h"
#include "lib/string.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/xattr.h"

static bool has_prefix(const char *name, const char *prefix) { return !strncmp(name, prefix, strlen(prefix)); }

static int xattr_permission(const struct inode *inode, const char *name, int mask)
{
    if (has_prefix(name, XATTR_SECURITY_PREFIX) || has_prefix(name, XATTR_SYSTEM_PREFIX))
        return 0;
    if (has_prefix(name, XATTR_TRUSTED_PREFIX)) {
        if (!capable(CAP_SYS_ADMIN))
            return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
        return 0;
    }
    if (has_prefix(name, XATTR_USER_PREFIX)) {
        uint32_t type = inode->mode & S_IFMT;
        if (type != S_IFREG && type != S_IFDIR)
            return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
        if (type == S_IFDIR && (inode->mode & S_ISVTX) && (mask & MAY_WRITE) && !inode_owner_or_capable(inode))
            return -EPERM;
    }
    return inode_permission(inode, mask);
}

/* Linux's cap_inode_setxattr / cap_inode_removexattr. */
static int security_may_change(const char *name)
{
    return has_prefix(name, XATTR_SECURITY_PREFIX) && !capable(CAP_SYS_ADMIN) ? -EPERM : 0;
}

/* The handler of inode's file system for name (Linux's
 * xattr_resolve_name), or NULL with *err set. */
static const struct xattr_handler *resolve(const struct inode *inode, const char *name, int *err)
{
    const struct xattr_handler *const *h = inode->sb->xattr;
    for (; h && *h; h++) {
        size_t n = strlen((*h)->prefix);
        if (!strncmp(name, (*h)->prefix, n)) {
            if (!name[n]) {
                *err = -EINVAL; /* a namespace without a name in it */
                return NULL;
            }
            return *h;
        }
    }
    *err = -EOPNOTSUPP;
    return NULL;
}

long vfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size)
{
    int err = xattr_permission(inode, name, MAY_READ);
    if (err)
        return err;
    const struct xattr_handler *h = resolve(inode, name, &err);
    if (!h)
        return err;
    if (!h->get)
        return -EOPNOTSUPP;
    inode_lock(inode);
    long r = h->get(h, inode, name, buf, size);
    inode_unlock(inode);
    return r;
}

long vfs_listxattr(struct inode *inode, char *buf, size_t size)
{
    if (!inode->ops || !inode->ops->listxattr)
        return 0; /* no attributes: an empty list, as Linux's file systems without them */
    inode_lock(inode);
    long r = inode->ops->listxattr(inode, buf, size);
    inode_unlock(inode);
    return r;
}

/* set and remove: value NULL removes. */
static int change(const struct path *p, struct inode *inode, const char *name, const void *value, size_t size,
                  int flags)
{
    inode_lock(inode);
    int err = xattr_permission(inode, name, MAY_WRITE);
    if (!err)
        err = security_may_change(name);
    const struct xattr_handler *h = err ? NULL : resolve(inode, name, &err);
    if (h)
        err = h->set ? h->set(h, inode, name, value, size, flags) : -EOPNOTSUPP;
    inode_unlock(inode);
    if (!err)
        fsnotify_xattr(p, inode);
    return err;
}

int vfs_setxattr(const struct path *p, struct inode *inode, const char *name, const void *value, size_t size,
                 int flags)
{
    return change(p, inode, name, value ? value : "", size, flags); /* an empty value is a value, not a removal */
}

int vfs_removexattr(const struct path *p, struct inode *inode, const char *name)
{
    return change(p, inode, name, NULL, 0, XATTR_REPLACE);
}
