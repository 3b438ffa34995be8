/* printf.c - the printf family: each one formats through __tc_format
 * (format.c) into a different sink. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "stdio_impl.h"

/* ---- into a FILE ---- */

struct file_sink {
    FILE *f;
    /* unbuffered streams collect the whole call here, so one printf is
     * one write(2) (messages on stderr do not come out in pieces) */
    char buf[512];
    size_t len;
    int direct;
};

static void file_out(void *ctx, const char *s, size_t n)
{
    struct file_sink *k = ctx;
    if (!k->direct) {
        __stdio_write(k->f, s, n);
        return;
    }
    if (k->len + n > sizeof k->buf) {
        __stdio_write(k->f, k->buf, k->len);
        k->len = 0;
        if (n > sizeof k->buf) {
            __stdio_write(k->f, s, n);
            return;
        }
    }
    memcpy(k->buf + k->len, s, n);
    k->len += n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    struct file_sink k;
    k.f = f;
    k.len = 0;
    k.direct = __stdio_bufmode(f) == _IONBF;
    int had_error = f->flags & SF_ERR;
    f->flags &= ~SF_ERR;
    int n = __tc_format(file_out, &k, fmt, ap);
    if (k.direct && k.len)
        __stdio_write(f, k.buf, k.len);
    int failed = f->flags & SF_ERR;
    f->flags |= had_error;
    return failed ? -1 : n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- into a string ---- */

struct string_sink {
    char *s;
    size_t cap; /* room for characters, the NUL not counted */
    size_t len;
};

static void string_out(void *ctx, const char *s, size_t n)
{
    struct string_sink *k = ctx;
    if (k->len < k->cap) {
        size_t room = k->cap - k->len;
        memcpy(k->s + k->len, s, n < room ? n : room);
    }
    k->len += n;
}

int vsnprintf(char *restrict s, size_t size, const char *restrict fmt, va_list ap)
{
    struct string_sink k = {s, size ? size - 1 : 0, 0};
    int n = __tc_format(string_out, &k, fmt, ap);
    if (size)
        s[k.len < k.cap ? k.len : k.cap] = '\0';
    return n;
}

int snprintf(char *restrict s, size_t size, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s, size, fmt, ap);
    va_end(ap);
    return n;
}

int vsprintf(char *restrict s, const char *restrict fmt, va_list ap)
{
    return vsnprintf(s, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *restrict s, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(s, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- into a descriptor ---- */

struct fd_sink {
    int fd;
    int failed;
    size_t len;
    char buf[512];
};

static void fd_flush(struct fd_sink *k)
{
    const char *p = k->buf;
    size_t n = k->len;
    while (n && !k->failed) {
        ssize_t w = write(k->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            k->failed = 1;
            break;
        }
        p += w;
        n -= (size_t)w;
    }
    k->len = 0;
}

static void fd_out(void *ctx, const char *s, size_t n)
{
    struct fd_sink *k = ctx;
    while (n) {
        if (k->len == sizeof k->buf)
            fd_flush(k);
        size_t c = sizeof k->buf - k->len;
        if (c > n)
            c = n;
        memcpy(k->buf + k->len, s, c);
        k->len += c;
        s += c;
        n -= c;
    }
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
    struct fd_sink k;
    k.fd = fd;
    k.failed = 0;
    k.len = 0;
    int n = __tc_format(fd_out, &k, fmt, ap);
    fd_flush(&k);
    return k.failed ? -1 : n;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

void perror(const char *prefix)
{
    const char *msg = strerror(errno);
    if (prefix && *prefix)
        fprintf(stderr, "%s: %s\n", prefix, msg);
    else
        fprintf(stderr, "%s\n", msg);
}
