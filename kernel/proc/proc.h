/*
 * proc.h - processes. Each has its own address space, kernel stack (with
 * a guard page), open files, working directory and exit status.
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/layout.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/trap_frame.h"
#include "fs/path.h"
#include "proc/proc_offsets.h"
#include "proc/rlimit.h"
#include "proc/sched_policy.h"

#define PROC_MAX_DEFAULT 1024       /* the default limit: fork fails with EAGAIN past it */
#define PROC_TABLE_SIZE KSTACK_SLOTS /* the most the limit can be raised to (maxproc=) */
#define NOFILE 256 /* descriptors per process (RLIMIT_NOFILE) */
#define PROC_NAME_LEN 16
#define TIMER_SLACK_DEFAULT_NS 50000 /* Linux's init_task.timer_slack_ns */

enum proc_state { PROC_UNUSED, PROC_RUNNING, PROC_READY, PROC_BLOCKED, PROC_ZOMBIE };

struct file;
struct inode;
struct mm;
struct proc_timers;
struct key;

/* The siginfo of a pending signal (one per signal number, as Linux keeps
 * for standard signals): si_code and what it needs. */
struct ksiginfo {
    int32_t code;   /* SI_USER, SI_TKILL, SI_KERNEL, CLD_*, SEGV_*... */
    int32_t pid;    /* sender, or the child for SIGCHLD */
    int16_t status; /* SIGCHLD: exit code or signal */
    bool forced;    /* from a fault (signal_force): fatal even to init */
    uint32_t uid;   /* the sender's real uid, or the child's for SIGCHLD */
    uint64_t addr;  /* faults: the address; queued signals: the value */
    /* (24 bytes: struct proc holds 130 of them) */
};
_Static_assert(sizeof(struct ksiginfo) == 24, "ksiginfo grew: struct proc holds 130 of them");

/* One installed signal action, in the kernel's x86_64 layout
 * (struct sigaction of rt_sigaction(2)). */
struct k_sigaction {
    uint64_t handler; /* SIG_DFL 0, SIG_IGN 1, or a user address */
    uint64_t flags;   /* SA_* */
    uint64_t restorer;
    uint64_t mask;
};

/* The descriptor table: one per process, or shared by the processes a
 * clone(CLONE_FILES) made (threads). */
struct fdtable {
    int refs;
    int nused; /* no descriptor at or above this is open: loops over fd[] stop here */
    struct file *fd[NOFILE];
    uint8_t cloexec[NOFILE];
};

/* The signal actions, shared after clone(CLONE_SIGHAND) (threads). */
struct sighand {
    int refs;
    struct k_sigaction act[65];
};

struct proc {
    int pid;             /* the thread id (gettid); a process's pid is its leader's */
    int tgid;            /* the thread group (getpid): the leader's pid */
    struct proc *leader; /* the thread group leader (itself for single-threaded processes) */
    /* The system-call exit (syscall.S) reads the next three fields itself,
     * at the offsets proc_offsets.h gives: anything nonzero there is work
     * to do before returning to ring 3 (signal_deliver). */
    uint64_t sig_pending;    /* bit (n - 1) for signal n */
    uint64_t shared_pending; /* leader only: process-directed signals */
    union {
        uint32_t exit_flags; /* the four bytes below, tested at once */
        struct {
            bool stopped;           /* SIGSTOP and friends: not run until SIGCONT */
            bool sigsuspend_active; /* sigsuspend_saved is the mask to restore */
            bool ptrace_trap;       /* PTRACE_INTERRUPT: stop for the tracer on the way out */
            /* SYSCALL_WORK_* (ptrace.h): the system-call entry tests this
             * byte alone and takes the slow, traced dispatch when set. */
            uint8_t syscall_work;
        };
    };
    int group_live;      /* leader only: threads of the group not yet exited */
    bool group_exiting;  /* leader only: exit_group or a fatal signal is ending the group */
    int group_status;    /* leader only: the wait status it ends with */
    bool autoreap;       /* a thread other than the leader: freed by the scheduler when dead */
    bool kthread;        /* a kernel thread (kthread.h): no user half, signals do not reach it */
    void (*kthread_fn)(void *arg); /* a kernel thread's work, and its argument */
    void *kthread_arg;
    bool shares_fs;      /* CLONE_FS thread: chdir/umask apply to the whole group */
    enum proc_state state;
    struct proc *parent; /* leaders only: the process that waits for this one */
    int pgid, sid;       /* process group and session */
    uint64_t ctx_rsp;    /* saved kernel RSP while switched out (switch.S) */
    void *fpu;           /* user FPU/SSE state while switched out (fpu.h), 64-aligned */
    void *fpu_alloc;     /* the allocation fpu lies in */
    uint64_t gs_base;    /* the user's GS base while switched out */
    const void *chan;    /* what a BLOCKED process waits for (wait.h) */
    uint64_t wake_at;    /* monotonic ns: a timed sleep ends here (0: none) */
    struct proc_timers *timers; /* leader only: alarm, itimers, POSIX timers (itimer.h); NULL: none yet */
    const struct cred *cred; /* who it is (cred.h): shared by the threads, never changed in place */
    uint32_t umask;
    int nice;            /* setpriority(2): -20 (favoured) .. 19; inherited by fork */
    struct sched_entity se; /* policy, real-time priority, queue place (sched_policy.h) */
    struct rlimit64 rlim[RLIMIT_NLIMITS]; /* leader only: the process's limits (rlimit.h) */
    /* CPU time in timer ticks (10 ms), charged to whoever the tick
     * interrupts; the children's totals are added when they are reaped. */
    uint64_t utime, stime, cutime, cstime;
    /* The same in ns, the counters CPU-time clocks and timers read: this
     * thread's CPU time (CLOCK_THREAD_CPUTIME_ID) and, in the leader, the
     * process's user time (ITIMER_VIRTUAL) and user + system time
     * (CLOCK_PROCESS_CPUTIME_ID, ITIMER_PROF, RLIMIT_CPU), dead threads
     * included. */
    uint64_t cpu_ns, group_user_ns, group_cpu_ns;
    uint64_t start_ns;   /* monotonic time it was created (/proc/PID/stat's starttime) */
    struct sighand *sighand;
    uint64_t sig_blocked;              /* bit (n - 1) for signal n */
    uint64_t sigaltstack_sp, sigaltstack_size;
    int sigaltstack_flags;
    int stop_signal;     /* the signal that stopped it */
    bool stop_unreported;     /* wait4(WUNTRACED) has not seen this stop yet */
    bool continue_unreported; /* wait4(WCONTINUED) has not seen the SIGCONT yet */
    bool did_exec;       /* has called execve (setpgid from the parent then fails) */
    int pdeath_signal;   /* PR_SET_PDEATHSIG: sent when the parent exits */
    int dumpable;        /* PR_SET_DUMPABLE: 0, 1, or 2 (suid_dumpable "suidsafe"); the leader's counts */
    uint32_t personality; /* personality(2): inherited by fork, kept by exec but for PER_CLEAR_ON_SETID */
    bool no_new_privs;
    bool child_subreaper; /* leader only: PR_SET_CHILD_SUBREAPER (orphans below come here; not inherited) */
    bool tsc_sigsegv;     /* PR_SET_TSC(PR_TSC_SIGSEGV): CR4.TSD is set while this thread runs */
    uint8_t membarrier;   /* leader only: membarrier(2) registrations (sys_membarrier.c) */
    uint16_t ioprio;      /* ioprio_set(2): this thread's I/O priority, 0 = none set (inherited by fork) */
    /* PR_SET_TIMERSLACK: this thread's timer slack and the value 0 resets
     * it to (the parent's at fork, as Linux's default_timer_slack_ns). */
    uint64_t timer_slack_ns, default_timer_slack_ns;
    uint64_t sigsuspend_saved; /* the mask to restore after sigsuspend */
    bool vfork_done;     /* set when a vfork child execs or exits */
    struct proc *vfork_parent;
    char name[PROC_NAME_LEN]; /* the program's file name, like Linux's comm */
    struct mm *mm;
    int slot;            /* index in the process table = kernel stack slot */
    uint64_t kstack_top; /* the trap frame of the user context sits just below */
    struct fdtable *fdt;
    struct path cwd, root;    /* referenced; root is where "/" and ".." stop (chroot) */
    struct path exe;          /* the program file (/proc/self/exe), or none */
    uint64_t fs_base;         /* ARCH_SET_FS */
    uint64_t clear_child_tid; /* set_tid_address */
    uint64_t robust_list;     /* set_robust_list: the thread's robust futex list head (user address) */
    const void *futex_key;    /* the futex it waits on (futex.h), or NULL */
    uint64_t futex_seq;       /* when it began waiting: the oldest waiter is woken first */
    uint32_t futex_bitset;    /* FUTEX_WAIT_BITSET's mask */
    bool futex_woken;         /* a FUTEX_WAKE chose it (its wait returns 0) */
    int wait_status;          /* Linux wait status, valid when ZOMBIE */
    /* Keyrings (security/keys/keys.h): the thread's own, and the process's
     * (leader only); request_key's default destination (per thread). */
    struct key *thread_keyring, *process_keyring, *session_keyring;
    int8_t jit_keyring;
    /* ptrace (ptrace.h): the thread tracing this one (NULL: none), PT_*
     * state and PTRACE_O_* options, the wait status of the ptrace-stop
     * the tracer has yet to see, the signal the tracer resumes it with,
     * the siginfo of the stop (ptrace_si_signo 0: none), the event
     * message and the debug registers as PTRACE_POKEUSER left them. */
    struct proc *tracer;
    uint32_t ptrace_flags;
    int ptrace_status;
    int ptrace_sig;
    int ptrace_si_signo;
    struct ksiginfo ptrace_si;
    uint64_t ptrace_msg;
    uint64_t debugreg[8];
    /* Last, and not zeroed by proc_alloc (3 KiB a fork need not clear):
     * an entry is written whenever its pending bit goes from 0 to 1, and
     * read only while that bit is set. */
    struct ksiginfo shared_info[65]; /* the process's pending signals (leader) */
    struct ksiginfo sig_info[65];    /* this thread's pending signals */
};
/* One kmalloc page per process: past 4096 bytes kmalloc takes two
 * contiguous frames, which fork+exit pays for (docs/performance.md). */
_Static_assert(sizeof(struct proc) <= 4096, "struct proc outgrew a page");

_Static_assert(__builtin_offsetof(struct proc, leader) == PROC_LEADER, "proc_offsets.h");
_Static_assert(__builtin_offsetof(struct proc, sig_pending) == PROC_SIG_PENDING, "proc_offsets.h");
_Static_assert(__builtin_offsetof(struct proc, shared_pending) == PROC_SHARED_PENDING, "proc_offsets.h");
_Static_assert(__builtin_offsetof(struct proc, exit_flags) == PROC_EXIT_FLAGS, "proc_offsets.h");
_Static_assert(sizeof(((struct proc *)0)->exit_flags) == 4, "syscall.S tests exit_flags with cmpl");
_Static_assert(__builtin_offsetof(struct proc, syscall_work) == PROC_SYSCALL_WORK, "proc_offsets.h");

/* The running process (NULL while the kernel boots). */
static inline struct proc *current(void) { return this_cpu()->current; }

/* The user register frame of p (at the top of its kernel stack). */
static inline struct trap_frame *proc_frame(struct proc *p)
{
    return (struct trap_frame *)(p->kstack_top - sizeof(struct trap_frame));
}

/* A new process with its kernel stack and no address space; NULL when
 * the table is full or memory is short. */
struct proc *proc_alloc(void);
/* Releases everything a dead process still holds (after wait). */
void proc_free(struct proc *p);

/* pid_max (/proc/sys/kernel/pid_max): the first pid never used. Pids count
 * up from 1, and past pid_max - 1 wrap to 300 (Linux's RESERVED_PIDS), as
 * Linux numbers them. Linux's default, and its limit on 64-bit machines. */
#define PID_MAX_DEFAULT 32768
#define PID_MAX_LIMIT 4194304
#define PID_RESERVED 300
int proc_pid_max(void);
/* 0, or -EINVAL outside [PID_RESERVED + 1, PID_MAX_LIMIT]. */
int proc_set_pid_max(int max);

/* Every process table slot, for iteration (NULL entries are free). */
extern struct proc *proc_table[PROC_TABLE_SIZE];
/* One past the highest table slot ever used: loops over the table stop
 * here instead of scanning all of it. */
extern int proc_slots_used;
/* Sets the process limit (the maxproc= boot option). */
void proc_set_limit(int max);
/* The process limit now in force. */
int proc_limit(void);
/* Runs the statement that follows for every thread t of p's process
 * (zombie threads included). */
#define for_each_thread(t, p)                                                                      \
    for (int i_ = 0; i_ < proc_slots_used; i_++)                                                   \
        for (struct proc *t = proc_table[i_]; t && t->leader == (p)->leader; t = NULL)

/* ps's state letter: R running or ready, S sleeping, T stopped, Z zombie. */
char proc_state_letter(const struct proc *p);

/* The process with this pid, or NULL. */
struct proc *proc_find(int pid);

/* Starts the first user program as pid 1: the first of paths (a NULL-
 * terminated list) that exists, with argv = {path, args...}, descriptors
 * 0-2 on the console (2 on errdev instead when given). Never returns
 * (enters ring 3). Panics if no path can be run. */
void proc_start_init(const char *const *paths, const char *const *args, int nargs, const char *errdev);

/* A copy of the current process or thread (fork, vfork, clone). By the
 * clone flags (CLONE_VM, CLONE_FILES, CLONE_SIGHAND, CLONE_FS,
 * CLONE_THREAD, CLONE_SETTLS's TLS in the frame's rsp...): the same
 * address space or a copy-on-write copy, shared or copied descriptor table
 * and signal actions, a new process or a thread of the caller's group.
 * The child's frame returns 0 and uses child_rsp when nonzero. Returns the
 * child, not yet runnable, or NULL with *err = -EAGAIN / -ENOMEM. */
struct proc *proc_fork(uint64_t child_rsp, uint64_t clone_flags, int *err);

/* Ends the calling thread (exit): the last thread of a process ends the
 * process with wait_status. */
__attribute__((noreturn)) void proc_thread_exit(int wait_status);
/* Before execve: ends every other thread of the process; the caller
 * becomes the process (pid, parent, children). */
void proc_single_thread(void);

/* hook(leader) runs once per process, when its last thread ends and
 * before its parent hears of it: System V IPC applies the process's
 * semaphore undo adjustments there (ipc/ipc.h; a hook, since IPC sits
 * above this layer). */
void proc_set_exit_hook(void (*hook)(struct proc *leader));

/* Ends the current process - every thread of it (exit_group, fatal
 * signals) - with a Linux wait status (exit code << 8, or the signal
 * number): frees its memory and files, gives its children to init, tells
 * the parent (SIGCHLD, wakeup) and stays a zombie until the parent's wait4
 * collects it. */
__attribute__((noreturn)) void proc_exit(int wait_status);

/* Reaps a zombie child: returns its pid and frees the rest of it. */
int proc_reap(struct proc *child, int *wait_status);

/* A fault in user mode: queues signal sig for the current process
 * (delivered on the way back to ring 3). When no handler will take it,
 * logs one line as Linux's "segfault at" does first. */
void proc_fault_signal(const struct trap_frame *f, int sig, uint64_t addr, const char *what);

/* Number of processes in the table (zombies included). */
int proc_count(void);

/* Installs descriptor fd = f (fd -1: the lowest free). Returns fd or -EMFILE.
 * Every open file enters a descriptor table through here (it keeps
 * fdtable.nused). */
int fd_install(struct proc *p, int fd, struct file *f, bool cloexec);
/* One past the highest descriptor p may use: the table size or its
 * RLIMIT_NOFILE soft limit, whichever is lower. */
int fd_limit(const struct proc *p);
/* Is a descriptor free below the limit? Calls that must fail with EMFILE
 * before doing anything else (mq_open, as Linux's get_unused_fd_flags
 * comes first) ask, then fd_install. */
bool fd_available(const struct proc *p);
/* Makes exe (NULL: none) p's program (/proc/PID/exe), counting it as
 * running (inode.h: no writer may open it meanwhile) until p execs
 * something else or exits. */
void proc_set_exe(struct proc *p, const struct path *exe);
/* The open file behind fd, or NULL. fd_get is Linux's fdget: an O_PATH
 * descriptor is a handle for path walks and fstat, not for I/O or
 * attribute changes, so it reads as no file (the callers' EBADF);
 * fd_get_raw (fdget_raw) also returns O_PATH files, for the calls Linux
 * allows on them: fstat, fstatfs, fchdir, the *at dirfd, AT_EMPTY_PATH,
 * fcntl's descriptor commands, kcmp, /proc/PID/fd. */
struct file *fd_get(struct proc *p, int fd);
struct file *fd_get_raw(struct proc *p, int fd);

#endif
