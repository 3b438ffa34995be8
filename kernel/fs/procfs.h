/*
 * procfs.h - /proc: read-only text files generated when opened, each a
 * snapshot of kernel state:
 *   /proc/meminfo  MemTotal / MemFree / ... in kB, as Linux writes them
 *   /proc/uptime   seconds since boot (and idle time, 0)
 *   /proc/self     a link to the reader's /proc/PID (computed per reader)
 *   /proc/PID/     one per process (status, stat, cmdline, comm, exe:
 *                  procfs_pid.h), kept in step with the process table
 *                  lazily, whenever /proc is looked in or listed
 *   /proc/ps       the process table, one process a line (Tiny OS's own
 *                  format, documented in docs/procfs.md):
 *                    PID PPID PGID SID STATE NAME
 *                  STATE is R (running or ready), S (sleeping),
 *                  T (stopped) or Z (zombie).
 */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

void procfs_init(void);

#endif
