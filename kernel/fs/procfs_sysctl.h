/*
 * procfs_sysctl.h - /proc/sys: the kernel's tunables as files, Linux's
 * names and formats (one value and a newline; several separated by
 * tabs). Reading gives the value now; writing one that can change
 * (pid_max, hostname, domainname, drop_caches, pipe-max-size,
 * lease-break-time, the inotify limits, the System V IPC and POSIX
 * message queue limits) sets it, and the rest are read-only (0444): they
 * report how Tiny OS works (overcommit, 256 descriptors a
 * process ...). procfs.c makes the files from this table.
 */
#ifndef FS_PROCFS_SYSCTL_H
#define FS_PROCFS_SYSCTL_H

#include <stddef.h>
#include <stdint.h>

struct sysctl_entry {
    const char *name;
    int parent;    /* the directory holding it (an index here), -1: /proc/sys */
    uint32_t mode; /* S_IFDIR | 0555, S_IFREG | 0644 or 0444 */
    /* The value as text (a procfs generator; pid is unused). */
    long (*read)(int pid, char *buf, size_t size);
    /* Sets it from text (n bytes, not NUL-terminated): n or -EINVAL.
     * NULL: read-only. */
    long (*write)(const char *buf, size_t n);
};

extern const struct sysctl_entry sysctl_entries[];
extern const int sysctl_count;

#endif
