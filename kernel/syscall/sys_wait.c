/*
 * sys_wait.c - collecting children: wait4 and waitid. Both are one scan
 * (wait_child) over the caller's children; they differ only in how they
 * name the children (pid numbers vs. idtype/id) and in the form of the
 * answer (a wait(2) status word vs. a siginfo_t).
 */
#include "arch/x86_64/cpu.h"
#include "fs/file.h"
#include "fs/pidfd.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/ptrace.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

/* Options (include/uapi/linux/wait.h). */
#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002 /* waitid's WSTOPPED */
#define WSTOPPED WUNTRACED
#define WEXITED 0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT 0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

/* waitid's idtype. */
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define P_PIDFD 3

#define CLD_DUMPED 3
#define RUSAGE_SIZE 144 /* struct rusage: no accounting yet, zeros */

/* Which children a wait is about. */
struct wait_sel {
    enum { SEL_ALL, SEL_PID, SEL_PGID } kind;
    int id;
};

/* What happened to the child a wait reports. */
struct wait_event {
    int pid;
    int status; /* wait(2)'s status word: exit << 8, signal, 0x7f stop, 0xffff continue */
    uint32_t uid; /* the child's real uid (waitid's si_uid) */
};

static bool selected(const struct proc *c, struct wait_sel sel)
{
    switch (sel.kind) {
    case SEL_PID:
        return c->pid == sel.id;
    case SEL_PGID:
        return c->pgid == sel.id;
    default:
        return true;
    }
}

/* The one wait: 1 with *ev filled when a child changed state, 0 for
 * WNOHANG with none yet, or -errno. An exited child (WEXITED) is reaped
 * and a stop or continue (WSTOPPED, WCONTINUED) reported once - unless
 * WNOWAIT, which leaves the child to be waited for again (waitid(2)). */
static long wait_child(struct wait_sel sel, int options, struct wait_event *ev)
{
    struct proc *self = current();
    uint64_t f = irq_save();
    for (;;) {
        bool any = false;
        struct proc *zombie = NULL, *changed = NULL, *trapped = NULL;
        for (int i = 0; i < proc_slots_used && !zombie; i++) {
            struct proc *c = proc_table[i];
            if (!c || !selected(c, sel))
                continue;
            /* A tracer waits for its tracees as for children (Linux's
             * ptraced list): their ptrace-stops need no WUNTRACED. */
            bool child = c->parent == self->leader;
            bool tracee = c->tracer && c->tracer->leader == self->leader;
            if (!child && !tracee)
                continue;
            any = true;
            if (c->state == PROC_ZOMBIE && c->group_live == 0) { /* all its threads gone */
                if (options & WEXITED)
                    zombie = c;
            } else if (tracee && (c->ptrace_flags & PT_UNREPORTED)) {
                if (!trapped)
                    trapped = c;
            } else if (child && !changed && (((options & WSTOPPED) && c->stopped && c->stop_unreported) ||
                                             ((options & WCONTINUED) && c->continue_unreported))) {
                changed = c;
            }
        }
        if (zombie) {
            ev->pid = zombie->pid;
            ev->uid = zombie->cred->uid;
            if (options & WNOWAIT) {
                ev->status = zombie->wait_status;
            } else if (zombie->parent != self->leader) {
                /* A tracer that is not the parent sees the exit, and lets
                 * go: the parent reaps (Linux's wait_task_zombie). */
                ev->status = zombie->wait_status;
                zombie->tracer = NULL;
                if (zombie->parent)
                    wakeup(zombie->parent);
            } else {
                proc_reap(zombie, &ev->status);
            }
            irq_restore(f);
            return 1;
        }
        if (trapped) {
            ev->pid = trapped->pid;
            ev->uid = trapped->cred->uid;
            ev->status = trapped->ptrace_status;
            if (!(options & WNOWAIT)) {
                trapped->ptrace_flags &= ~PT_UNREPORTED;
                if (trapped->parent == self->leader) /* the same stop, reported once */
                    trapped->stop_unreported = false;
            }
            irq_restore(f);
            return 1;
        }
        if (changed) {
            ev->pid = changed->pid;
            ev->uid = changed->cred->uid;
            ev->status = changed->continue_unreported ? 0xffff : (changed->stop_signal << 8) | 0x7f;
            if (!(options & WNOWAIT))
                changed->continue_unreported = changed->stop_unreported = false;
            irq_restore(f);
            return 1;
        }
        if (!any) {
            irq_restore(f);
            return -ECHILD;
        }
        if (options & WNOHANG) {
            irq_restore(f);
            return 0;
        }
        if (sleep_on_interruptible(self)) {
            irq_restore(f);
            return -ERESTARTSYS;
        }
    }
}

long sys_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
        return -EINVAL;
    if (pid == INT32_MIN)
        return -ESRCH; /* -INT_MIN overflows: Linux's answer */
    struct wait_sel sel = {SEL_ALL, 0};
    if (pid > 0)
        sel = (struct wait_sel){SEL_PID, pid};
    else if (pid == 0)
        sel = (struct wait_sel){SEL_PGID, current()->pgid};
    else if (pid < -1)
        sel = (struct wait_sel){SEL_PGID, -pid};
    struct wait_event ev = {0, 0, 0};
    long r = wait_child(sel, options | WEXITED, &ev);
    if (r <= 0)
        return r;
    if (ustatus && copy_to_user(ustatus, &ev.status, sizeof ev.status))
        return -EFAULT;
    if (urusage && clear_user(urusage, RUSAGE_SIZE))
        return -EFAULT;
    return ev.pid;
}

/* The part of siginfo_t waitid fills (the SIGCHLD layout). */
struct waitid_info {
    int32_t signo, errno_, code, pad;
    int32_t pid;
    uint32_t uid;
    int32_t status;
};

/* The status word as waitid reports it: CLD_* code and si_status (exit
 * code, or the signal that killed, stopped or continued the child). */
static void to_siginfo(const struct wait_event *ev, struct waitid_info *si)
{
    int s = ev->status;
    si->signo = SIGCHLD;
    si->pid = ev->pid;
    si->uid = ev->uid;
    if (s == 0xffff) {
        si->code = CLD_CONTINUED;
        si->status = SIGCONT;
    } else if ((s & 0xff) == 0x7f) {
        si->code = CLD_STOPPED;
        si->status = (s >> 8) & 0xff;
    } else if (s & 0x7f) {
        si->code = (s & 0x80) ? CLD_DUMPED : CLD_KILLED;
        si->status = s & 0x7f;
    } else {
        si->code = CLD_EXITED;
        si->status = (s >> 8) & 0xff;
    }
}

long sys_waitid(int idtype, int id, uint64_t uinfo, int options, uint64_t urusage)
{
    /* Linux's checks (kernel/exit.c kernel_waitid). */
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
        return -EINVAL;
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
        return -EINVAL;
    struct wait_sel sel;
    bool nonblock = false;
    switch (idtype) {
    case P_ALL:
        sel = (struct wait_sel){SEL_ALL, 0};
        break;
    case P_PID:
        if (id <= 0)
            return -EINVAL;
        sel = (struct wait_sel){SEL_PID, id};
        break;
    case P_PGID:
        if (id < 0)
            return -EINVAL;
        sel = (struct wait_sel){SEL_PGID, id ? id : current()->pgid}; /* 0: ours (Linux 5.4) */
        break;
    case P_PIDFD: {
        /* The child a pidfd names (a pid number reused since is not it);
         * an O_NONBLOCK pidfd makes the wait WNOHANG, answering EAGAIN
         * when the caller did not ask for WNOHANG itself (Linux 5.10). */
        if (id < 0)
            return -EINVAL;
        struct file *f = fd_get(current(), id);
        if (!f || !pidfd_is(f))
            return -EBADF;
        struct proc *p;
        if (pidfd_proc(f, false, &p))
            return -ECHILD; /* reaped already */
        sel = (struct wait_sel){SEL_PID, p->pid};
        nonblock = f->flags & O_NONBLOCK;
        break;
    }
    default:
        return -EINVAL;
    }
    struct wait_event ev = {0, 0, 0};
    long r = wait_child(sel, nonblock ? options | WNOHANG : options, &ev);
    if (r < 0)
        return r;
    if (r == 0 && nonblock && !(options & WNOHANG))
        return -EAGAIN;
    /* WNOHANG with nothing to report still writes the siginfo, all
     * zeros (si_pid 0 tells the caller), as Linux does. */
    struct waitid_info si = {0};
    if (r > 0)
        to_siginfo(&ev, &si);
    if (uinfo && copy_to_user(uinfo, &si, sizeof si))
        return -EFAULT;
    if (urusage && clear_user(urusage, RUSAGE_SIZE))
        return -EFAULT;
    return 0;
}
