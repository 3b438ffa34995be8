/* stdin_cat.c - copies standard input to standard output until end of
 * file, then reports the byte count and a checksum on stderr: tests that
 * tools/tinyos-run forwards stdin exactly (including bytes 0x04 and 0x10,
 * which its framing escapes) and delivers end of file. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    char buf[4096];
    unsigned long total = 0, sum = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            sum = sum * 31 + (unsigned char)buf[i];
        if (write(1, buf, (size_t)n) != n)
            return 2;
        total += (unsigned long)n;
    }
    fprintf(stderr, "%lu bytes, checksum %lx\n", total, sum);
    return n < 0 ? 1 : 0;
}
