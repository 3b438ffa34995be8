/* cat: copy files (or standard input, also for "-") to standard output.
 * -n numbers every output line as GNU cat does ("%6d\t"). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool number;
static long line_no = 1;
static bool at_line_start = true;

static bool write_all(const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(1, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Writes a chunk, inserting line numbers at each line start (-n). The
 * state carries over between chunks and files, as in GNU cat. */
static bool emit(const char *p, size_t n)
{
    if (!number)
        return write_all(p, n);
    while (n) {
        if (at_line_start) {
            char num[32];
            int len = snprintf(num, sizeof num, "%6ld\t", line_no++);
            if (!write_all(num, (size_t)len))
                return false;
            at_line_start = false;
        }
        const char *nl = memchr(p, '\n', n);
        size_t len = nl ? (size_t)(nl - p) + 1 : n;
        if (!write_all(p, len))
            return false;
        at_line_start = nl != NULL;
        p += len;
        n -= len;
    }
    return true;
}

/* Copies one descriptor; returns 0, or 1 after printing an error. */
static int copy_fd(int fd, const char *name)
{
    static char buf[65536];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
            return 1;
        }
        if (r == 0)
            return 0;
        if (!emit(buf, (size_t)r)) {
            fprintf(stderr, "cat: write error: %s\n", strerror(errno));
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'n') {
                number = true;
            } else if (*p != 'u') { /* -u (unbuffered) is what we do anyway */
                fprintf(stderr, "cat: invalid option -- '%c'\n", *p);
                return 1;
            }
        }
    }
    if (i == argc)
        return copy_fd(0, "-");
    int status = 0;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            status |= copy_fd(0, "-");
            continue;
        }
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= copy_fd(fd, argv[i]);
        close(fd);
    }
    return status;
}
