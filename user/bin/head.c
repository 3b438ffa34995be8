/* head: the first lines (-n N, or -N; default 10) or bytes (-c N) of
 * each file; with several files, each gets a "==> NAME <==" header. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long limit = 10;
static bool bytes_mode;

static bool parse_count(const char *s, unsigned long long *out)
{
    char *end;
    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return !*end && !errno;
}

static int head_fd(int fd, const char *name)
{
    static char buf[65536];
    unsigned long long left = limit;
    while (left) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "head: error reading '%s': %s\n", name, strerror(errno));
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
            if (!parse_count(a + 1, &limit))
                goto bad_count;
            bytes_mode = false;
        } else if (a[1] == 'n' || a[1] == 'c') {
            const char *arg = a[2] ? a + 2 : argv[++i];
            if (!parse_count(arg, &limit)) {
                a = arg ? arg : "";
                goto bad_count;
            }
            bytes_mode = a[1] == 'c';
        } else {
            fprintf(stderr, "head: invalid option -- '%c'\n", a[1]);
            return 1;
        }
        continue;
    bad_count:
        fprintf(stderr, "head: invalid number of %s: '%s'\n", bytes_mode ? "bytes" : "lines", a);
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
            fprintf(stderr, "head: cannot open '%s' for reading: %s\n", files[k], strerror(errno));
            status = 1;
            continue;
        }
        if (nfiles > 1) {
            printf("%s==> %s <==\n", first ? "" : "\n", is_stdin ? "standard input" : files[k]);
            first = false;
        }
        fflush(stdout);
        status |= head_fd(fd, files[k]);
        fflush(stdout);
        if (!is_stdin)
            close(fd);
    }
    return status;
}
