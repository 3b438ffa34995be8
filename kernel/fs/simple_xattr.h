/*
 * simple_xattr.h - extended attributes kept in memory, for file systems
 * that have nowhere else to keep them (tmpfs), as Linux's
 * fs/xattr.c simple_xattr_*: a list per inode, sorted by name (the order
 * listxattr shows, as Linux's tmpfs since 6.6). The caller serializes
 * (the inode lock, xattr.c takes it).
 */
#ifndef FS_SIMPLE_XATTR_H
#define FS_SIMPLE_XATTR_H

#include <stdbool.h>
#include <stddef.h>

struct simple_xattr {
    struct simple_xattr *next;
    size_t size;  /* of the value */
    char *name;   /* points into data, after the value */
    char data[];  /* the value, then the name and its NUL */
};

/* What an attribute costs in memory: what a file system's size limit
 * counts. */
size_t simple_xattr_cost(const char *name, size_t size);

/* The value of name into buf (size 0: just the length): its length,
 * -ENODATA, or -ERANGE when size is too small. */
long simple_xattr_get(struct simple_xattr *const *list, const char *name, void *buf, size_t size);

/* Sets name to value[0..size) (value NULL: removes it) with setxattr's
 * flags. room: how many more bytes (simple_xattr_cost) the list may
 * grow by, or -1 for no limit: -ENOSPC beyond it. *delta gets the change
 * in bytes. 0, -EEXIST, -ENODATA, -ENOSPC or -ENOMEM. */
int simple_xattr_set(struct simple_xattr **list, const char *name, const void *value, size_t size, int flags,
                     long room, long *delta);

/* The names, each with its NUL, into buf (size 0: just the length);
 * "trusted." names only when trusted. The length, or -ERANGE. */
long simple_xattr_list(struct simple_xattr *const *list, char *buf, size_t size, bool trusted);

/* Frees every attribute of the list (the inode is going); the bytes
 * they cost. */
size_t simple_xattrs_free(struct simple_xattr **list);

#endif
