/*
 * procfs_sys.h - the system-wide files of /proc, in Linux's formats
 * (proc(5)): each writes its text into buf and returns its length (cut at
 * size). The pid argument is unused; it gives them procfs's generator
 * signature.
 *   /proc/meminfo      MemTotal / MemFree / ... in kB (Cached: page-cache pages)
 *   /proc/uptime       seconds since boot (and idle time, 0)
 *   /proc/ps           the process table, one process a line (Tiny OS's own
 *                      format, docs/procfs.md): PID PPID PGID SID STATE NAME
 *   /proc/cpuinfo      one CPU, fields and flags from CPUID
 *   /proc/version      "Linux version 6.1.0-tinyos ..." (uname -r's release)
 *   /proc/loadavg      load averages (always 0.00: none are kept), running/total, last pid
 *   /proc/stat         the cpu lines (ticks of 1/100 s), btime, processes
 *   /proc/filesystems  the file-system types the kernel has
 */
#ifndef FS_PROCFS_SYS_H
#define FS_PROCFS_SYS_H

#include <stddef.h>

long procfs_cpuinfo(int pid, char *buf, size_t size);
long procfs_version(int pid, char *buf, size_t size);
long procfs_cmdline(int pid, char *buf, size_t size); /* the kernel command line */
long procfs_loadavg(int pid, char *buf, size_t size);
long procfs_stat(int pid, char *buf, size_t size);
long procfs_filesystems(int pid, char *buf, size_t size);
long procfs_meminfo(int pid, char *buf, size_t size);
long procfs_uptime(int pid, char *buf, size_t size);
long procfs_ps(int pid, char *buf, size_t size);

#endif
