/* touch [-acm] [-r REF | -t [[CC]YY]MMDDhhmm[.SS]] FILE...: set a file's
 * access and modification times (to now, to REF's, or to the -t stamp),
 * creating it (empty) if it does not exist. -c: do not create; -a / -m:
 * only the access / modification time (the other is left as it is).
 * Tiny OS has no time zones: -t stamps are read as UTC, the local time. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_utimensat
#define SYS_utimensat 280 /* x86_64; our libc has syscall() but no wrapper */
#endif
#ifndef UTIME_NOW
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#endif

static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* POSIX's -t [[CC]YY]MMDDhhmm[.SS]: 0 on success. */
static int parse_stamp(const char *s, struct timespec *out)
{
    const char *dot = strchr(s, '.');
    size_t n = dot ? (size_t)(dot - s) : strlen(s);
    if ((n != 8 && n != 10 && n != 12) || (dot && (strlen(dot + 1) != 2)))
        return -1;
    for (size_t i = 0; s[i]; i++)
        if (s + i != dot && (s[i] < '0' || s[i] > '9'))
            return -1;
    struct tm tm = {0};
    const char *p = s;
    if (n == 12) {
        tm.tm_year = two(p) * 100 + two(p + 2) - 1900;
        p += 4;
    } else if (n == 10) {
        int yy = two(p);
        tm.tm_year = yy < 69 ? yy + 100 : yy; /* 69-99: 19YY, 00-68: 20YY (POSIX) */
        p += 2;
    } else {
        time_t now = time(NULL);
        struct tm cur;
        gmtime_r(&now, &cur);
        tm.tm_year = cur.tm_year;
    }
    tm.tm_mon = two(p) - 1;
    tm.tm_mday = two(p + 2);
    tm.tm_hour = two(p + 4);
    tm.tm_min = two(p + 6);
    tm.tm_sec = dot ? two(dot + 1) : 0;
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    out->tv_sec = timegm(&tm);
    out->tv_nsec = 0;
    return 0;
}

int main(int argc, char **argv)
{
    bool no_create = false, only_a = false, only_m = false;
    struct timespec when = {0, UTIME_NOW};
    struct timespec times[2];
    bool given = false, from_ref = false;
    int opt;
    while ((opt = getopt(argc, argv, "camr:t:")) != -1) {
        if (opt == 'c') {
            no_create = true;
        } else if (opt == 'a') {
            only_a = true;
        } else if (opt == 'm') {
            only_m = true;
        } else if (opt == 't') {
            if (parse_stamp(optarg, &when) < 0)
                errx(1, "invalid date format '%s'", optarg);
            given = true;
        } else if (opt == 'r') {
            struct stat st;
            if (stat(optarg, &st) < 0)
                err(1, "failed to get attributes of '%s'", optarg);
            times[0] = st.st_atim;
            times[1] = st.st_mtim;
            given = from_ref = true;
        } else {
            return 1;
        }
    }
    if (optind == argc)
        errx(1, "missing file operand");
    if (!from_ref)
        times[0] = times[1] = when;
    if (only_a && !only_m)
        times[1].tv_nsec = UTIME_OMIT;
    if (only_m && !only_a)
        times[0].tv_nsec = UTIME_OMIT;
    /* NULL times when nothing was asked for: "now" with the permission
     * rule of a plain touch (write access suffices, not ownership). */
    const struct timespec *tp = given || only_a != only_m ? times : NULL;
    int status = 0;
    for (int i = optind; i < argc; i++) {
        /* Times first: for an existing file (or directory) that is all. */
        if (syscall(SYS_utimensat, AT_FDCWD, argv[i], tp, 0) == 0)
            continue;
        int e = errno;
        if (e == ENOENT && no_create)
            continue;
        if (e == ENOENT) {
            int fd = open(argv[i], O_WRONLY | O_CREAT | O_NOCTTY, 0666);
            if (fd >= 0) {
                close(fd);
                if (!tp || syscall(SYS_utimensat, AT_FDCWD, argv[i], tp, 0) == 0)
                    continue;
            }
            e = errno;
        }
        errno = e;
        warn("cannot touch '%s'", argv[i]);
        status = 1;
    }
    return status;
}
