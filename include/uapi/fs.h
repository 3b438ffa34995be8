/* uapi/fs.h - block device ioctls (Linux's include/uapi/linux/fs.h, x86_64 values). */
#ifndef UAPI_FS_H
#define UAPI_FS_H

#define BLKROSET 0x125D       /* _IO(0x12, 93): set read-only (int) */
#define BLKROGET 0x125E       /* _IO(0x12, 94): read-only? (int) */
#define BLKRRPART 0x125F      /* _IO(0x12, 95): re-read the partition table */
#define BLKGETSIZE 0x1260     /* _IO(0x12, 96): size in 512-byte sectors (unsigned long) */
#define BLKFLSBUF 0x1261      /* _IO(0x12, 97): write back and drop the buffer cache */
#define BLKSSZGET 0x1268      /* _IO(0x12, 104): logical sector size (int) */
#define BLKBSZGET 0x80081270  /* _IOR(0x12, 112, size_t): the block size of buffered I/O (int) */
#define BLKBSZSET 0x40081271  /* _IOW(0x12, 113, size_t) */
#define BLKGETSIZE64 0x80081272 /* _IOR(0x12, 114, size_t): size in bytes (uint64_t) */
#define BLKIOMIN 0x1278       /* _IO(0x12, 120): minimum I/O size (unsigned int) */
#define BLKIOOPT 0x1279       /* _IO(0x12, 121): optimal I/O size (unsigned int) */
#define BLKPBSZGET 0x127B     /* _IO(0x12, 123): physical sector size (unsigned int) */

#endif
