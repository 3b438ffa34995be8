/*
 * syscall_int_args.c - where Linux declares a system-call argument int
 * (descriptors, pids, signals, flags), only the low 32 bits of the
 * register count: glibc and Go may leave garbage above them. Each call
 * here passes junk in the upper half and must behave as the int says.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

#define JUNK 0x5a5a5a5a00000000L

int main(void)
{
    CHECK_EQ(raw_syscall(SYS_write, JUNK | 1, "w\n", 2), 2, "write: fd 1 with junk above it");
    CHECK_EQ(raw_syscall(SYS_close, JUNK | 999, 0, 0), -EBADF, "close: fd 999 with junk is EBADF");
    long pid = raw_syscall(SYS_getpid, 0, 0, 0);
    CHECK_EQ(raw_syscall(SYS_kill, JUNK | pid, JUNK | 0, 0), 0, "kill(self, 0) with junk");
    pid_t c = fork();
    if (c == 0)
        _exit(9);
    int st = 0;
    /* wait4(-1) as glibc passes it: 0x00000000ffffffff. */
    CHECK_EQ(raw_syscall6(SYS_wait4, 0xffffffffL, (long)&st, 0, 0, 0, 0), c, "wait4(pid = 0xffffffff) is wait4(-1)");
    CHECK_EQ(WEXITSTATUS(st), 9, "and reaps the child");
    long fd = raw_syscall6(SYS_openat, JUNK | (unsigned)AT_FDCWD, (long)"/dev/null", 0, 0, 0, 0);
    CHECK(fd >= 0, "openat with AT_FDCWD in the low half");
    CHECK_EQ(raw_syscall(SYS_lseek, JUNK | fd, 0, JUNK | SEEK_SET), 0, "lseek with junk in fd and whence");
    return tt_done();
}
