/*
 * fs_test.c - the writable file tree: create, write, read back, append,
 * truncate, holes, rename, symlinks, directories, unlink of an
 * open file, and the errno of each misuse. Runs in a fresh directory
 * under /tmp, so the host run (differential) touches nothing else.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

#define CHECK_ERR(call, e, what)                                                                           \
    do {                                                                                                   \
        errno = 0;                                                                                         \
        long r_ = (long)(call);                                                                            \
        tt_check(r_ == -1 && errno == (e), (what), "returned %ld, errno %d (%s)", r_, errno, strerror(errno)); \
    } while (0)

/* struct statx, up to the fields checked here (the kernel writes 256 bytes). */
struct statx_buf {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, pad1;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    char rest[256 - 64];
};
#define STATX_BASIC_STATS 0x7ffU

static int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx_buf *buf)
{
    long r = raw_syscall6(332 /* SYS_statx */, dirfd, (long)path, flags, mask, (long)buf, 0);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return 0;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    while (d && readdir(d))
        n++;
    if (d)
        closedir(d);
    return n;
}

int main(void)
{
    mkdir("/tmp", 01777); /* exists on the host, not yet on Tiny OS */
    char dir[] = "/tmp/fstestXXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    CHECK_EQ(chdir(dir), 0, "chdir into it");

    int fd = open("a", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(fd >= 0, "create a file");
    CHECK_EQ(write(fd, "hello\n", 6), 6, "write 6 bytes");
    CHECK_EQ(close(fd), 0, "close");
    CHECK_EQ(file_size("a"), 6, "size is 6");
    char buf[64] = {0};
    fd = open("a", O_RDONLY);
    CHECK_EQ(read(fd, buf, sizeof buf), 6, "read it back");
    CHECK(memcmp(buf, "hello\n", 6) == 0, "same bytes");
    CHECK_ERR(write(fd, "x", 1), EBADF, "write to a read-only descriptor");
    close(fd);

    fd = open("a", O_WRONLY | O_APPEND);
    CHECK_EQ(write(fd, "world\n", 6), 6, "append");
    close(fd);
    CHECK_EQ(file_size("a"), 12, "size after append");
    CHECK_ERR(open("a", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST, "O_EXCL on an existing file");

    fd = open("holes", O_CREAT | O_RDWR, 0600);
    CHECK_EQ(lseek(fd, 5000, SEEK_SET), 5000, "seek past the end");
    CHECK_EQ(write(fd, "z", 1), 1, "write after a hole");
    CHECK_EQ(file_size("holes"), 5001, "hole counts in the size");
    CHECK_EQ(pread(fd, buf, 4, 100), 4, "pread in the hole");
    CHECK(buf[0] == 0 && buf[3] == 0, "holes read as zeros");
    CHECK_EQ(ftruncate(fd, 10), 0, "ftruncate shrinks");
    CHECK_EQ(file_size("holes"), 10, "size after ftruncate");
    CHECK_EQ(truncate("holes", 20000), 0, "truncate grows");
    CHECK_EQ(file_size("holes"), 20000, "size after truncate");
    close(fd);

    CHECK_EQ(mkdir("d", 0755), 0, "mkdir");
    CHECK_ERR(mkdir("d", 0755), EEXIST, "mkdir twice");
    CHECK_ERR(mkdir("nope/d", 0755), ENOENT, "mkdir under a missing directory");
    CHECK_ERR(mkdir("a/d", 0755), ENOTDIR, "mkdir under a file");
    CHECK_EQ(rename("a", "d/b"), 0, "rename into a directory");
    CHECK_ERR(open("a", O_RDONLY), ENOENT, "old name gone");
    CHECK_EQ(file_size("d/b"), 12, "new name has the data");
    CHECK_ERR(rmdir("d"), ENOTEMPTY, "rmdir a non-empty directory");
    CHECK_ERR(unlink("d"), EISDIR, "unlink a directory");
    CHECK_ERR(rmdir("holes"), ENOTDIR, "rmdir a file");
    CHECK_ERR(rename("d", "d/sub"), EINVAL, "rename a directory into itself");

    struct stat st;
    CHECK_EQ(symlink("d/b", "soft"), 0, "symlink");
    char target[64] = {0};
    CHECK_EQ(readlink("soft", target, sizeof target), 3, "readlink length");
    CHECK(strcmp(target, "d/b") == 0, "readlink text");
    CHECK_EQ(lstat("soft", &st), 0, "lstat the link");
    CHECK(S_ISLNK(st.st_mode), "lstat sees a link");
    CHECK_EQ(file_size("soft"), 12, "stat follows the link");
    CHECK_ERR(readlink("d/b", target, sizeof target), EINVAL, "readlink of a non-link");
    CHECK_EQ(symlink("loop2", "loop1"), 0, "symlink loop part 1");
    CHECK_EQ(symlink("loop1", "loop2"), 0, "symlink loop part 2");
    CHECK_ERR(open("loop1", O_RDONLY), ELOOP, "a symlink loop is ELOOP");

    fd = open("d/b", O_RDONLY);
    CHECK_EQ(unlink("d/b"), 0, "unlink an open file");
    CHECK_EQ(read(fd, buf, 5), 5, "an unlinked open file is still readable");
    CHECK(memcmp(buf, "hello", 5) == 0, "with its data");
    close(fd);
    CHECK_ERR(unlink("d/b"), ENOENT, "unlink twice");

    struct statx_buf sx; /* musl 1.2.3 has no statx(): call it directly */
    CHECK_EQ(statx(AT_FDCWD, "holes", 0, STATX_BASIC_STATS, &sx), 0, "statx");
    CHECK_EQ(sx.stx_size, 20000, "statx size");
    CHECK(S_ISREG(sx.stx_mode) && (sx.stx_mode & 0777) == 0600, "statx mode");
    CHECK_EQ(sx.stx_nlink, 1, "statx nlink");
    CHECK_EQ(statx(AT_FDCWD, "soft", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx), 0, "statx of a link");
    CHECK(S_ISLNK(sx.stx_mode), "statx with AT_SYMLINK_NOFOLLOW sees the link");
    CHECK_ERR(statx(AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &sx), ENOENT, "statx of a missing file");
    CHECK_EQ(count_entries("."), 7, "readdir sees . .. holes d soft loop1 loop2");
    CHECK_EQ(unlink("soft") | unlink("loop1") | unlink("loop2") | unlink("holes"), 0, "clean up files");
    CHECK_EQ(rmdir("d"), 0, "rmdir the empty directory");
    CHECK_EQ(chdir("/"), 0, "leave");
    CHECK_EQ(rmdir(dir), 0, "remove the test directory");
    CHECK_ERR(chdir(dir), ENOENT, "it is gone");
    return tt_done();
}
