/* sys/statfs.h - statfs(2), fstatfs(2): Linux's x86_64 struct statfs
 * (120 bytes, the kernel's layout, so no conversion). */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

typedef struct {
    int __val[2];
} fsid_t;

struct statfs {
    long f_type;             /* magic number of the file system type */
    long f_bsize;            /* optimal transfer block size */
    unsigned long f_blocks;  /* size in f_frsize units */
    unsigned long f_bfree;   /* free blocks */
    unsigned long f_bavail;  /* free blocks for unprivileged users */
    unsigned long f_files;   /* inodes */
    unsigned long f_ffree;   /* free inodes */
    fsid_t f_fsid;
    long f_namelen;          /* longest file name */
    long f_frsize;           /* fragment size: the unit of f_blocks */
    long f_flags;            /* ST_* mount flags (with ST_VALID) */
    long f_spare[4];
};

#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008
#define ST_NOATIME 0x0400
#define ST_NODIRATIME 0x0800
#define ST_RELATIME 0x1000
#define ST_VALID 0x0020

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
