/* initramfs.h - unpack the boot module (a cpio newc archive) into the root
 * file system (a tmpfs, "rootfs"). */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include <stddef.h>

/* Returns the number of entries unpacked, or a negative errno; a
 * malformed archive is reported on the console with the parser's message
 * (and what was read before it stays). After each entry, consumed(ctx,
 * offset) says that the archive's bytes below offset are no longer needed
 * (NULL: no one asks), so the caller can give their memory back as the
 * files move into the page cache, not after: the peak is the archive plus
 * one file, not twice the archive. */
int initramfs_unpack(const void *archive, size_t len, void (*consumed)(void *ctx, size_t offset), void *ctx);

#endif
