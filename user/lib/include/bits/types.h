/* bits/types.h - the basic types several public headers share, defined
 * once here. Linux x86_64 (LP64) sizes, as glibc and musl use. */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H

#ifndef NULL
#define NULL ((void *)0)
#endif

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned long ino_t;
typedef unsigned long dev_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef int clockid_t;
typedef long clock_t;
typedef unsigned int useconds_t;
typedef int id_t;

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

#endif
