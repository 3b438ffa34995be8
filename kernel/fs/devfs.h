/* devfs.h - the device nodes in /dev: console, tty, ttyS1, null, zero,
 * full, random, urandom. */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

void devfs_init(void);

#endif
