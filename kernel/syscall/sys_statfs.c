/*
 * sys_statfs.c - statfs and fstatfs (statfs(2)): what file system a file
 * is on, as its superblock answers (fs/super.h): tmpfs's TMPFS_MAGIC and
 * sizes in pages, /proc's PROC_SUPER_MAGIC, pipes', sockets' and
 * anonymous inodes' pseudo file systems' magics, as on Linux. f_flags
 * carries the mount's flags (ST_RDONLY, ST_NOSUID...).
 *
 * Also the two obsolete queries libc no longer wraps but Linux keeps:
 * sysfs(2) over the registered file system types (the order of
 * /proc/filesystems), and ustat(2), statfs by device number.
 */
#include "fs/mount.h"
#include "fs/super.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define ST_VALID 0x20 /* f_flags is filled in */

struct linux_statfs {
    int64_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "struct statfs is 120 bytes on x86_64");

static long fill(const struct path *p, const struct file *f, uint64_t ubuf)
{
    struct kstatfs k;
    uint64_t mnt_flags;
    vfs_statfs(p, f, &k, &mnt_flags);
    const struct inode *inode = p ? p->dentry->inode : f->inode;
    struct linux_statfs s;
    memset(&s, 0, sizeof s);
    s.f_type = (int64_t)k.type;
    s.f_bsize = (int64_t)k.bsize;
    s.f_frsize = (int64_t)k.frsize;
    s.f_blocks = k.blocks;
    s.f_bfree = k.bfree;
    s.f_bavail = k.bavail;
    s.f_files = k.files;
    s.f_ffree = k.ffree;
    s.f_namelen = (int64_t)k.namelen;
    s.f_fsid[0] = (int32_t)inode->sb->dev; /* st_dev of its files, as Linux's tmpfs gives */
    /* ST_* are MS_* for these bits (statfs(2)): RDONLY 1, NOSUID 2,
     * NODEV 4, NOEXEC 8, NOATIME 0x400, NODIRATIME 0x800. */
    s.f_flags = ST_VALID | (int64_t)(mnt_flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME |
                                                  MS_NODIRATIME));
    if (!(mnt_flags & MS_NOATIME))
        s.f_flags |= 0x1000; /* ST_RELATIME */
    return copy_to_user(ubuf, &s, sizeof s);
}

long sys_statfs(uint64_t upath, uint64_t ubuf)
{
    struct path p;
    long err = user_path_at(AT_FDCWD, upath, 0, &p);
    if (err)
        return err;
    err = fill(&p, NULL, ubuf);
    path_put(&p);
    return err;
}

long sys_fstatfs(int fd, uint64_t ubuf)
{
    struct file *f = fd_get_raw(current(), fd);
    if (!f)
        return -EBADF;
    if (!f->inode)
        return -EINVAL;
    return f->path.dentry ? fill(&f->path, NULL, ubuf) : fill(NULL, f, ubuf);
}

/* sysfs(2)'s options (fs/filesystems.c). */
#define SYSFS_INDEX 1 /* the index of the type named by arg1 */
#define SYSFS_NAME 2  /* the name of type arg1 into the buffer arg2 */
#define SYSFS_COUNT 3 /* how many types there are */

long sys_sysfs(int option, uint64_t arg1, uint64_t arg2)
{
    const struct fs_type *t;
    long index = 0;
    switch (option) {
    case SYSFS_INDEX: {
        /* getname(): a fault is EFAULT, an empty name ENOENT, before
         * the name is looked for (then EINVAL). */
        char name[256];
        long n = strncpy_from_user(name, arg1, sizeof name);
        if (n == -EFAULT)
            return n;
        if (n == 0)
            return -ENOENT;
        if (n < 0)
            return -EINVAL; /* longer than any type's name: not one */
        for (t = fs_types(); t; t = t->next, index++)
            if (!strcmp(t->name, name))
                return index;
        return -EINVAL;
    }
    case SYSFS_NAME:
        /* Linux takes the index as unsigned int. */
        for (t = fs_types(), index = (uint32_t)arg1; t && index; t = t->next)
            index--;
        if (!t)
            return -EINVAL;
        return copy_to_user(arg2, t->name, strlen(t->name) + 1);
    case SYSFS_COUNT:
        for (t = fs_types(); t; t = t->next)
            index++;
        return index;
    default:
        return -EINVAL;
    }
}

/* struct ustat (<linux/types.h>): f_tfree is a daddr_t (int), f_tinode an
 * ino_t; f_fname and f_fpack are always zeros on Linux. */
struct linux_ustat {
    int32_t f_tfree;
    uint64_t f_tinode;
    char f_fname[6];
    char f_fpack[6];
};
_Static_assert(sizeof(struct linux_ustat) == 32, "struct ustat is 32 bytes on x86_64");

long sys_ustat(uint32_t udev, uint64_t ubuf)
{
    /* new_decode_dev: Tiny OS's file systems all have major 0 (anonymous
     * devices), so another major finds nothing, which is EINVAL. */
    uint32_t major = (udev & 0xfff00) >> 8;
    uint32_t minor = (udev & 0xff) | ((udev >> 12) & 0xfff00);
    struct super_block *sb = major ? NULL : mount_find_sb(minor);
    if (!sb)
        return -EINVAL;
    struct kstatfs k;
    memset(&k, 0, sizeof k);
    if (sb->ops->statfs)
        sb->ops->statfs(sb, &k);
    sb_put(sb);
    struct linux_ustat u;
    memset(&u, 0, sizeof u);
    u.f_tfree = (int32_t)k.bfree;
    u.f_tinode = k.ffree;
    return copy_to_user(ubuf, &u, sizeof u);
}
