/* vfs_init.h - bringing the file systems up at boot. */
#ifndef FS_VFS_INIT_H
#define FS_VFS_INIT_H

#include <stdbool.h>

/* Registers the file system types and mounts the root (an empty rootfs,
 * the tmpfs the initramfs unpacks into). Panics if that fails. */
void vfs_init(void);

/* After the initramfs: /tmp (mode 1777), proc on /proc and devtmpfs (with
 * the device nodes) on /dev, as an init system would mount them. */
/* ... and, with root=, the disk as "/" first: true when it is. */
bool vfs_boot_mounts(void);

#endif
