/* syscall_efault.c - bad user pointers get -EFAULT and move no data:
 * kernel addresses, non-canonical ones, NULL, unmapped user memory and a
 * buffer running past the end of user space. */
#include <errno.h>
#include <sys/auxv.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

static const struct {
    const char *what;
    unsigned long addr;
    unsigned long len;
} bad[] = {
    {"kernel text address", 0xffffffff80100000ul, 16},
    {"kernel direct-map address", 0xffff800000001000ul, 16},
    {"non-canonical address", 0x0000800000000000ul, 16},
    {"non-canonical high address", 0x8000000000000000ul, 16},
    {"NULL", 0, 16},
    {"straddling the end of user space", 0x00007ffffffffff8ul, 16},
    {"just past user space", 0x00007ffffffff000ul, 1},
    {"length wrapping around", 0x1000, (unsigned long)-0x800},
};

int main(void)
{
    char what[128];
    /* An unmapped user page: map one, then unmap it. */
    long page = raw_syscall6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(page > 0, "mmap a page");
    CHECK_EQ(raw_syscall(SYS_munmap, page, 4096, 0), 0, "munmap it again");

    int fd = open((const char *)getauxval(AT_EXECFN), O_RDONLY); /* any readable file: this program */
    CHECK(fd >= 0, "open a readable file");
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(what, sizeof what, "write from %s", bad[i].what);
        CHECK_EQ(raw_syscall(SYS_write, 1, bad[i].addr, bad[i].len), -EFAULT, what);
        snprintf(what, sizeof what, "read into %s", bad[i].what);
        CHECK_EQ(raw_syscall(SYS_read, fd, bad[i].addr, bad[i].len), -EFAULT, what);
    }
    CHECK_EQ(raw_syscall(SYS_write, 1, page, 16), -EFAULT, "write from an unmapped user page");
    CHECK_EQ(raw_syscall(SYS_read, fd, page, 16), -EFAULT, "read into an unmapped user page");
    CHECK_EQ(raw_syscall(SYS_open, 0xffffffff80100000ul, O_RDONLY, 0), -EFAULT, "open with a kernel path pointer");
    CHECK_EQ(raw_syscall(SYS_uname, 0xffff800000000000ul, 0, 0), -EFAULT, "uname into the kernel");
    CHECK_EQ(raw_syscall(SYS_clock_gettime, 1, 0x0000800000000000ul, 0), -EFAULT, "clock_gettime to non-canonical");
    CHECK_EQ(raw_syscall(SYS_fstat, fd, 8, 0), -EFAULT, "fstat into page 0");
    return tt_done();
}
