/*
 * initramfs.c - the root file system comes from a cpio newc archive the
 * boot loader passed as a module (Linux's initramfs format). Every entry
 * is made through the VFS as a program would make it (mkdir, open with
 * O_CREAT and write, symlink, mknod), so file data lands in the page
 * cache; the module's memory can be given back afterwards (main.c).
 * Missing parent directories are made on the way, as Linux's
 * init/initramfs.c does not need to (its archives list them first) but
 * hand-made archives may not.
 */
#include "fs/initramfs.h"

#include "fs/cpio.h"
#include "fs/filemap.h"
#include "fs/vfs.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* Makes every missing directory on the way to path (absolute). */
static void make_parents(const struct path *root, char *path)
{
    for (char *s = path + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        vfs_mkdir(root, path, 0755); /* EEXIST is fine */
        *s = '/';
    }
}

/* Creates one entry; its attributes are set afterwards. */
static int make_entry(const struct path *root, const char *path, const struct cpio_entry *e)
{
    uint32_t type = e->mode & S_IFMT;
    switch (type) {
    case S_IFDIR: {
        int err = vfs_mkdir(root, path, e->mode);
        return err == -EEXIST ? 0 : err; /* an existing directory takes the archive's attributes */
    }
    case S_IFLNK: {
        char *target = kmalloc(e->size + 1);
        if (!target)
            return -ENOMEM;
        memcpy(target, e->data, e->size);
        target[e->size] = '\0';
        int err = vfs_symlink(root, path, target);
        kfree(target);
        return err;
    }
    case S_IFREG: {
        struct file *f;
        int err = vfs_open(root, path, O_CREAT | O_WRONLY | O_TRUNC | O_NOFOLLOW, e->mode & 07777, &f);
        if (err)
            return err;
        inode_lock(f->inode);
        long n = filemap_write_kernel(f->inode, 0, e->data, e->size);
        inode_unlock(f->inode);
        file_put(f);
        return n < 0 ? (int)n : 0;
    }
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK:
        return vfs_mknod(root, path, e->mode, (e->rdev_major << 8) | e->rdev_minor);
    default:
        return -EINVAL;
    }
}

int initramfs_unpack(const void *archive, size_t len, void (*consumed)(void *ctx, size_t offset), void *ctx)
{
    struct path root = mount_root_path();
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    size_t off = 0;
    int count = 0;
    for (;;) {
        struct cpio_entry e;
        const char *err = NULL;
        int r = cpio_next(archive, len, &off, &e, &err);
        if (r <= 0) {
            if (r < 0)
                kprintf("initramfs: %s; files after it are missing\n", err);
            kfree(path);
            return r < 0 ? -EINVAL : count;
        }
        if (strlen(e.name) + 2 > PATH_MAX) {
            kprintf("initramfs: skipping a name longer than PATH_MAX\n");
            continue;
        }
        path[0] = '/';
        memcpy(path + 1, e.name, strlen(e.name) + 1); /* "" (the archive's ".") is the root itself */
        int error = 0;
        if (*e.name) {
            make_parents(&root, path);
            error = make_entry(&root, path, &e);
        }
        if (error) {
            kprintf("initramfs: cannot create %s (error %d)\n", path, error);
            if (consumed)
                consumed(ctx, off);
            continue;
        }
        /* The archive's mode (set-ID bits included), owner and time. */
        struct path p;
        if (namei(&root, path, 0, &p) == 0) {
            struct iattr a = {.valid = ATTR_UID | ATTR_GID | ATTR_MTIME | ATTR_ATIME, .uid = e.uid, .gid = e.gid};
            if ((e.mode & S_IFMT) != S_IFLNK) {
                a.valid |= ATTR_MODE;
                a.mode = e.mode;
            }
            a.mtime = a.atime = (struct linux_timespec){(int64_t)e.mtime, 0};
            vfs_setattr(&p, &a);
            p.dentry->inode->ctime = a.mtime;
            path_put(&p);
        }
        count++;
        if (consumed)
            consumed(ctx, off);
    }
}
