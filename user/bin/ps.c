/* ps: list every process, from /proc/PID/status (Name, State, PPid) and
 * /proc/PID/cmdline (NUL-separated arguments):
 *     PID  PPID STAT CMD
 * Processes without a command line (kernel threads) show [Name]. All
 * processes are always listed, so BSD/System V selectors (aux, -e, -ef)
 * are accepted and change nothing. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc_info {
    int pid, ppid;
    char state[8];
    char cmd[256];
};

/* Reads up to size-1 bytes of a small /proc file; returns the length or -1. */
static ssize_t read_small(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    size_t n = 0;
    ssize_t r;
    while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    close(fd);
    buf[n] = 0;
    return (ssize_t)n;
}

/* The value after "Key:" in a status file, trimmed, or NULL. */
static const char *field(const char *status, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key);
    for (const char *line = status; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, key, klen) || line[klen] != ':')
            continue;
        const char *v = line + klen + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t n = strcspn(v, "\n");
        if (n >= size)
            n = size - 1;
        memcpy(out, v, n);
        out[n] = 0;
        return out;
    }
    return NULL;
}

static bool read_proc(int pid, struct proc_info *p)
{
    char path[64], status[2048], value[128];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (read_small(path, status, sizeof status) < 0)
        return false; /* it exited meanwhile */
    p->pid = pid;
    p->ppid = field(status, "PPid", value, sizeof value) ? atoi(value) : 0;
    /* "S (sleeping)": the letter is the STAT column */
    const char *state = field(status, "State", value, sizeof value) ? value : "?";
    size_t len = strcspn(state, " ");
    if (len >= sizeof p->state)
        len = sizeof p->state - 1;
    memcpy(p->state, state, len);
    p->state[len] = 0;
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    ssize_t n = read_small(path, p->cmd, sizeof p->cmd);
    if (n > 0) {
        while (n > 0 && p->cmd[n - 1] == 0)
            n--;
        for (ssize_t i = 0; i < n; i++)
            if (p->cmd[i] == 0 || p->cmd[i] == '\n')
                p->cmd[i] = ' ';
        p->cmd[n] = 0;
    } else {
        snprintf(p->cmd, sizeof p->cmd, "[%s]", field(status, "Name", value, sizeof value) ? value : "?");
    }
    return true;
}

static int by_pid(const void *a, const void *b)
{
    const struct proc_info *x = a, *y = b;
    return (x->pid > y->pid) - (x->pid < y->pid);
}

int main(void)
{
    DIR *d = opendir("/proc");
    if (!d) {
        perror("ps: /proc");
        return 1;
    }
    struct proc_info *procs = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *s = de->d_name;
        if (!isdigit((unsigned char)*s) || s[strspn(s, "0123456789")])
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct proc_info *v = realloc(procs, cap * sizeof *v);
            if (!v) {
                fputs("ps: out of memory\n", stderr);
                return 1;
            }
            procs = v;
        }
        if (read_proc(atoi(s), &procs[n]))
            n++;
    }
    closedir(d);
    qsort(procs, n, sizeof *procs, by_pid);
    printf("  PID  PPID STAT CMD\n");
    for (size_t i = 0; i < n; i++)
        printf("%5d %5d %-4s %s\n", procs[i].pid, procs[i].ppid, procs[i].state, procs[i].cmd);
    return fflush(stdout) ? 1 : 0;
}
