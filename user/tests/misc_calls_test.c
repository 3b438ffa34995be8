/* misc_calls_test.c - the calls with nothing to do where everything is
 * in memory on one CPU, checked for Linux's answers: sync, syncfs,
 * posix_fadvise, msync, mlock*, getcpu, the sched_* policy calls,
 * personality, close_range. Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>

#include "tt.h"

int main(void)
{
    int fd = open("/tmp/misc_calls", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open a scratch file");
    sync();
    CHECK_EQ(syncfs(fd), 0, "syncfs");
    CHECK_EQ(raw_syscall(SYS_syncfs, 99, 0, 0), -EBADF, "syncfs(bad fd) is EBADF");

    CHECK_EQ(raw_syscall6(SYS_fadvise64, fd, 0, 100, POSIX_FADV_SEQUENTIAL, 0, 0), 0, "fadvise SEQUENTIAL");
    CHECK_EQ(raw_syscall6(SYS_fadvise64, fd, 0, 0, POSIX_FADV_DONTNEED, 0, 0), 0, "fadvise DONTNEED");
    CHECK_EQ(raw_syscall6(SYS_fadvise64, fd, 0, 0, 6, 0, 0), -EINVAL, "fadvise advice 6 is EINVAL");
    CHECK_EQ(raw_syscall6(SYS_fadvise64, fd, 0, -1, 0, 0, 0), -EINVAL, "fadvise len -1 is EINVAL");
    CHECK_EQ(raw_syscall6(SYS_fadvise64, 99, 0, 0, 0, 0, 0), -EBADF, "fadvise bad fd is EBADF");
    int p[2];
    CHECK_EQ(pipe(p), 0, "pipe");
    CHECK_EQ(raw_syscall6(SYS_fadvise64, p[0], 0, 0, 0, 0, 0), -ESPIPE, "fadvise on a pipe is ESPIPE");

    char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED, "mmap 3 pages");
    CHECK_EQ(msync(m, 3 * 4096, MS_SYNC), 0, "msync a mapped range");
    CHECK_EQ(msync(m, 100, MS_ASYNC), 0, "msync a partial page");
    CHECK_EQ(raw_syscall(SYS_msync, (long)m + 1, 100, MS_SYNC), -EINVAL, "msync unaligned is EINVAL");
    CHECK_EQ(raw_syscall(SYS_msync, (long)m, 100, MS_SYNC | MS_ASYNC), -EINVAL, "msync SYNC|ASYNC is EINVAL");
    CHECK_EQ(raw_syscall(SYS_msync, (long)m, 100, 8), -EINVAL, "msync flag 8 is EINVAL");
    CHECK_EQ(mlock(m + 10, 5000), 0, "mlock inside the mapping");
    CHECK_EQ(munlock(m + 10, 5000), 0, "munlock");
    munmap(m + 4096, 4096);
    CHECK_EQ(raw_syscall(SYS_msync, (long)m, 3 * 4096, MS_SYNC), -ENOMEM, "msync over a hole is ENOMEM");
    CHECK_EQ(raw_syscall(SYS_mlock, (long)m, 3 * 4096, 0), -ENOMEM, "mlock over a hole is ENOMEM");
    CHECK_EQ(mlockall(MCL_CURRENT), 0, "mlockall(MCL_CURRENT)");
    CHECK_EQ(munlockall(), 0, "munlockall");
    CHECK_EQ(raw_syscall(SYS_mlockall, 0, 0, 0), -EINVAL, "mlockall(0) is EINVAL");
    CHECK_EQ(raw_syscall(SYS_mlockall, MCL_ONFAULT, 0, 0), -EINVAL, "mlockall(MCL_ONFAULT) alone is EINVAL");

    unsigned cpu = 9, node = 9;
    CHECK_EQ(raw_syscall(SYS_getcpu, (long)&cpu, (long)&node, 0), 0, "getcpu");
    CHECK(cpu < 1024 && node < 64, "a cpu and node number");

    /* musl's wrappers for these two are ENOSYS stubs: the raw calls. */
    CHECK_EQ(raw_syscall(SYS_sched_getscheduler, 0, 0, 0), SCHED_OTHER, "sched_getscheduler: SCHED_OTHER");
    CHECK_EQ(raw_syscall(SYS_sched_getscheduler, -1, 0, 0), -EINVAL, "sched_getscheduler(-1) is EINVAL");
    struct sched_param sp = {.sched_priority = 5};
    CHECK_EQ(raw_syscall(SYS_sched_getparam, 0, (long)&sp, 0), 0, "sched_getparam");
    CHECK_EQ(sp.sched_priority, 0, "priority 0");
    CHECK_EQ(raw_syscall(SYS_sched_getparam, 0, 0, 0), -EINVAL, "sched_getparam(NULL) is EINVAL");
    sp.sched_priority = 0;
    CHECK_EQ(raw_syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, (long)&sp), 0, "SCHED_OTHER, priority 0");
    CHECK_EQ(raw_syscall(SYS_sched_setparam, 0, (long)&sp, 0), 0, "sched_setparam priority 0");
    sp.sched_priority = 1;
    CHECK_EQ(raw_syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, (long)&sp), -EINVAL,
             "SCHED_OTHER priority 1 is EINVAL");
    CHECK_EQ(raw_syscall(SYS_sched_setparam, 0, (long)&sp, 0), -EINVAL, "sched_setparam priority 1 is EINVAL");
    sp.sched_priority = 0;
    CHECK_EQ(raw_syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, (long)&sp), -EINVAL, "SCHED_FIFO priority 0 is EINVAL");
    CHECK_EQ(raw_syscall(SYS_sched_setscheduler, 0, 42, (long)&sp), -EINVAL, "policy 42 is EINVAL");
    CHECK_EQ(sched_get_priority_max(SCHED_FIFO), 99, "FIFO max 99");
    CHECK_EQ(sched_get_priority_min(SCHED_RR), 1, "RR min 1");
    CHECK_EQ(sched_get_priority_max(SCHED_OTHER), 0, "OTHER max 0");
    CHECK_EQ(sched_get_priority_min(SCHED_BATCH), 0, "BATCH min 0");
    CHECK_EQ(raw_syscall(SYS_sched_get_priority_max, 42, 0, 0), -EINVAL, "policy 42 max is EINVAL");

    CHECK_EQ(personality(0xffffffff), PER_LINUX, "personality query: PER_LINUX");
    CHECK_EQ(personality(PER_LINUX), PER_LINUX, "setting PER_LINUX returns the previous");

    int a = dup(fd), b = dup(fd), c = dup(fd);
    CHECK(a > 0 && b == a + 1 && c == b + 1, "three more descriptors");
    CHECK_EQ(raw_syscall(SYS_close_range, c, b, 0), -EINVAL, "close_range first > last is EINVAL");
    CHECK_EQ(raw_syscall(SYS_close_range, b, b, 4 /* CLOSE_RANGE_CLOEXEC */), 0, "close_range CLOEXEC");
    CHECK_EQ(fcntl(b, F_GETFD), FD_CLOEXEC, "marks close-on-exec");
    CHECK_EQ(fcntl(a, F_GETFD), 0, "and only that one");
    CHECK_EQ(raw_syscall(SYS_close_range, a, ~0u, 0), 0, "close_range a..~0");
    CHECK_EQ(fcntl(a, F_GETFD), -1, "closes a");
    CHECK_EQ(fcntl(c, F_GETFD), -1, "and c");
    CHECK_EQ(fcntl(fd, F_GETFD), 0, "but not below");
    CHECK_EQ(raw_syscall(SYS_close_range, 0, 10, 0x100), -EINVAL, "unknown flag is EINVAL");
    unlink("/tmp/misc_calls");
    return tt_done();
}
