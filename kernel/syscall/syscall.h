/*
 * syscall.h - the system-call table and the handlers it holds.
 *
 * Handlers take their arguments as the Linux ABI passes them (RDI, RSI,
 * RDX, R10, R8, R9) and return a value or -errno. Each parameter has the
 * C type Linux's SYSCALL_DEFINE gives it: where Linux takes an int (a
 * descriptor, a pid, flags), only the low 32 bits of the register count,
 * and declaring it int here does exactly that (the SysV ABI leaves the
 * upper half of a 32-bit argument undefined). User pointers arrive as
 * uint64_t, never as C pointers: they are only ever handed to the
 * usercopy functions (mm/usercopy.h).
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/trap_frame.h"

struct file;

/* Programs the SYSCALL MSRs (EFER.SCE, STAR, LSTAR, SFMASK). */
void syscall_init(void);
/* The strace boot option (its value, NULL when absent): log every call
 * with its result, decoded (debug/strace.h). */
void syscall_trace(const char *option);
/* syscall.S calls this instead of the table entry when the process's
 * syscall_work is set (proc/ptrace.h): runs the call frame f asks for
 * with ptrace's entry and exit stops around it, stores the result in
 * f->rax and, for the strace option, logs one line. */
void syscall_dispatch_traced(struct trap_frame *f);

/* The handlers by number; syscall.S calls them. */
typedef long (*syscall_fn)(long, long, long, long, long, long);
extern const syscall_fn syscall_table[];
/* What every number without a handler runs: -ENOSYS. */
long sys_ni_syscall(void);

/* sys_fs.c */
long sys_read(int fd, uint64_t ubuf, size_t n);
long sys_write(int fd, uint64_t ubuf, size_t n);
long sys_readv(long fd, uint64_t uiov, long iovcnt);
long sys_writev(long fd, uint64_t uiov, long iovcnt);
long sys_open(uint64_t upath, int flags, uint32_t mode);
long sys_creat(uint64_t upath, uint32_t mode);
long sys_getdents(int fd, uint64_t ubuf, uint32_t size);
long sys_faccessat2(int dirfd, uint64_t upath, int mode, int flags);
long sys_futimesat(int dirfd, uint64_t upath, uint64_t utv);
long sys_fallocate(int fd, int mode, int64_t off, int64_t len);
long sys_readahead(int fd, int64_t offset, size_t count);
long sys_sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned flags);
long sys_mincore(uint64_t addr, size_t len, uint64_t uvec);
long sys_sethostname(uint64_t uname, int len);
long sys_setdomainname(uint64_t uname, int len);
long sys_openat(int dirfd, uint64_t upath, int flags, uint32_t mode);
long sys_openat2(int dirfd, uint64_t upath, uint64_t uhow, size_t usize);
long sys_close(int fd);
long sys_lseek(int fd, int64_t off, uint32_t whence);
long sys_ioctl(int fd, uint32_t cmd, uint64_t arg);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, int cmd, uint64_t arg);

long sys_umask(int mask);

/* sys_stat.c */
long sys_fstat(int fd, uint64_t ustat);
long sys_stat(uint64_t upath, uint64_t ustat);
long sys_lstat(uint64_t upath, uint64_t ustat);
long sys_newfstatat(int dirfd, uint64_t upath, uint64_t ustat, int flags);
long sys_statx(int dirfd, uint64_t upath, int flags, uint32_t mask, uint64_t ubuf);
long sys_access(uint64_t upath, int mode);
long sys_faccessat(int dirfd, uint64_t upath, int mode, int flags);
long sys_readlink(uint64_t upath, uint64_t ubuf, int size);
long sys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, int size);

/* sys_dir.c */
long sys_getcwd(uint64_t ubuf, size_t size);
long sys_chdir(uint64_t upath);
long sys_fchdir(int fd);
long sys_chroot(uint64_t upath);
long sys_getdents64(int fd, uint64_t ubuf, uint32_t size);

/* sys_xattr.c */
long sys_setxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size, int flags);
long sys_lsetxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size, int flags);
long sys_fsetxattr(int fd, uint64_t uname, uint64_t uvalue, size_t size, int flags);
long sys_getxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size);
long sys_lgetxattr(uint64_t upath, uint64_t uname, uint64_t uvalue, size_t size);
long sys_fgetxattr(int fd, uint64_t uname, uint64_t uvalue, size_t size);
long sys_listxattr(uint64_t upath, uint64_t ulist, size_t size);
long sys_llistxattr(uint64_t upath, uint64_t ulist, size_t size);
long sys_flistxattr(int fd, uint64_t ulist, size_t size);
long sys_removexattr(uint64_t upath, uint64_t uname);
long sys_lremovexattr(uint64_t upath, uint64_t uname);
long sys_fremovexattr(int fd, uint64_t uname);

/* sys_mount.c */
long sys_mount(uint64_t usource, uint64_t utarget, uint64_t utype, unsigned long flags, uint64_t udata);
long sys_umount2(uint64_t utarget, int flags);

/* sys_fsmod.c */
long sys_mknodat(int dirfd, uint64_t upath, uint32_t mode, uint64_t dev);
long sys_mknod(uint64_t upath, uint32_t mode, uint64_t dev);
long sys_mkdirat(int dirfd, uint64_t upath, uint32_t mode);
long sys_mkdir(uint64_t upath, uint32_t mode);
long sys_unlinkat(int dirfd, uint64_t upath, int flags);
long sys_unlink(uint64_t upath);
long sys_rmdir(uint64_t upath);
long sys_renameat2(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, uint32_t flags);
long sys_renameat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew);
long sys_rename(uint64_t uold, uint64_t unew);
long sys_linkat(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, int flags);
long sys_link(uint64_t uold, uint64_t unew);
long sys_symlinkat(uint64_t utarget, int newdirfd, uint64_t upath);
long sys_symlink(uint64_t utarget, uint64_t upath);
long sys_truncate(uint64_t upath, int64_t len);
long sys_ftruncate(int fd, int64_t len);
long sys_fsync(int fd);
long sys_fchmodat(int dirfd, uint64_t upath, uint32_t mode);
long sys_chmod(uint64_t upath, uint32_t mode);
long sys_fchmod(int fd, uint32_t mode);
long sys_fchownat(int dirfd, uint64_t upath, uint32_t uid, uint32_t gid, int flags);
long sys_chown(uint64_t upath, uint32_t uid, uint32_t gid);
long sys_lchown(uint64_t upath, uint32_t uid, uint32_t gid);
long sys_fchown(int fd, uint32_t uid, uint32_t gid);
long sys_utimensat(int dirfd, uint64_t upath, uint64_t utimes, int flags);
long sys_utimes(uint64_t upath, uint64_t utv);
long sys_utime(uint64_t upath, uint64_t ubuf);

/* sys_mm.c */
long sys_brk(uint64_t addr);
long sys_mmap(uint64_t addr, size_t len, uint64_t prot, uint64_t flags, uint64_t fd, int64_t off);
long sys_munmap(uint64_t addr, size_t len);
long sys_mprotect(uint64_t addr, size_t len, uint64_t prot);
long sys_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, uint64_t flags, uint64_t new_addr);
long sys_madvise(uint64_t addr, size_t len, int advice);

/* sys_proc.c */
long sys_exit(int code);
long sys_exit_group(int code);
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_set_tid_address(uint64_t uptr);
long sys_arch_prctl(int code, uint64_t addr);
long sys_uname(uint64_t ubuf);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_sched_yield(void);
long sys_getrlimit(uint32_t resource, uint64_t ulim);
long sys_prlimit64(int pid, uint32_t resource, uint64_t unew, uint64_t uold);
long sys_setrlimit(uint32_t resource, uint64_t ulim);
long sys_getrandom(uint64_t ubuf, size_t n, uint32_t flags);
long sys_prctl(int option, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5);
long prctl_caps(int option, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5);
long sys_capget(uint64_t uhdr, uint64_t udata);
long sys_capset(uint64_t uhdr, uint64_t udata);

/* sys_exec.c */
long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp);
long sys_execveat(int dirfd, uint64_t upath, uint64_t uargv, uint64_t uenvp, int flags);

/* sys_info.c */
long sys_sysinfo(uint64_t uinfo);

/* sys_fork.c */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(uint64_t flags, uint64_t newsp, uint64_t uparent_tid, uint64_t uchild_tid, uint64_t tls);
long sys_rt_sigqueueinfo(int tgid, int sig, uint64_t uinfo);
long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, uint64_t uinfo);

/* sys_wait.c */
long sys_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage);
long sys_waitid(int idtype, int id, uint64_t uinfo, int options, uint64_t urusage);
long sys_pidfd_send_signal(int pidfd, int sig, uint64_t uinfo, uint32_t flags);

/* sys_pidfd.c */
long sys_pidfd_open(int pid, uint32_t flags);
long sys_pidfd_getfd(int pidfd, int targetfd, uint32_t flags);
long sys_kcmp(int pid1, int pid2, int type, uint64_t idx1, uint64_t idx2);
long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_getsid(int pid);
long sys_setsid(void);

/* sys_signal.c */
long sys_rt_sigaction(int sig, uint64_t uact, uint64_t uold, size_t setsize);
long sys_rt_sigprocmask(int how, uint64_t uset, uint64_t uold, size_t setsize);
long sys_rt_sigpending(uint64_t uset, size_t setsize);
long sys_rt_sigtimedwait(uint64_t uset, uint64_t uinfo, uint64_t uts, size_t setsize);
long sys_rt_sigsuspend(uint64_t uset, size_t setsize);
long sys_rt_sigreturn(void);
long sys_pause(void);
long sys_sigaltstack(uint64_t uss, uint64_t uold);

/* sys_epoll.c */
long sys_epoll_create1(int flags);
long sys_epoll_create(int size);
long sys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent);
long sys_epoll_wait(int epfd, uint64_t uevents, int max, int timeout_ms);
long sys_epoll_pwait(int epfd, uint64_t uevents, int max, int timeout_ms, uint64_t usigmask, size_t sigsetsize);
long sys_epoll_pwait2(int epfd, uint64_t uevents, int max, uint64_t utimeout, uint64_t usigmask, size_t sigsetsize);
long sys_io_setup(unsigned nr_events, uint64_t uctxp);
long sys_io_destroy(uint64_t ctx_id);
long sys_io_submit(uint64_t ctx_id, long nr, uint64_t uiocbpp);
long sys_io_cancel(uint64_t ctx_id, uint64_t uiocb, uint64_t uresult);
long sys_io_getevents(uint64_t ctx_id, long min_nr, long nr, uint64_t uevents, uint64_t utimeout);
long sys_io_pgetevents(uint64_t ctx_id, long min_nr, long nr, uint64_t uevents, uint64_t utimeout, uint64_t usig);

/* sys_pipe.c */
long sys_pipe(uint64_t ufds);
long sys_pipe2(uint64_t ufds, int flags);

/* sys_futex.c */
long sys_set_robust_list(uint64_t head, size_t len);
long sys_get_robust_list(int pid, uint64_t uhead, uint64_t ulen);
long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout, uint64_t uaddr2, uint32_t val3);

/* sys_poll.c */
long sys_poll(uint64_t ufds, uint32_t n, int timeout_ms);
long sys_ppoll(uint64_t ufds, uint32_t n, uint64_t uts, uint64_t usigmask, size_t sigsetsize);
long sys_select(int nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t utv);
long sys_pselect6(int nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t uts, uint64_t usig);

/* sys_timer.c */
long sys_setitimer(int which, uint64_t unew, uint64_t uold);
long sys_getitimer(int which, uint64_t uval);
long sys_alarm(uint32_t seconds);

/* sys_posix_timer.c */
long sys_timer_create(int clock, uint64_t usev, uint64_t uid);
long sys_timer_settime(int id, int flags, uint64_t unew, uint64_t uold);
long sys_timer_gettime(int id, uint64_t ucur);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);

/* sys_clock_set.c */
long sys_clock_settime(int clock, uint64_t uts);
long sys_settimeofday(uint64_t utv, uint64_t utz);
long sys_adjtimex(uint64_t utx);
long sys_clock_adjtime(int clock, uint64_t utx);

/* sys_eventfd.c */
long sys_eventfd(uint32_t initval);
long sys_eventfd2(uint32_t initval, int flags);

/* sys_inotify.c */
long sys_inotify_init(void);
long sys_inotify_init1(int flags);
long sys_inotify_add_watch(int fd, uint64_t upath, uint32_t mask);
long sys_inotify_rm_watch(int fd, int wd);

/* sys_timerfd.c */
long sys_timerfd_create(int clockid, int flags);
long sys_timerfd_settime(int fd, int flags, uint64_t unew, uint64_t uold);
long sys_timerfd_gettime(int fd, uint64_t ucur);

/* sys_signalfd.c */
long sys_signalfd(int fd, uint64_t umask, size_t sizemask);
long sys_signalfd4(int fd, uint64_t umask, size_t sizemask, int flags);

/* sys_lock.c */
long sys_flock(int fd, int op);
/* fcntl's record-lock commands on f (sys_fcntl calls it): copies the
 * struct flock at arg in and, for F_GETLK and F_OFD_GETLK, back out. */
long fcntl_lock(struct file *f, int cmd, uint64_t arg);

/* sys_statfs.c */
long sys_statfs(uint64_t upath, uint64_t ubuf);
long sys_fstatfs(int fd, uint64_t ubuf);
/* sys_admin.c */
long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, uint64_t uarg);
long sys_vhangup(void);
/* sys_fhandle.c */
long sys_name_to_handle_at(int dfd, uint64_t upath, uint64_t uhandle, uint64_t umnt_id, int flag);
long sys_open_by_handle_at(int mount_fd, uint64_t uhandle, int flags);
long sys_sysfs(int option, uint64_t arg1, uint64_t arg2);
long sys_ustat(uint32_t udev, uint64_t ubuf);

/* sys_ipc.c */
long sys_shmget(int32_t key, size_t size, int flg);
long sys_shmat(int id, uint64_t addr, int flg);
long sys_shmdt(uint64_t addr);
long sys_shmctl(int id, int cmd, uint64_t ubuf);
long sys_semget(int32_t key, int nsems, int flg);
long sys_semop(int id, uint64_t usops, uint32_t nsops);
long sys_semtimedop(int id, uint64_t usops, uint32_t nsops, uint64_t utimeout);
long sys_semctl(int id, int semnum, int cmd, uint64_t arg);
long sys_msgget(int32_t key, int flg);
long sys_msgsnd(int id, uint64_t umsg, size_t size, int flg);
long sys_msgrcv(int id, uint64_t umsg, size_t size, long type, int flg);
long sys_msgctl(int id, int cmd, uint64_t ubuf);
/* The key retention service (sys_keys.c). */
long sys_add_key(uint64_t utype, uint64_t udesc, uint64_t upayload, size_t plen, int32_t ringid);
long sys_request_key(uint64_t utype, uint64_t udesc, uint64_t ucallout, int32_t destid);
long sys_keyctl(int option, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);
/* I/O priorities (sys_ioprio.c) and memory barriers (sys_membarrier.c). */
long sys_ioprio_set(int which, int who, int ioprio);
long sys_ioprio_get(int which, int who);
long sys_membarrier(int cmd, unsigned flags, int cpu_id);
/* unshare(2) (sys_unshare.c). */
long sys_unshare(unsigned long flags);
/* Copies between address spaces (sys_process_vm.c). */
long sys_process_vm_readv(int pid, uint64_t lvec, unsigned long liovcnt, uint64_t rvec, unsigned long riovcnt,
                          unsigned long flags);
long sys_process_vm_writev(int pid, uint64_t lvec, unsigned long liovcnt, uint64_t rvec, unsigned long riovcnt,
                           unsigned long flags);

/* sys_mqueue.c */
long sys_mq_open(uint64_t uname, int oflag, uint32_t mode, uint64_t uattr);
long sys_mq_unlink(uint64_t uname);
long sys_mq_timedsend(int fd, uint64_t umsg, size_t len, uint32_t prio, uint64_t utimeout);
long sys_mq_timedreceive(int fd, uint64_t umsg, size_t len, uint64_t uprio, uint64_t utimeout);
long sys_mq_notify(int fd, uint64_t uevent);
long sys_mq_getsetattr(int fd, uint64_t unew, uint64_t uold);

/* sys_time.c */
/* Reads and checks a struct timespec (tv_sec >= 0, 0 <= tv_nsec < 1e9):
 * its value in ns (huge values clipped to INT64_MAX), -EFAULT or -EINVAL. */
long timespec_from_user(uint64_t uts, int64_t *ns);
long sys_times(uint64_t ubuf);
long sys_getrusage(int who, uint64_t ubuf);
long sys_clock_gettime(int clock, uint64_t uts);
long sys_clock_getres(int clock, uint64_t uts);
long sys_gettimeofday(uint64_t utv, uint64_t utz);
long sys_time(uint64_t ut);
long sys_nanosleep(uint64_t ureq, uint64_t urem);
long sys_clock_nanosleep(int clock, int flags, uint64_t ureq, uint64_t urem);

/* sys_ids.c */
long sys_setuid(uint32_t uid);
long sys_setgid(uint32_t gid);
long sys_setreuid(uint32_t r, uint32_t e);
long sys_setregid(uint32_t r, uint32_t e);
long sys_setresuid(uint32_t r, uint32_t e, uint32_t s);
long sys_setresgid(uint32_t r, uint32_t e, uint32_t s);
long sys_getresuid(uint64_t ur, uint64_t ue, uint64_t us);
long sys_getresgid(uint64_t ur, uint64_t ue, uint64_t us);
long sys_getgroups(int size, uint64_t ulist);
long sys_setgroups(int size, uint64_t ulist);
long sys_setfsuid(uint32_t uid);
long sys_setfsgid(uint32_t gid);

/* sys_sched.c */
long sys_sched_get_priority_max(int policy);
long sys_sched_get_priority_min(int policy);
long sys_sched_getscheduler(int pid);
long sys_sched_getparam(int pid, uint64_t uparam);
long sys_sched_setscheduler(int pid, int policy, uint64_t uparam);
long sys_sched_setparam(int pid, uint64_t uparam);
long sys_sched_setattr(int pid, uint64_t uattr, uint32_t flags);
long sys_sched_getattr(int pid, uint64_t uattr, uint32_t usize, uint32_t flags);
long sys_sched_rr_get_interval(int pid, uint64_t uts);
long sys_sched_getaffinity(int pid, uint32_t len, uint64_t umask);
long sys_sched_setaffinity(int pid, uint32_t len, uint64_t umask);
/* sys_prio.c */
long sys_getpriority(int which, int who);
long sys_setpriority(int which, int who, int nice);
long sys_getcpu(uint64_t ucpu, uint64_t unode, uint64_t ucache);

/* sys_hints.c */
long sys_sync(void);
long sys_syncfs(int fd);
long sys_fadvise64(int fd, int64_t offset, int64_t len, int advice);
long sys_msync(uint64_t addr, size_t len, int flags);
long sys_personality(uint32_t persona);

/* sys_mlock.c */
long sys_mlock(uint64_t addr, size_t len);
long sys_mlock2(uint64_t addr, size_t len, unsigned flags);
long sys_munlock(uint64_t addr, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
/* mmap(2)'s MAP_LOCKED and mlockall(MCL_FUTURE): may len more bytes with
 * vflags (VMA_LOCKED or not) be mapped? 0, -EPERM (RLIMIT_MEMLOCK 0 and
 * no CAP_IPC_LOCK, for MAP_LOCKED only: explicit) or -EAGAIN (over the limit). */
long mlock_mmap_check(uint64_t len, uint32_t vflags, bool explicit);

/* sys_fdrange.c */
long sys_close_range(uint32_t first, uint32_t last, uint32_t flags);

/* sys_pio.c */
long sys_pread64(int fd, uint64_t ubuf, size_t n, int64_t off);
long sys_pwrite64(int fd, uint64_t ubuf, size_t n, int64_t off);
long sys_preadv(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h);
long sys_pwritev(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h);
long sys_preadv2(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h, int flags);
long sys_pwritev2(int fd, uint64_t uiov, long iovcnt, uint64_t pos_l, uint64_t pos_h, int flags);

/* sys_splice.c */
long sys_sendfile64(int out_fd, int in_fd, uint64_t uoff, size_t count);
long sys_splice(int fd_in, uint64_t uoff_in, int fd_out, uint64_t uoff_out, size_t len, unsigned flags);
long sys_tee(int fd_in, int fd_out, size_t len, unsigned flags);
long sys_vmsplice(int fd, uint64_t uiov, unsigned long nr_segs, unsigned flags);
long sys_copy_file_range(int fd_in, uint64_t uoff_in, int fd_out, uint64_t uoff_out, size_t len, unsigned flags);

/* sys_memfd.c */
long sys_memfd_create(uint64_t uname, unsigned flags);

/* sys_socket.c */
long sys_socket(int domain, int type, int protocol);
long sys_socketpair(int domain, int type, int protocol, uint64_t usv);
long sys_bind(int fd, uint64_t uaddr, int len);
long sys_listen(int fd, int backlog);
long sys_connect(int fd, uint64_t uaddr, int len);
long sys_accept(int fd, uint64_t uaddr, uint64_t ulen);
long sys_accept4(int fd, uint64_t uaddr, uint64_t ulen, int flags);
long sys_getsockname(int fd, uint64_t uaddr, uint64_t ulen);
long sys_getpeername(int fd, uint64_t uaddr, uint64_t ulen);
long sys_shutdown(int fd, int how);
long sys_sendto(int fd, uint64_t ubuf, size_t len, int flags, uint64_t uaddr, int addrlen);
long sys_recvfrom(int fd, uint64_t ubuf, size_t len, int flags, uint64_t uaddr, uint64_t ulen);
long sys_sendmsg(int fd, uint64_t umsg, int flags);
long sys_recvmsg(int fd, uint64_t umsg, int flags);
long sys_setsockopt(int fd, int level, int name, uint64_t uval, int len);
long sys_getsockopt(int fd, int level, int name, uint64_t uval, uint64_t ulen);

/* sys_ptrace.c */
long sys_ptrace(long request, int pid, uint64_t addr, uint64_t data);

#endif
