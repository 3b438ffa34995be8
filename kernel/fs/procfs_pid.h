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
/* Linux's format (proc(5)): "start-end perms offset dev inode [name]";
 * the heap and the main stack are named, other areas are anonymous. */
long procfs_pid_maps(int pid, char *buf, size_t size);
/* The environment strings exec gave the process, each NUL-terminated. */
long procfs_pid_environ(int pid, char *buf, size_t size);
/* The working directory's path (the cwd link's target). */
long procfs_pid_cwd(int pid, char *buf, size_t size);

/* /proc/PID/fd: a directory of links named by descriptor number. Its
 * refresh makes the entries match the process's open descriptors; each
 * link's target (procfs_pid_fd_target) says what the descriptor is open
 * on: a path, "pipe:[INO]", "socket:[INO]" or "anon_inode:[NAME]". */
struct inode;
void procfs_pid_fd_refresh(struct inode *dir);
long procfs_pid_fd_target(const struct inode *link, char *buf, size_t size);

#endif
