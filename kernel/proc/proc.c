/*
 * proc.c - the process table, kernel stacks, descriptors, the first
 * process, and how processes end.
 */
#include "proc/itimer.h"
#include "proc/proc.h"
#include "proc/ptrace.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/msr.h"
#include "arch/x86_64/power.h"
#include "fs/memfd.h"
#include "fs/path_ref.h"
#include "fs/vfs.h"
#include "fs/writeback.h"
#include "lib/cmdline.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/exec.h"
#include "proc/futex.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "security/keys/keys.h"
#include "arch/x86_64/fpu.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/signal_list.h"
#include "uapi/fcntl.h"
#include "uapi/sched.h"
#include "uapi/signal.h"
#include "time/clock.h"

struct proc *proc_table[PROC_TABLE_SIZE];
int proc_slots_used;
static int proc_max = PROC_MAX_DEFAULT;

void proc_set_limit(int max)
{
    proc_max = max < 2 ? 2 : max > PROC_TABLE_SIZE ? PROC_TABLE_SIZE : max;
}

int proc_limit(void)
{
    return proc_max;
}
static int next_pid = 1;
static int pid_max = PID_MAX_DEFAULT;

int proc_pid_max(void) { return pid_max; }

int proc_set_pid_max(int max)
{
    if (max <= PID_RESERVED || max > PID_MAX_LIMIT)
        return -EINVAL;
    pid_max = max;
    return 0;
}

#define KSTACK_PAGES (KERNEL_STACK_SIZE / PAGE_SIZE)

static uint64_t kstack_base(int slot) { return KSTACKS_BASE + (uint64_t)slot * KSTACK_SLOT + KERNEL_STACK_SIZE; }

static void kstack_free(int slot)
{
    for (int i = 0; i < KSTACK_PAGES; i++) {
        uint64_t pa;
        if (paging_unmap(paging_kernel_root(), kstack_base(slot) + (uint64_t)i * PAGE_SIZE, &pa) == 0)
            pmm_free(pa);
    }
}

/* Maps the stack pages of slot; the page-sized hole below them (the lower
 * half of the slot) stays unmapped as the guard. */
static int kstack_alloc(int slot)
{
    for (int i = 0; i < KSTACK_PAGES; i++) {
        uint64_t pa = pmm_alloc();
        if (!pa || paging_map(paging_kernel_root(), kstack_base(slot) + (uint64_t)i * PAGE_SIZE, pa,
                              PTE_W | PTE_G | paging_nx_bit())) {
            if (pa)
                pmm_free(pa);
            kstack_free(slot);
            return -ENOMEM;
        }
    }
    return 0;
}

static bool pid_in_use(int pid)
{
    for (int i = 0; i < proc_slots_used; i++)
        if (proc_table[i] && proc_table[i]->pid == pid)
            return true;
    return false;
}

void proc_first_entry(void);

struct proc *proc_alloc(void)
{
    int slot = -1;
    for (int i = 0; i < proc_max && slot < 0; i++)
        if (!proc_table[i])
            slot = i;
    if (slot < 0)
        return NULL;
    if (slot >= proc_slots_used)
        proc_slots_used = slot + 1;
    struct proc *p = kmalloc(sizeof *p);
    if (!p)
        return NULL;
    memset(p, 0, offsetof(struct proc, shared_info)); /* the siginfo arrays need no clearing (proc.h) */
    if (kstack_alloc(slot)) {
        kfree(p);
        return NULL;
    }
    /* PIDs count up and wrap at pid_max, skipping the live ones (and
     * zombies: a PID is reused only after its parent reaped it). */
    do {
        if (next_pid >= pid_max)
            next_pid = pid_max > PID_RESERVED + 1 ? PID_RESERVED : 2;
        p->pid = next_pid++;
    } while (pid_in_use(p->pid));
    p->start_ns = clock_monotonic_ns();
    p->fdt = kzalloc(sizeof *p->fdt);
    p->sighand = kzalloc(sizeof *p->sighand);
    if (!p->fdt || !p->sighand) {
        kfree(p->fdt);
        kfree(p->sighand);
        kstack_free(slot);
        kfree(p);
        return NULL;
    }
    p->fdt->refs = p->sighand->refs = 1;
    p->fpu_alloc = kmalloc(fpu_area_size() + FPU_ALIGN);
    p->fpu = (void *)(((uint64_t)p->fpu_alloc + FPU_ALIGN - 1) & ~(uint64_t)(FPU_ALIGN - 1));
    if (!p->fpu_alloc) {
        kfree(p->fdt);
        kfree(p->sighand);
        kstack_free(slot);
        kfree(p);
        return NULL;
    }
    /* A valid XSAVE area from the start: XSAVE (fork's fpu_save) writes
     * only XSTATE_BV of the header, and XRSTOR faults (#GP) on anything
     * but zeros in the rest of it (Intel SDM 1, 13.4.2 and 13.8), so
     * kmalloc's leftovers there would make the first switch to a forked
     * child panic on CPUs with XSAVE. */
    fpu_init_area(p->fpu);
    p->tgid = p->pid;
    p->leader = p;
    p->group_live = 1;
    p->slot = slot;
    p->kstack_top = kstack_base(slot) + KERNEL_STACK_SIZE;
    /* The first switch to p "returns" into proc_first_entry, which leaves
     * through the trap frame at the top of the stack (switch.S). */
    uint64_t *ctx = (uint64_t *)proc_frame(p) - 7;
    for (int i = 0; i < 6; i++)
        ctx[i] = 0; /* r15 r14 r13 r12 rbp rbx */
    ctx[6] = (uint64_t)proc_first_entry;
    p->ctx_rsp = (uint64_t)ctx;
    p->state = PROC_READY; /* the caller fills in the rest first (interrupts off or not yet in the table) */
    /* cwd and root stay empty (memset above): fork copies the parent's,
     * proc_start_init gives the first process the tree's root. */
    p->sigaltstack_flags = SS_DISABLE;
    p->syscall_work = syscall_tracing ? SYSCALL_WORK_LOG : 0; /* the strace boot option */
    proc_table[slot] = p;
    return p;
}

char proc_state_letter(const struct proc *p)
{
    if (p->state == PROC_ZOMBIE)
        return 'Z';
    if (p->ptrace_flags & PT_STOPPED)
        return 't'; /* tracing stop */
    if (p->stopped)
        return 'T';
    return p->state == PROC_BLOCKED ? 'S' : 'R';
}

struct proc *proc_find(int pid)
{
    for (int i = 0; i < proc_slots_used; i++)
        if (proc_table[i] && proc_table[i]->pid == pid)
            return proc_table[i];
    return NULL;
}

int proc_count(void)
{
    int n = 0;
    for (int i = 0; i < proc_slots_used; i++)
        n += proc_table[i] != NULL;
    return n;
}

/* Lets go of p's descriptor table; the last user closes the files. */
static void close_files(struct proc *p)
{
    struct fdtable *t = p->fdt;
    if (!t)
        return;
    p->fdt = NULL;
    if (--t->refs > 0)
        return;
    for (int fd = 0; fd < t->nused; fd++)
        if (t->fd[fd])
            file_close(t->fd[fd]);
    kfree(t);
}

static void release_sighand(struct proc *p)
{
    if (p->sighand && --p->sighand->refs == 0)
        kfree(p->sighand);
    p->sighand = NULL;
}

void proc_free(struct proc *p)
{
    if (p->cred)
        cred_put(p->cred);
    keys_free(p);
    close_files(p);
    release_sighand(p);
    path_put_inline(&p->cwd);
    path_put_inline(&p->root);
    proc_set_exe(p, NULL);
    vm_put(p->mm);
    kstack_free(p->slot);
    proc_table[p->slot] = NULL;
    kfree(p->fpu_alloc);
    kfree(p);
}

int fd_limit(const struct proc *p)
{
    uint64_t lim = rlimit_cur(p, RLIMIT_NOFILE);
    return lim < NOFILE ? (int)lim : NOFILE;
}

int fd_install(struct proc *p, int fd, struct file *f, bool cloexec)
{
    if (fd < 0) {
        for (fd = 0; fd < p->fdt->nused && p->fdt->fd[fd]; fd++)
            ;
        if (fd >= fd_limit(p))
            return -EMFILE; /* open(2): the RLIMIT_NOFILE limit was reached */
    }
    p->fdt->fd[fd] = f;
    p->fdt->cloexec[fd] = cloexec;
    if (fd >= p->fdt->nused)
        p->fdt->nused = fd + 1;
    return fd;
}

bool fd_available(const struct proc *p)
{
    int fd = 0;
    while (fd < p->fdt->nused && p->fdt->fd[fd])
        fd++;
    return fd < fd_limit(p);
}

/* Does running this program deny writing it? Not for a memfd (memfd.h). */
static bool denies_write(const struct path *exe) { return exe->dentry && !inode_is_memfd(exe->dentry->inode); }

void proc_set_exe(struct proc *p, const struct path *exe)
{
    if (denies_write(&p->exe))
        p->exe.dentry->inode->running--;
    path_put_inline(&p->exe);
    p->exe = exe ? *exe : (struct path){0};
    path_get_inline(&p->exe);
    if (denies_write(&p->exe))
        p->exe.dentry->inode->running++;
}

struct file *fd_get_raw(struct proc *p, int fd)
{
    if (fd < 0 || fd >= NOFILE)
        return NULL;
    return p->fdt->fd[fd];
}

struct file *fd_get(struct proc *p, int fd)
{
    struct file *f = fd_get_raw(p, fd);
    return f && (f->flags & O_PATH) ? NULL : f;
}

void trap_enter_user(struct trap_frame *f) __attribute__((noreturn));

static struct file *open_device(const char *path)
{
    struct path root = mount_root_path();
    struct file *f;
    int err = vfs_open(&root, path, O_RDWR, 0, &f);
    if (err)
        panic("cannot open %s (error %d)", path, err);
    return f;
}

void proc_start_init(const char *const *paths, const char *const *args, int nargs, const char *errdev)
{
    struct proc *p = proc_alloc();
    if (!p)
        panic("cannot allocate the first process");
    p->state = PROC_BLOCKED; /* not runnable until it has a program */
    p->cred = cred_get(&root_cred);
    p->root = p->cwd = mount_root_path();
    path_get(&p->root);
    path_get(&p->cwd);
    struct file *con = open_device("/dev/console");
    fd_install(p, 0, con, false);
    fd_install(p, 1, file_get(con), false);
    fd_install(p, 2, errdev ? open_device(errdev) : file_get(con), false);
    const char *envp[] = {"HOME=/", "PATH=/bin:/sbin:/usr/bin", "TERM=linux"};
    const char *argv[CMDLINE_MAX_OPTS + 1];
    for (int i = 0; i < nargs && i < CMDLINE_MAX_OPTS; i++)
        argv[i + 1] = args[i];
    int err = -ENOENT;
    const char *path = NULL;
    for (int i = 0; paths[i] && err; i++) {
        path = paths[i];
        argv[0] = path;
        err = exec_program(p, path, argv, nargs + 1, envp, 3, proc_frame(p));
        if (err && err != -ENOENT)
            kprintf("init: cannot run %s (error %d)\n", path, err);
    }
    if (err) {
        /* A set-up problem, not a kernel bug: say so and power off (on the
         * log channel, and on the console unless quiet). */
        kprintf("no init program found (tried %s%s); boot with init=/path or put /sbin/init in the initramfs\n",
                paths[0], paths[1] ? " and others" : "");
        machine_exit(EXIT_FAILED);
    }
    p->pgid = p->sid = p->pid;
    p->umask = 022;
    p->dumpable = 1;
    p->timer_slack_ns = p->default_timer_slack_ns = TIMER_SLACK_DEFAULT_NS;
    rlimit_init(p);
    p->state = PROC_READY;
}

struct proc *proc_fork(uint64_t child_rsp, uint64_t flags, int *err)
{
    struct proc *parent = current();
    struct proc *pl = parent->leader;
    *err = sched_fork_check(parent);
    if (*err)
        return NULL;
    struct proc *c = proc_alloc();
    if (!c) {
        *err = -EAGAIN;
        return NULL;
    }
    c->state = PROC_BLOCKED; /* invisible to the scheduler until complete */
    c->mm = (flags & CLONE_VM) ? vm_get(parent->mm) : vm_fork(parent->mm);
    if (!c->mm) {
        proc_table[c->slot] = NULL;
        proc_free(c);
        *err = -ENOMEM;
        return NULL;
    }
    if (flags & CLONE_THREAD) {
        /* A thread of the caller's process: its pid is the new thread id;
         * getpid, the parent, the group and the session are the group's. */
        c->tgid = pl->tgid;
        c->leader = pl;
        c->group_live = 0;
        c->autoreap = true;
        c->shares_fs = flags & CLONE_FS;
        pl->group_live++;
    } else {
        /* Children belong to the process, whichever thread forked; with
         * CLONE_PARENT, to the caller's parent (a sibling of the caller). */
        c->parent = (flags & CLONE_PARENT) && pl->parent ? pl->parent : pl;
    }
    c->pgid = parent->pgid;
    c->sid = parent->sid;
    memcpy(c->name, parent->name, sizeof c->name);
    if (flags & CLONE_FILES) {
        kfree(c->fdt);
        c->fdt = parent->fdt;
        c->fdt->refs++;
    } else {
        for (int fd = 0; fd < parent->fdt->nused; fd++)
            if (parent->fdt->fd[fd])
                fd_install(c, fd, file_get(parent->fdt->fd[fd]), parent->fdt->cloexec[fd]);
    }
    if (flags & CLONE_SIGHAND) {
        kfree(c->sighand);
        c->sighand = parent->sighand;
        c->sighand->refs++;
    } else {
        memcpy(c->sighand->act, parent->sighand->act, sizeof c->sighand->act);
    }
    c->cwd = parent->cwd;
    c->root = parent->root;
    path_get_inline(&c->cwd);
    path_get_inline(&c->root);
    proc_set_exe(c, &parent->exe);
    c->cred = cred_get(parent->cred);
    keys_fork(c, parent, flags & CLONE_THREAD);
    c->umask = parent->umask;
    sched_fork(c, parent);
    rlimit_inherit(c, parent);
    c->dumpable = parent->dumpable;
    c->personality = parent->personality;
    c->no_new_privs = parent->no_new_privs;
    c->tsc_sigsegv = parent->tsc_sigsegv;
    c->ioprio = parent->ioprio;
    /* The child's slack is the parent's, and so is the value 0 restores
     * (Linux's copy_process: default_timer_slack_ns = current's slack). */
    c->timer_slack_ns = c->default_timer_slack_ns = parent->timer_slack_ns;
    c->sig_blocked = parent->sig_blocked;
    c->sigaltstack_sp = parent->sigaltstack_sp;
    c->sigaltstack_size = parent->sigaltstack_size;
    c->sigaltstack_flags = parent->sigaltstack_flags;
    /* The user state: registers as the parent's, RAX = 0 in the child. */
    fpu_save(c->fpu);
    c->fs_base = rdmsr(MSR_FS_BASE);
    c->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
    struct trap_frame *f = proc_frame(c);
    *f = *proc_frame(parent);
    f->rax = 0;
    if (child_rsp)
        f->rsp = child_rsp;
    if (flags & CLONE_SETTLS)
        c->fs_base = proc_frame(parent)->r8; /* clone's 5th argument: the new FS base */
    return c;
}

/* Who adopts the orphans of p: the nearest ancestor that made itself a
 * child subreaper (PR_SET_CHILD_SUBREAPER) and is not exiting, else init
 * (Linux's find_new_reaper, without pid namespaces). */
static struct proc *new_reaper(struct proc *p)
{
    for (struct proc *a = p->parent; a && a->pid != 1; a = a->parent)
        if (a->child_subreaper && a->state != PROC_ZOMBIE && !a->group_exiting)
            return a;
    return proc_find(1);
}

/* Gives p's children to their new reaper, which reaps them. */
static void reparent_children(struct proc *p)
{
    struct proc *init = new_reaper(p);
    bool zombie = false;
    for (int i = 0; i < proc_slots_used; i++) {
        struct proc *c = proc_table[i];
        if (c && c->parent == p) {
            c->parent = init;
            zombie |= c->state == PROC_ZOMBIE;
            if (c->pdeath_signal) {
                struct ksiginfo info = {.code = SI_USER, .pid = p->pid};
                signal_send_info(c, c->pdeath_signal, &info);
            }
        }
    }
    if (init && zombie)
        wakeup(init);
}

int proc_reap(struct proc *c, int *wait_status)
{
    int pid = c->pid;
    *wait_status = c->wait_status;
    struct proc *parent = current();
    parent->cutime += c->utime + c->cutime;
    parent->cstime += c->stime + c->cstime;
    proc_free(c);
    return pid;
}

static const char *signal_name(int sig)
{
#define NAME(sig) [sig] = #sig,
    static const char *const names[] = {SIGNAL_LIST(NAME)};
#undef NAME
    return sig > 0 && sig < (int)(sizeof names / sizeof names[0]) ? names[sig] : "signal";
}

/* Every other thread of p's process dies (SIGKILL, each on its way back
 * to user mode or out of its sleep): exit_group and execve. */
static void kill_other_threads(struct proc *p)
{
    for_each_thread(t, p) if (t != p && t->state != PROC_ZOMBIE)
        signal_kill_thread(t);
}

static void (*exit_hook)(struct proc *leader);

void proc_set_exit_hook(void (*hook)(struct proc *leader)) { exit_hook = hook; }

/* The end of one thread: what it alone holds goes now; the last thread
 * of the group also ends the process. */
__attribute__((noreturn)) static void thread_exit(int wait_status)
{
    struct proc *p = current(), *leader = p->leader;
    futex_exit_robust(p);
    if (p->clear_child_tid) {
        uint32_t zero = 0; /* CLONE_CHILD_CLEARTID: tell a joining thread we are gone */
        if (copy_to_user(p->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake(p->clear_child_tid, 1, FUTEX_BITSET_ANY, false);
    }
    close_files(p);
    release_sighand(p);
    /* init's end powers the machine off (tinyos-run): what it wrote to
     * disk file systems is written back first, as a clean shutdown's
     * sync and umount would. */
    if (leader->pid == 1 && leader->group_live == 1)
        writeback_all();
    cli();
    ptrace_thread_exit(p); /* its tracees go free */
    bool last = --leader->group_live == 0;
    proc_timers_thread_exit(p, last);
    if (last && leader->group_exiting)
        wait_status = leader->group_status;
    if (last && exit_hook)
        exit_hook(leader);
    if (last && leader->pid == 1) {
        uint64_t before = pmm_free_frames();
        vm_put(p->mm);
        p->mm = NULL;
        /* tools/tinyos-run reads this line from the kernel log. */
        if (wait_status & 0x7f)
            kprintf("init killed by signal %d (%s)\n", wait_status & 0x7f, signal_name(wait_status & 0x7f));
        else
            kprintf("init exited with status %d\n", (wait_status >> 8) & 0xff);
        kprintf("free frames after init: %lu (+%lu from its address space)\n", pmm_free_frames(),
                pmm_free_frames() - before);
        machine_exit((wait_status & 0x7f) ? EXIT_INIT_KILLED : ((wait_status >> 8) & 0x7f));
    }
    /* The address space goes now; the kernel stack (we are on it) and the
     * table slot go when the parent reaps the process, or, for a thread
     * other than the leader, when the scheduler has switched away. */
    vm_activate(NULL);
    vm_put(p->mm);
    p->mm = NULL;
    proc_set_exe(p, NULL); /* its program may be written again (Linux: with the mm) */
    if (p->vfork_parent) {
        p->vfork_parent->vfork_done = true;
        wakeup(&p->vfork_parent->vfork_done);
    }
    p->state = PROC_ZOMBIE;
    if (last) {
        reparent_children(leader);
        leader->wait_status = wait_status;
        leader->state = PROC_ZOMBIE;
        if (leader->parent) {
            bool killed = wait_status & 0x7f;
            struct ksiginfo info = {.code = killed ? CLD_KILLED : CLD_EXITED, .pid = leader->pid,
                                    .status = (int16_t)(killed ? wait_status & 0x7f : (wait_status >> 8) & 0xff),
                                    .uid = leader->cred->uid};
            signal_send_info(leader->parent, SIGCHLD, &info);
            wakeup(leader->parent);
        }
        ptrace_notify_exit(leader);
    } else {
        wakeup(leader); /* an exec waiting for the other threads to go */
    }
    sched();
    panic("a zombie ran again");
}

void proc_thread_exit(int wait_status) { thread_exit(wait_status); }

void proc_single_thread(void)
{
    struct proc *p = current(), *old = p->leader;
    uint64_t f = irq_save();
    kill_other_threads(p);
    while (old->group_live > 1)
        sleep_on(old); /* each dying thread wakes the leader's channel */
    if (p != old) {
        /* The caller takes over the process's identity (Linux's de_thread):
         * the pid, the parent, the children; the old leader, already
         * dead, goes. */
        int pid = old->pid;
        old->pid = p->pid;
        p->pid = pid;
        p->start_ns = old->start_ns; /* still the same process (pidfds name it by this) */
        p->leader = p;
        p->autoreap = false;
        p->group_live = 1;
        p->parent = old->parent;
        p->shared_pending = old->shared_pending;
        proc_timers_move(old, p);
        memcpy(p->shared_info, old->shared_info, sizeof p->shared_info);
        for (int i = 0; i < proc_slots_used; i++)
            if (proc_table[i] && proc_table[i]->parent == old)
                proc_table[i]->parent = p;
        old->leader = old;
        old->group_live = 0;
        old->parent = NULL;
        keys_take_over(p, old);
        proc_free(old);
    }
    irq_restore(f);
}

void proc_exit(int wait_status)
{
    struct proc *p = current(), *leader = p->leader;
    cli();
    if (!leader->group_exiting) {
        leader->group_exiting = true;
        leader->group_status = wait_status;
    }
    kill_other_threads(p);
    thread_exit(wait_status);
}

static bool p_has_area(uint64_t addr)
{
    struct proc *p = current();
    return p->mm && vm_find(p->mm, addr) != NULL;
}

/* The si_code Linux gives each fault (arch/x86/kernel/traps.c, mm/fault.c). */
static int fault_code(const struct trap_frame *f, int sig, uint64_t addr)
{
    if (f->vector == 14 && sig == SIGBUS)
        return BUS_ADRERR; /* a file mapping's page past the end of the file */
    if (f->vector == 14) /* a mapping that forbids the access vs no mapping at all */
        return p_has_area(addr) ? SEGV_ACCERR : SEGV_MAPERR;
    if (f->vector == 0)
        return FPE_INTDIV;
    if (f->vector == 6)
        return ILL_ILLOPN;
    return SI_KERNEL;
}

void proc_fault_signal(const struct trap_frame *f, int sig, uint64_t addr, const char *what)
{
    struct proc *p = current();
    bool handled = p->sighand->act[sig].handler > SIG_IGN && !(p->sig_blocked & sig_bit(sig));
    /* Unhandled (fatal): one line, in the spirit of Linux's show_signal_msg(). */
    if (!handled && sig == SIGSEGV && what == NULL)
        kprintf("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n", p->name, p->pid, addr, f->rip, f->rsp,
                f->error_code);
    else if (!handled)
        kprintf("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", p->name, p->pid, what, f->rip, f->rsp, f->error_code);
    signal_force(p, sig, fault_code(f, sig, addr), sig == SIGSEGV || sig == SIGBUS ? addr : f->rip);
}
