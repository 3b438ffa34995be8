/* syscall_enosys.c - numbers outside the table give -ENOSYS; only the
 * low 32 bits of RAX select the call (Linux x86_64 entry behaviour). */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

int main(void)
{
    CHECK_EQ(raw_syscall(-1, 0, 0, 0), -ENOSYS, "rax = -1");
    CHECK_EQ(raw_syscall(1000, 0, 0, 0), -ENOSYS, "rax = 1000");
    CHECK_EQ(raw_syscall(0x40000027, 0, 0, 0), -ENOSYS, "rax = 0x40000027 (x32 getpid)");
    CHECK_EQ(raw_syscall(0xffffffffL, 0, 0, 0), -ENOSYS, "rax = 0xffffffff");
    CHECK_EQ(raw_syscall(0x7fffffffL, 0, 0, 0), -ENOSYS, "rax = 0x7fffffff");
    long pid = raw_syscall(SYS_getpid, 0, 0, 0);
    CHECK_EQ(raw_syscall(0x100000027L, 0, 0, 0), pid, "rax = 0x1_0000_0027 is getpid");
    CHECK_EQ(raw_syscall(0xffffffff00000027L, 0, 0, 0), pid, "rax = 0xffffffff_00000027 is getpid");
    return tt_done();
}
