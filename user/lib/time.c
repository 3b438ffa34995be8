/*
 * time.c - broken-down time. There are no time zones: localtime is
 * gmtime. The calendar is the proleptic Gregorian one; the day-number
 * conversions count in 400-year eras of 146097 days, shifted so years
 * start on March 1 (the leap day is then the last day of a year).
 */
#include <time.h>

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static const short days_before_month[2][12] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335},
};

/* Days since 1970-01-01 of y-m-d (m 1..12). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
    long days = *t / 86400, rem = *t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    tm->tm_hour = (int)(rem / 3600);
    tm->tm_min = (int)(rem % 3600 / 60);
    tm->tm_sec = (int)(rem % 60);
    tm->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */

    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int mday = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mon = (int)(mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (mon <= 2);

    tm->tm_year = (int)(year - 1900);
    tm->tm_mon = mon - 1;
    tm->tm_mday = mday;
    tm->tm_yday = days_before_month[is_leap(year)][mon - 1] + mday - 1;
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = "GMT";
    return tm;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm tm;
    return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
    gmtime_r(t, tm);
    tm->tm_zone = "UTC";
    return tm;
}

struct tm *localtime(const time_t *t)
{
    static struct tm tm;
    return localtime_r(t, &tm);
}

/* The inverse of gmtime; out-of-range fields carry over (month 12 is
 * next January), and *tm is normalized. */
time_t timegm(struct tm *tm)
{
    long y = 1900L + tm->tm_year + tm->tm_mon / 12;
    int m = tm->tm_mon % 12;
    if (m < 0) {
        m += 12;
        y--;
    }
    long days = days_from_civil(y, m + 1, 1) + tm->tm_mday - 1;
    time_t t = days * 86400 + tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
    gmtime_r(&t, tm);
    return t;
}
