/*
 * rlimit.h - per-process resource limits (getrlimit(2), setrlimit(2),
 * prlimit(2)). A process's limits live in its thread-group leader, are
 * inherited by fork and kept across execve, as on Linux.
 */
#ifndef PROC_RLIMIT_H
#define PROC_RLIMIT_H

#include <stdint.h>

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIMIT_NLIMITS 16
#define RLIM_INFINITY (~0ull)

struct rlimit64 {
    uint64_t cur, max;
};

struct proc;

/* Init's limits: Linux's INIT_RLIMITS (include/asm-generic/resource.h),
 * with the process and descriptor counts this kernel really has. */
void rlimit_init(struct proc *p);
/* The child of fork gets a copy of the parent's limits. */
void rlimit_inherit(struct proc *child, const struct proc *parent);
/* The soft limit on p's resource. */
uint64_t rlimit_cur(const struct proc *p, int resource);
/* RLIMIT_FSIZE for the calling process writing n bytes at pos of a
 * regular file (or making it that long): the count allowed (a short
 * write up to the limit), or -EFBIG with SIGXFSZ sent when pos is at or
 * past the limit (Linux's generic_write_check_limits, inode_newsize_ok). */
long rlimit_fsize_allow(uint64_t pos, uint64_t n);
/* Reads and (if new is not NULL) sets a limit; 0 or -errno. */
long rlimit_exchange(struct proc *p, int resource, const struct rlimit64 *new, struct rlimit64 *old);

/* fs.nr_open (/proc/sys/fs/nr_open): the ceiling of RLIMIT_NOFILE and
 * of the descriptors a table unshare(CLONE_FILES) copies may hold
 * (EMFILE past it). Between 64 (Linux's minimum) and NOFILE, the size of
 * our tables; NOFILE by default. */
#define NR_OPEN_MIN 64
extern int rlimit_nr_open;

#endif
