/*
 * sys_fork.c - creating processes (fork, vfork, clone) and signalling
 * them, and the process-group calls a shell's job control needs.
 */
#include "arch/x86_64/cpu.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_DETACHED 0x00400000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CSIGNAL 0x000000ff


/* Starts child and, for vfork, waits until it has exec'd or exited. */
static long start_child(struct proc *c, bool vfork)
{
    struct proc *p = current();
    int pid = c->pid;
    if (vfork) {
        c->vfork_parent = p;
        p->vfork_done = false;
    }
    uint64_t f = irq_save();
    sched_make_ready(c);
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
    return c ? start_child(c, false) : err;
}

/* vfork: the child runs in the parent's own address space while the
 * parent waits for its exec or exit (vfork(2)). */
long sys_vfork(void)
{
    int err;
    struct proc *c = proc_fork(0, CLONE_VM, &err);
    return c ? start_child(c, true) : err;
}

long sys_clone(uint64_t flags, uint64_t newsp, uint64_t uparent_tid, uint64_t uchild_tid, uint64_t tls)
{
    (void)tls; /* CLONE_SETTLS: proc_fork takes it from the frame */
    uint64_t known = CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK | CLONE_THREAD |
                     CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID |
                     CLONE_DETACHED;
    /* Namespaces, ptrace, CLONE_PARENT and the rest are not supported:
     * refused rather than run half right. CLONE_SYSVSEM has nothing to
     * share (no System V IPC). CLONE_FS without CLONE_THREAD copies. */
    if (flags & ~known)
        return -EINVAL;
    /* Linux's consistency rules (kernel/fork.c copy_process). */
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    if (!(flags & CLONE_THREAD) && (flags & CSIGNAL) != SIGCHLD && (flags & CSIGNAL) != 0)
        return -EINVAL;
    bool vfork = flags & CLONE_VFORK;
    int err;
    struct proc *c = proc_fork(newsp, flags, &err);
    if (!c)
        return err;
    int pid = c->pid;
    /* Linux stores the tids before the child runs; a bad pointer there
     * is ignored, as Linux does for these (put_user errors unchecked). */
    if (flags & CLONE_PARENT_SETTID)
        (void)copy_to_user(uparent_tid, &pid, sizeof pid);
    if (flags & CLONE_CHILD_SETTID)
        (void)vm_write(c->mm, uchild_tid, &pid, sizeof pid); /* the child's (maybe shared) memory */
    if (flags & CLONE_CHILD_CLEARTID)
        c->clear_child_tid = uchild_tid;
    return start_child(c, vfork);
}

/* Sends sig to every process kill(2)'s pid selects; code is SI_USER for
 * kill and SI_TKILL for tkill/tgkill. */
static long send_to(long pid, long sig, int code)
{
    struct proc *self = current();
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    struct ksiginfo info = {.code = code, .pid = self->tgid};
    if (pid == 0 || pid < -1) /* a process group */
        return signal_send_group(pid == 0 ? self->pgid : (int)-pid, (int)sig, &info) ? 0 : -ESRCH;
    int found = 0;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *p = proc_table[i];
        if (!p || (p->state == PROC_ZOMBIE && p->leader->group_live == 0))
            continue;
        /* pid > 0: the process with that pid (a thread id names its
         * process too); -1: every process but init and our own. */
        if (pid > 0 ? p->pid != pid : (p != p->leader || p->tgid == 1 || p->leader == self->leader))
            continue;
        found++;
        if (sig)
            signal_send_info(p, (int)sig, &info);
    }
    return found ? 0 : -ESRCH;
}

long sys_kill(int pid, int sig) { return send_to(pid, sig, SI_USER); }

/* tkill/tgkill: to one thread (tgid < 0: any process). */
static long send_to_thread(int tgid, int tid, int sig)
{
    if (tid <= 0 || sig < 0 || sig >= NSIG)
        return -EINVAL;
    struct proc *t = proc_find(tid);
    if (!t || t->state == PROC_ZOMBIE || (tgid > 0 && t->tgid != tgid))
        return -ESRCH;
    if (sig) {
        struct ksiginfo info = {.code = SI_TKILL, .pid = current()->tgid};
        signal_send_thread(t, sig, &info);
    }
    return 0;
}

long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0)
        return -EINVAL;
    return send_to_thread(tgid, tid, sig);
}

long sys_tkill(int tid, int sig) { return send_to_thread(-1, tid, sig); }

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
