/*
 * pidfd.h - process file descriptors (pidfd_open(2)): an anonymous-inode
 * file ("anon_inode:[pidfd]") that names one process - not a pid number,
 * which may be reused once the process is reaped. It becomes readable
 * (POLLIN) when the process exits, and POLLHUP too once it is reaped.
 * The system calls that take one are syscall/sys_pidfd.c and waitid's
 * P_PIDFD (syscall/sys_wait.c).
 */
#ifndef FS_PIDFD_H
#define FS_PIDFD_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct proc;

/* pidfd_open's flag: the file's O_NONBLOCK (waitid then answers EAGAIN
 * rather than waiting). */
#define PIDFD_NONBLOCK 04000

/* Makes a pidfd naming process p (a thread group leader, alive or a
 * zombie) and installs it, close-on-exec always (as Linux), O_NONBLOCK
 * when flags has it. The descriptor, or -ENOMEM / -EMFILE. */
int pidfd_create(struct proc *p, uint32_t flags);

/* Is f a pidfd? */
bool pidfd_is(const struct file *f);

/* The process the pidfd f names: 0 with *out set (a zombie included), or
 * -ESRCH once it has been reaped, -EBADF when f is no pidfd. With
 * proc_dirs, a /proc/PID directory also names its process (what
 * pidfd_send_signal accepts); such a file names the pid number only. */
int pidfd_proc(const struct file *f, bool proc_dirs, struct proc **out);

#endif
