/* openat2_test.c - openat2(2): struct open_how's size rules (too small
 * EINVAL, a longer one with a nonzero tail E2BIG, zeros accepted), its
 * stricter flag checks, and the RESOLVE_* restrictions on the path walk:
 * NO_XDEV, NO_MAGICLINKS, NO_SYMLINKS, BENEATH, IN_ROOT, CACHED.
 * Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

struct how {
    unsigned long long flags, mode, resolve;
};
struct how_pad {
    struct how how;
    unsigned long long pad;
};

#define NO_XDEV 0x01
#define NO_MAGICLINKS 0x02
#define NO_SYMLINKS 0x04
#define BENEATH 0x08
#define IN_ROOT 0x10
#define CACHED 0x20

static long o2(int dfd, const char *path, unsigned long long flags, unsigned long long mode,
               unsigned long long resolve)
{
    struct how h = {flags, mode, resolve};
    return syscall(SYS_openat2, dfd, path, &h, sizeof h);
}

/* The errno of an openat2 that should fail, or 0 when it opened. */
static int err_of(long fd)
{
    if (fd >= 0) {
        close((int)fd);
        return 0;
    }
    return errno;
}

int main(void)
{
    mkdir("/tmp/o2", 0755);
    mkdir("/tmp/o2/d", 0755);
    int dfd = open("/tmp/o2/d", O_DIRECTORY);
    CHECK(dfd >= 0, "open the scope directory");
    close(open("/tmp/o2/d/file", O_CREAT | O_WRONLY, 0644));
    close(open("/tmp/o2/outside", O_CREAT | O_WRONLY, 0644));
    symlink("file", "/tmp/o2/d/rel");
    symlink("/file", "/tmp/o2/d/abs");
    symlink("../outside", "/tmp/o2/d/up");
    symlink("/proc/version", "/tmp/o2/d/proc");

    /* Sizes. */
    struct how_pad p = {{O_RDONLY, 0, 0}, 0};
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", &p, sizeof p.how)), 0, "the version-0 size opens");
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", &p, sizeof p)), 0, "a longer struct of zeros opens");
    p.pad = 1;
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", &p, sizeof p)), E2BIG, "a nonzero tail: E2BIG");
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", &p, sizeof p.how - 1)), EINVAL, "too small: EINVAL");
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", &p, 0)), EINVAL, "size 0: EINVAL");
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", &p, 8192)), E2BIG, "more than a page: E2BIG");
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, "file", (void *)8, sizeof p.how)), EFAULT, "bad how: EFAULT");
    p.how.mode = 0644;
    CHECK_EQ(err_of(syscall(SYS_openat2, dfd, (char *)8, &p.how, sizeof p.how)), EINVAL,
             "how is checked before the path");
    CHECK_EQ(err_of(o2(dfd, NULL, O_RDONLY, 0, 0)), EFAULT, "a NULL path: EFAULT");
    CHECK_EQ(err_of(o2(-1, "file", O_RDONLY, 0, 0)), EBADF, "a bad dirfd: EBADF");

    /* Flags and mode. */
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY | 0x80000000ull, 0, 0)), EINVAL, "an unknown flag: EINVAL");
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY, 0644, 0)), EINVAL, "a mode without O_CREAT: EINVAL");
    CHECK_EQ(err_of(o2(dfd, "new", O_RDWR | O_CREAT, 010000, 0)), EINVAL, "a mode beyond 07777: EINVAL");
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY, 0, 0x40)), EINVAL, "an unknown resolve bit: EINVAL");
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY, 0, BENEATH | IN_ROOT)), EINVAL, "BENEATH with IN_ROOT: EINVAL");
    CHECK_EQ(err_of(o2(dfd, "nd", O_RDWR | O_CREAT | O_DIRECTORY, 0644, 0)), EINVAL, "O_CREAT|O_DIRECTORY: EINVAL");
    CHECK_EQ(err_of(o2(dfd, "file", O_PATH | O_RDWR, 0, 0)), EINVAL, "O_PATH with O_RDWR: EINVAL");
    long fd = o2(dfd, "made", O_RDWR | O_CREAT | O_CLOEXEC, 0600, 0);
    CHECK(fd >= 0, "O_CREAT makes a file");
    struct stat st;
    fstat((int)fd, &st);
    CHECK_EQ(st.st_mode & 07777, 0600, "with the mode asked");
    CHECK_EQ(fcntl((int)fd, F_GETFD), FD_CLOEXEC, "O_CLOEXEC sets close-on-exec");
    close((int)fd);

    /* RESOLVE_NO_SYMLINKS and NO_MAGICLINKS. */
    CHECK_EQ(err_of(o2(dfd, "rel", O_RDONLY, 0, 0)), 0, "a symlink is followed");
    CHECK_EQ(err_of(o2(dfd, "rel", O_RDONLY, 0, NO_SYMLINKS)), ELOOP, "NO_SYMLINKS: ELOOP");
    CHECK_EQ(err_of(o2(dfd, "rel", O_RDONLY | O_CREAT, 0600, NO_SYMLINKS)), ELOOP, "NO_SYMLINKS, O_CREAT: ELOOP");
    CHECK_EQ(err_of(o2(dfd, "rel", O_RDONLY, 0, NO_MAGICLINKS)), 0, "NO_MAGICLINKS follows a symlink");
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0, 0)), 0, "a magic link opens");
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0, NO_MAGICLINKS)), ELOOP, "NO_MAGICLINKS: ELOOP");
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY | O_CREAT, 0600, NO_MAGICLINKS)), ELOOP,
             "NO_MAGICLINKS, O_CREAT: ELOOP");
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/self/fd", O_RDONLY, 0, NO_MAGICLINKS)), 0,
             "/proc/self itself is a plain symlink");
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0, NO_SYMLINKS)), ELOOP, "NO_SYMLINKS: /proc/self");

    /* RESOLVE_NO_XDEV. */
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/version", O_RDONLY, 0, NO_XDEV)), EXDEV, "NO_XDEV into /proc: EXDEV");
    CHECK_EQ(err_of(o2(dfd, "proc", O_RDONLY, 0, NO_XDEV)), EXDEV, "NO_XDEV through a symlink: EXDEV");
    int procfd = open("/proc", O_DIRECTORY);
    CHECK_EQ(err_of(o2(procfd, "version", O_RDONLY, 0, NO_XDEV)), 0, "NO_XDEV within /proc");
    CHECK_EQ(err_of(o2(procfd, "..", O_RDONLY, 0, NO_XDEV)), EXDEV, "NO_XDEV out of /proc: EXDEV");
    CHECK_EQ(err_of(o2(procfd, "self/exe", O_RDONLY, 0, NO_XDEV)), EXDEV, "NO_XDEV: a magic link elsewhere");
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY, 0, NO_XDEV)), 0, "NO_XDEV on one file system");
    close(procfd);

    /* RESOLVE_BENEATH. */
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY, 0, BENEATH)), 0, "BENEATH: a name below");
    CHECK_EQ(err_of(o2(dfd, "rel", O_RDONLY, 0, BENEATH)), 0, "BENEATH: a relative link below");
    CHECK_EQ(err_of(o2(dfd, "../outside", O_RDONLY, 0, BENEATH)), EXDEV, "BENEATH: .. above: EXDEV");
    CHECK_EQ(err_of(o2(dfd, "up", O_RDONLY, 0, BENEATH)), EXDEV, "BENEATH: a link above: EXDEV");
    CHECK_EQ(err_of(o2(dfd, "/tmp/o2/d/file", O_RDONLY, 0, BENEATH)), EXDEV, "BENEATH: absolute: EXDEV");
    CHECK_EQ(err_of(o2(dfd, "abs", O_RDONLY, 0, BENEATH)), EXDEV, "BENEATH: an absolute link: EXDEV");
    CHECK_EQ(err_of(o2(dfd, "./x/../file", O_RDONLY, 0, BENEATH)), ENOENT, "BENEATH: a missing name");
    mkdir("/tmp/o2/d/sub", 0755);
    CHECK_EQ(err_of(o2(dfd, "sub/../file", O_RDONLY, 0, BENEATH)), 0, "BENEATH: .. inside the scope");
    CHECK_EQ(err_of(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0, BENEATH)), EXDEV, "BENEATH: absolute from cwd");

    /* RESOLVE_IN_ROOT: "/" and ".." stay in the scope. */
    CHECK_EQ(err_of(o2(dfd, "/file", O_RDONLY, 0, IN_ROOT)), 0, "IN_ROOT: /file is the scope's file");
    CHECK_EQ(err_of(o2(dfd, "abs", O_RDONLY, 0, IN_ROOT)), 0, "IN_ROOT: an absolute link stays inside");
    CHECK_EQ(err_of(o2(dfd, "../../../file", O_RDONLY, 0, IN_ROOT)), 0, "IN_ROOT: .. stops at the scope");
    CHECK_EQ(err_of(o2(dfd, "up", O_RDONLY, 0, IN_ROOT)), ENOENT, "IN_ROOT: ../outside is not there");
    /* d/proc is itself the link to "/proc/version": inside, it names itself. */
    CHECK_EQ(err_of(o2(dfd, "/proc/version", O_RDONLY, 0, IN_ROOT)), ELOOP, "IN_ROOT: /proc is d/proc, a loop");
    CHECK_EQ(err_of(o2(dfd, "/sub/version", O_RDONLY, 0, IN_ROOT)), ENOENT, "IN_ROOT: a missing name");
    CHECK_EQ(err_of(o2(dfd, "/made2", O_RDWR | O_CREAT, 0600, IN_ROOT)), 0, "IN_ROOT: O_CREAT of /made2");
    CHECK_EQ(access("/tmp/o2/d/made2", F_OK), 0, "made inside the scope");

    /* RESOLVE_CACHED: a create or truncate never is; a cached name is. */
    CHECK_EQ(err_of(o2(dfd, "file", O_RDWR | O_CREAT, 0600, CACHED)), EAGAIN, "CACHED with O_CREAT: EAGAIN");
    CHECK_EQ(err_of(o2(dfd, "file", O_RDWR | O_TRUNC, 0, CACHED)), EAGAIN, "CACHED with O_TRUNC: EAGAIN");
    CHECK_EQ(err_of(o2(dfd, "file", O_RDONLY, 0, CACHED)), 0, "CACHED: a name just used");

    const char *rm[] = {"/tmp/o2/d/file", "/tmp/o2/d/rel", "/tmp/o2/d/abs", "/tmp/o2/d/up", "/tmp/o2/d/proc",
                        "/tmp/o2/d/made", "/tmp/o2/d/made2", "/tmp/o2/outside"};
    for (unsigned i = 0; i < sizeof rm / sizeof rm[0]; i++)
        unlink(rm[i]);
    rmdir("/tmp/o2/d/sub");
    rmdir("/tmp/o2/d");
    rmdir("/tmp/o2");
    return tt_done();
}
