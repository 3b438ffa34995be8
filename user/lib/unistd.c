/* unistd.c - thin wrappers of the descriptor and identity system calls. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

ssize_t read(int fd, void *buf, size_t n) { return SC3(SYS_read, fd, buf, n); }
ssize_t write(int fd, const void *buf, size_t n) { return SC3(SYS_write, fd, buf, n); }
ssize_t pread(int fd, void *buf, size_t n, off_t off) { return SC4(SYS_pread64, fd, buf, n, off); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return SC4(SYS_pwrite64, fd, buf, n, off); }
int close(int fd) { return (int)SC1(SYS_close, fd); }
off_t lseek(int fd, off_t off, int whence) { return SC3(SYS_lseek, fd, off, whence); }
int pipe(int fds[2]) { return (int)SC1(SYS_pipe, fds); }
int pipe2(int fds[2], int flags) { return (int)SC2(SYS_pipe2, fds, flags); }
int dup(int fd) { return (int)SC1(SYS_dup, fd); }
int dup2(int fd, int newfd) { return (int)SC2(SYS_dup2, fd, newfd); }
int dup3(int fd, int newfd, int flags) { return (int)SC3(SYS_dup3, fd, newfd, flags); }
int fsync(int fd) { return (int)SC1(SYS_fsync, fd); }
int fdatasync(int fd) { return (int)SC1(SYS_fdatasync, fd); }
/* sync(2) cannot fail (it returns void); syncfs(2) reports EIO. */
void sync(void) { __syscall0(SYS_sync); }
int syncfs(int fd) { return (int)SC1(SYS_syncfs, fd); }
int truncate(const char *path, off_t len) { return (int)SC2(SYS_truncate, path, len); }
int ftruncate(int fd, off_t len) { return (int)SC2(SYS_ftruncate, fd, len); }

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long); /* every command takes at most one word */
    va_end(ap);
    return (int)SC3(SYS_fcntl, fd, cmd, arg);
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return (int)SC3(SYS_ioctl, fd, request, arg);
}

pid_t getpid(void) { return (pid_t)SC0(SYS_getpid); }
pid_t getppid(void) { return (pid_t)SC0(SYS_getppid); }
pid_t getpgrp(void) { return (pid_t)SC0(SYS_getpgrp); }
int setpgid(pid_t pid, pid_t pgid) { return (int)SC2(SYS_setpgid, pid, pgid); }
pid_t getpgid(pid_t pid) { return (pid_t)SC1(SYS_getpgid, pid); }
pid_t setsid(void) { return (pid_t)SC0(SYS_setsid); }
pid_t getsid(pid_t pid) { return (pid_t)SC1(SYS_getsid, pid); }
uid_t getuid(void) { return (uid_t)SC0(SYS_getuid); }
uid_t geteuid(void) { return (uid_t)SC0(SYS_geteuid); }
gid_t getgid(void) { return (gid_t)SC0(SYS_getgid); }
gid_t getegid(void) { return (gid_t)SC0(SYS_getegid); }
int setuid(uid_t uid) { return (int)SC1(SYS_setuid, uid); }
int setgid(gid_t gid) { return (int)SC1(SYS_setgid, gid); }
int getgroups(int size, gid_t list[]) { return (int)SC2(SYS_getgroups, size, list); }
int setgroups(size_t size, const gid_t *list) { return (int)SC2(SYS_setgroups, size, list); }
int chown(const char *path, uid_t owner, gid_t group) { return (int)SC3(SYS_chown, path, owner, group); }
int lchown(const char *path, uid_t owner, gid_t group) { return (int)SC3(SYS_lchown, path, owner, group); }
int fchown(int fd, uid_t owner, gid_t group) { return (int)SC3(SYS_fchown, fd, owner, group); }

pid_t tcgetpgrp(int fd)
{
    int pgrp;
    if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
        return -1;
    return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int p = pgrp;
    return ioctl(fd, TIOCSPGRP, &p);
}

/* A terminal is whatever answers TCGETS; errno is ENOTTY otherwise. */
int isatty(int fd)
{
    struct termios t;
    return tcgetattr(fd, &t) == 0;
}

int usleep(useconds_t usec)
{
    struct timespec ts = {usec / 1000000, (long)(usec % 1000000) * 1000};
    return nanosleep(&ts, NULL);
}

/* Returns the seconds left when a signal cut the sleep short. */
unsigned sleep(unsigned seconds)
{
    struct timespec ts = {seconds, 0}, rem = {0, 0};
    if (nanosleep(&ts, &rem) < 0)
        return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
    return 0;
}

int pause(void) { return (int)SC0(SYS_pause); }
unsigned alarm(unsigned seconds) { return (unsigned)__syscall1(SYS_alarm, seconds); }

long syscall(long n, ...)
{
    va_list ap;
    va_start(ap, n);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    return __syscall_ret(__syscall6(n, a, b, c, d, e, f));
}
