/*
 * strace_demo.c - a fixed sequence of system calls for the strace boot
 * option's test (tests/tools/test_strace.py): the same static binary runs
 * under the host's strace and under tinyos-run --strace, and the decoded
 * lines are compared. Raw syscall() calls, so the C library adds nothing
 * between them.
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sys/syscall.h>

static const char passwd[] = "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n";
static const char path[] = "/tmp/strace-demo";

int main(void)
{
    char buf[4096];
    long fd = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    syscall(SYS_write, fd, passwd, sizeof passwd - 1);
    syscall(SYS_close, fd);
    fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    long n = syscall(SYS_read, fd, buf, sizeof buf);
    syscall(SYS_lseek, fd, 0, SEEK_SET);
    syscall(SYS_fcntl, fd, F_GETFD);
    syscall(SYS_close, fd);
    syscall(SYS_openat, AT_FDCWD, "/nonexistent/file", O_RDONLY);
    syscall(SYS_close, -1);
    syscall(SYS_faccessat, AT_FDCWD, path, R_OK | W_OK);
    void *p = (void *)syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    syscall(SYS_mprotect, p, 4096, PROT_READ);
    syscall(SYS_munmap, p, 8192);
    syscall(SYS_kill, 0, 0);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, 0, 8);
    syscall(SYS_write, 1, "0123456789012345678901234567890123456789\n", 41);
    syscall(SYS_write, 1, "tab\tquote\"nul\0" "7\n", 17);
    syscall(SYS_unlinkat, AT_FDCWD, path, 0);
    syscall(SYS_write, 1, (void *)8, 1); /* a bad pointer: EFAULT, shown as its address */
    return n == sizeof passwd - 1 ? 0 : 1;
}
