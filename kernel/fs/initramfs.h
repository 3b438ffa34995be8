/* initramfs.h - unpack the boot module (a cpio newc archive) into the root
 * file system (a tmpfs, "rootfs"). */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include <stddef.h>

/* Returns the number of entries unpacked, or a negative errno; a
 * malformed archive is reported on the console with the parser's message
 * (and what was read before it stays). */
int initramfs_unpack(const void *archive, size_t len);

#endif
