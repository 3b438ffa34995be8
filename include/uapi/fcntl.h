/* uapi/fcntl.h - open flags and fcntl commands (Linux x86_64 values). */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DSYNC 00010000
#define O_ASYNC 00020000 /* FASYNC: signal-driven I/O */
#define O_DIRECT 00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define __O_TMPFILE 020000000
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY) /* an unnamed file in the directory given */
#define O_NOFOLLOW 00400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_PATH 010000000

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH 0x1000

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* Linux's own commands (F_LINUX_SPECIFIC_BASE 1024 on). */
#define F_SETPIPE_SZ 1031 /* pipe capacity, bytes */
#define F_GETPIPE_SZ 1032
#define F_ADD_SEALS 1033 /* file sealing (memfd_create(2)) */
#define F_GET_SEALS 1034

#define F_SEAL_SEAL 0x0001         /* no more seals */
#define F_SEAL_SHRINK 0x0002       /* the size may not shrink */
#define F_SEAL_GROW 0x0004         /* the size may not grow */
#define F_SEAL_WRITE 0x0008        /* the data may not change */
#define F_SEAL_FUTURE_WRITE 0x0010 /* no new writes or writable mappings; existing mappings stay */
#define F_SEAL_EXEC 0x0020         /* the exec bits may not change */

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3 /* the next offset holding data (lseek(2)) */
#define SEEK_HOLE 4 /* the next hole; the end of the file counts as one */

#endif
