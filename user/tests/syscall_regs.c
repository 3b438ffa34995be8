/*
 * syscall_regs.c - a system call returns every register as it found it
 * except RAX (the result), RCX (the return RIP) and R11 (RFLAGS), as the
 * Linux x86_64 ABI promises. Each call runs with all registers set to
 * distinct patterns; the argument registers hold non-canonical values so
 * no call can do anything (bad pointers, bad descriptors).
 */
#include <stdint.h>
#include <sys/syscall.h>

#include "tt.h"

struct regs {
    uint64_t rbx, rdx, rsi, rdi, rbp, r8, r9, r10, r12, r13, r14, r15;
};

static void call_with_patterns(long nr, struct regs *in, struct regs *out)
{
    __asm__ volatile(
        "pushq %%rbp\n\t"
        "pushq %%rbx\n\t"
        "pushq %%r12\n\t"
        "pushq %%r13\n\t"
        "pushq %%r14\n\t"
        "pushq %%r15\n\t"
        "pushq %[out]\n\t"
        "movq %[in], %%r15\n\t"
        "movq 0(%%r15), %%rbx\n\t"
        "movq 8(%%r15), %%rdx\n\t"
        "movq 16(%%r15), %%rsi\n\t"
        "movq 24(%%r15), %%rdi\n\t"
        "movq 32(%%r15), %%rbp\n\t"
        "movq 40(%%r15), %%r8\n\t"
        "movq 48(%%r15), %%r9\n\t"
        "movq 56(%%r15), %%r10\n\t"
        "movq 64(%%r15), %%r12\n\t"
        "movq 72(%%r15), %%r13\n\t"
        "movq 80(%%r15), %%r14\n\t"
        "movq 88(%%r15), %%r15\n\t"
        "syscall\n\t"
        "xchgq %%r15, (%%rsp)\n\t" /* r15 now = out, the saved slot = syscall's r15 */
        "movq %%rbx, 0(%%r15)\n\t"
        "movq %%rdx, 8(%%r15)\n\t"
        "movq %%rsi, 16(%%r15)\n\t"
        "movq %%rdi, 24(%%r15)\n\t"
        "movq %%rbp, 32(%%r15)\n\t"
        "movq %%r8, 40(%%r15)\n\t"
        "movq %%r9, 48(%%r15)\n\t"
        "movq %%r10, 56(%%r15)\n\t"
        "movq %%r12, 64(%%r15)\n\t"
        "movq %%r13, 72(%%r15)\n\t"
        "movq %%r14, 80(%%r15)\n\t"
        "popq %%rax\n\t"
        "movq %%rax, 88(%%r15)\n\t"
        "popq %%r15\n\t"
        "popq %%r14\n\t"
        "popq %%r13\n\t"
        "popq %%r12\n\t"
        "popq %%rbx\n\t"
        "popq %%rbp\n\t"
        : "+a"(nr)
        : [in] "r"(in), [out] "r"(out)
        : "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
}

static const char *const names[] = {"rbx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r12", "r13", "r14", "r15"};

int main(void)
{
    /* Calls that are harmless with garbage arguments. */
    static const long calls[] = {
        SYS_read, SYS_write, SYS_open, SYS_close, SYS_stat, SYS_fstat, SYS_lstat, SYS_lseek, SYS_mmap,
        SYS_mprotect, SYS_munmap, SYS_brk, SYS_ioctl, SYS_readv, SYS_writev, SYS_access, SYS_sched_yield,
        SYS_dup, SYS_dup2, SYS_nanosleep, SYS_getpid, SYS_uname, SYS_fcntl, SYS_getcwd, SYS_chdir,
        SYS_readlink, SYS_getuid, SYS_getgid, SYS_geteuid, SYS_getegid, SYS_getppid, SYS_arch_prctl,
        SYS_gettid, SYS_getdents64, SYS_clock_gettime, SYS_clock_getres, SYS_openat, SYS_newfstatat,
        SYS_sysinfo, SYS_execve, SYS_pread64, SYS_madvise, SYS_getrlimit, SYS_prlimit64, SYS_getrandom,
        SYS_time, SYS_gettimeofday, SYS_times, SYS_getrusage, SYS_fchdir, SYS_poll, SYS_ppoll, SYS_select,
        SYS_pselect6, SYS_futex, SYS_mremap, SYS_statx, SYS_sched_getaffinity, SYS_prctl, SYS_setitimer,
        SYS_getitimer, SYS_wait4, SYS_setpgid, SYS_getpgid, SYS_getsid, SYS_getpgrp, SYS_rt_sigaction,
        SYS_rt_sigprocmask, SYS_rt_sigpending, SYS_sigaltstack, SYS_pipe, SYS_pipe2, SYS_mkdir, SYS_rmdir,
        SYS_unlink, SYS_rename, SYS_symlink, SYS_link, SYS_truncate, SYS_ftruncate, SYS_fsync, SYS_chmod,
        SYS_fchmod, SYS_chown, SYS_fchown, SYS_utimensat, SYS_readlinkat, SYS_faccessat, SYS_dup3, SYS_statfs,
        1000, -1,
    };
    /* Left out on purpose: calls that would end the process (exit),
     * create processes (fork, vfork, clone), wait for a signal (pause,
     * rt_sigsuspend), signal whatever pid the pattern names (kill), or
     * change state the run depends on (alarm, umask). execve is in: with
     * garbage pointers it can only fail. */
    for (unsigned c = 0; c < sizeof calls / sizeof calls[0]; c++) {
        struct regs in, out;
        uint64_t *pi = (uint64_t *)&in;
        for (unsigned i = 0; i < sizeof in / 8; i++)
            pi[i] = 0xdead000000000000ull + (uint64_t)c * 0x100 + i; /* non-canonical, distinct */
        call_with_patterns(calls[c], &in, &out);
        uint64_t *po = (uint64_t *)&out;
        int bad = -1;
        for (unsigned i = 0; i < sizeof in / 8; i++)
            if (pi[i] != po[i])
                bad = (int)i;
        char what[64];
        snprintf(what, sizeof what, "registers kept across syscall %ld", calls[c]);
        tt_check(bad < 0, what, "%s changed", bad < 0 ? "" : names[bad]);
    }
    return tt_done();
}
