/* time.h - clocks, sleeping, broken-down time (UTC only: no time zones). */
#ifndef _TIME_H
#define _TIME_H

#include <bits/types.h>
#include "uapi/time.h"

#define CLOCKS_PER_SEC 1000000L

struct tm {
    int tm_sec;
    int tm_min;
    int tm_hour;
    int tm_mday;
    int tm_mon;
    int tm_year;
    int tm_wday;
    int tm_yday;
    int tm_isdst;
    long tm_gmtoff;
    const char *tm_zone;
};

time_t time(time_t *t);
int clock_gettime(clockid_t clock, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t timegm(struct tm *tm);
size_t strftime(char *restrict s, size_t max, const char *restrict fmt, const struct tm *restrict tm);

#endif
