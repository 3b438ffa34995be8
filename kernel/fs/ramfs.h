/*
 * ramfs.h - the in-memory file tree and path lookup. The initramfs fills
 * it at boot (its files' data stays in the boot module until first
 * written), drivers add devices, and programs create, write, rename and
 * remove files like on any Unix file system. Nothing is persistent.
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include <stdint.h>

#include "fs/vfs.h"

#define PATH_MAX 4096
#define RAMFS_FILE_MAX (256ull << 20) /* one file: at most 256 MiB of kernel heap */
#define SYMLOOP_MAX 40

/* The root directory, created on first use. */
struct inode *ramfs_root(void);

/* Creates (or, for an existing directory of the same name, returns) the
 * entry name in directory dir. NULL with *err = -ENOMEM/-EEXIST/-ENOTDIR. */
struct inode *ramfs_create(struct inode *dir, const char *name, uint32_t mode, int *err);

/* Finds name in directory dir; NULL if absent. */
struct inode *ramfs_child(struct inode *dir, const char *name, uint64_t namelen);

/* Resolves path (absolute, or relative to cwd). Symlinks are followed,
 * the last component's only if follow_last; a magic link (inode->jump)
 * leads straight to the inode it stands for. Returns 0 and *out, or
 * -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG. */
int ramfs_lookup(struct inode *cwd, const char *path, int follow_last, struct inode **out);

/* Sets a regular file's size (truncating or zero-extending), taking a
 * private copy of initramfs data. 0, -EFBIG or -ENOSPC. */
int ramfs_resize(struct inode *ino, uint64_t size);

/* Removes name from dir (unlink/rmdir; the caller checked the rules).
 * The inode lives on while open files or working directories use it. */
void ramfs_detach(struct inode *dir, struct inode *child);
/* Links an existing inode into dir under name (rename, link). */
int ramfs_attach(struct inode *dir, struct inode *child, const char *name);

/* A symlink's target into buf (NUL-terminated, cut at size - 1 bytes);
 * returns its length. Links made by procfs compute it: inode->priv is then
 * a long (*)(const struct inode *link, char *buf, size_t size). */
long ramfs_link_target(const struct inode *link, char *buf, size_t size);
/* The absolute path of n into buf; its length, or -ENAMETOOLONG. */
long ramfs_path_of(const struct inode *n, char *buf, size_t size);

/* Creates directory path with mode unless something is there already. */
void ramfs_ensure_dir(const char *path, uint32_t mode);

/* Adds an inode at path with all missing parent directories (boot use). */
struct inode *ramfs_mkpath(const char *path, uint32_t mode, int *err);

/* File operations of regular files and directories. */
extern const struct file_ops ramfs_file_ops;
extern const struct file_ops ramfs_dir_ops;

#endif
