/* utimes_test.c - utime(2) and utimes(2) as raw system calls (C libraries
 * route their wrappers through utimensat), and utimensat's checks. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <utime.h>

#include "tt.h"

static long mtime_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_mtime : -1;
}

int main(void)
{
    const char *f = "/tmp/utimes-test";
    close(open(f, O_CREAT | O_WRONLY | O_TRUNC, 0644));

    struct timeval tv[2] = {{1000000000, 0}, {1234567890, 500000}};
    CHECK_EQ(syscall(SYS_utimes, f, tv), 0, "utimes sets the times");
    CHECK_EQ(mtime_of(f), 1234567890, "the modification time is the second one");
    struct utimbuf ub = {.actime = 5, .modtime = 1500000000};
    CHECK_EQ(syscall(SYS_utime, f, &ub), 0, "utime sets the times");
    CHECK_EQ(mtime_of(f), 1500000000, "utime's modtime");
    time_t before = time(NULL);
    CHECK_EQ(syscall(SYS_utime, f, NULL), 0, "utime with NULL");
    CHECK(mtime_of(f) >= before, "means now");
    tv[1].tv_usec = 1000000;
    errno = 0;
    CHECK(syscall(SYS_utimes, f, tv) == -1 && errno == EINVAL, "utimes with 1000000 usec: EINVAL");
    errno = 0;
    CHECK(syscall(SYS_utime, "/tmp/no-such-file", &ub) == -1 && errno == ENOENT, "utime of a missing file: ENOENT");
    errno = 0;
    CHECK(syscall(SYS_utimes, f, (void *)8) == -1 && errno == EFAULT, "a bad pointer: EFAULT");
    struct timespec ts[2] = {{0, 2000000000}, {0, UTIME_OMIT}};
    errno = 0;
    CHECK(utimensat(AT_FDCWD, f, ts, 0) == -1 && errno == EINVAL, "utimensat: a bad atime nanosecond count is EINVAL");
    errno = 0;
    CHECK(utimensat(AT_FDCWD, f, NULL, 0x8000) == -1 && errno == EINVAL, "utimensat: an unknown flag is EINVAL");
    unlink(f);
    return tt_failures;
}
