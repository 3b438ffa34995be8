/* vfs_init.c - see vfs_init.h. */
#include "fs/vfs_init.h"

#include "block/blkdev.h"
#include "boot/options.h"
#include "fs/devfs.h"
#include "fs/ext2/ext2.h"
#include "fs/inotify.h"
#include "fs/procfs.h"
#include "fs/pseudo_fs.h"
#include "fs/tmpfs.h"
#include "fs/vfs.h"
#include "lib/kprintf.h"
#include "lib/format.h"
#include "lib/string.h"

void vfs_init(void)
{
    tmpfs_init();
    ext2_init();
    procfs_init();
    pseudo_fs_init();
    inotify_init_limits();
    int err = mount_root("rootfs", "rootfs");
    if (err)
        panic("cannot mount the root file system (error %d)", err);
}

/* root=/dev/NAME (or NAME): that disk's ext2 file system becomes "/",
 * with rootflags= as its mount options and "ro" on the command line for
 * a read-only mount (Linux's). 0, or -errno and the initramfs stays. */
static int mount_disk_root(const char *dev)
{
    const char *name = strncmp(dev, "/dev/", 5) ? dev : dev + 5;
    struct block_device *bd = blk_devices();
    while (bd && strcmp(bd->name, name))
        bd = bd->next;
    if (!bd) {
        kprintf("vfs: root=%s: no such disk; staying on the initramfs\n", dev);
        return -ENXIO;
    }
    unsigned long flags = option("ro") && !option("rw") ? MS_RDONLY : 0;
    struct super_block *sb;
    int err = ext2_mount_bdev(bd, flags, option("rootflags"), &sb);
    if (!err) {
        char source[24];
        ksnprintf(source, sizeof source, "/dev/%s", bd->name);
        err = mount_root_sb(sb, source, flags);
        if (err)
            sb_put(sb);
    }
    if (err)
        kprintf("vfs: cannot mount %s as the root (error %d); staying on the initramfs\n", dev, err);
    else
        kprintf("vfs: mounted %s (ext2%s) as the root\n", dev, flags & MS_RDONLY ? ", read-only" : "");
    return err;
}

/* Mounts a file system of type on path if that directory exists. */
static void mount_if_dir(const char *type, const char *path, unsigned long flags)
{
    struct path root = mount_root_path(), at;
    int err = namei(&root, path, LOOKUP_FOLLOW, &at);
    if (err)
        return;
    if (inode_is_dir(at.dentry->inode))
        err = mount_new(type, type, &at, flags, NULL);
    path_put(&at);
    if (err)
        kprintf("vfs: cannot mount %s on %s (error %d)\n", type, path, err);
}

bool vfs_boot_mounts(void)
{
    const char *rootdev = option("root");
    bool disk = rootdev && mount_disk_root(rootdev) == 0;
    struct path root = mount_root_path();
    if (!disk) {
        /* Programs count on a writable /tmp (an archive's own /tmp keeps its mode). */
        vfs_mkdir(&root, "/tmp", 01777);
        vfs_mkdir(&root, "/proc", 0555);
    }
    /* A disk root gets these only where it has the directories. */
    mount_if_dir("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC);
    devfs_init(!disk);
    if (disk)
        mount_if_dir("tmpfs", "/tmp", MS_NOSUID | MS_NODEV);
    return disk;
}
