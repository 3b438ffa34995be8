/* sysctl_test.c - /proc/sys and the system's names: the tunables read in
 * Linux's format, pid_max written and obeyed by fork, read-only ones
 * refused, sethostname/setdomainname and their /proc/sys files agreeing
 * with uname. Tiny OS only (it changes the machine's host name). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "tt.h"

/* The file's text, NUL-terminated, or "" when it cannot be read. */
static const char *slurp(const char *path)
{
    static char buf[256];
    buf[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return buf;
    long n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    close(fd);
    return buf;
}

/* write(2) of text to path: its result, or -errno. */
static long put(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0)
        return -errno;
    long n = write(fd, text, strlen(text));
    long r = n < 0 ? -errno : n;
    close(fd);
    return r;
}

static int has_entry(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d)))
        found |= !strcmp(e->d_name, name);
    if (d)
        closedir(d);
    return found;
}

int main(void)
{
    CHECK(has_entry("/proc", "sys"), "/proc lists sys");
    CHECK(has_entry("/proc/sys", "kernel") && has_entry("/proc/sys", "vm") && has_entry("/proc/sys", "fs"),
          "/proc/sys lists kernel, vm, fs");
    CHECK(has_entry("/proc/sys/kernel", "pid_max"), "/proc/sys/kernel lists pid_max");
    struct stat st;
    CHECK(stat("/proc/sys/kernel/pid_max", &st) == 0 && st.st_mode == (S_IFREG | 0644), "pid_max is a 0644 file");
    CHECK(stat("/proc/sys/kernel/ostype", &st) == 0 && st.st_mode == (S_IFREG | 0444), "ostype is a 0444 file");
    CHECK(stat("/proc/sys/vm", &st) == 0 && S_ISDIR(st.st_mode), "/proc/sys/vm is a directory");
    CHECK_EQ(stat("/proc/sys/kernel/no_such", &st), -1, "a missing tunable is ENOENT");
    CHECK(!strcmp(slurp("/proc/sys/kernel/ostype"), "Linux\n"), "ostype reads Linux");
    /* The entropy count, the same through /proc and the random device's
     * ioctl (LTP ioctl07): a full pool, as Linux since 5.18 says. */
    CHECK(!strcmp(slurp("/proc/sys/kernel/random/entropy_avail"), "256\n"), "entropy_avail is 256");
    int rnd = open("/dev/urandom", O_RDONLY), bits = -1;
    CHECK(rnd >= 0 && ioctl(rnd, 0x80045200 /* RNDGETENTCNT */, &bits) == 0 && bits == 256,
          "RNDGETENTCNT on /dev/urandom: 256");
    CHECK(ioctl(rnd, 0x40045201 /* RNDADDTOENTCNT */, &bits) == -1, "crediting entropy is refused");
    close(rnd);
    CHECK(!strcmp(slurp("/proc/sys/kernel/pid_max"), "32768\n"), "pid_max is 32768");
    CHECK(!strcmp(slurp("/proc/sys/kernel/printk"), "4\t4\t1\t7\n"), "printk: four numbers");

    /* pid_max: written, then fork obeys it (PIDs wrap to 300). */
    CHECK_EQ(put("/proc/sys/kernel/pid_max", "301\n"), 4, "write pid_max 301");
    CHECK(!strcmp(slurp("/proc/sys/kernel/pid_max"), "301\n"), "pid_max reads 301");
    int over = 0;
    for (int i = 0; i < 320; i++) {
        pid_t c = fork();
        if (c == 0)
            _exit(0);
        if (c < 0 || c > 300)
            over++;
        waitpid(c, NULL, 0);
    }
    CHECK_EQ(over, 0, "320 forks all get PIDs of at most 300");
    CHECK_EQ(put("/proc/sys/kernel/pid_max", "300"), -EINVAL, "pid_max 300 (the reserved ones): EINVAL");
    CHECK_EQ(put("/proc/sys/kernel/pid_max", "4194305"), -EINVAL, "pid_max over 4194304: EINVAL");
    CHECK_EQ(put("/proc/sys/kernel/pid_max", "12x"), -EINVAL, "pid_max 12x: EINVAL");
    CHECK_EQ(put("/proc/sys/kernel/pid_max", "32768"), 5, "pid_max back to 32768");
    CHECK(!strcmp(slurp("/proc/sys/kernel/pid_max"), "32768\n"), "pid_max reads 32768");
    CHECK_EQ(open("/proc/sys/kernel/ostype", O_WRONLY), -1, "a read-only tunable cannot be opened to write");
    CHECK_EQ(errno, EACCES, "EACCES");
    CHECK_EQ(open("/proc/sys/vm/drop_caches", O_RDONLY), -1, "a write-only one cannot be opened to read");
    CHECK_EQ(put("/proc/sys/vm/drop_caches", "3\n"), 2, "drop_caches takes 3");

    /* The names: sethostname, /proc/sys/kernel/hostname and uname agree. */
    struct utsname u;
    CHECK_EQ(sethostname("tiny-test", 9), 0, "sethostname");
    uname(&u);
    CHECK(!strcmp(u.nodename, "tiny-test"), "uname sees the new host name");
    CHECK(!strcmp(slurp("/proc/sys/kernel/hostname"), "tiny-test\n"), "so does /proc/sys/kernel/hostname");
    CHECK_EQ(put("/proc/sys/kernel/hostname", "other\n"), 6, "write /proc/sys/kernel/hostname");
    uname(&u);
    CHECK(!strcmp(u.nodename, "other"), "uname sees it (the newline dropped)");
    char name65[65];
    memset(name65, 'x', sizeof name65);
    CHECK_EQ(raw_syscall(SYS_sethostname, (long)name65, 65, 0), -EINVAL, "sethostname of 65 bytes: EINVAL");
    CHECK_EQ(raw_syscall(SYS_sethostname, (long)name65, -1, 0), -EINVAL, "sethostname length -1: EINVAL");
    CHECK_EQ(raw_syscall(SYS_sethostname, 1, 5, 0), -EFAULT, "sethostname bad pointer: EFAULT");
    CHECK_EQ(raw_syscall(SYS_sethostname, (long)name65, 64, 0), 0, "sethostname of 64 bytes");
    uname(&u);
    CHECK_EQ(strlen(u.nodename), 64, "uname gives all 64");
    CHECK_EQ(setdomainname("example.org", 11), 0, "setdomainname");
    uname(&u);
    CHECK(!strcmp(u.domainname, "example.org"), "uname sees the domain name");
    CHECK(!strcmp(slurp("/proc/sys/kernel/domainname"), "example.org\n"), "so does /proc/sys/kernel/domainname");
    sethostname("tinyos", 6);
    setdomainname("(none)", 6);
    return tt_done();
}
