/*
 * cpio.h - a parser for the cpio "newc" archive format used by initramfs.
 *
 * The format is the one of Linux's Documentation/driver-api/early-userspace/
 * buffer-format.rst and cpio(5) ("New ASCII Format"): each entry is a
 * 110-byte ASCII header (magic "070701", or "070702" for the "crc" variant,
 * then 13 fields of 8 hex digits), the NUL-terminated name, padding to a
 * multiple of 4, the data, padding to a multiple of 4. The entry named
 * "TRAILER!!!" ends the archive.
 *
 * The parser is pure: it allocates nothing, writes only *offset, *out and
 * *err, and never reads outside archive[0..len), whatever the bytes are
 * (the archive comes from the boot loader and is not trusted to be sane).
 *
 * What it does NOT do (the caller's job):
 *  - interpret mode: out->mode is the raw st_mode (file type and
 *    permissions, Linux's S_IF* values);
 *  - sanitize names: "a/../../b" is returned as is; the caller resolving
 *    names must not let ".." climb above the archive root;
 *  - hard links: newc stores the data of a group of entries with the same
 *    ino and nlink > 1 only in the last of them; the earlier ones have size
 *    0 (cpio(5), "New ASCII Format"). tools/mkinitrd never writes such
 *    groups (it stores each hard link as a separate copy);
 *  - check the "crc" checksum of 070702 archives (it is ignored, as Linux
 *    ignores it).
 *
 * Alignment is relative to archive[0], so archive must be where the cpio
 * stream begins (Linux aligns relative to the start of the initramfs buffer;
 * an archive that starts the buffer is the same thing).
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
    const char *name; /* NUL-terminated, inside the archive; leading "./" or "/" stripped ("." itself becomes "") */
    uint32_t ino, mode, uid, gid, nlink;
    uint64_t mtime;
    uint32_t rdev_major, rdev_minor;
    const void *data; /* inside the archive */
    uint64_t size;
};

/*
 * Parses the entry at *offset of archive[0..len).
 *
 * Returns 1 when an entry was read: *out describes it and *offset is
 * advanced past it (past its data padding, to the next header).
 *
 * Returns 0 at the TRAILER!!! entry (end of archive): *offset is advanced
 * past the trailer (so a caller may look for a concatenated archive there,
 * as buffer-format.rst allows) and *out is not written.
 *
 * Returns a negative value on malformed input: *err points to a message
 * naming the problem and its offset, e.g. "bad magic at offset 1234";
 * *offset and *out are not written. The message lives in a static buffer
 * that the next failing call overwrites (not reentrant: the kernel parses
 * the initramfs once, at boot, on one CPU). An archive that ends without a
 * TRAILER!!! entry is reported as malformed (buffer-format.rst tolerates
 * it, but for us it almost always means a truncated initrd).
 *
 * Every bound is checked without overflow, for any len and *offset.
 */
int cpio_next(const void *archive, size_t len, size_t *offset, struct cpio_entry *out, const char **err);

#endif
