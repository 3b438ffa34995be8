/* head: the first lines (-n N, or -N; default 10) or bytes (-c N) of
 * each file; with several files, each gets a "==> NAME <==" header. */
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

static unsigned long long limit = 10;
static bool bytes_mode;

static bool parse_count(const char *s)
{
    char *end;
    if (!*s || *s == '-')
        return false;
    errno = 0;
    limit = strtoull(s, &end, 10);
    return !*end && !errno;
}

static int head_fd(int fd, const char *name)
{
    static char buf[65536];
    /* the header (if any) before what comes straight from read() */
    fflush(stdout);
    unsigned long long left = limit;
    while (left) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0) {
            warn("error reading '%s'", name);
            return 1;
        }
        if (r == 0)
            break;
        size_t take = (size_t)r;
        if (bytes_mode) {
            if (take > left)
                take = (size_t)left;
            left -= take;
        } else {
            for (size_t i = 0; i < (size_t)r; i++)
                if (buf[i] == '\n' && --left == 0) {
                    take = i + 1;
                    break;
                }
        }
        if (fwrite(buf, 1, take, stdout) != take)
            return 1;
    }
    /* flushed before the next file's header, or exit */
    return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    return for_each_input(argc, argv, parse_count_options(argc, argv, parse_count, &bytes_mode), head_fd);
}
