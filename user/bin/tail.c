/* tail: the last lines (-n N, -N; default 10) or bytes (-c N) of each
 * file; -n +N starts at line N instead. Several files get "==> NAME <=="
 * headers. The input is read whole into memory (files here are small). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long count = 10;
static bool bytes_mode, from_start;

static bool parse_count(const char *s)
{
    char *end;
    if (!s || !*s)
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
            fprintf(stderr, "tail: %s: out of memory\n", name);
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
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "tail: error reading '%s': %s\n", name, strerror(errno));
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
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (a[1] >= '0' && a[1] <= '9') { /* -N */
            if (!parse_count(a + 1))
                goto bad_count;
            bytes_mode = false;
        } else if (a[1] == 'n' || a[1] == 'c') {
            bytes_mode = a[1] == 'c';
            const char *arg = a[2] ? a + 2 : argv[++i];
            if (!parse_count(arg)) {
                a = arg ? arg : "";
                goto bad_count;
            }
        } else {
            fprintf(stderr, "tail: invalid option -- '%c'\n", a[1]);
            return 1;
        }
        continue;
    bad_count:
        fprintf(stderr, "tail: invalid number of %s: '%s'\n", bytes_mode ? "bytes" : "lines", a);
        return 1;
    }
    char *stdin_only[] = {"-", NULL};
    char **files = i < argc ? argv + i : stdin_only;
    int nfiles = i < argc ? argc - i : 1;
    int status = 0;
    bool first = true;
    for (int k = 0; k < nfiles; k++) {
        bool is_stdin = !strcmp(files[k], "-");
        int fd = is_stdin ? 0 : open(files[k], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "tail: cannot open '%s' for reading: %s\n", files[k], strerror(errno));
            status = 1;
            continue;
        }
        if (nfiles > 1) {
            printf("%s==> %s <==\n", first ? "" : "\n", is_stdin ? "standard input" : files[k]);
            first = false;
        }
        status |= tail_fd(fd, files[k]);
        if (!is_stdin)
            close(fd);
    }
    return fflush(stdout) ? 1 : status;
}
