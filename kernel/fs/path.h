/*
 * path.h - a place in the file tree: a directory entry and the mount it
 * is seen through. The same dentry can be reached through several mounts
 * (bind mounts), and `..` at a mount's root leaves the mount, so a path
 * walk always carries both. Holders keep a reference on each (path_get);
 * a mount with references cannot be unmounted (EBUSY).
 */
#ifndef FS_PATH_H
#define FS_PATH_H

#include <stdbool.h>

struct mount;
struct dentry;

struct path {
    struct mount *mnt;
    struct dentry *dentry;
};

/* Take and drop one reference on both parts (NULL parts are skipped):
 * inline in fs/path_ref.h, for the paths that copy paths a lot (fork). */
void path_get(const struct path *p);
void path_put(const struct path *p);

static inline bool path_equal(const struct path *a, const struct path *b)
{
    return a->mnt == b->mnt && a->dentry == b->dentry;
}

#endif
