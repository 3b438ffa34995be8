/* kaddr_test.c - no kernel address reaches user space through
 * /proc/PID/stat: kstkesp, kstkeip (fields 29, 30) and wchan (35) read 0
 * as Linux shows them for a running task, and no field of stat or status
 * holds a number in the kernel half (>= 0xffff800000000000). Checked for
 * this process, one of its threads' entries and a sleeping child. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>

#include "tt.h"

static int slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = 0;
    return 0;
}

/* Field k (1-based, proc(5)) of a stat line; comm may hold spaces, so
 * count from the last ')'. */
static unsigned long long stat_field(const char *line, int k)
{
    const char *p = strrchr(line, ')');
    if (!p || k < 3)
        return ~0ull;
    p += 2;
    for (int i = 3; i < k; i++) {
        p = strchr(p, ' ');
        if (!p)
            return ~0ull;
        p++;
    }
    return strtoull(p, NULL, 10);
}

static int has_kernel_number(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((*p >= '0' && *p <= '9') && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            unsigned long long v = strtoull(p, NULL, 10);
            /* rsslim's "unlimited" is ~0 (18446744073709551615): not an address */
            if (v >= 0xffff800000000000ull && v != ~0ull)
                return 1;
        }
    return 0;
}

static void check_pid(const char *dir, const char *who)
{
    char path[96], buf[4096], what[160];
    snprintf(path, sizeof path, "%s/stat", dir);
    snprintf(what, sizeof what, "%s: stat's kstkesp, kstkeip and wchan are 0", who);
    int ok = slurp(path, buf, sizeof buf) == 0;
    tt_check(ok && stat_field(buf, 29) == 0 && stat_field(buf, 30) == 0 && stat_field(buf, 35) == 0, what,
             "fields 29 30 35: %llu %llu %llu", stat_field(buf, 29), stat_field(buf, 30), stat_field(buf, 35));
    snprintf(what, sizeof what, "%s: no kernel-half number in stat", who);
    CHECK(ok && !has_kernel_number(buf), what);
    snprintf(path, sizeof path, "%s/status", dir);
    snprintf(what, sizeof what, "%s: no kernel-half number in status", who);
    CHECK(slurp(path, buf, sizeof buf) == 0 && !has_kernel_number(buf), what);
}

int main(void)
{
    check_pid("/proc/self", "self");
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/self/task/%d", getpid());
    check_pid(dir, "own thread");
    /* /proc/PID/wchan: Linux has it and prints 0 for a running task; Tiny
     * OS has none. Either way no address. */
    char buf[64];
    CHECK(slurp("/proc/self/wchan", buf, sizeof buf) != 0 || !strcmp(buf, "0"), "/proc/self/wchan absent or 0");
    int p[2];
    pipe(p);
    pid_t c = xfork();
    if (c == 0) {
        close(p[1]);
        read(p[0], buf, 1); /* sleeps in the kernel until the parent closes */
        _exit(0);
    }
    close(p[0]);
    msleep(100);
    snprintf(dir, sizeof dir, "/proc/%d", c);
    /* a sleeping process: Linux's wchan field says 1 ("waiting") to a
     * reader allowed to ptrace it; only the address fields are compared */
    char path[96], line[4096];
    snprintf(path, sizeof path, "%s/stat", dir);
    int ok = slurp(path, line, sizeof line) == 0;
    CHECK(ok && stat_field(line, 29) == 0 && stat_field(line, 30) == 0 && stat_field(line, 35) <= 1,
          "sleeping child: kstkesp, kstkeip 0, wchan 0 or 1, never an address");
    CHECK(ok && !has_kernel_number(line), "sleeping child: no kernel-half number in stat");
    close(p[1]);
    child_status(c);
    return tt_done();
}
