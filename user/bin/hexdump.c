/* hexdump: show bytes in hexadecimal, in util-linux hexdump's formats.
 *   -C  canonical: offset, 16 bytes in hex, the same as text |...|
 *   (default) offset and eight 16-bit little-endian words per line
 *   -n N  only N bytes    -s N  skip N bytes first    -v  no '*' squeezing
 * Files are dumped as one stream, as hexdump does; none means stdin. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool canonical, verbose;
static unsigned long long length = ~0ULL, skip;
static int status;

/* The input: the named files one after another, as one stream. */
static char **files;
static int nfiles, next_file;
static int cur_fd = -1;
static int open_failures;

static size_t read_input(unsigned char *buf, size_t want)
{
    size_t got = 0;
    while (got < want) {
        if (cur_fd < 0) {
            if (nfiles == 0 && next_file == 0) {
                cur_fd = 0;
                next_file = 1;
            } else if (next_file < nfiles) {
                const char *name = files[next_file++];
                cur_fd = open(name, O_RDONLY);
                if (cur_fd < 0) {
                    warn("%s", name);
                    status = 1;
                    if (++open_failures == nfiles)
                        warnx("all input file arguments failed");
                    continue;
                }
            } else {
                break;
            }
        }
        ssize_t r = read(cur_fd, buf + got, want - got);
        if (r <= 0) {
            if (r < 0) {
                warn("read error");
                status = 1;
            }
            if (cur_fd > 0)
                close(cur_fd);
            cur_fd = -1;
            if (nfiles == 0)
                break;
            continue;
        }
        got += (size_t)r;
    }
    return got;
}

static void print_line(unsigned long long offset, const unsigned char *b, size_t n)
{
    if (canonical) {
        printf("%08llx ", offset);
        for (size_t i = 0; i < 16; i++) {
            if (i == 8)
                putchar(' ');
            if (i < n)
                printf(" %02x", b[i]);
            else
                fputs("   ", stdout);
        }
        fputs("  |", stdout);
        for (size_t i = 0; i < n; i++)
            putchar(b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.');
        fputs("|\n", stdout);
    } else {
        printf("%07llx", offset);
        for (size_t i = 0; i < 16; i += 2)
            if (i < n)
                printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
            else
                fputs("     ", stdout);
        putchar('\n');
    }
}

static bool parse_number(const char *s, unsigned long long *out)
{
    char *end;
    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    *out = strtoull(s, &end, 0); /* 0x.. hex and 0.. octal, as hexdump takes */
    return !*end && !errno;
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "Cvn:s:")) != -1) {
        switch (opt) {
        case 'C': canonical = true; break;
        case 'v': verbose = true; break;
        case 'n':
            if (!parse_number(optarg, &length))
                errx(1, "invalid length argument: '%s'", optarg);
            break;
        case 's':
            if (!parse_number(optarg, &skip))
                errx(1, "invalid offset argument: '%s'", optarg);
            break;
        default: return 1;
        }
    }
    files = argv + optind;
    nfiles = argc - optind;

    unsigned char line[16], prev[16];
    unsigned long long offset = 0;
    for (unsigned long long left = skip; left;) { /* skip by reading: works on pipes */
        size_t n = read_input(line, left < sizeof line ? (size_t)left : sizeof line);
        if (!n)
            break;
        left -= n;
        offset += n;
    }
    bool have_prev = false, squeezing = false;
    unsigned long long left = length;
    for (;;) {
        size_t want = left < sizeof line ? (size_t)left : sizeof line;
        size_t n = want ? read_input(line, want) : 0;
        if (n == 0)
            break;
        left -= n;
        if (!verbose && have_prev && n == sizeof line && !memcmp(line, prev, sizeof line)) {
            if (!squeezing)
                puts("*");
            squeezing = true;
        } else {
            squeezing = false;
            print_line(offset, line, n);
        }
        memcpy(prev, line, sizeof line);
        have_prev = n == sizeof line;
        offset += n;
    }
    if (offset > 0)
        printf(canonical ? "%08llx\n" : "%07llx\n", offset);
    return fflush(stdout) ? 1 : status;
}
