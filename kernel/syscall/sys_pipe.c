/*
 * sys_pipe.c - pipe(2) and pipe2(2): check the flags, make the pipe
 * (fs/pipe.c), install its read and write ends in the two lowest free
 * descriptors and store those in the caller's int[2].
 */
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

long sys_pipe2(uint64_t ufds, int flags)
{
    if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
        return -EINVAL;
    struct file *r, *w;
    int err = pipe_create(flags, &r, &w);
    if (err)
        return err;
    struct proc *cur = current();
    int fds[2];
    fds[0] = fd_install(cur, -1, r, flags & O_CLOEXEC);
    fds[1] = fds[0] < 0 ? -EMFILE : fd_install(cur, -1, w, flags & O_CLOEXEC);
    if (fds[0] < 0 || fds[1] < 0) {
        if (fds[0] >= 0)
            cur->fdt->fd[fds[0]] = NULL;
        file_put(r);
        file_put(w);
        return -EMFILE;
    }
    if (copy_to_user(ufds, fds, sizeof fds)) {
        /* Nothing was handed out: both descriptors go again. */
        cur->fdt->fd[fds[0]] = cur->fdt->fd[fds[1]] = NULL;
        file_put(r);
        file_put(w);
        return -EFAULT;
    }
    return 0;
}

long sys_pipe(uint64_t ufds) { return sys_pipe2(ufds, 0); }
