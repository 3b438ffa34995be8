/*
 * tmpfs.h - the file system that lives in memory: Linux's tmpfs. Its
 * directories exist only in the dentry cache (each entry pinned there),
 * its files' data only in their page caches, so nothing is persistent.
 * The root file system (the initramfs unpacks into it, "rootfs"), /tmp,
 * devtmpfs and every `mount -t tmpfs` are instances of it.
 *
 * Mount options (mount -o): size=N[k|m|g|%] (default: half of RAM, as
 * Linux; rootfs has no limit but the memory kept for the kernel),
 * mode=OCTAL (of the root, default 1777), uid=N, gid=N.
 */
#ifndef FS_TMPFS_H
#define FS_TMPFS_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct inode;
struct super_block;

/* The operations of a directory whose entries all live in the dentry
 * cache (Linux's simple_dir_operations): getdents lists ".", ".." and the
 * cached children. The mqueue file system's root uses them too. */
struct file_ops;
extern const struct file_ops tmpfs_dir_fops;

/* Registers tmpfs and rootfs with the VFS. */
void tmpfs_init(void);

/* A new tmpfs instance with the given root mode and page limit (0: none),
 * one reference; NULL when out of memory (devtmpfs uses it). */
struct super_block *tmpfs_new_sb(const char *type_name, unsigned root_mode, unsigned long pages_max);

/* A new unlinked regular file of size bytes (mode 0777, no link) on the
 * kernel's internal tmpfs instance, open for reading and writing, as
 * Linux's shmem_kernel_file_setup: System V shared memory segments are
 * such files. Its pages live in its page cache like any tmpfs file's, and
 * go with the last reference to the file. name is what /proc/PID/maps
 * shows ("/name (deleted)"). NULL when out of memory. */
struct file *tmpfs_file_setup(const char *name, uint64_t size);
/* A new regular file of sb with permissions perm, in no directory, one
 * reference (memfd_create's); NULL when out of memory. */
struct inode *tmpfs_new_file(struct super_block *sb, uint32_t perm);
/* O_TMPFILE: a new regular file with permissions perm owned as if made
 * in dir, in no directory (nlink 0), one reference in *out. 0, -ENOMEM,
 * or -EOPNOTSUPP when dir is not a tmpfs directory. */
int tmpfs_tmpfile(struct inode *dir, uint32_t perm, struct inode **out);
/* Is inode a tmpfs regular file (the files that can be sealed)? */
bool tmpfs_is_file(const struct inode *inode);

#endif
