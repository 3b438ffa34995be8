/* path.c - see path.h. */
#include "syscall/path.h"

#include "fs/pseudo_fs.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

long path_name_get(struct path_name *pn, uint64_t upath)
{
    pn->s = pn->small;
    long n = strncpy_from_user(pn->small, upath, sizeof pn->small);
    if (n >= 0)
        return 0;
    if (n != -ENAMETOOLONG)
        return n;
    char *buf = kmalloc(PATH_MAX); /* longer than the short buffer */
    if (!buf)
        return -ENOMEM;
    n = strncpy_from_user(buf, upath, PATH_MAX);
    if (n < 0) {
        kfree(buf);
        return n;
    }
    pn->s = buf;
    return 0;
}

void path_name_put(struct path_name *pn)
{
    if (pn->s != pn->small)
        kfree(pn->s);
}

long get_path(uint64_t upath, char **out)
{
    struct path_name pn;
    long err = path_name_get(&pn, upath);
    if (err)
        return err;
    if (pn.s != pn.small) {
        *out = pn.s;
        return 0;
    }
    size_t n = strlen(pn.small) + 1;
    if (!(*out = kmalloc(n)))
        return -ENOMEM;
    memcpy(*out, pn.small, n);
    return 0;
}

long dir_of(long dirfd, const char *path, struct path *out)
{
    if (!path[0])
        return -ENOENT; /* before the descriptor is looked at, as Linux's getname */
    if (path[0] == '/' || (int)dirfd == AT_FDCWD) {
        *out = path[0] == '/' ? namei_root() : current()->cwd; /* an absolute walk starts over at the root */
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
    struct path_name pn;
    long err = path_name_get(&pn, upath);
    if (err)
        return err;
    const char *path = pn.s;
    if (!path[0] && (at_flags & AT_EMPTY_PATH)) {
        path_name_put(&pn);
        return path_of_fd(dirfd, out);
    }
    struct path start;
    err = dir_of(dirfd, path, &start);
    if (!err) /* the walk takes start's reference over */
        err = namei_from(&start, path, (at_flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, out);
    path_name_put(&pn);
    return err;
}
