/* ps: list every process, from /proc/PID/stat, /proc/PID/status and
 * /proc/PID/cmdline. Three formats:
 *   ps             PID  PPID STAT CMD        (ours: every process)
 *   ps aux         USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND
 *   ps -ef         UID PID PPID C STIME TTY TIME CMD
 * The last two in procps-ng's columns and rules: BSD STAT flags (< N L s
 * l +), %CPU as CPU time over lifetime, %MEM as RSS over MemTotal, START
 * as HH:MM within a day, else MonDD, else the year (UTC: we have no time
 * zones), TIME as M:SS (aux) or HH:MM:SS (-ef). Every process is listed
 * whatever the selectors (a, x, -e, -A); u and -f pick the formats.
 * Processes without a command line (kernel threads) show [Name]. The
 * command is cut at the terminal's width when output goes to one. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define HZ 100 /* USER_HZ: the unit of /proc's clock ticks */

struct proc_info {
    int pid, ppid, pgrp, session, tty, tpgid, nice, threads;
    unsigned uid;
    char state;
    unsigned long long utime, stime, start; /* ticks */
    unsigned long long vsize, rss_pages;
    bool locked;
    char cmd[4096];
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
    char path[64], buf[2048], value[128];
    *p = (struct proc_info){.pid = pid};
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_small(path, buf, sizeof buf) < 0)
        return false; /* it exited meanwhile */
    /* "pid (comm) state ppid ...": comm may hold spaces and ')' */
    char *close_paren = strrchr(buf, ')');
    if (!close_paren)
        return false;
    char name[64];
    char *open_paren = strchr(buf, '(');
    size_t nlen = open_paren && open_paren < close_paren ? (size_t)(close_paren - open_paren - 1) : 0;
    if (nlen >= sizeof name)
        nlen = sizeof name - 1;
    memcpy(name, open_paren ? open_paren + 1 : "", nlen);
    name[nlen] = 0;
    unsigned long long f[64] = {0};
    int nf = 0;
    char state = '?';
    const char *s = close_paren + 1;
    while (*s == ' ')
        s++;
    if (*s)
        state = *s++;
    /* f[k] is stat field k+4 (1-based, as proc(5) numbers them) */
    while (*s && nf < 64) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        f[nf++] = strtoull(s, (char **)&s, 10);
        if (*s && *s != ' ')
            s++;
    }
    p->state = state;
    p->ppid = (int)f[0];
    p->pgrp = (int)f[1];
    p->session = (int)f[2];
    p->tty = (int)f[3];
    p->tpgid = (int)(long long)f[4];
    p->utime = f[10];
    p->stime = f[11];
    p->nice = (int)(long long)f[15];
    p->threads = (int)f[16];
    p->start = f[18];
    p->vsize = f[19];
    p->rss_pages = f[20];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (read_small(path, buf, sizeof buf) >= 0) {
        if (field(buf, "Uid", value, sizeof value))
            p->uid = (unsigned)strtoul(value, NULL, 10);
        if (field(buf, "VmLck", value, sizeof value))
            p->locked = strtoul(value, NULL, 10) > 0;
    }
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
        snprintf(p->cmd, sizeof p->cmd, "[%s]", name);
    }
    return true;
}

static int by_pid(const void *a, const void *b)
{
    const struct proc_info *x = a, *y = b;
    return (x->pid > y->pid) - (x->pid < y->pid);
}

/* procps's tty names for the device numbers we have. */
static void tty_name(int dev, char *buf, size_t size)
{
    unsigned major = ((unsigned)dev >> 8) & 0xfff, minor = ((unsigned)dev & 0xff) | (((unsigned)dev >> 12) & 0xfff00);
    if (dev == 0)
        snprintf(buf, size, "?");
    else if (major == 4 && minor < 64)
        snprintf(buf, size, "tty%u", minor);
    else if (major == 4)
        snprintf(buf, size, "ttyS%u", minor - 64);
    else if (major >= 136 && major <= 143)
        snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
    else if (major == 5 && minor == 1)
        snprintf(buf, size, "console");
    else
        snprintf(buf, size, "%u,%u", major, minor);
}

/* A user's name, cut to 8 columns with '+' as procps does, or the number. */
static void user_name(unsigned uid, char *buf, size_t size)
{
    struct passwd *pw = getpwuid(uid);
    if (!pw) {
        snprintf(buf, size, "%u", uid);
        return;
    }
    if (strlen(pw->pw_name) > 8)
        snprintf(buf, size, "%.7s+", pw->pw_name);
    else
        snprintf(buf, size, "%s", pw->pw_name);
}

/* procps-ng 4 sizes PID columns by /proc/sys/kernel/pid_max: as many
 * digits as it has (at least 5). */
static int pid_width(void)
{
    char buf[32];
    int w = 5;
    if (read_small("/proc/sys/kernel/pid_max", buf, sizeof buf) > 0) {
        int d = (int)strspn(buf, "0123456789");
        if (d > w)
            w = d;
    }
    return w;
}

struct clock_info {
    double uptime;          /* seconds since boot */
    time_t boot, now;
    unsigned long long mem_total_kb;
};

static void read_clock(struct clock_info *c)
{
    char buf[4096], value[64];
    *c = (struct clock_info){0};
    c->now = time(NULL);
    if (read_small("/proc/uptime", buf, sizeof buf) > 0) { /* "SECONDS.HH ..." (no strtod in our libc) */
        char *end;
        c->uptime = (double)strtoull(buf, &end, 10);
        if (*end == '.')
            c->uptime += (double)strtoull(end + 1, NULL, 10) / 100;
    }
    if (read_small("/proc/stat", buf, sizeof buf) > 0) {
        const char *b = strstr(buf, "\nbtime ");
        c->boot = b ? (time_t)strtoull(b + 7, NULL, 10) : c->now - (time_t)c->uptime;
    }
    if (read_small("/proc/meminfo", buf, sizeof buf) > 0 && field(buf, "MemTotal", value, sizeof value))
        c->mem_total_kb = strtoull(value, NULL, 10);
}

/* CPU time over lifetime, in tenths of a percent (procps's pcpu). */
static unsigned long long pcpu_permille(const struct proc_info *p, const struct clock_info *c)
{
    double seconds = c->uptime - (double)p->start / HZ;
    if (seconds <= 0)
        return 0;
    return (unsigned long long)((double)(p->utime + p->stime) * 1000 / HZ / seconds);
}

/* START / STIME: within a day HH:MM, within a year MonDD, else the year. */
static void start_string(const struct proc_info *p, const struct clock_info *c, char *buf, size_t size)
{
    time_t t = c->boot + (time_t)(p->start / HZ);
    struct tm tm;
    gmtime_r(&t, &tm);
    const char *fmt = c->now - t < 24 * 3600 ? "%H:%M" : c->now - t < 365 * 24 * 3600 ? "%b%d" : "%Y";
    strftime(buf, size, fmt, &tm);
}

static void bsd_stat(const struct proc_info *p, char *buf)
{
    char *o = buf;
    *o++ = p->state;
    if (p->nice < 0)
        *o++ = '<';
    else if (p->nice > 0)
        *o++ = 'N';
    if (p->locked)
        *o++ = 'L';
    if (p->session == p->pid)
        *o++ = 's';
    if (p->threads > 1)
        *o++ = 'l';
    if (p->tty && p->tpgid == p->pgrp)
        *o++ = '+';
    *o = 0;
}

/* The command, cut to what is left of the terminal's width (not cut when
 * the output is not a terminal). */
static void print_command(const char *cmd, int used, int width)
{
    if (width > 0 && used < width)
        printf("%.*s\n", width - used, cmd);
    else
        printf("%s\n", cmd);
}

static int terminal_width(void)
{
    struct winsize ws;
    if (!isatty(1))
        return 0;
    return ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
}

static void print_bsd_user(const struct proc_info *v, size_t n, const struct clock_info *c, int width)
{
    int pw = pid_width();
    printf("USER     %*s %%CPU %%MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n", pw, "PID");
    for (size_t i = 0; i < n; i++) {
        const struct proc_info *p = &v[i];
        char user[32], tty[32], stat[16], start[16], line[256], pcpu[48];
        user_name(p->uid, user, sizeof user);
        tty_name(p->tty, tty, sizeof tty);
        bsd_stat(p, stat);
        start_string(p, c, start, sizeof start);
        unsigned long long cpu = pcpu_permille(p, c), secs = (p->utime + p->stime) / HZ;
        unsigned long long rss_kb = p->rss_pages * 4;
        unsigned long long mem = c->mem_total_kb ? rss_kb * 1000 / c->mem_total_kb : 0;
        if (cpu > 999) /* procps: no tenths from 100% up */
            snprintf(pcpu, sizeof pcpu, "%llu", cpu / 10);
        else
            snprintf(pcpu, sizeof pcpu, "%llu.%llu", cpu / 10, cpu % 10);
        int used = snprintf(line, sizeof line, "%-8s %*d %4s %2llu.%llu %6llu %5llu %-8s %-4s %5s %3llu:%02llu ",
                            user, pw, p->pid, pcpu, mem / 10, mem % 10, p->vsize / 1024, rss_kb, tty,
                            stat, start, secs / 60, secs % 60);
        fputs(line, stdout);
        print_command(p->cmd, used, width);
    }
}

static void print_full(const struct proc_info *v, size_t n, const struct clock_info *c, int width)
{
    int pw = pid_width();
    printf("UID      %*s %*s  C STIME TTY          TIME CMD\n", pw, "PID", pw, "PPID");
    for (size_t i = 0; i < n; i++) {
        const struct proc_info *p = &v[i];
        char user[32], tty[32], start[16], line[256], time_s[32];
        user_name(p->uid, user, sizeof user);
        tty_name(p->tty, tty, sizeof tty);
        start_string(p, c, start, sizeof start);
        unsigned long long cpu = pcpu_permille(p, c) / 10, secs = (p->utime + p->stime) / HZ;
        if (cpu > 99)
            cpu = 99;
        if (secs >= 86400)
            snprintf(time_s, sizeof time_s, "%llu-%02llu:%02llu:%02llu", secs / 86400, secs / 3600 % 24,
                     secs / 60 % 60, secs % 60);
        else
            snprintf(time_s, sizeof time_s, "%02llu:%02llu:%02llu", secs / 3600, secs / 60 % 60, secs % 60);
        int used = snprintf(line, sizeof line, "%-8s %*d %*d %2llu %5s %-8s %8s ", user, pw, p->pid, pw, p->ppid, cpu,
                            start, tty, time_s);
        fputs(line, stdout);
        print_command(p->cmd, used, width);
    }
}

int main(int argc, char **argv)
{
    enum { PLAIN, BSD_USER, FULL } format = PLAIN;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool dash = a[0] == '-';
        for (const char *o = a + dash; *o; o++) {
            if (!dash && (*o == 'a' || *o == 'x'))
                continue; /* every process is listed anyway */
            if (!dash && *o == 'u')
                format = BSD_USER;
            else if (dash && (*o == 'e' || *o == 'A'))
                continue;
            else if (dash && *o == 'f')
                format = FULL;
            else {
                fprintf(stderr, "error: unsupported option (BSD syntax)\n\n"
                                "Usage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n");
                return 1;
            }
        }
    }
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
    struct clock_info c;
    read_clock(&c);
    int width = terminal_width();
    if (format == BSD_USER)
        print_bsd_user(procs, n, &c, width);
    else if (format == FULL)
        print_full(procs, n, &c, width);
    else {
        printf("  PID  PPID STAT CMD\n");
        for (size_t i = 0; i < n; i++)
            printf("%5d %5d %-4c %s\n", procs[i].pid, procs[i].ppid, procs[i].state, procs[i].cmd);
    }
    return fflush(stdout) ? 1 : 0;
}
