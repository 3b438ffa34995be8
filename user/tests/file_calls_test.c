/* file_calls_test.c - the older and smaller file calls LTP exercises:
 * creat, getdents (struct linux_dirent), faccessat2, futimesat,
 * fallocate, readahead, sync_file_range, mincore. Their results and
 * Linux's errors. Differential: the host gives the same answers. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "tt.h"

#define DIR_PATH "/tmp/file_calls"

struct old_dirent {
    unsigned long d_ino, d_off;
    unsigned short d_reclen;
    char d_name[];
};

/* Lists DIR_PATH with getdents(2): the names seen (a bit each) and the
 * d_type of "f" (the byte at the end of its record). */
static int list_old(int *seen, int *ftype)
{
    int fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
    char buf[64]; /* small: several calls, records never split */
    *seen = 0;
    long n;
    while ((n = raw_syscall(SYS_getdents, fd, (long)buf, sizeof buf)) > 0) {
        for (long at = 0; at < n;) {
            struct old_dirent *d = (struct old_dirent *)(buf + at);
            if (!strcmp(d->d_name, "."))
                *seen |= 1;
            else if (!strcmp(d->d_name, ".."))
                *seen |= 2;
            else if (!strcmp(d->d_name, "f"))
                *seen |= 4, *ftype = buf[at + d->d_reclen - 1];
            else if (!strcmp(d->d_name, "a-much-longer-name-than-the-rest"))
                *seen |= 8;
            else
                *seen |= 16;
            at += d->d_reclen;
        }
    }
    close(fd);
    return (int)n;
}

int main(void)
{
    raw_syscall(SYS_unlink, (long)DIR_PATH "/f", 0, 0);
    raw_syscall(SYS_unlink, (long)DIR_PATH "/a-much-longer-name-than-the-rest", 0, 0);
    rmdir(DIR_PATH);
    CHECK_EQ(mkdir(DIR_PATH, 0755), 0, "mkdir");

    /* creat: O_CREAT | O_WRONLY | O_TRUNC. */
    int fd = (int)raw_syscall(SYS_creat, (long)DIR_PATH "/f", 0644, 0);
    CHECK(fd >= 0, "creat makes a file");
    CHECK_EQ(write(fd, "hello", 5), 5, "it is open for writing");
    char c;
    CHECK_EQ(raw_syscall(SYS_read, fd, (long)&c, 1), -EBADF, "and not for reading");
    close(fd);
    fd = (int)raw_syscall(SYS_creat, (long)DIR_PATH "/f", 0644, 0);
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(st.st_size, 0, "creat on an existing file truncates it");
    close(fd);
    CHECK_EQ(raw_syscall(SYS_creat, (long)DIR_PATH "/no/such", 0644, 0), -ENOENT, "creat in a missing dir: ENOENT");
    CHECK_EQ(raw_syscall(SYS_creat, (long)DIR_PATH, 0644, 0), -EISDIR, "creat on a directory: EISDIR");
    CHECK_EQ(raw_syscall(SYS_creat, 1, 0644, 0), -EFAULT, "creat with a bad pointer: EFAULT");
    close(open(DIR_PATH "/a-much-longer-name-than-the-rest", O_CREAT | O_WRONLY, 0644));

    /* getdents: every name once, d_type at the end of the record. */
    int seen = 0, ftype = -1;
    CHECK_EQ(list_old(&seen, &ftype), 0, "getdents lists to the end");
    CHECK_EQ(seen, 15, "getdents: ., .., f and the long name");
    CHECK_EQ(ftype, DT_REG, "getdents: d_type of a file is DT_REG");
    char small[8];
    fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
    CHECK_EQ(raw_syscall(SYS_getdents, fd, (long)small, sizeof small), -EINVAL, "getdents: buffer too small is EINVAL");
    CHECK_EQ(raw_syscall(SYS_getdents, fd, 1, 4096), -EFAULT, "getdents: bad buffer is EFAULT");
    close(fd);
    fd = open(DIR_PATH "/f", O_RDONLY);
    CHECK_EQ(raw_syscall(SYS_getdents, fd, (long)small, sizeof small), -ENOTDIR, "getdents on a file: ENOTDIR");
    close(fd);
    CHECK_EQ(raw_syscall(SYS_getdents, 99, (long)small, sizeof small), -EBADF, "getdents on a bad fd: EBADF");

    /* faccessat2: flags work (faccessat's raw call has none). */
    symlink("no-such-target", DIR_PATH "/dangling");
    CHECK_EQ(raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)DIR_PATH "/f", R_OK | W_OK, 0, 0, 0), 0, "faccessat2 R_OK|W_OK");
    CHECK_EQ(raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)DIR_PATH "/dangling", F_OK, 0, 0, 0), -ENOENT,
             "faccessat2 follows a dangling link: ENOENT");
    CHECK_EQ(raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)DIR_PATH "/dangling", F_OK, AT_SYMLINK_NOFOLLOW, 0, 0), 0,
             "faccessat2 AT_SYMLINK_NOFOLLOW sees the link");
    CHECK_EQ(raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)DIR_PATH "/f", F_OK, AT_EACCESS, 0, 0), 0,
             "faccessat2 AT_EACCESS");
    fd = open(DIR_PATH "/f", O_RDONLY);
    CHECK_EQ(raw_syscall6(SYS_faccessat2, fd, (long)"", R_OK, AT_EMPTY_PATH, 0, 0), 0, "faccessat2 AT_EMPTY_PATH");
    CHECK_EQ(raw_syscall6(SYS_faccessat2, fd, (long)"", R_OK, 0, 0, 0), -ENOENT, "faccessat2 empty path: ENOENT");
    close(fd);
    CHECK_EQ(raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)DIR_PATH "/f", F_OK, 0x8000, 0, 0), -EINVAL,
             "faccessat2 unknown flag: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_faccessat2, AT_FDCWD, (long)DIR_PATH "/f", 8, 0, 0, 0), -EINVAL,
             "faccessat2 bad mode: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_faccessat, AT_FDCWD, (long)DIR_PATH "/dangling", F_OK, AT_SYMLINK_NOFOLLOW, 0, 0),
             -ENOENT, "faccessat ignores its flags argument");
    unlink(DIR_PATH "/dangling");

    /* futimesat: utimes relative to a directory. */
    int dfd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
    struct timeval tv[2] = {{1000000000, 5}, {1200000000, 7}};
    CHECK_EQ(raw_syscall(SYS_futimesat, dfd, (long)"f", (long)tv), 0, "futimesat");
    stat(DIR_PATH "/f", &st);
    CHECK_EQ(st.st_atime, 1000000000, "futimesat set the access time");
    CHECK_EQ(st.st_mtime, 1200000000, "futimesat set the modification time");
    CHECK_EQ(st.st_mtim.tv_nsec, 7000, "in microseconds");
    tv[0].tv_usec = 1000000;
    CHECK_EQ(raw_syscall(SYS_futimesat, dfd, (long)"f", (long)tv), -EINVAL, "futimesat usec 1000000: EINVAL");
    tv[0].tv_usec = 5;
    CHECK_EQ(raw_syscall(SYS_futimesat, 99, (long)"f", (long)tv), -EBADF, "futimesat bad dirfd: EBADF");
    close(dfd);

    /* fallocate: reserve, extend, keep size, punch. */
    fd = open(DIR_PATH "/f", O_RDWR | O_TRUNC);
    CHECK_EQ(pwrite(fd, "abcdefgh", 8, 0), 8, "write 8 bytes");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, 0, 0, 10000, 0, 0), 0, "fallocate 10000 bytes");
    fstat(fd, &st);
    CHECK_EQ(st.st_size, 10000, "mode 0 extends the size");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE, 0, 50000, 0, 0), 0, "fallocate KEEP_SIZE");
    fstat(fd, &st);
    CHECK_EQ(st.st_size, 10000, "KEEP_SIZE keeps it");
    char buf[8] = {0};
    CHECK_EQ(pread(fd, buf, 8, 0), 8, "read back");
    CHECK(!memcmp(buf, "abcdefgh", 8), "fallocate keeps the data");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 2, 3, 0, 0), 0, "punch 3 bytes");
    pread(fd, buf, 8, 0);
    CHECK(!memcmp(buf, "ab\0\0\0fgh", 8), "the hole reads as zeros");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, FALLOC_FL_PUNCH_HOLE, 0, 1, 0, 0), -EOPNOTSUPP, "punch without KEEP_SIZE: EOPNOTSUPP");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, 0, -1, 10, 0, 0), -EINVAL, "negative offset: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, 0, 0, 0, 0, 0), -EINVAL, "zero length: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_fallocate, 99, 0, 0, 10, 0, 0), -EBADF, "bad fd: EBADF");
    CHECK_EQ(raw_syscall6(SYS_fallocate, fd, 0, 0x7ffffffffffff000L, 0x2000, 0, 0), -EFBIG, "past the largest file: EFBIG");
    int ro = open(DIR_PATH "/f", O_RDONLY);
    CHECK_EQ(raw_syscall6(SYS_fallocate, ro, 0, 0, 10, 0, 0), -EBADF, "read-only descriptor: EBADF");
    int p[2];
    pipe(p);
    CHECK_EQ(raw_syscall6(SYS_fallocate, p[1], 0, 0, 10, 0, 0), -ESPIPE, "on a pipe: ESPIPE");

    /* readahead and sync_file_range: hints, with Linux's errors. */
    CHECK_EQ(raw_syscall(SYS_readahead, ro, 0, 4096), 0, "readahead");
    CHECK_EQ(raw_syscall(SYS_readahead, 99, 0, 4096), -EBADF, "readahead bad fd: EBADF");
    CHECK_EQ(raw_syscall(SYS_readahead, p[0], 0, 4096), -EINVAL, "readahead on a pipe: EINVAL");
    int wo = open(DIR_PATH "/f", O_WRONLY);
    CHECK_EQ(raw_syscall(SYS_readahead, wo, 0, 4096), -EBADF, "readahead write-only: EBADF");
    CHECK_EQ(raw_syscall6(SYS_sync_file_range, fd, 0, 100, 7, 0, 0), 0, "sync_file_range");
    CHECK_EQ(raw_syscall6(SYS_sync_file_range, fd, 0, 100, 8, 0, 0), -EINVAL, "sync_file_range bad flag: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_sync_file_range, fd, -1, 100, 0, 0, 0), -EINVAL, "sync_file_range offset -1: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_sync_file_range, 99, 0, 100, 0, 0, 0), -EBADF, "sync_file_range bad fd: EBADF");
    CHECK_EQ(raw_syscall6(SYS_sync_file_range, p[0], 0, 100, 0, 0, 0), -ESPIPE, "sync_file_range on a pipe: ESPIPE");
    close(ro), close(wo), close(fd), close(p[0]), close(p[1]);

    /* mincore: a byte a page, bit 0 when the page is in memory. */
    char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 1, m[2 * 4096] = 1;
    unsigned char vec[4] = {9, 9, 9, 9};
    CHECK_EQ(mincore(m, 4 * 4096, vec), 0, "mincore");
    CHECK(vec[0] == 1 && vec[1] == 0 && vec[2] == 1 && vec[3] == 0, "touched pages are in, untouched are not");
    CHECK_EQ(mincore(m, 4097, vec), 0, "mincore of a partial page");
    CHECK_EQ(raw_syscall(SYS_mincore, (long)m + 1, 4096, (long)vec), -EINVAL, "unaligned: EINVAL");
    CHECK_EQ(raw_syscall(SYS_mincore, (long)m, 4096, 1), -EFAULT, "bad vector: EFAULT");
    munmap(m + 4096, 4096);
    CHECK_EQ(raw_syscall(SYS_mincore, (long)m, 4 * 4096, (long)vec), -ENOMEM, "over a hole: ENOMEM");

    unlink(DIR_PATH "/f");
    unlink(DIR_PATH "/a-much-longer-name-than-the-rest");
    rmdir(DIR_PATH);
    return tt_done();
}
