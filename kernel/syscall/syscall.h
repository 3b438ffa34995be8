/*
 * syscall.h - the system-call table and the handlers it holds.
 *
 * Handlers take their arguments as the Linux ABI passes them (RDI, RSI,
 * RDX, R10, R8, R9) and return a value or -errno. User pointers arrive as
 * uint64_t, never as C pointers: they are only ever handed to the
 * usercopy functions (mm/usercopy.h).
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/trap_frame.h"

/* Programs the SYSCALL MSRs (EFER.SCE, STAR, LSTAR, SFMASK). */
void syscall_init(void);
/* Called by syscall.S with the saved user registers. */
void syscall_dispatch(struct trap_frame *f);

/* sys_fs.c */
long sys_read(long fd, uint64_t ubuf, size_t n);
long sys_write(long fd, uint64_t ubuf, size_t n);
long sys_readv(long fd, uint64_t uiov, long iovcnt);
long sys_writev(long fd, uint64_t uiov, long iovcnt);
long sys_pread64(long fd, uint64_t ubuf, size_t n, int64_t off);
long sys_open(uint64_t upath, long flags, long mode);
long sys_openat(long dirfd, uint64_t upath, long flags, long mode);
long sys_close(long fd);
long sys_lseek(long fd, int64_t off, long whence);
long sys_fstat(long fd, uint64_t ustat);
long sys_stat(uint64_t upath, uint64_t ustat);
long sys_lstat(uint64_t upath, uint64_t ustat);
long sys_newfstatat(long dirfd, uint64_t upath, uint64_t ustat, long flags);
long sys_ioctl(long fd, unsigned long cmd, uint64_t arg);
long sys_access(uint64_t upath, long mode);
long sys_faccessat(long dirfd, uint64_t upath, long mode, long flags);
long sys_getcwd(uint64_t ubuf, size_t size);
long sys_chdir(uint64_t upath);
long sys_readlink(uint64_t upath, uint64_t ubuf, size_t size);
long sys_readlinkat(long dirfd, uint64_t upath, uint64_t ubuf, size_t size);
long sys_getdents64(long fd, uint64_t ubuf, size_t size);
long sys_dup(long fd);
long sys_dup2(long oldfd, long newfd);
long sys_dup3(long oldfd, long newfd, long flags);
long sys_fcntl(long fd, long cmd, uint64_t arg);

/* sys_fsmod.c */
long sys_mkdirat(long dirfd, uint64_t upath, long mode);
long sys_mkdir(uint64_t upath, long mode);
long sys_unlinkat(long dirfd, uint64_t upath, long flags);
long sys_unlink(uint64_t upath);
long sys_rmdir(uint64_t upath);
long sys_renameat2(long olddirfd, uint64_t uold, long newdirfd, uint64_t unew, long flags);
long sys_renameat(long olddirfd, uint64_t uold, long newdirfd, uint64_t unew);
long sys_rename(uint64_t uold, uint64_t unew);
long sys_linkat(long olddirfd, uint64_t uold, long newdirfd, uint64_t unew, long flags);
long sys_link(uint64_t uold, uint64_t unew);
long sys_symlinkat(uint64_t utarget, long newdirfd, uint64_t upath);
long sys_symlink(uint64_t utarget, uint64_t upath);
long sys_truncate(uint64_t upath, int64_t len);
long sys_ftruncate(long fd, int64_t len);
long sys_fsync(long fd);
long sys_fchmodat(long dirfd, uint64_t upath, long mode);
long sys_chmod(uint64_t upath, long mode);
long sys_fchmod(long fd, long mode);
long sys_fchownat(long dirfd, uint64_t upath, long uid, long gid, long flags);
long sys_chown(uint64_t upath, long uid, long gid);
long sys_lchown(uint64_t upath, long uid, long gid);
long sys_fchown(long fd, long uid, long gid);
long sys_utimensat(long dirfd, uint64_t upath, uint64_t utimes, long flags);

/* sys_mm.c */
long sys_brk(uint64_t addr);
long sys_mmap(uint64_t addr, size_t len, long prot, long flags, long fd, int64_t off);
long sys_munmap(uint64_t addr, size_t len);
long sys_mprotect(uint64_t addr, size_t len, long prot);
long sys_madvise(uint64_t addr, size_t len, long advice);

/* sys_proc.c */
long sys_exit(long code);
long sys_exit_group(long code);
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_set_tid_address(uint64_t uptr);
long sys_arch_prctl(long code, uint64_t addr);
long sys_uname(uint64_t ubuf);
long sys_getuid(void);
long sys_sched_yield(void);
long sys_getrlimit(long resource, uint64_t ulim);
long sys_prlimit64(long pid, long resource, uint64_t unew, uint64_t uold);
long sys_getrandom(uint64_t ubuf, size_t n, long flags);

/* sys_exec.c */
long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp);

/* sys_info.c */
long sys_sysinfo(uint64_t uinfo);

/* sys_fork.c */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(uint64_t flags, uint64_t newsp, uint64_t uparent_tid, uint64_t uchild_tid, uint64_t tls);
long sys_wait4(long pid, uint64_t ustatus, long options, uint64_t urusage);
long sys_kill(long pid, long sig);
long sys_tkill(long tid, long sig);
long sys_tgkill(long tgid, long tid, long sig);
long sys_setpgid(long pid, long pgid);
long sys_getpgid(long pid);
long sys_getpgrp(void);
long sys_getsid(long pid);
long sys_setsid(void);

/* proc/signal.c */
long sys_rt_sigaction(long sig, uint64_t uact, uint64_t uold, size_t setsize);
long sys_rt_sigprocmask(long how, uint64_t uset, uint64_t uold, size_t setsize);
long sys_rt_sigpending(uint64_t uset, size_t setsize);
long sys_rt_sigsuspend(uint64_t uset, size_t setsize);
long sys_rt_sigreturn(void);
long sys_pause(void);
long sys_sigaltstack(uint64_t uss, uint64_t uold);

/* fs/pipe.c */
long sys_pipe(uint64_t ufds);
long sys_pipe2(uint64_t ufds, long flags);

/* sys_futex.c */
long sys_futex(uint64_t uaddr, long op, uint32_t val, uint64_t utimeout, uint64_t uaddr2, uint32_t val3);

/* sys_poll.c */
long sys_poll(uint64_t ufds, unsigned long n, long timeout_ms);
long sys_ppoll(uint64_t ufds, unsigned long n, uint64_t uts, uint64_t usigmask, size_t sigsetsize);
long sys_select(long nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t utv);
long sys_pselect6(long nfds, uint64_t urd, uint64_t uwr, uint64_t uex, uint64_t uts, uint64_t usig);

/* sys_timer.c */
long sys_setitimer(long which, uint64_t unew, uint64_t uold);
long sys_getitimer(long which, uint64_t uval);
long sys_alarm(unsigned long seconds);

/* sys_time.c */
long sys_times(uint64_t ubuf);
long sys_getrusage(long who, uint64_t ubuf);
long sys_umask(long mask);
long sys_fchdir(long fd);
long sys_clock_gettime(long clock, uint64_t uts);
long sys_clock_getres(long clock, uint64_t uts);
long sys_gettimeofday(uint64_t utv, uint64_t utz);
long sys_time(uint64_t ut);
long sys_nanosleep(uint64_t ureq, uint64_t urem);
long sys_clock_nanosleep(long clock, long flags, uint64_t ureq, uint64_t urem);

#endif
