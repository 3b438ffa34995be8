/* fs.c - wrappers of the file-system system calls. */
#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "syscall.h"

_Static_assert(sizeof(struct stat) == sizeof(struct linux_stat), "struct stat is the kernel's");

/* The mode argument exists only with O_CREAT (or O_TMPFILE); reading it
 * otherwise would read garbage, harmless but untidy. */
int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)SC4(SYS_openat, dirfd, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }
int stat(const char *restrict path, struct stat *restrict st) { return (int)SC4(SYS_newfstatat, AT_FDCWD, path, st, 0); }
int lstat(const char *restrict path, struct stat *restrict st)
{
    return (int)SC4(SYS_newfstatat, AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
int fstat(int fd, struct stat *st) { return (int)SC2(SYS_fstat, fd, st); }
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
    return (int)SC4(SYS_newfstatat, dirfd, path, st, flags);
}
int mkdir(const char *path, mode_t mode) { return (int)SC2(SYS_mkdir, path, mode); }
int chmod(const char *path, mode_t mode) { return (int)SC2(SYS_chmod, path, mode); }
int fchmod(int fd, mode_t mode) { return (int)SC2(SYS_fchmod, fd, mode); }
mode_t umask(mode_t mask) { return (mode_t)__syscall1(SYS_umask, mask); }
int chdir(const char *path) { return (int)SC1(SYS_chdir, path); }
int fchdir(int fd) { return (int)SC1(SYS_fchdir, fd); }
int unlink(const char *path) { return (int)SC1(SYS_unlink, path); }
int rmdir(const char *path) { return (int)SC1(SYS_rmdir, path); }
int mknod(const char *path, mode_t mode, dev_t dev) { return (int)SC3(SYS_mknod, path, mode, dev); }
int mkfifo(const char *path, mode_t mode) { return mknod(path, (mode & 07777) | S_IFIFO, 0); }
int mount(const char *source, const char *target, const char *type, unsigned long flags, const void *data)
{
    return (int)SC5(SYS_mount, source, target, type, flags, data);
}
int umount2(const char *target, int flags) { return (int)SC2(SYS_umount2, target, flags); }
int umount(const char *target) { return umount2(target, 0); }
int statfs(const char *path, struct statfs *buf) { return (int)SC2(SYS_statfs, path, buf); }
int fstatfs(int fd, struct statfs *buf) { return (int)SC2(SYS_fstatfs, fd, buf); }
_Static_assert(sizeof(struct statfs) == 120, "struct statfs is the kernel's (120 bytes)");
int link(const char *from, const char *to) { return (int)SC2(SYS_link, from, to); }
int symlink(const char *target, const char *path) { return (int)SC2(SYS_symlink, target, path); }
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
    return SC3(SYS_readlink, path, buf, size);
}
int access(const char *path, int mode) { return (int)SC2(SYS_access, path, mode); }
int rename(const char *from, const char *to) { return (int)SC2(SYS_rename, from, to); }

/* remove() is unlink for files and rmdir for directories. */
int remove(const char *path)
{
    long r = __syscall1(SYS_unlink, (long)path);
    if (r == -EISDIR)
        r = __syscall1(SYS_rmdir, (long)path);
    return (int)__syscall_ret(r);
}

/* The kernel returns the length including the NUL; POSIX returns buf.
 * getcwd(NULL, 0) allocates the buffer, as glibc and musl do. */
char *getcwd(char *buf, size_t size)
{
    char *mine = NULL;
    if (!buf) {
        if (size == 0)
            size = PATH_MAX;
        buf = mine = malloc(size);
        if (!buf)
            return NULL;
    }
    if (__syscall_ret(__syscall2(SYS_getcwd, (long)buf, (long)size)) < 0) {
        free(mine);
        return NULL;
    }
    return buf;
}
