/*
 * path_ref.h - path_get and path_put inline, for code that copies many
 * paths on a hot path (fork copies a process's cwd, root and program
 * path; exit lets them go). Same contract as path.h's functions.
 */
#ifndef FS_PATH_REF_H
#define FS_PATH_REF_H

#include "fs/dentry.h"
#include "fs/mount.h"
#include "fs/path.h"

static inline void path_get_inline(const struct path *p)
{
    if (p->mnt)
        mount_get(p->mnt);
    if (p->dentry)
        d_get(p->dentry);
}

static inline void path_put_inline(const struct path *p)
{
    if (p->dentry)
        d_put(p->dentry);
    if (p->mnt)
        mount_put(p->mnt);
}

#endif
