/*
 * sys_fork.c - creating processes (fork, vfork, clone) and signalling
 * them, and the process-group calls a shell's job control needs.
 */
#include "arch/x86_64/cpu.h"
#include "fs/pidfd.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/ptrace.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "uapi/signal.h"


/* Starts child and, for vfork, waits until it has exec'd or exited. */
static long start_child(struct proc *c, bool vfork, uint64_t flags)
{
    struct proc *p = current();
    int pid = c->pid;
    if (vfork) {
        c->vfork_parent = p;
        p->vfork_done = false;
    }
    uint64_t f = irq_save();
    int event = ptrace_fork(c, flags); /* traced before it first runs */
    sched_make_ready(c);
    if (event)
        ptrace_event(event, (uint64_t)pid);
    if (vfork)
        while (!p->vfork_done)
            sleep_on(&p->vfork_done); /* not interruptible, as on Linux */
    irq_restore(f);
    return pid;
}

long sys_fork(void)
{
    int err;
    struct proc *c = proc_fork(0, 0, &err);
    return c ? start_child(c, false, SIGCHLD) : err;
}

/* vfork: the child runs in the parent's own address space while the
 * parent waits for its exec or exit (vfork(2)). */
long sys_vfork(void)
{
    int err;
    struct proc *c = proc_fork(0, CLONE_VM, &err);
    return c ? start_child(c, true, CLONE_VM | CLONE_VFORK | SIGCHLD) : err;
}

long sys_clone(uint64_t flags, uint64_t newsp, uint64_t uparent_tid, uint64_t uchild_tid, uint64_t tls)
{
    (void)tls; /* CLONE_SETTLS: proc_fork takes it from the frame */
    uint64_t known = CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK | CLONE_THREAD |
                     CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID |
                     CLONE_DETACHED | CLONE_PIDFD | CLONE_PARENT;
    /* Namespaces (CLONE_NEW*), CLONE_PTRACE, CLONE_IO and the rest are
     * not supported: refused rather than run half right. CLONE_SYSVSEM:
     * semaphore undo lists belong to the process (ipc/sem.c), so threads
     * share them anyway. CLONE_FS without CLONE_THREAD copies. */
    if (flags & ~known)
        return -EINVAL;
    /* Linux's consistency rules (kernel/fork.c copy_process). */
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    if (!(flags & CLONE_THREAD) && (flags & CSIGNAL) != SIGCHLD && (flags & CSIGNAL) != 0)
        return -EINVAL;
    /* init may not make siblings of itself: they would have no parent to
     * reap them (Linux: SIGNAL_UNKILLABLE). */
    if ((flags & CLONE_PARENT) && current()->leader->pid == 1)
        return -EINVAL;
    /* CLONE_PIDFD: a pidfd of the child, stored where parent_tid points
     * (so not with CLONE_PARENT_SETTID); not for threads, and
     * CLONE_DETACHED is kept for later use by Linux. */
    if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD | CLONE_PARENT_SETTID)))
        return -EINVAL;
    /* Where the pidfd goes must be writable before the child exists:
     * Linux fails the whole clone then (EFAULT). */
    int zero = 0;
    if ((flags & CLONE_PIDFD) && copy_to_user(uparent_tid, &zero, sizeof zero))
        return -EFAULT;
    bool vfork = flags & CLONE_VFORK;
    int err;
    struct proc *c = proc_fork(newsp, flags, &err);
    if (!c)
        return err;
    int pid = c->pid;
    if (flags & CLONE_PIDFD) {
        int fd = pidfd_create(c, 0);
        if (fd < 0) {
            proc_free(c); /* never ran: the clone fails as a whole (EMFILE) */
            return fd;
        }
        (void)copy_to_user(uparent_tid, &fd, sizeof fd); /* checked writable above */
    }
    /* Linux stores the tids before the child runs; a bad pointer there
     * is ignored, as Linux does for these (put_user errors unchecked). */
    if (flags & CLONE_PARENT_SETTID)
        (void)copy_to_user(uparent_tid, &pid, sizeof pid);
    if (flags & CLONE_CHILD_SETTID)
        (void)vm_write(c->mm, uchild_tid, &pid, sizeof pid); /* the child's (maybe shared) memory */
    if (flags & CLONE_CHILD_CLEARTID)
        c->clear_child_tid = uchild_tid;
    return start_child(c, vfork, flags);
}

/* Sends sig with info to every process kill(2)'s pid selects and the
 * caller may signal (signal_permitted). Linux's answers: ESRCH when none
 * is selected; EPERM when none of a process or group may be signalled
 * (but kill(-1) then still succeeds, as Linux's kill_something_info). */
static long send_to(long pid, long sig, const struct ksiginfo *info)
{
    struct proc *self = current();
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    int pgid = pid == 0 ? self->pgid : pid < -1 ? (int)-pid : 0;
    int found = 0, sent = 0;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        /* A dead process not yet reaped still has its pid: kill finds it
         * and succeeds, and the signal goes nowhere (Linux keeps a zombie
         * on its pid and group until release_task). Its threads do not. */
        if (!p || (p->state == PROC_ZOMBIE && p->leader->group_live == 0 && p != p->leader))
            continue;
        /* pid > 0: the process with that pid (a thread id names its
         * process too); a group: its processes; -1: every process but
         * init and our own. */
        if (pid > 0 ? p->pid != pid
                    : (p != p->leader || (pgid ? p->pgid != pgid : (p->tgid == 1 || p->leader == self->leader))))
            continue;
        found++;
        if (!signal_permitted(p, (int)sig))
            continue;
        sent++;
        if (sig)
            signal_send_info(p, (int)sig, info);
    }
    if (!found)
        return -ESRCH;
    return sent || pid == -1 ? 0 : -EPERM;
}

/* What kill, tkill and tgkill say about themselves (SI_USER, SI_TKILL). */
static struct ksiginfo from_self(int code)
{
    return (struct ksiginfo){.code = code, .pid = current()->tgid, .uid = current_cred()->uid};
}

long sys_kill(int pid, int sig)
{
    struct ksiginfo info = from_self(SI_USER);
    return send_to(pid, sig, &info);
}

/* tkill/tgkill/rt_tgsigqueueinfo: to one thread (tgid < 0: any process). */
static long send_to_thread(int tgid, int tid, int sig, const struct ksiginfo *info)
{
    if (tid <= 0 || sig < 0 || sig >= NSIG)
        return -EINVAL;
    struct proc *t = proc_find(tid);
    if (!t || t->state == PROC_ZOMBIE || (tgid > 0 && t->tgid != tgid))
        return -ESRCH;
    if (!signal_permitted(t, sig))
        return -EPERM;
    if (sig)
        signal_send_thread(t, sig, info);
    return 0;
}

long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0)
        return -EINVAL;
    struct ksiginfo info = from_self(SI_TKILL);
    return send_to_thread(tgid, tid, sig, &info);
}

long sys_tkill(int tid, int sig)
{
    struct ksiginfo info = from_self(SI_TKILL);
    return send_to_thread(-1, tid, sig, &info);
}

/* The siginfo_t rt_sigqueueinfo passes: its code, sender pid and value
 * (sigqueue(3) sets SI_QUEUE, our pid and uid, and the sigval). A caller
 * may not pretend to be the kernel or kill(2) - a code >= 0, or SI_TKILL -
 * to anyone but itself (Linux's do_rt_sigqueueinfo): EPERM. */
static long queued_info(uint64_t uinfo, int target, struct ksiginfo *info, int *signo)
{
    struct {
        int32_t signo, errno_, code, pad;
        int32_t pid;
        uint32_t uid;
        uint64_t value;
    } u;
    if (copy_from_user(&u, uinfo, sizeof u))
        return -EFAULT;
    if (signo)
        *signo = u.signo;
    if ((u.code >= 0 || u.code == SI_TKILL) && target != current()->pid)
        return -EPERM;
    *info = (struct ksiginfo){.code = u.code, .pid = u.pid, .status = (int16_t)u.value, .uid = u.uid, .addr = u.value};
    return 0;
}

long sys_rt_sigqueueinfo(int tgid, int sig, uint64_t uinfo)
{
    struct ksiginfo info;
    long err = queued_info(uinfo, tgid, &info, NULL);
    if (err)
        return err;
    if (tgid <= 0)
        return -ESRCH; /* one process only, no groups (kill_proc_info) */
    return send_to(tgid, sig, &info);
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, uint64_t uinfo)
{
    if (tgid <= 0 || tid <= 0)
        return -EINVAL;
    struct ksiginfo info;
    long err = queued_info(uinfo, tid, &info, NULL);
    if (err)
        return err;
    return send_to_thread(tgid, tid, sig, &info);
}

/* pidfd_send_signal(2): kill(2) or rt_sigqueueinfo(2) (with uinfo) to
 * the process a pidfd, or a /proc/PID directory, names. Linux's order
 * (kernel/signal.c): flags, the descriptor, the siginfo (whose si_signo
 * must be sig), then the process, the signal number and the permission.
 * A zombie takes a permitted signal and ignores it, as on Linux. */
long sys_pidfd_send_signal(int pidfd, int sig, uint64_t uinfo, uint32_t flags)
{
    if (flags)
        return -EINVAL; /* PIDFD_SIGNAL_THREAD and the other scopes (Linux 6.9) are not supported */
    struct file *f = fd_get(current(), pidfd);
    if (!f)
        return -EBADF;
    struct proc *p;
    long err = pidfd_proc(f, true, &p);
    if (err == -EBADF)
        return err;
    struct ksiginfo info = from_self(SI_USER);
    if (uinfo) {
        int signo;
        long e = queued_info(uinfo, p ? p->pid : 0, &info, &signo);
        if (e == -EFAULT)
            return e;
        if (signo != sig)
            return -EINVAL;
        if (e)
            return e;
    }
    if (err)
        return err;
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    if (!signal_permitted(p, sig))
        return -EPERM;
    if (sig && !(p->state == PROC_ZOMBIE && p->group_live == 0))
        signal_send_info(p, sig, &info);
    return 0;
}

long sys_setpgid(int pid, int pgid)
{
    struct proc *self = current();
    struct proc *p = pid ? proc_find((int)pid) : self;
    if (pgid < 0)
        return -EINVAL;
    if (p)
        p = p->leader;
    if (!p || (p != self->leader && p->parent != self->leader))
        return -ESRCH;
    if (p != self->leader && p->did_exec)
        return -EACCES; /* a child that has exec'd is out of the parent's hands */
    if (p->tgid == p->sid)
        return -EPERM; /* a session leader keeps its group */
    if (p->sid != self->sid)
        return -EPERM;
    if (!pgid)
        pgid = p->tgid;
    if (pgid != p->tgid) {
        /* Joining a group: it must exist in the same session. */
        bool ok = false;
        for (int i = 0; i < proc_slots_used && !ok; i++)
            ok = proc_table[i] && proc_table[i]->pgid == pgid && proc_table[i]->sid == self->sid;
        if (!ok)
            return -EPERM;
    }
    for_each_thread(t, p) t->pgid = (int)pgid;
    return 0;
}

long sys_getpgid(int pid)
{
    struct proc *p = pid ? proc_find((int)pid) : current();
    return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void) { return current()->pgid; }

long sys_getsid(int pid)
{
    struct proc *p = pid ? proc_find((int)pid) : current();
    return p ? p->sid : -ESRCH;
}

long sys_setsid(void)
{
    struct proc *self = current();
    for (int i = 0; i < proc_slots_used; i++)
        if (proc_table[i] && proc_table[i]->pgid == self->tgid)
            return -EPERM; /* already a group leader */
    for_each_thread(t, self) t->sid = t->pgid = self->tgid;
    return self->tgid;
}
