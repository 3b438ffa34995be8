/*
 * blkdev_file.h - the file operations of block-device inodes: a
 * file system gives them to every S_IFBLK inode it makes (tmpfs's
 * mknod, devtmpfs's nodes, ext2's device files), as chrdev_fops for
 * character devices; open finds the driver by the inode's rdev.
 */
#ifndef BLOCK_BLKDEV_FILE_H
#define BLOCK_BLKDEV_FILE_H

struct file_ops;
extern const struct file_ops blkdev_fops;

#endif
