/* procfs_test.c - Tiny OS's /proc: the process table view (/proc/ps)
 * lists this process and a child with their states, /proc/meminfo's
 * MemFree agrees with sysinfo. Tiny OS only (not differential). */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static size_t slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    size_t n = 0;
    ssize_t r;
    while (fd >= 0 && n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = '\0';
    if (fd >= 0)
        close(fd);
    return n;
}

int main(void)
{
    static char buf[65536];
    char line[128];
    int pipefd[2];
    pipe(pipefd);
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(pipefd[0], &c, 1); /* sleeps until the parent writes */
        _exit(0);
    }
    for (int i = 0; i < 20; i++)
        sched_yield(); /* let the child reach its read */
    slurp("/proc/ps", buf, sizeof buf);
    CHECK(strncmp(buf, "  PID  PPID  PGID   SID STATE NAME\n", 35) == 0, "/proc/ps has its header");
    snprintf(line, sizeof line, "%5d %5d %5d %5d R     procfs_test\n", getpid(), getppid(), getpgrp(), getsid(0));
    CHECK(strstr(buf, line) != NULL, "/proc/ps lists this process as running");
    snprintf(line, sizeof line, "%5d %5d %5d %5d S     procfs_test\n", child, getpid(), getpgrp(), getsid(0));
    CHECK(strstr(buf, line) != NULL, "/proc/ps lists the child as sleeping");
    write(pipefd[1], "x", 1);
    waitpid(child, NULL, 0);
    slurp("/proc/ps", buf, sizeof buf);
    snprintf(line, sizeof line, "%5d ", child);
    CHECK(strstr(buf, line) == NULL, "a reaped child is gone from /proc/ps");

    char exe[256] = {0};
    CHECK_EQ(readlink("/proc/self/exe", exe, sizeof exe - 1), 16, "readlink /proc/self/exe");
    CHECK(strcmp(exe, "/bin/procfs_test") == 0, "names this program");
    int efd = open("/proc/self/exe", O_RDONLY);
    char magic[4] = {0};
    CHECK(efd >= 0 && read(efd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0, "opening it opens the program");
    close(efd);

    struct sysinfo si;
    sysinfo(&si);
    slurp("/proc/meminfo", buf, sizeof buf);
    unsigned long total = 0, freekb = 0;
    sscanf(buf, "MemTotal: %lu kB\nMemFree: %lu kB", &total, &freekb);
    CHECK(total * 1024 == si.totalram * si.mem_unit, "MemTotal equals sysinfo's totalram");
    CHECK(freekb > 0 && freekb * 1024 <= si.totalram, "MemFree is plausible");
    return tt_done();
}
