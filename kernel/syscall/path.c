/* path.c - see path.h. */
#include "syscall/path.h"

#include "fs/pseudo_fs.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

long get_path(uint64_t upath, char **out)
{
    char *buf = kmalloc(PATH_MAX);
    if (!buf)
        return -ENOMEM;
    long n = strncpy_from_user(buf, upath, PATH_MAX);
    if (n < 0) {
        kfree(buf);
        return n;
    }
    *out = buf;
    return 0;
}

long dir_of(long dirfd, const char *path, struct path *out)
{
    if (!path[0])
        return -ENOENT; /* before the descriptor is looked at, as Linux's getname */
    if (path[0] == '/' || (int)dirfd == AT_FDCWD) {
        *out = current()->cwd;
        path_get(out);
        return 0;
    }
    struct file *f = fd_get_raw(current(), (int)dirfd);
    if (!f)
        return -EBADF;
    if (!f->path.dentry || !inode_is_dir(f->inode))
        return -ENOTDIR;
    *out = f->path;
    path_get(out);
    return 0;
}

long path_of_fd(long fd, struct path *out)
{
    if ((int)fd == AT_FDCWD) {
        *out = current()->cwd;
        path_get(out);
        return 0;
    }
    struct file *f = fd_get_raw(current(), (int)fd);
    if (!f || !f->inode)
        return -EBADF;
    if (!f->path.dentry) {
        long err = pseudo_file_path(f);
        if (err)
            return err;
    }
    *out = f->path;
    path_get(out);
    return 0;
}

long user_path_at(long dirfd, uint64_t upath, long at_flags, struct path *out)
{
    char *path;
    long err = get_path(upath, &path);
    if (err)
        return err;
    if (!path[0] && (at_flags & AT_EMPTY_PATH)) {
        kfree(path);
        return path_of_fd(dirfd, out);
    }
    struct path start;
    err = dir_of(dirfd, path, &start);
    if (!err) {
        err = namei(&start, path, (at_flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, out);
        path_put(&start);
    }
    kfree(path);
    return err;
}
