/* devfs.h - the device nodes in /dev: console, tty, null, zero. */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

void devfs_init(void);

#endif
