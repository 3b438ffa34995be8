/* vfs_init.c - see vfs_init.h. */
#include "fs/vfs_init.h"

#include "fs/devfs.h"
#include "fs/inotify.h"
#include "fs/procfs.h"
#include "fs/pseudo_fs.h"
#include "fs/tmpfs.h"
#include "fs/vfs.h"
#include "lib/kprintf.h"

void vfs_init(void)
{
    tmpfs_init();
    procfs_init();
    pseudo_fs_init();
    inotify_init_limits();
    int err = mount_root("rootfs", "rootfs");
    if (err)
        panic("cannot mount the root file system (error %d)", err);
}

void vfs_boot_mounts(void)
{
    struct path root = mount_root_path(), proc;
    /* Programs count on a writable /tmp (an archive's own /tmp keeps its mode). */
    vfs_mkdir(&root, "/tmp", 01777);
    vfs_mkdir(&root, "/proc", 0555);
    int err = namei(&root, "/proc", LOOKUP_FOLLOW, &proc);
    if (!err) {
        err = mount_new("proc", "proc", &proc, MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
        path_put(&proc);
    }
    if (err)
        kprintf("vfs: cannot mount proc on /proc (error %d)\n", err);
    devfs_init();
}
