/* xattr_test.c - extended attributes: set/get/list/remove through the
 * path, link and descriptor calls; XATTR_CREATE / XATTR_REPLACE; the
 * size rules (0 asks for the length, too small is ERANGE, past 64 KiB
 * E2BIG); bad names; which files may carry "user." attributes; the
 * "trusted." and "security." namespaces for root and for others; sticky
 * directories. Differential: the host's /tmp (ext4) keeps the same
 * namespaces. Lists are compared sorted (ext4 keeps its own order).
 *
 * With the argument "tmpfs" (Tiny OS only, not differential): the
 * memory attributes take counts against a tmpfs size= limit and is
 * given back when the file goes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/un.h>
#include <sys/xattr.h>

#include "tt.h"

#define DIR_ "/tmp/xattr_test"
#define F DIR_ "/file"
#define USER 65534

#define ERR(call) ((call) < 0 ? errno : 0)

static long xset(const char *p, const char *n, const void *v, size_t s, int fl)
{
    return raw_syscall6(SYS_setxattr, (long)p, (long)n, (long)v, (long)s, fl, 0);
}
static long xlset(const char *p, const char *n, const void *v, size_t s, int fl)
{
    return raw_syscall6(SYS_lsetxattr, (long)p, (long)n, (long)v, (long)s, fl, 0);
}
static long xget(const char *p, const char *n, void *v, size_t s)
{
    return raw_syscall6(SYS_getxattr, (long)p, (long)n, (long)v, (long)s, 0, 0);
}
static long xlget(const char *p, const char *n, void *v, size_t s)
{
    return raw_syscall6(SYS_lgetxattr, (long)p, (long)n, (long)v, (long)s, 0, 0);
}

/* The names listxattr gives for path, sorted, joined with spaces; "" on
 * error. */
static const char *names(const char *path, bool link)
{
    static char out[1024];
    char buf[1024], *v[64];
    long n = link ? llistxattr(path, buf, sizeof buf) : listxattr(path, buf, sizeof buf);
    int k = 0;
    out[0] = '\0';
    for (long i = 0; i < n && k < 64; i += (long)strlen(buf + i) + 1)
        v[k++] = buf + i;
    for (int i = 1; i < k; i++)
        for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    for (int i = 0; i < k; i++) {
        strcat(out, i ? " " : "");
        strcat(out, v[i]);
    }
    return out;
}

static void cleanup(void)
{
    static const char *files[] = {F, DIR_ "/link", DIR_ "/fifo", DIR_ "/sock", DIR_ "/private", DIR_ "/open",
                                  DIR_ "/sticky/mine", DIR_ "/big"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        unlink(files[i]);
    rmdir(DIR_ "/sticky");
    rmdir(DIR_ "/dir");
    rmdir(DIR_);
}

static void basics(void)
{
    char buf[256];
    CHECK_EQ(xset(F, "user.one", "value1", 6, 0), 0, "setxattr user.one");
    CHECK_EQ(xget(F, "user.one", NULL, 0), 6, "getxattr size 0 gives the length");
    memset(buf, 0, sizeof buf);
    CHECK_EQ(xget(F, "user.one", buf, sizeof buf), 6, "getxattr");
    CHECK(!memcmp(buf, "value1", 6), "the value comes back");
    CHECK_EQ(xget(F, "user.one", buf, 5), -ERANGE, "a buffer too small: ERANGE");
    CHECK_EQ(xget(F, "user.two", buf, sizeof buf), -ENODATA, "a name not set: ENODATA");
    CHECK_EQ(xset(F, "user.one", "x", 1, XATTR_CREATE), -EEXIST, "XATTR_CREATE of an existing name: EEXIST");
    CHECK_EQ(xset(F, "user.two", "x", 1, XATTR_REPLACE), -ENODATA, "XATTR_REPLACE of a new name: ENODATA");
    CHECK_EQ(xset(F, "user.one", "longer value", 12, XATTR_REPLACE), 0, "XATTR_REPLACE of an existing name");
    CHECK_EQ(xget(F, "user.one", buf, sizeof buf), 12, "the new value's length");
    CHECK_EQ(xset(F, "user.two", "", 0, XATTR_CREATE), 0, "an empty value");
    CHECK_EQ(xget(F, "user.two", buf, sizeof buf), 0, "reads back empty");
    CHECK_EQ(xset(F, "user.one", "v", 1, XATTR_CREATE | XATTR_REPLACE), -EEXIST, "both flags: CREATE wins, EEXIST");
    CHECK_EQ(xset(F, "user.one", "v", 1, 4), -EINVAL, "flags 4: EINVAL");
    CHECK_EQ(xset(F, "trusted.t", "tv", 2, 0), 0, "root sets trusted.t");
    CHECK_EQ(xset(F, "security.s", "sv", 2, 0), 0, "root sets security.s");
    CHECK(!strcmp(names(F, false), "security.s trusted.t user.one user.two"), "listxattr shows all four");
    long len = listxattr(F, NULL, 0);
    CHECK_EQ(len, 11 + 10 + 9 + 9, "listxattr size 0 gives the length");
    CHECK_EQ(raw_syscall(SYS_listxattr, (long)F, (long)buf, 10), -ERANGE, "a list buffer too small: ERANGE");
    CHECK_EQ(raw_syscall(SYS_removexattr, (long)F, (long)"user.two", 0), 0, "removexattr");
    CHECK_EQ(raw_syscall(SYS_removexattr, (long)F, (long)"user.two", 0), -ENODATA, "removing it again: ENODATA");
    CHECK_EQ(xget(F, "user.two", buf, sizeof buf), -ENODATA, "gone");

    /* Names and sizes. */
    char name[300];
    memset(name, 'a', sizeof name);
    memcpy(name, "user.", 5);
    name[255] = '\0';
    CHECK_EQ(xset(F, name, "v", 1, 0), 0, "a 255-byte name");
    CHECK_EQ(xget(F, name, buf, sizeof buf), 1, "reads back");
    CHECK_EQ(raw_syscall(SYS_removexattr, (long)F, (long)name, 0), 0, "and goes");
    name[255] = 'a';
    name[256] = '\0';
    CHECK_EQ(xset(F, name, "v", 1, 0), -ERANGE, "a 256-byte name: ERANGE");
    CHECK_EQ(xget(F, name, buf, sizeof buf), -ERANGE, "getxattr of it: ERANGE");
    CHECK_EQ(xset(F, "", "v", 1, 0), -ERANGE, "an empty name: ERANGE");
    CHECK_EQ(xget(F, "", buf, sizeof buf), -ERANGE, "getxattr of an empty name: ERANGE");
    CHECK_EQ(xset(F, "user.", "v", 1, 0), -EINVAL, "a bare user. prefix: EINVAL");
    CHECK_EQ(xset(F, "nonamespace", "v", 1, 0), -EOPNOTSUPP, "no namespace: EOPNOTSUPP");
    CHECK_EQ(xset(F, "other.x", "v", 1, 0), -EOPNOTSUPP, "an unknown namespace: EOPNOTSUPP");
    CHECK_EQ(xget(F, "other.x", buf, sizeof buf), -EOPNOTSUPP, "getxattr in it: EOPNOTSUPP");
    static char big[65537];
    CHECK_EQ(xset(F, "user.big", big, sizeof big, 0), -E2BIG, "a value past 64 KiB: E2BIG");
    CHECK_EQ(xset(F, "user.x", (void *)1, 10, 0), -EFAULT, "a bad value pointer: EFAULT");
    CHECK_EQ(xset(F, (void *)1, "v", 1, 0), -EFAULT, "a bad name pointer: EFAULT");
    CHECK_EQ(xget(F, "user.one", (void *)1, 100), -EFAULT, "a bad buffer: EFAULT");
    CHECK_EQ(xset(DIR_ "/nope", "user.x", "v", 1, 0), -ENOENT, "a missing file: ENOENT");
}

static void kinds(void)
{
    char buf[64];
    CHECK_EQ(xset(DIR_ "/dir", "user.d", "dv", 2, 0), 0, "user. on a directory");
    CHECK_EQ(xlset(DIR_ "/link", "user.l", "v", 1, 0), -EPERM, "user. on a symlink itself: EPERM");
    CHECK_EQ(xlget(DIR_ "/link", "user.one", buf, sizeof buf), -ENODATA, "reading user. of a symlink: ENODATA");
    CHECK_EQ(xget(DIR_ "/link", "user.one", buf, sizeof buf), 12, "getxattr follows the link");
    CHECK_EQ(xlset(DIR_ "/link", "trusted.l", "lv", 2, 0), 0, "trusted. on a symlink itself");
    CHECK_EQ(xlget(DIR_ "/link", "trusted.l", buf, sizeof buf), 2, "lgetxattr reads it");
    CHECK_EQ(xget(DIR_ "/link", "trusted.l", buf, sizeof buf), -ENODATA, "getxattr reads the target's");
    CHECK(!strcmp(names(DIR_ "/link", true), "trusted.l"), "llistxattr lists the link's own");
    CHECK_EQ(xset(DIR_ "/fifo", "user.f", "v", 1, 0), -EPERM, "user. on a FIFO: EPERM");
    CHECK_EQ(xget(DIR_ "/fifo", "user.f", buf, sizeof buf), -ENODATA, "reading user. of a FIFO: ENODATA");
    CHECK_EQ(xset("/dev/null", "user.n", "v", 1, 0), -EPERM, "user. on a device: EPERM");
    CHECK_EQ(xset(DIR_ "/sock", "user.s", "v", 1, 0), -EPERM, "user. on a socket file: EPERM");

    int fd = open(F, O_RDONLY);
    CHECK_EQ(fsetxattr(fd, "user.fd", "fv", 2, 0), 0, "fsetxattr on a read-only descriptor");
    CHECK_EQ(fgetxattr(fd, "user.fd", buf, sizeof buf), 2, "fgetxattr");
    CHECK_EQ(flistxattr(fd, NULL, 0), 11 + 10 + 9 + 8, "flistxattr length");
    CHECK_EQ(fremovexattr(fd, "user.fd"), 0, "fremovexattr");
    close(fd);
    CHECK_EQ(raw_syscall6(SYS_fgetxattr, 99, (long)"user.one", (long)buf, sizeof buf, 0, 0), -EBADF,
             "fgetxattr on a closed descriptor: EBADF");
    CHECK_EQ(raw_syscall6(SYS_fsetxattr, -1, (long)"user.one", (long)"v", 1, 0, 0), -EBADF, "fd -1: EBADF");
    fd = open(F, O_PATH);
    CHECK_EQ(raw_syscall6(SYS_fgetxattr, fd, (long)"user.one", (long)buf, sizeof buf, 0, 0), -EBADF,
             "an O_PATH descriptor: EBADF");
    close(fd);
    int p[2];
    pipe(p);
    CHECK_EQ(raw_syscall6(SYS_fsetxattr, p[1], (long)"user.p", (long)"v", 1, 0, 0), -EPERM, "user. on a pipe: EPERM");
    CHECK_EQ(raw_syscall(SYS_flistxattr, p[0], (long)buf, sizeof buf), 0, "a pipe lists nothing");
    close(p[0]);
    close(p[1]);
    CHECK_EQ(xget("/proc/self/status", "user.x", buf, sizeof buf), -EOPNOTSUPP, "/proc keeps none: EOPNOTSUPP");
    CHECK_EQ(listxattr("/proc/self/status", buf, sizeof buf), 0, "and lists none");
}

/* As a user who owns nothing here. */
static void unprivileged(void)
{
    char buf[64];
    CHECK_EQ(xget(F, "user.one", buf, sizeof buf), 12, "others read user. of a 0644 file");
    CHECK_EQ(xset(F, "user.one", "v", 1, 0), -EACCES, "but not write it: EACCES");
    CHECK_EQ(raw_syscall(SYS_removexattr, (long)F, (long)"user.one", 0), -EACCES, "nor remove it: EACCES");
    CHECK_EQ(xget(DIR_ "/private", "user.p", buf, sizeof buf), -EACCES, "a 0600 file's: EACCES");
    CHECK_EQ(xset(DIR_ "/open", "user.o", "v", 1, 0), 0, "a 0666 file's can be written");
    CHECK_EQ(xget(F, "trusted.t", buf, sizeof buf), -ENODATA, "trusted. is invisible to others: ENODATA");
    CHECK_EQ(xset(F, "trusted.t", "v", 1, 0), -EPERM, "and not theirs to write: EPERM");
    CHECK_EQ(xset(DIR_ "/open", "trusted.t", "v", 1, 0), -EPERM, "not even on a file they may write");
    CHECK(!strcmp(names(F, false), "security.s user.one"), "listxattr leaves trusted. out");
    CHECK_EQ(xget(F, "security.s", buf, sizeof buf), 2, "others read security.");
    CHECK_EQ(xget(DIR_ "/private", "security.p", buf, sizeof buf), 2, "even of a file they cannot read");
    CHECK_EQ(xset(DIR_ "/open", "security.s", "v", 1, 0), -EPERM, "security. is root's to write: EPERM");
    CHECK_EQ(xset(DIR_ "/sticky", "user.s", "v", 1, 0), -EPERM, "user. of another's sticky directory: EPERM");
    CHECK_EQ(xset(DIR_ "/sticky/mine", "user.m", "v", 1, 0), 0, "a file of their own in it");
    CHECK_EQ(xset(DIR_ "/dir", "user.d", "v", 1, 0), -EACCES, "user. of root's 0755 directory: EACCES");
}

static void as_user(void (*fn)(void))
{
    pid_t pid = xfork();
    if (pid == 0) {
        tt_failures = 0;
        if (setgroups(0, NULL) || setresgid(USER, USER, USER) || setresuid(USER, USER, USER)) {
            printf("not ok - dropping to uid %d: errno %d\n", USER, errno);
            _exit(1);
        }
        fn();
        fflush(stdout);
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(pid), 0), "the unprivileged child's checks passed");
}

static void setup(void)
{
    cleanup();
    mkdir(DIR_, 0755);
    close(open(F, O_WRONLY | O_CREAT, 0644));
    mkdir(DIR_ "/dir", 0755);
    symlink("file", DIR_ "/link");
    mkfifo(DIR_ "/fifo", 0644);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = DIR_ "/sock"};
    bind(s, (struct sockaddr *)&a, sizeof a);
    close(s);
    close(open(DIR_ "/private", O_WRONLY | O_CREAT, 0600));
    close(open(DIR_ "/open", O_WRONLY | O_CREAT, 0666));
    chmod(DIR_ "/open", 0666);
    xset(DIR_ "/private", "security.p", "pv", 2, 0);
    mkdir(DIR_ "/sticky", 01777);
    chmod(DIR_ "/sticky", 01777);
    close(open(DIR_ "/sticky/mine", O_WRONLY | O_CREAT, 0644));
    chown(DIR_ "/sticky/mine", USER, USER);
}

/* tmpfs only: the limit counts attributes; memory comes back. */
static void tmpfs_limits(void)
{
    const char *mnt = "/tmp/xattr_small";
    mkdir(mnt, 0755);
    CHECK_EQ(mount("tmpfs", mnt, "tmpfs", 0, "size=64k"), 0, "mount a 64 KiB tmpfs");
    char path[64];
    snprintf(path, sizeof path, "%s/f", mnt);
    close(open(path, O_WRONLY | O_CREAT, 0644));
    static char value[65536];
    int set = 0;
    for (int i = 0; i < 8; i++) {
        char name[32];
        snprintf(name, sizeof name, "user.v%d", i);
        if (xset(path, name, value, 20000, 0) == 0)
            set++;
    }
    CHECK_EQ(set, 3, "three 20000-byte values fit in 64 KiB");
    CHECK_EQ(xset(path, "user.v9", value, 20000, 0), -ENOSPC, "the fourth: ENOSPC");
    struct statfs st;
    statfs(mnt, &st);
    CHECK_EQ(st.f_bfree, 1, "statfs counts them (15 of 16 pages)");
    int fd = open(path, O_WRONLY);
    CHECK_EQ(write(fd, value, 8192), 4096, "data gets what is left: one page");
    close(fd);
    CHECK_EQ(unlink(path), 0, "unlink the file");
    statfs(mnt, &st);
    CHECK_EQ(st.f_bfree, 16, "its attributes and data are given back");
    CHECK_EQ(umount(mnt), 0, "umount");
    rmdir(mnt);

    /* Many attributes on a file, then the file goes: no memory kept
     * (a first round lets the kernel heap grow to what it needs). */
    struct sysinfo before, after;
    for (int round = 0; round < 4; round++) {
        if (round == 1)
            sysinfo(&before);
        close(open(DIR_ "/big", O_WRONLY | O_CREAT, 0644));
        for (int i = 0; i < 200; i++) {
            char name[32];
            snprintf(name, sizeof name, "user.a%d", i);
            xset(DIR_ "/big", name, value, 3000, 0);
        }
        unlink(DIR_ "/big");
    }
    sysinfo(&after);
    CHECK((long)after.freeram >= (long)before.freeram - 64 * 1024, "200 x 3000 bytes three times: no memory kept");
}

int main(int argc, char **argv)
{
    setup();
    if (argc > 1 && !strcmp(argv[1], "tmpfs")) {
        tmpfs_limits();
    } else {
        basics();
        kinds();
        as_user(unprivileged);
    }
    cleanup();
    return tt_done();
}
