/* print_file.h - copies a whole file to standard output, for the programs
 * that show a text file when there is one and a line of their own when
 * there is not (init's /etc/motd, nologin's /etc/nologin.txt). */
#ifndef COMMON_PRINT_FILE_H
#define COMMON_PRINT_FILE_H

#include <fcntl.h>
#include <stdbool.h>
#include <unistd.h>

/* Writes the file at path to fd 1 (unbuffered: flush stdio first) and
 * returns true; false, having written nothing, when it cannot be opened. */
static inline bool print_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    char buf[1024];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n)
            break;
    close(fd);
    return true;
}

#endif
