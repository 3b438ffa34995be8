/* tee: copy standard input to standard output and to each FILE
 * (-a: appended to, not truncated). A file that cannot be opened or
 * written is reported and left out; the status is then 1. */
#include <err.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

struct sink {
    int fd;
    const char *name;
};

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

int main(int argc, char **argv)
{
    int flags = O_WRONLY | O_CREAT | O_TRUNC;
    int opt;
    while ((opt = getopt(argc, argv, "a")) != -1) {
        if (opt == 'a')
            flags = O_WRONLY | O_CREAT | O_APPEND;
        else
            return 1;
    }
    int status = 0, count = 1;
    struct sink *sinks = calloc((size_t)(argc - optind + 1), sizeof *sinks);
    if (!sinks)
        err(1, NULL);
    sinks[0] = (struct sink){STDOUT_FILENO, "standard output"};
    for (int i = optind; i < argc; i++) {
        int fd = open(argv[i], flags, 0666);
        if (fd < 0) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        sinks[count++] = (struct sink){fd, argv[i]};
    }
    static char buf[65536];
    for (;;) {
        ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
        if (r < 0) {
            warn("read error");
            return 1;
        }
        if (r == 0)
            break;
        for (int i = 0; i < count; i++) {
            if (sinks[i].fd < 0 || write_all(sinks[i].fd, buf, (size_t)r))
                continue;
            warn("%s", sinks[i].name);
            sinks[i].fd = -1;
            status = 1;
        }
    }
    for (int i = 1; i < count; i++)
        if (sinks[i].fd >= 0 && close(sinks[i].fd) != 0) {
            warn("%s", sinks[i].name);
            status = 1;
        }
    return status;
}
