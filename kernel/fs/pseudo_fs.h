/*
 * pseudo_fs.h - the file systems of files that have no name in the tree:
 * pipes (pipefs), sockets (sockfs) and the anonymous inodes of eventfd,
 * timerfd, signalfd and epoll (anon_inodefs), as Linux has them. They are
 * never mounted; each gives its inodes a device number (st_dev) and a
 * statfs answer (PIPEFS_MAGIC ...). The inodes are embedded in their
 * objects (a pipe, a socket), which free themselves.
 */
#ifndef FS_PSEUDO_FS_H
#define FS_PSEUDO_FS_H

#include <stdint.h>

struct inode;
struct super_block;

enum pseudo_fs { PSEUDO_PIPEFS, PSEUDO_SOCKFS, PSEUDO_ANON, PSEUDO_COUNT };

/* Registers the pseudo file systems (/proc/filesystems lists them). */
void pseudo_fs_init(void);
/* Gives open file f (of a pseudo inode) a path, made on first need: a
 * magic link (/proc/PID/fd/N) to a pipe leads there, and opening that
 * path opens the pipe again. 0 or -ENOMEM. */
struct file;
int pseudo_file_path(struct file *f);

/* Sets up inode (embedded in its object) as a file of pseudo fs which. */
void pseudo_inode_init(struct inode *inode, enum pseudo_fs which, uint32_t mode);

#endif
