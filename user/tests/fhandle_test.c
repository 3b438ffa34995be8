/* fhandle_test.c - name_to_handle_at(2) and open_by_handle_at(2) on
 * tmpfs: the handle's size (EOVERFLOW telling the size needed), the
 * mount ID (the one /proc/self/mountinfo shows), AT_EMPTY_PATH and
 * AT_SYMLINK_FOLLOW, opening by handle from any descriptor of the file
 * system, ESTALE once the file is gone or on another file system, EPERM
 * without CAP_DAC_READ_SEARCH, EOPNOTSUPP on /proc. Differential (the
 * handle's bytes themselves are not printed). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

struct fh {
    unsigned handle_bytes;
    int handle_type;
    unsigned char f_handle[128];
};

static long n2h(int dfd, const char *path, struct fh *h, int *mnt, int flags)
{
    return syscall(SYS_name_to_handle_at, dfd, path, h, mnt, flags);
}

static int err_of(long r)
{
    if (r >= 0) {
        if (r > 2)
            close((int)r);
        return 0;
    }
    return errno;
}

/* The mount ID of the mount at path in /proc/self/mountinfo, or -1. */
static int mountinfo_id(const char *mnt_point)
{
    FILE *f = fopen("/proc/self/mountinfo", "r");
    char line[512];
    int id = -1;
    while (f && fgets(line, sizeof line, f)) {
        int a, b;
        char mp[256];
        if (sscanf(line, "%d %d %*s %*s %255s", &a, &b, mp) == 3 && !strcmp(mp, mnt_point))
            id = a; /* the last one mounted there wins */
    }
    if (f)
        fclose(f);
    return id;
}

int main(void)
{
    mkdir("/tmp/fh", 0755);
    if (mount("tmpfs", "/tmp/fh", "tmpfs", 0, NULL) != 0)
        printf("mount failed\n");
    int fd = open("/tmp/fh/file", O_RDWR | O_CREAT, 0600);
    write(fd, "hello", 5);
    symlink("file", "/tmp/fh/link");
    mkdir("/tmp/fh/dir", 0755);

    struct fh h;
    int mnt = -1;
    h.handle_bytes = 0;
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/tmp/fh/file", &h, &mnt, 0)), EOVERFLOW, "a zero-size handle: EOVERFLOW");
    CHECK(h.handle_bytes > 0 && h.handle_bytes <= 128, "and the size needed is told");
    CHECK_EQ(mnt, mountinfo_id("/tmp/fh"), "and the mount ID");
    unsigned need = h.handle_bytes;
    h.handle_bytes = need - 1;
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/tmp/fh/file", &h, &mnt, 0)), EOVERFLOW, "one byte short: EOVERFLOW");
    h.handle_bytes = 129;
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/tmp/fh/file", &h, &mnt, 0)), EINVAL, "more than MAX_HANDLE_SZ: EINVAL");
    h.handle_bytes = 128;
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/tmp/fh/file", &h, &mnt, 0x4000)), EINVAL, "an unknown flag: EINVAL");
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/tmp/fh/file", (struct fh *)8, &mnt, 0)), EFAULT, "a bad handle: EFAULT");
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/tmp/fh/file", &h, (int *)8, 0)), EFAULT, "a bad mount ID: EFAULT");
    CHECK_EQ(err_of(n2h(AT_FDCWD, "", &h, &mnt, 0)), ENOENT, "an empty path: ENOENT");
    CHECK_EQ(err_of(n2h(-1, "file", &h, &mnt, 0)), EBADF, "a bad dirfd: EBADF");
    CHECK_EQ(err_of(n2h(fd, "file", &h, &mnt, 0)), ENOTDIR, "a file as dirfd: ENOTDIR");
    CHECK_EQ(err_of(n2h(AT_FDCWD, "/proc/version", &h, &mnt, 0)), EOPNOTSUPP, "/proc: EOPNOTSUPP");

    h.handle_bytes = 128;
    CHECK_EQ(n2h(AT_FDCWD, "/tmp/fh/file", &h, &mnt, 0), 0, "a handle for the file");
    CHECK_EQ(h.handle_bytes, need, "of the size told");
    struct fh file_h = h;
    h.handle_bytes = 128;
    CHECK_EQ(n2h(fd, "", &h, &mnt, AT_EMPTY_PATH), 0, "AT_EMPTY_PATH: the descriptor's file");
    CHECK(h.handle_bytes == file_h.handle_bytes && !memcmp(h.f_handle, file_h.f_handle, need), "the same handle");
    h.handle_bytes = 128;
    CHECK_EQ(n2h(AT_FDCWD, "/tmp/fh/link", &h, &mnt, AT_SYMLINK_FOLLOW), 0, "AT_SYMLINK_FOLLOW");
    CHECK(!memcmp(h.f_handle, file_h.f_handle, need), "names the target");
    struct fh link_h;
    link_h.handle_bytes = 128;
    CHECK_EQ(n2h(AT_FDCWD, "/tmp/fh/link", &link_h, &mnt, 0), 0, "without it, the link's own handle");
    CHECK(memcmp(link_h.f_handle, file_h.f_handle, need) != 0, "which differs");

    int dfd = open("/tmp/fh/dir", O_DIRECTORY);
    long o = syscall(SYS_open_by_handle_at, dfd, &file_h, O_RDONLY);
    CHECK(o >= 0, "open_by_handle_at from a directory of the file system");
    char buf[8] = "";
    read((int)o, buf, sizeof buf);
    CHECK(!strcmp(buf, "hello"), "opens the file");
    struct stat a, b;
    fstat((int)o, &a);
    fstat(fd, &b);
    CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev, "the same inode");
    close((int)o);
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, fd, &file_h, O_RDWR | O_CLOEXEC)), 0, "from the file itself");
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, dfd, &link_h, O_RDONLY)), ELOOP, "a symlink's handle: ELOOP");
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, dfd, &link_h, O_PATH)), 0, "but O_PATH opens it");
    int procfd = open("/proc", O_DIRECTORY);
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, procfd, &file_h, O_RDONLY)), ESTALE, "on /proc: ESTALE");
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, -1, &file_h, O_RDONLY)), EBADF, "a bad mount fd: EBADF");
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, dfd, (void *)8, O_RDONLY)), EFAULT, "a bad handle: EFAULT");
    struct fh zero = {0, 0, {0}};
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, dfd, &zero, O_RDONLY)), EINVAL, "handle_bytes 0: EINVAL");
    zero.handle_bytes = 129;
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, dfd, &zero, O_RDONLY)), EINVAL, "handle_bytes 129: EINVAL");

    /* Gone: the handle is stale. */
    close(fd);
    unlink("/tmp/fh/file");
    CHECK_EQ(err_of(syscall(SYS_open_by_handle_at, dfd, &file_h, O_RDONLY)), ESTALE, "an unlinked file: ESTALE");

    /* Without CAP_DAC_READ_SEARCH (a non-root user): EPERM. */
    pid_t c = fork();
    if (c == 0) {
        setuid(65534);
        _exit(err_of(syscall(SYS_open_by_handle_at, dfd, &link_h, O_PATH)) == EPERM ? 0 : 1);
    }
    CHECK(exited_with(child_status(c), 0), "a non-root user: EPERM");

    close(dfd);
    close(procfd);
    unlink("/tmp/fh/link");
    rmdir("/tmp/fh/dir");
    umount("/tmp/fh");
    rmdir("/tmp/fh");
    return tt_done();
}
