/*
 * vfs.h - the virtual file system in one include: the objects (inode.h,
 * dentry.h, mount.h, super.h, file.h), the path walk (namei.h) and the
 * operations system calls use (vfs_ops.h). DESIGN.md section 4b has the
 * picture; each header states its part of the contract.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include "fs/dentry.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/namei.h"
#include "fs/path.h"
#include "fs/super.h"
#include "fs/vfs_ops.h"

#endif
