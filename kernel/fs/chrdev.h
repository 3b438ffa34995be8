/*
 * chrdev.h - character devices by number. Drivers register the file
 * operations of their device numbers; a character-device inode on any
 * file system (devtmpfs's nodes, or one made with mknod in /tmp) opens
 * the driver registered for its rdev, as Linux's chrdev_open does. A
 * number no driver has opens with ENXIO.
 */
#ifndef FS_CHRDEV_H
#define FS_CHRDEV_H

#include <stdbool.h>
#include <stdint.h>

struct file_ops;

#define MKDEV(ma, mi) (((uint32_t)(ma) << 8) | (uint32_t)(mi))

/* Registers ops for device number rdev (MKDEV); 0 or -ENOMEM/-EBUSY. */
int chrdev_register(uint32_t rdev, const struct file_ops *ops);

/* Is a driver registered for any number in [first, last] (/proc/devices)? */
bool chrdev_in_range(uint32_t first, uint32_t last);

/* The file operations of character-device inodes: open finds the driver. */
extern const struct file_ops chrdev_fops;

#endif
