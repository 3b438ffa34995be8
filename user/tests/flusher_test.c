/*
 * flusher_test - background writeback (issue 13): data written to an ext2
 * file and never synced reaches the disk on its own within a few seconds,
 * through the kflushd kernel thread; and that thread behaves as Linux's
 * kernel threads do (a ps line, no address space, deaf to signals, not
 * traceable).
 *
 * Run as PID 1 with an ext2 image as /dev/vda (tests/suites/disk.py). The
 * evidence that the flusher wrote is the kernel's own: /proc/meminfo's
 * Dirty: falls to 0 kB and /proc/diskstats counts writes on vda, with no
 * sync, fsync or umount in between (init's exit writes back anyway, so the
 * image alone could not tell).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

/* A number after label in file (e.g. "Dirty:" in /proc/meminfo); -1 if absent. */
static long field(const char *path, const char *label)
{
    char buf[8192];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *at = strstr(buf, label);
    return at ? strtol(at + strlen(label), NULL, 10) : -1;
}

/* Writes completed on vda: the 8th field of its /proc/diskstats line. */
static long vda_writes(void)
{
    char buf[4096];
    int fd = open("/proc/diskstats", O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *at = strstr(buf, " vda ");
    long v[8];
    if (!at || sscanf(at + 5, "%ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4]) != 5)
        return -1;
    return v[4];
}

/* The pid of the process named name (its /proc/PID/comm), or 0. */
static int pid_named(const char *name)
{
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        char path[300], comm[64] = "";
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, comm, sizeof comm - 1);
        close(fd);
        if (n > 0 && comm[n - 1] == '\n')
            comm[n - 1] = '\0';
        if (!strcmp(comm, name))
            found = atoi(e->d_name);
    }
    closedir(d);
    return found;
}

int main(void)
{
    mkdir("/mnt", 0755);
    int r = mount("/dev/vda", "/mnt", "ext2", 0, NULL);
    tt_check(r == 0, "mount the ext2 disk", "errno %d", errno);
    int k = pid_named("kflushd");
    CHECK(k > 1, "the first disk mount started kflushd");
    if (r || k <= 1)
        return tt_done();

    /* The kernel thread: an empty address space, signals and ptrace
     * have no hold on it. */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", k);
    CHECK_EQ(field(path, "-"), -1, "kflushd maps nothing");
    CHECK_EQ(kill(k, SIGKILL), 0, "kill(kflushd, SIGKILL) succeeds");
    CHECK_EQ(kill(k, SIGSTOP), 0, "and SIGSTOP");
    struct timespec pause = {0, 200000000};
    nanosleep(&pause, NULL);
    CHECK_EQ(pid_named("kflushd"), k, "but kflushd lives on");
    errno = 0;
    CHECK(ptrace(PTRACE_ATTACH, k, 0, 0) == -1 && errno == EPERM, "PTRACE_ATTACH to it: EPERM");

    /* 256 KiB written and not synced: dirty in memory... */
    static char data[256 * 1024];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)(i * 13 + 7);
    int fd = open("/mnt/unsynced", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create /mnt/unsynced");
    CHECK_EQ(write(fd, data, sizeof data), (long)sizeof data, "write 256 KiB, no sync");
    close(fd);
    long before = vda_writes();
    CHECK(field("/proc/meminfo", "Dirty:") >= 256, "Dirty: counts the written pages");

    /* ...until the flusher (every 5 s) writes it: wait up to 40 s of the
     * guest's clock for Dirty: to reach 0, with no sync of any kind. */
    long dirty = -1;
    for (int i = 0; i < 200 && (dirty = field("/proc/meminfo", "Dirty:")) != 0; i++) {
        struct timespec t = {0, 200000000};
        nanosleep(&t, NULL);
    }
    CHECK_EQ(dirty, 0, "Dirty: falls to 0 kB without sync");
    long after = vda_writes();
    CHECK(before >= 0 && after > before, "vda completed writes meanwhile (/proc/diskstats)");
    return tt_done();
}
