/*
 * procfs_pid.h - the files of a /proc/PID directory, in Linux's formats
 * (proc(5)): each writes the text of one file about process pid into buf
 * and returns its length (cut at size), or -ESRCH once the process is
 * gone. procfs.c makes the directory and its entries out of these.
 */
#ifndef FS_PROCFS_PID_H
#define FS_PROCFS_PID_H

#include <stddef.h>
#include <stdint.h>

struct path;
struct proc;

/* The process (thread group leader) pid names, or NULL if gone. */
struct proc *procfs_find_leader(int pid);
/* The thread id names, or NULL if gone. The files below take such an id:
 * /proc/PID's the leader's (the pid), /proc/PID/task/TID's the thread's;
 * per-thread facts (name, state, signal masks, descriptors) are that
 * thread's, the rest its process's. */
struct proc *procfs_find_task(int id);

long procfs_pid_status(int pid, char *buf, size_t size);
long procfs_pid_stat(int pid, char *buf, size_t size);
long procfs_pid_cmdline(int pid, char *buf, size_t size);
long procfs_pid_comm(int pid, char *buf, size_t size);

/* The writable files (procfs_pid_knobs.c): each takes the n bytes written
 * and returns n or -errno. comm: the thread's name (own process only,
 * else -EINVAL); timerslack_ns: PR_SET_TIMERSLACK's value (another
 * thread's needs CAP_SYS_NICE, to read too); coredump_filter: the
 * process's 9 filter bits, "%08x". */
long procfs_pid_comm_write(int pid, const char *buf, size_t n);
long procfs_pid_timerslack(int pid, char *buf, size_t size);
long procfs_pid_timerslack_write(int pid, const char *buf, size_t n);
long procfs_pid_coredump_filter(int pid, char *buf, size_t size);
long procfs_pid_coredump_filter_write(int pid, const char *buf, size_t n);
/* Linux's format (proc(5)): "start-end perms offset dev inode [name]";
 * file mappings name their file, the heap and the main stack are named,
 * other areas are anonymous. */
long procfs_pid_maps(int pid, char *buf, size_t size);
/* One maps line for area v appended at *n of buf (path: PATH_MAX bytes
 * of scratch); and text appended likewise. For smaps (procfs_smaps.c). */
struct vma;
void procfs_map_line(const struct vma *v, char *buf, size_t size, size_t *n, char *path);
void procfs_put(char *buf, size_t size, size_t *n, const char *s);
/* maps with each area's memory counts (Rss, Locked...), and their sum. */
long procfs_pid_smaps(int pid, char *buf, size_t size);
long procfs_pid_smaps_rollup(int pid, char *buf, size_t size);
/* The environment strings exec gave the process, each NUL-terminated. */
long procfs_pid_environ(int pid, char *buf, size_t size);
/* /proc/PID/mounts and mountinfo: the mount table seen from its root. */
long procfs_pid_mounts(int pid, char *buf, size_t size);
long procfs_pid_mountinfo(int pid, char *buf, size_t size);

/* The magic links cwd, root and exe: the text readlink shows, and the
 * path following them leads to (referenced); -ENOENT for a zombie. */
enum { PROCFS_CWD, PROCFS_ROOT, PROCFS_EXE };
long procfs_pid_place_text(int pid, int which, char *buf, size_t size);
int procfs_pid_place(int pid, int which, struct path *out);

/* /proc/PID/fd/N: what descriptor fd is open on (readlink's text: a path,
 * "pipe:[INO]", "socket:[INO]" or "anon_inode:[NAME]"), the path it leads
 * to, the link's mode (by access mode), and the next open descriptor at
 * or after from (-1: none). */
long procfs_pid_fd_text(int pid, int fd, char *buf, size_t size);
int procfs_pid_fd_path(int pid, int fd, struct path *out);
int procfs_pid_fd_mode(int pid, int fd, uint32_t *mode);
/* /proc/PID/fdinfo/N: position, flags (O_CLOEXEC included), mount id and
 * inode number, then what the file adds (file_ops.show_fdinfo). */
long procfs_pid_fdinfo(int pid, int fd, char *buf, size_t size);
int procfs_pid_next_fd(int pid, int from);

#endif
