/*
 * initramfs.c - the root file system comes from a cpio newc archive the
 * boot loader passed as a module (Linux's initramfs format). File data is
 * not copied: inodes point into the module, which the frame allocator
 * keeps reserved. Only directories, regular files and symlinks are
 * represented; device nodes come from the drivers (devfs.c).
 */
#include "fs/initramfs.h"

#include "fs/cpio.h"
#include "fs/ramfs.h"
#include "lib/kprintf.h"
#include "uapi/errno.h"

int initramfs_unpack(const void *archive, size_t len)
{
    size_t off = 0;
    int count = 0;
    for (;;) {
        struct cpio_entry e;
        const char *err = NULL;
        int r = cpio_next(archive, len, &off, &e, &err);
        if (r == 0)
            return count;
        if (r < 0) {
            kprintf("initramfs: %s; files after it are missing\n", err);
            return -EINVAL;
        }
        uint32_t type = e.mode & S_IFMT;
        if (!*e.name)
            continue; /* the archive's "." */
        if (type != S_IFDIR && type != S_IFREG && type != S_IFLNK) {
            kprintf("initramfs: skipping %s (type %o not supported)\n", e.name, type >> 12);
            continue;
        }
        int error = 0;
        struct inode *n = ramfs_mkpath(e.name, e.mode, &error);
        if (!n) {
            kprintf("initramfs: cannot create %s (error %d)\n", e.name, error);
            continue;
        }
        if (type != S_IFDIR) {
            n->data = e.data;
            n->size = e.size;
        }
        n->mode = e.mode;
        n->uid = e.uid;
        n->gid = e.gid;
        n->mtime = (int64_t)e.mtime;
        count++;
    }
}
