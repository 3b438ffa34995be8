/*
 * sys_pidfd.c - process file descriptors (fs/pidfd.h): pidfd_open(2),
 * pidfd_getfd(2), and kcmp(2), which compares what two processes hold
 * (pidfd_send_signal is with the other signal senders in sys_fork.c,
 * waitid's P_PIDFD in sys_wait.c).
 */
#include "fs/file.h"
#include "fs/pidfd.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* pidfd_open(2), Linux's checks in order: flags, pid, the process. Only
 * a process (a thread group leader) has a pidfd: EINVAL for another
 * thread's id (PIDFD_THREAD, Linux 6.9, is not supported). A zombie not
 * yet reaped still has one. */
long sys_pidfd_open(int pid, uint32_t flags)
{
    if (flags & ~PIDFD_NONBLOCK)
        return -EINVAL;
    if (pid <= 0)
        return -EINVAL;
    struct proc *p = proc_find(pid);
    if (!p)
        return -ESRCH;
    if (p->leader != p)
        return -EINVAL;
    return pidfd_create(p, flags);
}

/* pidfd_getfd(2): a duplicate of another process's descriptor targetfd
 * (the same open file), close-on-exec, for a caller allowed to look into
 * that process (ptrace access: proc_may_inspect). */
long sys_pidfd_getfd(int pidfd, int targetfd, uint32_t flags)
{
    if (flags)
        return -EINVAL;
    struct file *pf = fd_get(current(), pidfd);
    if (!pf || !pidfd_is(pf))
        return -EBADF;
    struct proc *p;
    long err = pidfd_proc(pf, false, &p);
    if (err)
        return err;
    if (!proc_may_inspect(p))
        return -EPERM;
    /* An exited process has no descriptors left (Linux: EBADF too). */
    struct file *f = p->fdt ? fd_get_raw(p, targetfd) : NULL;
    if (!f)
        return -EBADF;
    file_get(f);
    int fd = fd_install(current(), -1, f, true);
    if (fd < 0)
        file_put(f);
    return fd;
}

/* kcmp(2)'s types (include/uapi/linux/kcmp.h). */
enum { KCMP_FILE, KCMP_VM, KCMP_FILES, KCMP_FS, KCMP_SIGHAND, KCMP_IO, KCMP_SYSVSEM, KCMP_EPOLL_TFD, KCMP_TYPES };

/* kcmp's answer for two kernel objects: 0 the same, else 1 or 2 by an
 * order that stays the same while both exist (Linux obfuscates its
 * pointers first; the order is all a caller may rely on). */
static long order(const void *a, const void *b) { return a == b ? 0 : a < b ? 1 : 2; }

/* The file-system context (cwd, root, umask) p uses: the thread group's
 * when its threads share one (CLONE_FS|CLONE_THREAD), else its own. */
static const void *fs_of(const struct proc *p) { return p->shares_fs ? (const void *)p->leader : p; }

/* kcmp(2): do two processes (thread ids) share a kernel object? The
 * caller must be allowed to look into both (EPERM), as Linux. KCMP_IO
 * compares I/O contexts, which no process here has: always the same.
 * KCMP_SYSVSEM and KCMP_EPOLL_TFD are not supported (EINVAL). */
long sys_kcmp(int pid1, int pid2, int type, uint64_t idx1, uint64_t idx2)
{
    struct proc *a = proc_find(pid1), *b = proc_find(pid2);
    if (!a || !b)
        return -ESRCH;
    if (!proc_may_inspect(a) || !proc_may_inspect(b))
        return -EPERM;
    switch (type) {
    case KCMP_FILE: {
        struct file *fa = a->fdt ? fd_get_raw(a, (int)idx1) : NULL, *fb = b->fdt ? fd_get_raw(b, (int)idx2) : NULL;
        if (idx1 > (uint64_t)INT32_MAX || idx2 > (uint64_t)INT32_MAX || !fa || !fb)
            return -EBADF;
        return order(fa, fb);
    }
    case KCMP_VM: return order(a->mm, b->mm);
    case KCMP_FILES: return order(a->fdt, b->fdt);
    case KCMP_FS: return order(fs_of(a), fs_of(b));
    case KCMP_SIGHAND: return order(a->sighand, b->sighand);
    case KCMP_IO: return 0;
    default: return -EINVAL;
    }
}
