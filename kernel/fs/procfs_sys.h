/*
 * procfs_sys.h - the system-wide files of /proc, in Linux's formats
 * (proc(5)): each writes its text into buf and returns its length (cut at
 * size). The inode argument is unused; it gives them procfs's generator
 * signature.
 *   /proc/cpuinfo      one CPU, fields and flags from CPUID
 *   /proc/version      "Linux version 6.1.0-tinyos ..." (uname -r's release)
 *   /proc/loadavg      load averages (always 0.00: none are kept), running/total, last pid
 *   /proc/stat         the cpu lines (ticks of 1/100 s), btime, processes
 *   /proc/filesystems  the file-system types the kernel has
 */
#ifndef FS_PROCFS_SYS_H
#define FS_PROCFS_SYS_H

#include <stddef.h>

struct inode;

long procfs_cpuinfo(const struct inode *ino, char *buf, size_t size);
long procfs_version(const struct inode *ino, char *buf, size_t size);
long procfs_loadavg(const struct inode *ino, char *buf, size_t size);
long procfs_stat(const struct inode *ino, char *buf, size_t size);
long procfs_filesystems(const struct inode *ino, char *buf, size_t size);

#endif
