/*
 * sys_fhandle.c - name_to_handle_at(2) and open_by_handle_at(2): a file
 * named by an opaque handle instead of a path (what NFS servers and
 * checkpoint tools use). Only file systems whose files are all in the
 * dentry cache and whose inode numbers are never reused (SB_EXPORT:
 * tmpfs) give handles; elsewhere EOPNOTSUPP, as Linux's procfs answers.
 *
 * A handle is Linux's tmpfs shape (12 bytes, FILEID_INO32_GEN type 1):
 * the 64-bit inode number and the superblock's device number, which
 * stands in for Linux's generation: a handle decoded on another file
 * system, or after its file is gone, is ESTALE.
 */
#include "fs/dentry.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/super.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/path.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define MAX_HANDLE_SZ 128
#define FILEID_INO32_GEN 1
#define FILEID_INVALID 255

/* struct file_handle's fixed part; f_handle[handle_bytes] follows. */
struct file_handle_hdr {
    uint32_t handle_bytes;
    int32_t handle_type;
};

struct tmpfs_fid {
    uint32_t ino_lo, ino_hi, dev;
};
_Static_assert(sizeof(struct tmpfs_fid) == 12, "a handle is three 32-bit words");

long sys_name_to_handle_at(int dfd, uint64_t upath, uint64_t uhandle, uint64_t umnt_id, int flag)
{
    if (flag & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct path p;
    long err = user_path_at(dfd, upath, ((flag & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW) | (flag & AT_EMPTY_PATH),
                            &p);
    if (err)
        return err;
    struct inode *inode = p.dentry->inode;
    struct file_handle_hdr h;
    struct tmpfs_fid fid = {(uint32_t)inode->ino, (uint32_t)(inode->ino >> 32), inode->sb->dev};
    int mnt_id = p.mnt->id;
    if (!(inode->sb->flags & SB_EXPORT))
        err = -EOPNOTSUPP;
    else if (copy_from_user(&h, uhandle, sizeof h))
        err = -EFAULT;
    else if (h.handle_bytes > MAX_HANDLE_SZ)
        err = -EINVAL;
    path_put(&p);
    if (err)
        return err;
    /* Too small a buffer: EOVERFLOW, but the size needed and the mount
     * ID are still written (do_sys_name_to_handle), the handle not. */
    size_t room = h.handle_bytes & ~3u;
    bool fits = room >= sizeof fid;
    err = fits ? 0 : -EOVERFLOW;
    h.handle_bytes = sizeof fid;
    h.handle_type = fits ? FILEID_INO32_GEN : FILEID_INVALID;
    if (copy_to_user(umnt_id, &mnt_id, sizeof mnt_id) || copy_to_user(uhandle, &h, sizeof h) ||
        (fits && copy_to_user(uhandle + sizeof h, &fid, sizeof fid)))
        err = -EFAULT;
    return err;
}

/* The file a handle names on the file system of mnt: referenced, or
 * -ESTALE. */
static long decode(struct mount *mnt, const struct file_handle_hdr *h, const void *data, struct path *out)
{
    struct super_block *sb = mnt->sb;
    struct tmpfs_fid fid;
    if (!(sb->flags & SB_EXPORT) || h->handle_type != FILEID_INO32_GEN || h->handle_bytes < sizeof fid)
        return -ESTALE;
    memcpy(&fid, data, sizeof fid);
    if (fid.dev != sb->dev)
        return -ESTALE;
    struct dentry *d = d_find_ino(sb->root, (uint64_t)fid.ino_hi << 32 | fid.ino_lo);
    if (!d)
        return -ESTALE;
    *out = (struct path){mount_get(mnt), d};
    return 0;
}

long sys_open_by_handle_at(int mount_fd, uint64_t uhandle, int flags)
{
    /* Linux's handle_to_path order: the anchor, the capability (a handle
     * skips every directory's search permission), then the handle. */
    struct path anchor;
    long err = path_of_fd(mount_fd, &anchor);
    if (err)
        return err;
    struct file_handle_hdr h;
    uint8_t data[MAX_HANDLE_SZ];
    struct path p = {NULL, NULL};
    if (!capable(CAP_DAC_READ_SEARCH))
        err = -EPERM;
    else if (copy_from_user(&h, uhandle, sizeof h))
        err = -EFAULT;
    else if (h.handle_bytes > MAX_HANDLE_SZ || h.handle_bytes == 0 || h.handle_type < 0)
        err = -EINVAL;
    else if (copy_from_user(data, uhandle + sizeof h, h.handle_bytes))
        err = -EFAULT;
    else
        err = decode(anchor.mnt, &h, data, &p);
    path_put(&anchor);
    if (err)
        return err;
    /* Opened as the path itself: a symlink is ELOOP (without O_PATH). */
    struct file *f = NULL;
    err = vfs_open(&p, "", (flags & ~VFS_OPEN_EXEC) | VFS_OPEN_EMPTY, 0, &f);
    path_put(&p);
    if (err)
        return err;
    int fd = fd_install(current(), -1, f, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}
