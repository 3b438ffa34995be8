/*
 * xattr.h - extended attributes in the VFS (xattr(7)): name/value pairs
 * beside a file's data, in namespaces named by a prefix ("user.",
 * "trusted.", "security."). The rules of who may read and write which
 * namespace live here (xattr.c, after Linux's fs/xattr.c and the
 * capability module's security hooks); storing them is the file
 * system's business.
 *
 * A file system plugs in the way Linux's do: its superblock lists one
 * handler per namespace it keeps (sb->xattr, NULL-terminated), and its
 * inodes answer listxattr (inode_ops.listxattr). A file system without
 * handlers has no attributes: get and set are EOPNOTSUPP, the list is
 * empty. tmpfs keeps them in memory (simple_xattr.h); ext2 will read
 * them from its blocks through the same two hooks.
 */
#ifndef FS_XATTR_H
#define FS_XATTR_H

#include <stdbool.h>
#include <stddef.h>

struct inode;
struct path;

/* One namespace a file system keeps (Linux's struct xattr_handler). The
 * VFS has checked permission and that name (the full name, prefix
 * included) has something after the prefix; the caller holds the inode
 * lock. */
struct xattr_handler {
    const char *prefix;
    /* The value of name into buf (size bytes of kernel memory; size 0:
     * only its length). Its length, -ENODATA, or -ERANGE when it does
     * not fit. */
    long (*get)(const struct xattr_handler *h, struct inode *inode, const char *name, void *buf, size_t size);
    /* Sets name to value[0..size), or removes it when value is NULL;
     * flags XATTR_CREATE (-EEXIST) or XATTR_REPLACE (-ENODATA). 0, those,
     * or -ENOSPC / -ENOMEM. */
    int (*set)(const struct xattr_handler *h, struct inode *inode, const char *name, const void *value, size_t size,
               int flags);
};

/* getxattr(2): name's value into buf (kernel memory, size bytes; size 0
 * asks for the length). Its length, or -ENODATA, -ERANGE, -EOPNOTSUPP,
 * -EACCES (the rules in xattr.c). */
long vfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size);

/* listxattr(2): the names the caller may see ("trusted." ones only with
 * CAP_SYS_ADMIN), each NUL-terminated, into buf (size 0: only the
 * length). The length, or -ERANGE. */
long vfs_listxattr(struct inode *inode, char *buf, size_t size);

/* setxattr(2) and removexattr(2) of the file at p (p->dentry NULL for a
 * file with no name, an open pipe's) whose inode is inode. The caller
 * has checked that the mount is writable (Linux's mnt_want_write comes
 * before the arguments are looked at). value NULL removes. 0 or -errno:
 * EPERM, EACCES, EOPNOTSUPP, EINVAL, EEXIST, ENODATA, ENOSPC. A change
 * is an IN_ATTRIB event (fsnotify.h); the file system sets the ctime. */
int vfs_setxattr(const struct path *p, struct inode *inode, const char *name, const void *value, size_t size,
                 int flags);
int vfs_removexattr(const struct path *p, struct inode *inode, const char *name);

#endif
