/* devices_test.c - the character devices in /dev behave as on Linux:
 * null, zero, full, random, urandom (contents checked only where Linux
 * defines them). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "tt.h"

int main(void)
{
    char buf[64];
    int fd = open("/dev/null", O_RDWR);
    CHECK_EQ(read(fd, buf, sizeof buf), 0, "/dev/null reads end of file");
    CHECK_EQ(write(fd, buf, sizeof buf), 64, "/dev/null swallows writes");
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    memset(buf, 1, sizeof buf);
    CHECK_EQ(read(fd, buf, sizeof buf), 64, "/dev/zero reads");
    CHECK(buf[0] == 0 && buf[63] == 0, "zeros");
    close(fd);
    fd = open("/dev/full", O_WRONLY);
    errno = 0;
    CHECK(write(fd, "x", 1) == -1 && errno == ENOSPC, "/dev/full: ENOSPC");
    close(fd);
    fd = open("/dev/urandom", O_RDONLY);
    char a[32] = {0}, b[32] = {0};
    CHECK_EQ(read(fd, a, sizeof a), 32, "/dev/urandom reads");
    CHECK_EQ(read(fd, b, sizeof b), 32, "twice");
    CHECK(memcmp(a, b, sizeof a) != 0, "different bytes each time");
    close(fd);
    struct stat st;
    CHECK_EQ(stat("/dev/urandom", &st), 0, "stat /dev/urandom");
    CHECK(S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 9, "char device 1:9");
    CHECK_EQ(stat("/dev/null", &st), 0, "stat /dev/null");
    CHECK(S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3, "char device 1:3");
    return tt_done();
}
