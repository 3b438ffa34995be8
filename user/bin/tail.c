/* tail: the last lines (-n N, -N; default 10) or bytes (-c N) of each
 * file; -n +N starts at line N instead. Several files get "==> NAME <=="
 * headers. The input is read whole into memory (files here are small). */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/head_tail.h"

static unsigned long long count = 10;
static bool bytes_mode, from_start;

static bool parse_count(const char *s)
{
    char *end;
    if (!*s)
        return false;
    from_start = *s == '+';
    if (*s == '+' || *s == '-')
        s++;
    if (!*s || *s == '-' || *s == '+')
        return false;
    errno = 0;
    count = strtoull(s, &end, 10);
    return !*end && !errno;
}

/* Reads the whole descriptor into a malloc'd buffer. */
static char *slurp(int fd, size_t *len, const char *name)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            warnx("%s: out of memory", name);
            return NULL;
        }
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
            continue;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            warn("error reading '%s'", name);
            free(buf);
            return NULL;
        }
        if (r == 0) {
            *len = n;
            return buf;
        }
        n += (size_t)r;
    }
}

static int tail_fd(int fd, const char *name)
{
    size_t len;
    char *buf = slurp(fd, &len, name);
    if (!buf)
        return 1;
    size_t start;
    if (bytes_mode) {
        if (from_start)
            start = count ? (count - 1 < len ? (size_t)count - 1 : len) : 0;
        else
            start = count < len ? len - (size_t)count : 0;
    } else if (from_start) {
        start = 0;
        for (unsigned long long line = 1; line < count && start < len; start++)
            if (buf[start] == '\n')
                line++;
    } else {
        /* Back from the end, over `count` newlines; a last line without
         * one still counts as a line. */
        start = len;
        unsigned long long seen = 0;
        if (len && buf[len - 1] == '\n')
            start--;
        while (start > 0) {
            if (buf[start - 1] == '\n' && ++seen == count)
                break;
            start--;
        }
        if (count == 0)
            start = len;
    }
    fwrite(buf + start, 1, len - start, stdout);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int status = for_each_input(argc, argv, parse_count_options(argc, argv, parse_count, &bytes_mode), tail_fd);
    return fflush(stdout) ? 1 : status;
}
