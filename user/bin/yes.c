/* yes: print "y" (or the arguments joined by spaces) forever, until the
 * reader goes away (SIGPIPE or a write error). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    size_t len = 0;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *line;
    if (argc < 2) {
        line = "y\n";
        len = 2;
    } else {
        line = malloc(len);
        if (!line)
            return 1;
        char *p = line;
        for (int i = 1; i < argc; i++) {
            size_t n = strlen(argv[i]);
            memcpy(p, argv[i], n);
            p += n;
            *p++ = i + 1 < argc ? ' ' : '\n';
        }
    }
    /* Fill a buffer with many copies so each write moves a useful amount. */
    size_t copies = len < 4096 ? 4096 / len : 1;
    char *buf = malloc(copies * len);
    if (!buf)
        return 1;
    for (size_t i = 0; i < copies; i++)
        memcpy(buf + i * len, line, len);
    for (;;) {
        size_t total = copies * len, done = 0;
        while (done < total) {
            ssize_t w = write(1, buf + done, total - done);
            if (w <= 0)
                return 1;
            done += (size_t)w;
        }
    }
}
