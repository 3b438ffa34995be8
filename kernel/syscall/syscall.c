/*
 * syscall.c - the SYSCALL MSRs and the dispatch table, indexed by Linux's
 * x86_64 system-call numbers (uapi/syscall_nr.h).
 */
#include "syscall/syscall.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/msr.h"
#include "lib/kprintf.h"
#include "proc/proc.h"
#include "proc/ptrace.h"
#include "proc/sched.h"
#include "uapi/errno.h"
#include "uapi/syscall_nr.h"


#define RFLAGS_TF (1u << 8)
#define RFLAGS_IF (1u << 9)
#define RFLAGS_DF (1u << 10)
#define RFLAGS_AC (1u << 18)

void syscall_entry(void);

void syscall_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    /* STAR[47:32]: SYSCALL's CS (SS = +8); STAR[63:48]: SYSRET's base
     * (CS = +16, SS = +8), see gdt.h. */
    wrmsr(MSR_STAR, ((uint64_t)GDT_USER32_CS << 48) | ((uint64_t)GDT_KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    /* Entering the kernel with interrupts off until the frame is saved,
     * DF clear as the ABI expects, no single-stepping into the kernel and
     * AC clear so SMAP stays closed. */
    wrmsr(MSR_SFMASK, RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_AC);
}

/* Numbers without a handler (and those past the table: syscall.S). */
static long sys_ni_syscall(void) { return -ENOSYS; }

/* Handlers have their own typed signatures; the ABI passes all six
 * arguments in registers, so calling through the uniform type is exact.
 * The cast goes through void (*)(void) to say so to the compiler. */
#define ENTRY(nr, fn) [nr] = (syscall_fn)(void (*)(void))fn

/* syscall.S calls table entries directly. Every slot holds a function, so
 * it needs no NULL test: the range initializer fills all of them with
 * sys_ni_syscall first and the entries below override it (GCC's
 * designated-range extension; Linux's syscall_64.c does the same). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const syscall_fn syscall_table[SYSCALL_TABLE_SIZE] = {
    [0 ... SYSCALL_TABLE_SIZE - 1] = (syscall_fn)(void (*)(void))sys_ni_syscall,
    ENTRY(SYS_read, sys_read),
    ENTRY(SYS_write, sys_write),
    ENTRY(SYS_open, sys_open),
    ENTRY(SYS_close, sys_close),
    ENTRY(SYS_stat, sys_stat),
    ENTRY(SYS_fstat, sys_fstat),
    ENTRY(SYS_lstat, sys_lstat),
    ENTRY(SYS_lseek, sys_lseek),
    ENTRY(SYS_mmap, sys_mmap),
    ENTRY(SYS_mprotect, sys_mprotect),
    ENTRY(SYS_munmap, sys_munmap),
    ENTRY(SYS_brk, sys_brk),
    ENTRY(SYS_ioctl, sys_ioctl),
    ENTRY(SYS_pread64, sys_pread64),
    ENTRY(SYS_pwrite64, sys_pwrite64),
    ENTRY(SYS_preadv, sys_preadv),
    ENTRY(SYS_pwritev, sys_pwritev),
    ENTRY(SYS_preadv2, sys_preadv2),
    ENTRY(SYS_pwritev2, sys_pwritev2),
    ENTRY(SYS_readv, sys_readv),
    ENTRY(SYS_writev, sys_writev),
    ENTRY(SYS_access, sys_access),
    ENTRY(SYS_sched_yield, sys_sched_yield),
    ENTRY(SYS_sched_get_priority_max, sys_sched_get_priority_max),
    ENTRY(SYS_sched_get_priority_min, sys_sched_get_priority_min),
    ENTRY(SYS_sched_getscheduler, sys_sched_getscheduler),
    ENTRY(SYS_sched_getparam, sys_sched_getparam),
    ENTRY(SYS_sched_setscheduler, sys_sched_setscheduler),
    ENTRY(SYS_sched_setparam, sys_sched_setparam),
    ENTRY(SYS_sched_rr_get_interval, sys_sched_rr_get_interval),
    ENTRY(SYS_sched_setattr, sys_sched_setattr),
    ENTRY(SYS_sched_getattr, sys_sched_getattr),
    ENTRY(SYS_getcpu, sys_getcpu),
    ENTRY(SYS_sync, sys_sync),
    ENTRY(SYS_syncfs, sys_syncfs),
    ENTRY(SYS_fadvise64, sys_fadvise64),
    ENTRY(SYS_msync, sys_msync),
    ENTRY(SYS_mlock, sys_mlock),
    ENTRY(SYS_munlock, sys_munlock),
    ENTRY(SYS_mlockall, sys_mlockall),
    ENTRY(SYS_munlockall, sys_munlockall),
    ENTRY(SYS_mlock2, sys_mlock2),
    ENTRY(SYS_personality, sys_personality),
    ENTRY(SYS_close_range, sys_close_range),
    ENTRY(SYS_madvise, sys_madvise),
    ENTRY(SYS_dup, sys_dup),
    ENTRY(SYS_dup2, sys_dup2),
    ENTRY(SYS_nanosleep, sys_nanosleep),
    ENTRY(SYS_getpid, sys_getpid),
    ENTRY(SYS_exit, sys_exit),
    ENTRY(SYS_uname, sys_uname),
    ENTRY(SYS_fcntl, sys_fcntl),
    ENTRY(SYS_getcwd, sys_getcwd),
    ENTRY(SYS_chdir, sys_chdir),
    ENTRY(SYS_readlink, sys_readlink),
    ENTRY(SYS_gettimeofday, sys_gettimeofday),
    ENTRY(SYS_getrlimit, sys_getrlimit),
    ENTRY(SYS_getuid, sys_getuid),
    ENTRY(SYS_getgid, sys_getgid),
    ENTRY(SYS_geteuid, sys_geteuid),
    ENTRY(SYS_getegid, sys_getegid),
    ENTRY(SYS_setuid, sys_setuid),
    ENTRY(SYS_setgid, sys_setgid),
    ENTRY(SYS_setreuid, sys_setreuid),
    ENTRY(SYS_setregid, sys_setregid),
    ENTRY(SYS_setresuid, sys_setresuid),
    ENTRY(SYS_setresgid, sys_setresgid),
    ENTRY(SYS_getresuid, sys_getresuid),
    ENTRY(SYS_getresgid, sys_getresgid),
    ENTRY(SYS_getgroups, sys_getgroups),
    ENTRY(SYS_setgroups, sys_setgroups),
    ENTRY(SYS_setfsuid, sys_setfsuid),
    ENTRY(SYS_setfsgid, sys_setfsgid),
    ENTRY(SYS_getppid, sys_getppid),
    ENTRY(SYS_arch_prctl, sys_arch_prctl),
    ENTRY(SYS_gettid, sys_gettid),
    ENTRY(SYS_time, sys_time),
    ENTRY(SYS_getdents64, sys_getdents64),
    ENTRY(SYS_set_tid_address, sys_set_tid_address),
    ENTRY(SYS_clock_gettime, sys_clock_gettime),
    ENTRY(SYS_clock_getres, sys_clock_getres),
    ENTRY(SYS_clock_nanosleep, sys_clock_nanosleep),
    ENTRY(SYS_exit_group, sys_exit_group),
    ENTRY(SYS_openat, sys_openat),
    ENTRY(SYS_openat2, sys_openat2),
    ENTRY(SYS_newfstatat, sys_newfstatat),
    ENTRY(SYS_readlinkat, sys_readlinkat),
    ENTRY(SYS_faccessat, sys_faccessat),
    ENTRY(SYS_dup3, sys_dup3),
    ENTRY(SYS_prlimit64, sys_prlimit64),
    ENTRY(SYS_setrlimit, sys_setrlimit),
    ENTRY(SYS_getpriority, sys_getpriority),
    ENTRY(SYS_setpriority, sys_setpriority),
    ENTRY(SYS_getrandom, sys_getrandom),
    ENTRY(SYS_execve, sys_execve),
    ENTRY(SYS_execveat, sys_execveat),
    ENTRY(SYS_fork, sys_fork),
    ENTRY(SYS_vfork, sys_vfork),
    ENTRY(SYS_clone, sys_clone),
    ENTRY(SYS_wait4, sys_wait4),
    ENTRY(SYS_waitid, sys_waitid),
    ENTRY(SYS_pidfd_open, sys_pidfd_open),
    ENTRY(SYS_pidfd_send_signal, sys_pidfd_send_signal),
    ENTRY(SYS_pidfd_getfd, sys_pidfd_getfd),
    ENTRY(SYS_kcmp, sys_kcmp),
    ENTRY(SYS_kill, sys_kill),
    ENTRY(SYS_tkill, sys_tkill),
    ENTRY(SYS_tgkill, sys_tgkill),
    ENTRY(SYS_setpgid, sys_setpgid),
    ENTRY(SYS_getpgid, sys_getpgid),
    ENTRY(SYS_getpgrp, sys_getpgrp),
    ENTRY(SYS_getsid, sys_getsid),
    ENTRY(SYS_setsid, sys_setsid),
    ENTRY(SYS_rt_sigaction, sys_rt_sigaction),
    ENTRY(SYS_rt_sigprocmask, sys_rt_sigprocmask),
    ENTRY(SYS_rt_sigpending, sys_rt_sigpending),
    ENTRY(SYS_rt_sigtimedwait, sys_rt_sigtimedwait),
    ENTRY(SYS_rt_sigqueueinfo, sys_rt_sigqueueinfo),
    ENTRY(SYS_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo),
    ENTRY(SYS_rt_sigsuspend, sys_rt_sigsuspend),
    ENTRY(SYS_rt_sigreturn, sys_rt_sigreturn),
    ENTRY(SYS_pause, sys_pause),
    ENTRY(SYS_sigaltstack, sys_sigaltstack),
    ENTRY(SYS_pipe, sys_pipe),
    ENTRY(SYS_pipe2, sys_pipe2),
    ENTRY(SYS_setitimer, sys_setitimer),
    ENTRY(SYS_getitimer, sys_getitimer),
    ENTRY(SYS_alarm, sys_alarm),
    ENTRY(SYS_timer_create, sys_timer_create),
    ENTRY(SYS_timer_settime, sys_timer_settime),
    ENTRY(SYS_timer_gettime, sys_timer_gettime),
    ENTRY(SYS_timer_getoverrun, sys_timer_getoverrun),
    ENTRY(SYS_timer_delete, sys_timer_delete),
    ENTRY(SYS_clock_settime, sys_clock_settime),
    ENTRY(SYS_settimeofday, sys_settimeofday),
    ENTRY(SYS_adjtimex, sys_adjtimex),
    ENTRY(SYS_clock_adjtime, sys_clock_adjtime),
    ENTRY(SYS_times, sys_times),
    ENTRY(SYS_getrusage, sys_getrusage),
    ENTRY(SYS_umask, sys_umask),
    ENTRY(SYS_fchdir, sys_fchdir),
    ENTRY(SYS_poll, sys_poll),
    ENTRY(SYS_epoll_create, sys_epoll_create),
    ENTRY(SYS_epoll_create1, sys_epoll_create1),
    ENTRY(SYS_epoll_ctl, sys_epoll_ctl),
    ENTRY(SYS_epoll_wait, sys_epoll_wait),
    ENTRY(SYS_epoll_pwait, sys_epoll_pwait),
    ENTRY(SYS_epoll_pwait2, sys_epoll_pwait2),
    ENTRY(SYS_mremap, sys_mremap),
    ENTRY(SYS_statx, sys_statx),
    ENTRY(SYS_sched_getaffinity, sys_sched_getaffinity),
    ENTRY(SYS_sched_setaffinity, sys_sched_setaffinity),
    ENTRY(SYS_prctl, sys_prctl),
    ENTRY(SYS_capget, sys_capget),
    ENTRY(SYS_capset, sys_capset),
    ENTRY(SYS_futex, sys_futex),
    ENTRY(SYS_ppoll, sys_ppoll),
    ENTRY(SYS_select, sys_select),
    ENTRY(SYS_pselect6, sys_pselect6),
    ENTRY(SYS_mkdirat, sys_mkdirat),
    ENTRY(SYS_mknod, sys_mknod),
    ENTRY(SYS_creat, sys_creat),
    ENTRY(SYS_getdents, sys_getdents),
    ENTRY(SYS_faccessat2, sys_faccessat2),
    ENTRY(SYS_futimesat, sys_futimesat),
    ENTRY(SYS_fallocate, sys_fallocate),
    ENTRY(SYS_readahead, sys_readahead),
    ENTRY(SYS_sync_file_range, sys_sync_file_range),
    ENTRY(SYS_mincore, sys_mincore),
    ENTRY(SYS_sethostname, sys_sethostname),
    ENTRY(SYS_setdomainname, sys_setdomainname),
    ENTRY(SYS_set_robust_list, sys_set_robust_list),
    ENTRY(SYS_get_robust_list, sys_get_robust_list),
    ENTRY(SYS_setxattr, sys_setxattr),
    ENTRY(SYS_lsetxattr, sys_lsetxattr),
    ENTRY(SYS_fsetxattr, sys_fsetxattr),
    ENTRY(SYS_getxattr, sys_getxattr),
    ENTRY(SYS_lgetxattr, sys_lgetxattr),
    ENTRY(SYS_fgetxattr, sys_fgetxattr),
    ENTRY(SYS_listxattr, sys_listxattr),
    ENTRY(SYS_llistxattr, sys_llistxattr),
    ENTRY(SYS_flistxattr, sys_flistxattr),
    ENTRY(SYS_removexattr, sys_removexattr),
    ENTRY(SYS_lremovexattr, sys_lremovexattr),
    ENTRY(SYS_fremovexattr, sys_fremovexattr),
    ENTRY(SYS_mknodat, sys_mknodat),
    ENTRY(SYS_chroot, sys_chroot),
    ENTRY(SYS_mount, sys_mount),
    ENTRY(SYS_umount2, sys_umount2),
    ENTRY(SYS_mkdir, sys_mkdir),
    ENTRY(SYS_unlinkat, sys_unlinkat),
    ENTRY(SYS_unlink, sys_unlink),
    ENTRY(SYS_rmdir, sys_rmdir),
    ENTRY(SYS_renameat2, sys_renameat2),
    ENTRY(SYS_renameat, sys_renameat),
    ENTRY(SYS_rename, sys_rename),
    ENTRY(SYS_linkat, sys_linkat),
    ENTRY(SYS_link, sys_link),
    ENTRY(SYS_symlinkat, sys_symlinkat),
    ENTRY(SYS_symlink, sys_symlink),
    ENTRY(SYS_truncate, sys_truncate),
    ENTRY(SYS_ftruncate, sys_ftruncate),
    ENTRY(SYS_fsync, sys_fsync),
    ENTRY(SYS_fchmodat, sys_fchmodat),
    ENTRY(SYS_chmod, sys_chmod),
    ENTRY(SYS_fchmod, sys_fchmod),
    ENTRY(SYS_fchownat, sys_fchownat),
    ENTRY(SYS_chown, sys_chown),
    ENTRY(SYS_lchown, sys_lchown),
    ENTRY(SYS_fchown, sys_fchown),
    ENTRY(SYS_utimensat, sys_utimensat),
    ENTRY(SYS_utimes, sys_utimes),
    ENTRY(SYS_utime, sys_utime),
    ENTRY(SYS_fdatasync, sys_fsync),
    ENTRY(SYS_sysinfo, sys_sysinfo),
    ENTRY(SYS_eventfd, sys_eventfd),
    ENTRY(SYS_eventfd2, sys_eventfd2),
    ENTRY(SYS_io_setup, sys_io_setup),
    ENTRY(SYS_io_destroy, sys_io_destroy),
    ENTRY(SYS_io_getevents, sys_io_getevents),
    ENTRY(SYS_io_submit, sys_io_submit),
    ENTRY(SYS_io_cancel, sys_io_cancel),
    ENTRY(SYS_io_pgetevents, sys_io_pgetevents),
    ENTRY(SYS_inotify_init, sys_inotify_init),
    ENTRY(SYS_inotify_init1, sys_inotify_init1),
    ENTRY(SYS_inotify_add_watch, sys_inotify_add_watch),
    ENTRY(SYS_inotify_rm_watch, sys_inotify_rm_watch),
    ENTRY(SYS_timerfd_create, sys_timerfd_create),
    ENTRY(SYS_timerfd_settime, sys_timerfd_settime),
    ENTRY(SYS_timerfd_gettime, sys_timerfd_gettime),
    ENTRY(SYS_signalfd, sys_signalfd),
    ENTRY(SYS_signalfd4, sys_signalfd4),
    ENTRY(SYS_flock, sys_flock),
    ENTRY(SYS_statfs, sys_statfs),
    ENTRY(SYS_fstatfs, sys_fstatfs),
    ENTRY(SYS_sysfs, sys_sysfs),
    ENTRY(SYS_reboot, sys_reboot),
    ENTRY(SYS_vhangup, sys_vhangup),
    ENTRY(SYS_name_to_handle_at, sys_name_to_handle_at),
    ENTRY(SYS_open_by_handle_at, sys_open_by_handle_at),
    ENTRY(SYS_ustat, sys_ustat),
    ENTRY(SYS_sendfile, sys_sendfile64),
    ENTRY(SYS_splice, sys_splice),
    ENTRY(SYS_tee, sys_tee),
    ENTRY(SYS_vmsplice, sys_vmsplice),
    ENTRY(SYS_copy_file_range, sys_copy_file_range),
    ENTRY(SYS_memfd_create, sys_memfd_create),
    ENTRY(SYS_socket, sys_socket),
    ENTRY(SYS_socketpair, sys_socketpair),
    ENTRY(SYS_bind, sys_bind),
    ENTRY(SYS_listen, sys_listen),
    ENTRY(SYS_connect, sys_connect),
    ENTRY(SYS_accept, sys_accept),
    ENTRY(SYS_accept4, sys_accept4),
    ENTRY(SYS_getsockname, sys_getsockname),
    ENTRY(SYS_getpeername, sys_getpeername),
    ENTRY(SYS_shutdown, sys_shutdown),
    ENTRY(SYS_sendto, sys_sendto),
    ENTRY(SYS_recvfrom, sys_recvfrom),
    ENTRY(SYS_sendmsg, sys_sendmsg),
    ENTRY(SYS_recvmsg, sys_recvmsg),
    ENTRY(SYS_setsockopt, sys_setsockopt),
    ENTRY(SYS_getsockopt, sys_getsockopt),
    ENTRY(SYS_shmget, sys_shmget),
    ENTRY(SYS_shmat, sys_shmat),
    ENTRY(SYS_shmdt, sys_shmdt),
    ENTRY(SYS_shmctl, sys_shmctl),
    ENTRY(SYS_semget, sys_semget),
    ENTRY(SYS_semop, sys_semop),
    ENTRY(SYS_semtimedop, sys_semtimedop),
    ENTRY(SYS_semctl, sys_semctl),
    ENTRY(SYS_msgget, sys_msgget),
    ENTRY(SYS_msgsnd, sys_msgsnd),
    ENTRY(SYS_msgrcv, sys_msgrcv),
    ENTRY(SYS_msgctl, sys_msgctl),
    ENTRY(SYS_mq_open, sys_mq_open),
    ENTRY(SYS_mq_unlink, sys_mq_unlink),
    ENTRY(SYS_mq_timedsend, sys_mq_timedsend),
    ENTRY(SYS_mq_timedreceive, sys_mq_timedreceive),
    ENTRY(SYS_mq_notify, sys_mq_notify),
    ENTRY(SYS_mq_getsetattr, sys_mq_getsetattr),
    ENTRY(SYS_add_key, sys_add_key),
    ENTRY(SYS_request_key, sys_request_key),
    ENTRY(SYS_keyctl, sys_keyctl),
    ENTRY(SYS_ptrace, sys_ptrace),
    ENTRY(SYS_ioprio_set, sys_ioprio_set),
    ENTRY(SYS_ioprio_get, sys_ioprio_get),
    ENTRY(SYS_membarrier, sys_membarrier),
    ENTRY(SYS_process_vm_readv, sys_process_vm_readv),
    ENTRY(SYS_process_vm_writev, sys_process_vm_writev),
    ENTRY(SYS_unshare, sys_unshare),
};
#pragma GCC diagnostic pop

void syscall_trace(bool on) { syscall_tracing = on; }

void syscall_dispatch_traced(struct trap_frame *f)
{
    struct proc *p = current();
    if (p->syscall_work & SYSCALL_WORK_PTRACE) {
        /* The entry stop sees RAX -ENOSYS and the number in orig_rax
         * (the frame's error-code slot), which the tracer may change:
         * -1 skips the call, leaving RAX as the tracer set it. */
        f->rax = (uint64_t)-ENOSYS;
        ptrace_syscall_stop(true);
    }
    /* Linux selects the call with the low 32 bits of RAX, unsigned: so
     * 0x1_0000_0027 is getpid and -1 is simply out of range. The
     * arguments are kept for the log line: execve rewrites the frame. */
    uint32_t nr = (uint32_t)f->error_code;
    uint64_t a0 = f->rdi, a1 = f->rsi, a2 = f->rdx;
    if ((int64_t)f->error_code != -1 || !(p->syscall_work & SYSCALL_WORK_PTRACE)) {
        syscall_fn fn = nr < SYSCALL_TABLE_SIZE ? syscall_table[nr] : (syscall_fn)(void (*)(void))sys_ni_syscall;
        f->rax = (uint64_t)fn((long)f->rdi, (long)f->rsi, (long)f->rdx, (long)f->r10, (long)f->r8, (long)f->r9);
    }
    if (p->syscall_work & SYSCALL_WORK_PTRACE)
        ptrace_syscall_stop(false);
    if (p->syscall_work & SYSCALL_WORK_LOG)
        kprintf("[%d] syscall %u(0x%lx, 0x%lx, 0x%lx) = %ld\n", p->pid, nr, a0, a1, a2, (long)f->rax);
}
