/*
 * procfs_pid.h - the files of a /proc/PID directory, in Linux's formats
 * (proc(5)): each writes the text of one file about process pid into buf
 * and returns its length (cut at size), or -ESRCH once the process is
 * gone. The exe link's target function follows ramfs_link_target's rule.
 */
#ifndef FS_PROCFS_PID_H
#define FS_PROCFS_PID_H

#include <stddef.h>

long procfs_pid_status(int pid, char *buf, size_t size);
long procfs_pid_stat(int pid, char *buf, size_t size);
long procfs_pid_cmdline(int pid, char *buf, size_t size);
long procfs_pid_comm(int pid, char *buf, size_t size);
/* The program file's absolute path, -ENOENT without one (a zombie). */
long procfs_pid_exe(int pid, char *buf, size_t size);

#endif
