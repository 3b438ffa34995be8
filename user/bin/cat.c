/* cat: copy files (or standard input, also for "-") to standard output.
 * -n numbers every output line as GNU cat does ("%6d\t"). */
#include <err.h>
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
        if (r < 0) {
            warn("%s", name);
            return 1;
        }
        if (r == 0)
            return 0;
        if (!emit(buf, (size_t)r)) {
            warn("write error");
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "nu")) != -1) {
        if (opt == 'n')
            number = true;
        else if (opt != 'u') /* -u (unbuffered) is what we do anyway */
            return 1;
    }
    if (optind == argc)
        return copy_fd(0, "-");
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;
        if (fd < 0) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        status |= copy_fd(fd, argv[i]);
        if (fd != 0)
            close(fd);
    }
    return status;
}
