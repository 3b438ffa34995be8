/*
 * stdio.c - buffered streams.
 *
 * A stream's one buffer holds either unread input or unwritten output,
 * never both: writing discards read-ahead (seeking back over it), reading
 * flushes pending output. stdout is line buffered on a terminal and fully
 * buffered otherwise; stderr is unbuffered. Reading from the kernel first
 * flushes a line-buffered stdout, so prompts appear before input is read.
 * exit() flushes every stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc_private.h"
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static struct tinyc_file std_streams[3] = {
    {0, SF_READ | SF_STATIC, _IOFBF, stdin_buf, BUFSIZ, 0, 0, 0, EOF, &std_streams[1]},
    {1, SF_WRITE | SF_STATIC, BUFMODE_UNSET, stdout_buf, BUFSIZ, 0, 0, 0, EOF, &std_streams[2]},
    {2, SF_WRITE | SF_STATIC, _IONBF, NULL, 0, 0, 0, 0, EOF, NULL},
};

FILE *stdin = &std_streams[0];
FILE *stdout = &std_streams[1];
FILE *stderr = &std_streams[2];

static FILE *all_streams = &std_streams[0];

int __stdio_bufmode(FILE *f)
{
    if (f->bufmode == BUFMODE_UNSET)
        f->bufmode = isatty(f->fd) ? _IOLBF : _IOFBF;
    return f->bufmode;
}

/* A buffer for streams that want one and have none yet. */
static int ensure_buffer(FILE *f)
{
    if (f->buf)
        return 1;
    if (f->cap == 0)
        f->cap = BUFSIZ;
    f->buf = malloc(f->cap);
    if (!f->buf) {
        f->bufmode = _IONBF;
        f->cap = 0;
        return 0;
    }
    f->flags |= SF_MYBUF;
    return 1;
}

static int write_all(FILE *f, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(f->fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            f->flags |= SF_ERR;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Gives up read-ahead: the file offset goes back to where the reader is. */
static void drop_input(FILE *f)
{
    size_t unread = f->rlen - f->rpos + (f->ungot != EOF);
    if (unread)
        lseek(f->fd, -(off_t)unread, SEEK_CUR);
    f->rpos = f->rlen = 0;
    f->ungot = EOF;
}

int __stdio_flush(FILE *f)
{
    if (f->wlen) {
        size_t n = f->wlen;
        f->wlen = 0;
        if (write_all(f, f->buf, n) < 0)
            return EOF;
    } else if (f->rlen > f->rpos || f->ungot != EOF) {
        drop_input(f);
    }
    return 0;
}

size_t __stdio_write(FILE *f, const void *data, size_t n)
{
    const unsigned char *p = data;
    if (!(f->flags & SF_WRITE)) {
        f->flags |= SF_ERR;
        errno = EBADF;
        return 0;
    }
    if (f->rlen > f->rpos || f->ungot != EOF)
        drop_input(f);
    int mode = __stdio_bufmode(f);
    if (mode != _IONBF && !ensure_buffer(f))
        mode = _IONBF;
    if (mode == _IONBF) {
        if (__stdio_flush(f) < 0 || write_all(f, p, n) < 0)
            return 0;
        return n;
    }
    if (f->wlen + n > f->cap && __stdio_flush(f) < 0)
        return 0;
    if (n >= f->cap) {
        if (write_all(f, p, n) < 0)
            return 0;
        return n;
    }
    memcpy(f->buf + f->wlen, p, n);
    f->wlen += n;
    if (mode == _IOLBF && memchr(p, '\n', n) && __stdio_flush(f) < 0)
        return 0;
    return n;
}

/* Reads more input into the empty buffer: 1 if some came, 0 at end of
 * file or error (flags say which). */
static int refill(FILE *f)
{
    if (!(f->flags & SF_READ)) {
        f->flags |= SF_ERR;
        errno = EBADF;
        return 0;
    }
    if (f->wlen)
        __stdio_flush(f);
    if (stdout->bufmode == _IOLBF && stdout->wlen)
        __stdio_flush(stdout);
    if (!ensure_buffer(f)) {
        f->flags |= SF_ERR;
        return 0;
    }
    for (;;) {
        ssize_t r = read(f->fd, f->buf, f->bufmode == _IONBF ? 1 : f->cap);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            f->flags |= r == 0 ? SF_EOF : SF_ERR;
            return 0;
        }
        f->rpos = 0;
        f->rlen = (size_t)r;
        return 1;
    }
}

int fgetc(FILE *f)
{
    if (f->ungot != EOF) {
        int c = f->ungot;
        f->ungot = EOF;
        return c;
    }
    if (f->rpos == f->rlen && !refill(f))
        return EOF;
    return f->buf[f->rpos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
    if (c == EOF || f->ungot != EOF)
        return EOF;
    if (f->rpos > 0 && f->buf[f->rpos - 1] == (unsigned char)c) {
        f->rpos--; /* the common case: put back what was just read */
    } else {
        f->ungot = (unsigned char)c;
    }
    f->flags &= ~SF_EOF;
    return (unsigned char)c;
}

size_t fread(void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
    if (size == 0 || n == 0)
        return 0;
    size_t want = size * n, got = 0;
    unsigned char *out = buf;
    if (f->ungot != EOF && want > 0) {
        out[got++] = (unsigned char)f->ungot;
        f->ungot = EOF;
    }
    while (got < want) {
        if (f->rpos < f->rlen) {
            size_t k = f->rlen - f->rpos;
            if (k > want - got)
                k = want - got;
            memcpy(out + got, f->buf + f->rpos, k);
            f->rpos += k;
            got += k;
        } else if (!refill(f)) {
            break;
        }
    }
    return got / size;
}

size_t fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
    if (size == 0 || n == 0)
        return 0;
    return __stdio_write(f, buf, size * n) / size;
}

int fputc(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;
    return __stdio_write(f, &ch, 1) == 1 ? ch : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *restrict s, FILE *restrict f)
{
    size_t n = strlen(s);
    return __stdio_write(f, s, n) == n ? 1 : EOF;
}

int puts(const char *s)
{
    if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
        return EOF;
    return 1;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
    if (!line || !cap) {
        errno = EINVAL;
        return -1;
    }
    size_t len = 0;
    for (;;) {
        /* the next chunk: up to and including delim, or all buffered */
        const unsigned char *chunk;
        size_t k;
        unsigned char one;
        int done = 0;
        if (f->ungot != EOF) {
            one = (unsigned char)f->ungot;
            f->ungot = EOF;
            chunk = &one;
            k = 1;
            done = one == (unsigned char)delim;
        } else {
            if (f->rpos == f->rlen && !refill(f))
                break;
            chunk = f->buf + f->rpos;
            k = f->rlen - f->rpos;
            const unsigned char *hit = memchr(chunk, delim, k);
            if (hit) {
                k = (size_t)(hit - chunk) + 1;
                done = 1;
            }
            f->rpos += k;
        }
        if (len + k + 1 > *cap || !*line) {
            size_t ncap = *cap ? *cap : 120;
            while (ncap < len + k + 1)
                ncap *= 2;
            char *n = realloc(*line, ncap);
            if (!n) {
                f->flags |= SF_ERR;
                return -1;
            }
            *line = n;
            *cap = ncap;
        }
        memcpy(*line + len, chunk, k);
        len += k;
        if (done)
            break;
    }
    if (len == 0)
        return -1;
    (*line)[len] = '\0';
    return (ssize_t)len;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
    return getdelim(line, cap, '\n', f);
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
    if (size <= 0)
        return NULL;
    int n = 0;
    while (n < size - 1) {
        int c;
        if (f->ungot == EOF && f->rpos < f->rlen) {
            /* copy straight from the buffer up to a newline */
            size_t k = f->rlen - f->rpos;
            if (k > (size_t)(size - 1 - n))
                k = (size_t)(size - 1 - n);
            const unsigned char *src = f->buf + f->rpos;
            const unsigned char *nl = memchr(src, '\n', k);
            if (nl)
                k = (size_t)(nl - src) + 1;
            memcpy(s + n, src, k);
            f->rpos += k;
            n += (int)k;
            if (nl)
                break;
            continue;
        }
        if ((c = fgetc(f)) == EOF)
            break;
        s[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (n == 0)
        return NULL;
    s[n] = '\0';
    return s;
}

int fflush(FILE *f)
{
    if (f)
        return __stdio_flush(f);
    int r = 0;
    for (FILE *p = all_streams; p; p = p->next)
        if (p->wlen && __stdio_flush(p) < 0)
            r = EOF;
    return r;
}

void __stdio_flush_all(void)
{
    fflush(NULL);
}

/* "r" "w" "a", each with an optional "+", "b" (ignored), "e" (close on
 * exec) and "x" (exclusive create). */
static int mode_flags(const char *mode, int *stream_flags)
{
    int oflags;
    switch (mode[0]) {
    case 'r':
        oflags = O_RDONLY;
        *stream_flags = SF_READ;
        break;
    case 'w':
        oflags = O_WRONLY | O_CREAT | O_TRUNC;
        *stream_flags = SF_WRITE;
        break;
    case 'a':
        oflags = O_WRONLY | O_CREAT | O_APPEND;
        *stream_flags = SF_WRITE;
        break;
    default:
        errno = EINVAL;
        return -1;
    }
    for (const char *m = mode + 1; *m; m++) {
        if (*m == '+') {
            oflags = (oflags & ~O_ACCMODE) | O_RDWR;
            *stream_flags = SF_READ | SF_WRITE;
        } else if (*m == 'e') {
            oflags |= O_CLOEXEC;
        } else if (*m == 'x') {
            oflags |= O_EXCL;
        }
    }
    return oflags;
}

static FILE *new_stream(int fd, int flags)
{
    FILE *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fd = fd;
    f->flags = flags;
    f->bufmode = BUFMODE_UNSET;
    f->ungot = EOF;
    f->next = all_streams;
    all_streams = f;
    return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
    int sflags;
    int oflags = mode_flags(mode, &sflags);
    if (oflags < 0)
        return NULL;
    int fd = open(path, oflags, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = new_stream(fd, sflags);
    if (!f)
        close(fd);
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int sflags;
    if (mode_flags(mode, &sflags) < 0)
        return NULL;
    if (fcntl(fd, F_GETFD) < 0)
        return NULL;
    return new_stream(fd, sflags);
}

int fclose(FILE *f)
{
    int r = __stdio_flush(f);
    if (close(f->fd) < 0)
        r = EOF;
    if (f->flags & SF_MYBUF)
        free(f->buf);
    if (f->flags & SF_STATIC) {
        f->flags = SF_STATIC; /* neither readable nor writable any more */
        f->buf = NULL;
        f->cap = 0;
        return r;
    }
    for (FILE **pp = &all_streams; *pp; pp = &(*pp)->next) {
        if (*pp == f) {
            *pp = f->next;
            break;
        }
    }
    free(f);
    return r;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
    if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF) {
        errno = EINVAL;
        return -1;
    }
    __stdio_flush(f);
    if (f->flags & SF_MYBUF) {
        free(f->buf);
        f->flags &= ~SF_MYBUF;
        f->buf = NULL;
        f->cap = 0;
    }
    if (f->buf == stdin_buf || f->buf == stdout_buf) {
        f->buf = NULL;
        f->cap = 0;
    }
    f->bufmode = mode;
    if (mode != _IONBF) {
        if (buf && size) {
            f->buf = (unsigned char *)buf;
            f->cap = size;
        } else {
            f->cap = size ? size : BUFSIZ;
        }
    }
    return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fseek(FILE *f, long off, int whence)
{
    if (__stdio_flush(f) < 0)
        return -1;
    if (whence == SEEK_CUR)
        off -= (long)(f->rlen - f->rpos) + (f->ungot != EOF);
    f->rpos = f->rlen = 0;
    f->ungot = EOF;
    if (lseek(f->fd, off, whence) < 0)
        return -1;
    f->flags &= ~SF_EOF;
    return 0;
}

long ftell(FILE *f)
{
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    if (pos < 0)
        return -1;
    return pos - (long)(f->rlen - f->rpos) - (f->ungot != EOF) + (long)f->wlen;
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    f->flags &= ~SF_ERR;
}

int feof(FILE *f) { return !!(f->flags & SF_EOF); }
int ferror(FILE *f) { return !!(f->flags & SF_ERR); }
void clearerr(FILE *f) { f->flags &= ~(SF_EOF | SF_ERR); }
int fileno(FILE *f) { return f->fd; }
