/* strftime.c - time formatting in the "C" locale (English names). */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};
static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December"};

struct out {
    char *s;
    size_t max, len;
    int overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len + n >= o->max) {
        o->overflow = 1;
        return;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
}

static void put_str(struct out *o, const char *s) { put(o, s, strlen(s)); }

static void put_num(struct out *o, const char *fmt, long v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, fmt, v);
    put(o, buf, (size_t)n);
}

static const char *name(const char *const *names, int count, int i)
{
    return i >= 0 && i < count ? names[i] : "?";
}

static void format(struct out *o, const char *fmt, const struct tm *tm)
{
    for (; *fmt && !o->overflow; fmt++) {
        if (*fmt != '%') {
            put(o, fmt, 1);
            continue;
        }
        fmt++;
        /* E and O modifiers mean nothing in the C locale */
        if (*fmt == 'E' || *fmt == 'O')
            fmt++;
        int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
        switch (*fmt) {
        case 'a': put(o, name(day_names, 7, tm->tm_wday), 3); break;
        case 'A': put_str(o, name(day_names, 7, tm->tm_wday)); break;
        case 'b':
        case 'h': put(o, name(month_names, 12, tm->tm_mon), 3); break;
        case 'B': put_str(o, name(month_names, 12, tm->tm_mon)); break;
        case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
        case 'C': put_num(o, "%02ld", (1900L + tm->tm_year) / 100); break;
        case 'd': put_num(o, "%02ld", tm->tm_mday); break;
        case 'D': format(o, "%m/%d/%y", tm); break;
        case 'e': put_num(o, "%2ld", tm->tm_mday); break;
        case 'F': format(o, "%Y-%m-%d", tm); break;
        case 'H': put_num(o, "%02ld", tm->tm_hour); break;
        case 'I': put_num(o, "%02ld", hour12); break;
        case 'j': put_num(o, "%03ld", tm->tm_yday + 1L); break;
        case 'k': put_num(o, "%2ld", tm->tm_hour); break;
        case 'l': put_num(o, "%2ld", hour12); break;
        case 'm': put_num(o, "%02ld", tm->tm_mon + 1L); break;
        case 'M': put_num(o, "%02ld", tm->tm_min); break;
        case 'n': put(o, "\n", 1); break;
        case 'p': put_str(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
        case 'P': put_str(o, tm->tm_hour < 12 ? "am" : "pm"); break;
        case 'r': format(o, "%I:%M:%S %p", tm); break;
        case 'R': format(o, "%H:%M", tm); break;
        case 's': {
            struct tm copy = *tm;
            put_num(o, "%ld", (long)timegm(&copy));
            break;
        }
        case 'S': put_num(o, "%02ld", tm->tm_sec); break;
        case 't': put(o, "\t", 1); break;
        case 'T': format(o, "%H:%M:%S", tm); break;
        case 'u': put_num(o, "%ld", tm->tm_wday ? tm->tm_wday : 7L); break;
        case 'w': put_num(o, "%ld", tm->tm_wday); break;
        case 'x': format(o, "%m/%d/%y", tm); break;
        case 'X': format(o, "%H:%M:%S", tm); break;
        case 'y': put_num(o, "%02ld", (1900L + tm->tm_year) % 100); break;
        case 'Y': put_num(o, "%ld", 1900L + tm->tm_year); break;
        case 'z': put_str(o, "+0000"); break;
        case 'Z': put_str(o, tm->tm_zone ? tm->tm_zone : "UTC"); break;
        case '%': put(o, "%", 1); break;
        case '\0': fmt--; put(o, "%", 1); break;
        default: put(o, fmt - 1, 2); break;
        }
    }
}

/* 0 (and unspecified contents) when the result and its NUL do not fit. */
size_t strftime(char *restrict s, size_t max, const char *restrict fmt, const struct tm *restrict tm)
{
    struct out o = {s, max, 0, 0};
    if (max == 0)
        return 0;
    format(&o, fmt, tm);
    if (o.overflow)
        return 0;
    s[o.len] = '\0';
    return o.len;
}
