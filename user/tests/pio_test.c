/* pio_test.c - pwrite64, preadv, pwritev, preadv2, pwritev2 (and pread64):
 * the data lands at the offset, the file position stays (or moves, for
 * the v2 forms' offset -1), pipes answer ESPIPE. Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tt.h"

/* This musl has no preadv2/pwritev2 wrappers: the raw calls, errno set
 * as a C library would. */
static long v2(long nr, int fd, const struct iovec *iov, int n, long off)
{
    long r = raw_syscall6(nr, fd, (long)iov, n, off, 0, 0);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}
#define preadv2(fd, iov, n, off, flags) v2(SYS_preadv2, fd, iov, n, off)
#define pwritev2(fd, iov, n, off, flags) v2(SYS_pwritev2, fd, iov, n, off)

int main(void)
{
    int fd = open("/tmp/pio_test", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open a scratch file");
    CHECK_EQ(write(fd, "0123456789", 10), 10, "write 10 bytes");
    CHECK_EQ(pwrite(fd, "ab", 2, 3), 2, "pwrite 2 bytes at 3");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10, "pwrite leaves the position");
    char buf[32] = {0};
    CHECK_EQ(pread(fd, buf, sizeof buf, 0), 10, "pread the whole file");
    CHECK(memcmp(buf, "012ab56789", 10) == 0, "pwrite's bytes are at offset 3");
    CHECK_EQ(pwrite(fd, "XY", 2, 14), 2, "pwrite past the end");
    CHECK_EQ(lseek(fd, 0, SEEK_END), 16, "the file grew to 16 with a hole");
    CHECK_EQ(pwrite(fd, "x", 1, -1), -1, "pwrite at -1");
    CHECK_EQ(errno, EINVAL, "is EINVAL");

    struct iovec w[2] = {{"AB", 2}, {"CDE", 3}};
    CHECK_EQ(pwritev(fd, w, 2, 1), 5, "pwritev 5 bytes at 1");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 16, "pwritev leaves the position");
    char a[3] = {0}, b[4] = {0};
    struct iovec r[2] = {{a, 2}, {b, 3}};
    CHECK_EQ(preadv(fd, r, 2, 0), 5, "preadv 5 bytes at 0");
    CHECK(memcmp(a, "0A", 2) == 0 && memcmp(b, "BCD", 3) == 0, "preadv scatters in order");
    CHECK_EQ(preadv(fd, r, 2, 14), 2, "preadv near the end is short");
    CHECK_EQ(preadv(fd, r, 2, 100), 0, "preadv past the end reads 0");

    lseek(fd, 2, SEEK_SET);
    CHECK_EQ(preadv2(fd, r, 2, 0, 0), 5, "preadv2 at offset 0");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2, "preadv2 with an offset leaves the position");
    CHECK_EQ(preadv2(fd, r, 2, -1, 0), 5, "preadv2 at -1 reads at the position");
    CHECK(memcmp(a, "BC", 2) == 0 && memcmp(b, "DE6", 3) == 0, "from the position");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7, "and moves it");
    struct iovec w2[1] = {{"zz", 2}};
    CHECK_EQ(pwritev2(fd, w2, 1, -1, 0), 2, "pwritev2 at -1");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9, "moves the position");
    CHECK_EQ(pwritev2(fd, w2, 1, 0, 0), 2, "pwritev2 at 0");
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9, "leaves the position");
    CHECK_EQ(pread(fd, buf, 10, 0), 10, "read back");
    CHECK(memcmp(buf, "zzBCDE6zz9", 10) == 0, "all writes landed");
    CHECK_EQ(preadv2(fd, r, 2, -2, 0), -1, "preadv2 at -2");
    CHECK_EQ(errno, EINVAL, "is EINVAL");

    int p[2];
    CHECK_EQ(pipe(p), 0, "pipe");
    CHECK_EQ(pwrite(p[1], "x", 1, 0), -1, "pwrite on a pipe");
    CHECK_EQ(errno, ESPIPE, "is ESPIPE");
    CHECK_EQ(pwritev(p[1], w, 2, 0), -1, "pwritev on a pipe");
    CHECK_EQ(errno, ESPIPE, "is ESPIPE");
    CHECK_EQ(pwritev2(p[1], w, 2, -1, 0), 5, "pwritev2 at -1 on a pipe writes");
    CHECK_EQ(preadv(p[0], r, 2, 0), -1, "preadv on a pipe");
    CHECK_EQ(errno, ESPIPE, "is ESPIPE");
    CHECK_EQ(preadv2(p[0], r, 2, -1, 0), 5, "preadv2 at -1 on a pipe reads");
    CHECK_EQ(pwrite(99, "x", 1, 0), -1, "pwrite on a closed fd");
    CHECK_EQ(errno, EBADF, "is EBADF");
    int ro = open("/tmp/pio_test", O_RDONLY);
    CHECK_EQ(pwrite(ro, "x", 1, 0), -1, "pwrite on a read-only fd");
    CHECK_EQ(errno, EBADF, "is EBADF");
    close(ro);
    close(fd);
    unlink("/tmp/pio_test");
    return tt_done();
}
