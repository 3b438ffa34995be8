/*
 * sys_stat.c - asking about files: stat, lstat, fstat, newfstatat, statx,
 * access, faccessat, readlink, readlinkat (Linux's answers, section 2).
 */
#include "fs/permission.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define R_OK 4
#define W_OK 2
#define X_OK 1
#define AT_NO_AUTOMOUNT 0x800
#define AT_EACCESS 0x200
/* Internal: faccessat2 passes its flags on (faccessat has none: glibc's
 * wrapper emulates them; the raw call ignores its fourth argument). */
#define FACCESSAT_FLAGS_OK (1 << 30)

static long put_stat(struct inode *inode, uint64_t ustat)
{
    struct linux_stat st;
    inode_stat(inode, &st);
    return copy_to_user(ustat, &st, sizeof st);
}

long sys_fstat(int fd, uint64_t ustat)
{
    struct file *f = fd_get_raw(current(), fd);
    if (!f || !f->inode)
        return -EBADF;
    return put_stat(f->inode, ustat);
}

long sys_newfstatat(int dirfd, uint64_t upath, uint64_t ustat, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
        return -EINVAL;
    struct path p;
    long err = user_path_at(dirfd, upath, flags, &p);
    if (err)
        return err;
    err = put_stat(p.dentry->inode, ustat);
    path_put(&p);
    return err;
}

long sys_stat(uint64_t upath, uint64_t ustat) { return sys_newfstatat(AT_FDCWD, upath, ustat, 0); }
long sys_lstat(uint64_t upath, uint64_t ustat) { return sys_newfstatat(AT_FDCWD, upath, ustat, AT_SYMLINK_NOFOLLOW); }

/* faccessat2(2): with flags AT_EACCESS (the effective ids: the same as
 * the real ones here), AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
long sys_faccessat2(int dirfd, uint64_t upath, int mode, int flags)
{
    if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    return sys_faccessat(dirfd, upath, mode, flags | FACCESSAT_FLAGS_OK);
}

static long access_check(int dirfd, uint64_t upath, int mode, int flags)
{
    struct path p;
    long err = user_path_at(dirfd, upath, flags & FACCESSAT_FLAGS_OK ? flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) : 0,
                            &p);
    if (err)
        return err;
    struct inode *inode = p.dentry->inode;
    uint32_t type = inode->mode & S_IFMT;
    if ((mode & W_OK) && (type == S_IFREG || type == S_IFDIR || type == S_IFLNK) && mnt_readonly(p.mnt))
        err = -EROFS;
    else if (mode)
        err = inode_permission(inode, mode); /* R_OK, W_OK, X_OK are MAY_READ, MAY_WRITE, MAY_EXEC */
    path_put(&p);
    return err;
}

/* access(2) and faccessat(2) answer for the real ids (AT_EACCESS: the
 * effective ones): as Linux's override_creds, the calling thread walks
 * the path and checks as a copy of itself whose file-system ids are the
 * real ones, and gets its own back after. */
long sys_faccessat(int dirfd, uint64_t upath, int mode, int flags)
{
    if (mode & ~(R_OK | W_OK | X_OK))
        return -EINVAL;
    struct proc *me = current();
    const struct cred *own = me->cred;
    struct cred *real = NULL;
    bool eaccess = (flags & FACCESSAT_FLAGS_OK) && (flags & AT_EACCESS);
    /* The real ids' capabilities: all that are permitted for a real uid
     * 0, none for another (Linux's access_override_creds). */
    uint64_t real_caps = own->uid == 0 ? own->cap_permitted : 0;
    if (!eaccess && (own->fsuid != own->uid || own->fsgid != own->gid || own->cap_effective != real_caps)) {
        real = cred_copy(own, own->ngroups);
        if (!real)
            return -ENOMEM;
        real->fsuid = own->uid;
        real->fsgid = own->gid;
        real->cap_effective = real_caps;
        me->cred = cred_get(real); /* own's reference stays with this thread meanwhile */
    }
    long err = access_check(dirfd, upath, mode, flags);
    if (real) {
        if (me->cred == real) {
            me->cred = own;
            cred_put(real);
        } else {
            cred_put(own); /* another thread's set*id replaced the override (and dropped its reference) */
        }
        cred_put(real);
    }
    return err;
}

long sys_access(uint64_t upath, int mode) { return sys_faccessat(AT_FDCWD, upath, mode, 0); }

long sys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, int size)
{
    if (size <= 0)
        return -EINVAL;
    struct path p;
    /* An empty path reads the link open at dirfd (O_PATH | O_NOFOLLOW),
     * as Linux's do_readlinkat (LOOKUP_EMPTY); anything else there is
     * ENOENT, a non-link named by a path EINVAL. */
    long err = user_path_at(dirfd, upath, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &p);
    if (err)
        return err;
    char first;
    if (!inode_is_link(p.dentry->inode) && copy_from_user(&first, upath, 1) == 0 && !first) {
        path_put(&p);
        return -ENOENT;
    }
    char *target = kmalloc(PATH_MAX);
    long n = target ? vfs_readlink(p.dentry->inode, target, PATH_MAX) : -ENOMEM;
    path_put(&p);
    if (n >= 0) {
        if (n > size)
            n = size; /* no NUL, may truncate */
        if (copy_to_user(ubuf, target, (size_t)n))
            n = -EFAULT;
    }
    kfree(target);
    return n;
}

long sys_readlink(uint64_t upath, uint64_t ubuf, int size) { return sys_readlinkat(AT_FDCWD, upath, ubuf, size); }

/* struct statx (statx(2), include/uapi/linux/stat.h). */
struct statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};

struct linux_statx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, pad1;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t stx_mnt_id;
    uint32_t stx_dio_mem_align, stx_dio_offset_align;
    uint64_t spare[12];
};

_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS 0x7ff
#define STATX_MNT_ID 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

long sys_statx(int dirfd, uint64_t upath, int flags, uint32_t mask, uint64_t ubuf)
{
    /* Everything basic is always filled in, whatever mask asks; but the
     * reserved bit is refused, as Linux's statx does (STATX__RESERVED). */
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */ | AT_STATX_SYNC_TYPE))
        return -EINVAL;
    if (mask & 0x80000000u)
        return -EINVAL;
    struct path p;
    long err = user_path_at(dirfd, upath, flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), &p);
    if (err)
        return err;
    struct linux_stat st;
    inode_stat(p.dentry->inode, &st);
    uint64_t mnt_id = p.mnt->id;
    path_put(&p);
    struct linux_statx sx;
    memset(&sx, 0, sizeof sx);
    sx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
    sx.stx_blksize = (uint32_t)st.st_blksize;
    sx.stx_nlink = (uint32_t)st.st_nlink;
    sx.stx_uid = st.st_uid;
    sx.stx_gid = st.st_gid;
    sx.stx_mode = (uint16_t)st.st_mode;
    sx.stx_ino = st.st_ino;
    sx.stx_size = (uint64_t)st.st_size;
    sx.stx_blocks = (uint64_t)st.st_blocks;
    sx.stx_atime = (struct statx_timestamp){st.st_atim.tv_sec, (uint32_t)st.st_atim.tv_nsec, 0};
    sx.stx_mtime = (struct statx_timestamp){st.st_mtim.tv_sec, (uint32_t)st.st_mtim.tv_nsec, 0};
    sx.stx_ctime = (struct statx_timestamp){st.st_ctim.tv_sec, (uint32_t)st.st_ctim.tv_nsec, 0};
    /* Linux's dev_t as stat encodes it (super.h's dev_encode), split. */
    sx.stx_rdev_major = (uint32_t)((st.st_rdev >> 8) & 0xfff);
    sx.stx_rdev_minor = (uint32_t)((st.st_rdev & 0xff) | ((st.st_rdev >> 12) & ~0xffull));
    sx.stx_dev_major = (uint32_t)((st.st_dev >> 8) & 0xfff);
    sx.stx_dev_minor = (uint32_t)((st.st_dev & 0xff) | ((st.st_dev >> 12) & ~0xffull));
    sx.stx_mnt_id = mnt_id;
    return copy_to_user(ubuf, &sx, sizeof sx);
}
