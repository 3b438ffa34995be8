/*
 * procfs.h - /proc, a file system whose files are computed: read-only
 * text files generated when opened (each a snapshot of kernel state),
 * links computed when read or followed, and directories listed from the
 * process table. Nothing is stored: a lookup makes the inode of the name
 * asked for, and its dentry goes when no one uses it, so /proc always
 * shows the processes alive now.
 *   /proc/meminfo uptime cpuinfo version loadavg stat filesystems ps
 *         (procfs_sys.h), mounts (-> self/mounts)
 *   /proc/sys/    the tunables (procfs_sysctl.h)
 *   /proc/sysvipc/msg sem shm  System V IPC's objects (ipc/ipc.h)
 *   /proc/self    a link to the reader's /proc/PID
 *   /proc/PID/    one per process: status stat cmdline comm maps environ
 *                 mounts mountinfo, the magic links exe cwd root, and fd/
 *                 with one magic link per open descriptor (procfs_pid.h)
 * Inode numbers are made of (pid, descriptor, entry), so they are the
 * same at every lookup.
 */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

/* Registers the "proc" file system type. */
void procfs_init(void);

/* The pid a /proc/PID directory inode stands for, or 0 for any other
 * inode (pidfd_send_signal takes such a directory as a pidfd). */
struct inode;
int procfs_dir_pid(const struct inode *i);

#endif
