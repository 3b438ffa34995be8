/* proc_files_test.c - the /proc files real programs read: /proc/self/fd
 * (links that readlink explains, a directory to iterate), cwd, environ,
 * maps, and the system files cpuinfo, version, loadavg, stat,
 * filesystems; /dev/fd and /dev/std{in,out,err}. Differential: Linux
 * gives the same answers (proc(5)). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

static char buf[1 << 16];

static size_t slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    size_t n = 0;
    ssize_t r;
    while (fd >= 0 && n < sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = '\0';
    if (fd >= 0)
        close(fd);
    return n;
}

static int link_is(const char *path, const char *want)
{
    char got[256] = {0};
    ssize_t n = readlink(path, got, sizeof got - 1);
    if (n < 0 || strcmp(got, want) != 0) {
        printf("# readlink %s: %s (want %s)\n", path, n < 0 ? "error" : got, want);
        return 0;
    }
    return 1;
}

static int fd_listed(int fd)
{
    DIR *d = opendir("/proc/self/fd");
    int found = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' && atoi(e->d_name) == fd)
            found = 1;
    if (d)
        closedir(d);
    return found;
}

static void fd_links(void)
{
    char path[64], want[64];
    /* A high number: opendir's own descriptor must not reuse it once closed. */
    int low = open("/dev/null", O_RDONLY), null = fcntl(low, F_DUPFD, 40);
    close(low);
    snprintf(path, sizeof path, "/proc/self/fd/%d", null);
    CHECK(link_is(path, "/dev/null"), "an fd link names /dev/null");
    struct stat st;
    CHECK(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "fd entries are symlinks");
    CHECK(fd_listed(null), "the open descriptor is listed in /proc/self/fd");
    close(null);
    CHECK(!fd_listed(null), "a closed descriptor is gone from /proc/self/fd");
    CHECK(readlink(path, want, sizeof want) < 0 && errno == ENOENT, "its link is gone: ENOENT");

    int p[2];
    pipe(p);
    fstat(p[0], &st);
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
    snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)st.st_ino);
    CHECK(link_is(path, want), "a pipe's link is pipe:[INO] with fstat's inode");
    close(p[0]);
    close(p[1]);

    int f = open("/tmp/proc_files_x", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(f, "abc", 3);
    snprintf(path, sizeof path, "/proc/self/fd/%d", f);
    CHECK(link_is(path, "/tmp/proc_files_x"), "a file's link is its path");
    snprintf(path, sizeof path, "/dev/fd/%d", f);
    int g = open(path, O_RDONLY);
    char three[4] = {0};
    CHECK(g >= 0 && read(g, three, 3) == 3 && strcmp(three, "abc") == 0, "opening /dev/fd/N opens the file");
    close(g);
    unlink("/tmp/proc_files_x");
    snprintf(path, sizeof path, "/proc/self/fd/%d", f);
    CHECK(link_is(path, "/tmp/proc_files_x (deleted)"), "an unlinked file's link says (deleted)");
    close(f);

    CHECK(link_is("/dev/fd", "/proc/self/fd"), "/dev/fd -> /proc/self/fd");
    CHECK(link_is("/dev/stdin", "/proc/self/fd/0"), "/dev/stdin -> /proc/self/fd/0");
    CHECK(link_is("/dev/stdout", "/proc/self/fd/1"), "/dev/stdout -> /proc/self/fd/1");
    CHECK(link_is("/dev/stderr", "/proc/self/fd/2"), "/dev/stderr -> /proc/self/fd/2");
}

static void cwd_environ(void)
{
    chdir("/tmp");
    CHECK(link_is("/proc/self/cwd", "/tmp"), "/proc/self/cwd follows chdir");
    chdir("/");
    CHECK(link_is("/proc/self/cwd", "/"), "/proc/self/cwd of the root is /");
    size_t n = slurp("/proc/self/environ"), want = 0;
    int same = 1;
    for (char **e = environ; *e; e++) {
        size_t len = strlen(*e) + 1;
        if (want + len > n || memcmp(buf + want, *e, len) != 0)
            same = 0;
        want += len;
    }
    CHECK(same && n == want, "/proc/self/environ holds the environment exec gave");
}

static void maps(void)
{
    int local = 0;
    void *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    slurp("/proc/self/maps");
    int lines = 0, well_formed = 1, stack_ok = 0, mmap_ok = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long lo, hi, off, ino;
        unsigned maj, mnr;
        char perms[5];
        int pos = 0;
        lines++;
        if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &lo, &hi, perms, &off, &maj, &mnr, &ino, &pos) < 7 ||
            lo >= hi || strlen(perms) != 4)
            well_formed = 0;
        if (strstr(line, "[stack]") && (unsigned long)&local >= lo && (unsigned long)&local < hi &&
            strcmp(perms, "rw-p") == 0 && strlen(line) > 73 && line[73] == '[')
            stack_ok = 1;
        if ((unsigned long)m >= lo && (unsigned long)m < hi && strcmp(perms, "rw-p") == 0)
            mmap_ok = 1;
    }
    CHECK(lines > 2 && well_formed, "maps lines are start-end perms offset dev inode");
    CHECK(stack_ok, "maps has the stack, named at column 74, holding a local variable");
    CHECK(mmap_ok, "maps has an anonymous mapping as rw-p");
    munmap(m, 8192);
}

static void system_files(void)
{
    slurp("/proc/version");
    CHECK(strncmp(buf, "Linux version ", 14) == 0, "/proc/version starts with Linux version");
    slurp("/proc/cpuinfo");
    CHECK(strncmp(buf, "processor\t: 0\n", 14) == 0, "cpuinfo starts with processor 0");
    CHECK(strstr(buf, "\nvendor_id\t: ") && strstr(buf, "\nmodel name\t: "), "cpuinfo has vendor_id and model name");
    char *flags = strstr(buf, "\nflags\t\t: ");
    CHECK(flags && strstr(flags, " sse2") && strstr(flags, " fpu"), "cpuinfo flags list fpu and sse2");
    slurp("/proc/loadavg");
    float l1, l5, l15;
    int run, total, last;
    CHECK(sscanf(buf, "%f %f %f %d/%d %d", &l1, &l5, &l15, &run, &total, &last) == 6 && run >= 1 && total >= run,
          "loadavg: three averages, running/total, last pid");
    slurp("/proc/stat");
    CHECK(strncmp(buf, "cpu  ", 5) == 0, "/proc/stat starts with the cpu line");
    char *bt = strstr(buf, "\nbtime ");
    long btime = bt ? atol(bt + 7) : 0;
    struct timespec up;
    clock_gettime(CLOCK_BOOTTIME, &up);
    long est = (long)time(NULL) - up.tv_sec;
    CHECK(bt && btime >= est - 2 && btime <= est + 2, "btime is the boot time in seconds");
    CHECK(strstr(buf, "\nprocesses ") != NULL, "/proc/stat has processes");
    slurp("/proc/filesystems");
    CHECK(strstr(buf, "nodev\tproc\n") && strstr(buf, "nodev\ttmpfs\n"), "filesystems lists proc and tmpfs");
}

int main(void)
{
    fd_links();
    cwd_environ();
    maps();
    system_files();
    return tt_done();
}
