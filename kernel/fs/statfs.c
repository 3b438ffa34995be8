/*
 * statfs.c - statfs and fstatfs (statfs(2)): what file system a file is
 * on. The tree in memory is Linux's tmpfs as far as programs can tell
 * (TMPFS_MAGIC, sizes in pages of free memory); /proc says
 * PROC_SUPER_MAGIC, pipes, sockets and anonymous inodes their pseudo
 * file systems' magics, as on Linux.
 */
#include "fs/ramfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B
#define ANON_INODE_FS_MAGIC 0x09041934
#define ST_VALID 0x20 /* f_flags is filled in */
#define ST_NOSUID 0x2
#define ST_NODEV 0x4
#define ST_NOEXEC 0x8

struct linux_statfs {
    int64_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "struct statfs is 120 bytes on x86_64");

static bool under_proc(const struct inode *n)
{
    const struct inode *root = ramfs_root();
    for (; n && n != root; n = n->parent)
        if (n->parent == root && strcmp(n->name, "proc") == 0)
            return true;
    return false;
}

static long fill(const struct inode *ino, uint64_t ubuf)
{
    struct linux_statfs s;
    memset(&s, 0, sizeof s);
    s.f_bsize = s.f_frsize = 4096;
    s.f_namelen = 255;
    s.f_flags = ST_VALID;
    if (!ino->parent) { /* outside the tree */
        uint32_t type = ino->mode & S_IFMT;
        s.f_type = type == S_IFIFO ? PIPEFS_MAGIC : type == S_IFSOCK ? SOCKFS_MAGIC : ANON_INODE_FS_MAGIC;
    } else if (under_proc(ino)) {
        s.f_type = PROC_SUPER_MAGIC;
        s.f_flags |= ST_NOSUID | ST_NODEV | ST_NOEXEC;
    } else {
        /* Files live in kernel memory: the free frames are the free blocks. */
        s.f_type = TMPFS_MAGIC;
        s.f_blocks = pmm_total_frames();
        s.f_bfree = s.f_bavail = pmm_free_frames();
        s.f_files = pmm_total_frames() / 2; /* tmpfs's default: half the pages */
        s.f_ffree = s.f_bfree / 2;
        s.f_fsid[0] = 1; /* st_dev of its files (vfs_stat) */
    }
    return copy_to_user(ubuf, &s, sizeof s);
}

long sys_statfs(uint64_t upath, uint64_t ubuf)
{
    struct inode *ino;
    long err = resolve(AT_FDCWD, upath, 0, &ino);
    return err ? err : fill(ino, ubuf);
}

long sys_fstatfs(int fd, uint64_t ubuf)
{
    struct file *f = fd_get(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->inode)
        return -EINVAL;
    return fill(f->inode, ubuf);
}
