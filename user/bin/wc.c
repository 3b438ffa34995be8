/* wc: count lines, words and bytes. -l -w -c (-m counts bytes too: no
 * locales here) choose the counts; the default is all three. Columns are
 * formatted as GNU wc does: one width for all numbers, from the total
 * size of the regular files (at least 7 when reading a pipe or terminal),
 * and no padding at all for a single count of a single input. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct counts {
    unsigned long long lines, words, bytes;
};

static bool show_lines, show_words, show_bytes;
static int width;

static int count_fd(int fd, const char *name, struct counts *c)
{
    static char buf[65536];
    bool in_word = false;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0) {
            warn("%s", name);
            return 1;
        }
        if (r == 0)
            return 0;
        c->bytes += (unsigned long long)r;
        for (ssize_t i = 0; i < r; i++) {
            unsigned char ch = (unsigned char)buf[i];
            if (ch == '\n')
                c->lines++;
            if (isspace(ch)) {
                in_word = false;
            } else if (!in_word) {
                in_word = true;
                c->words++;
            }
        }
    }
}

static void print_counts(const struct counts *c, const char *name)
{
    const char *sep = "";
    if (show_lines) {
        printf("%s%*llu", sep, width, c->lines);
        sep = " ";
    }
    if (show_words) {
        printf("%s%*llu", sep, width, c->words);
        sep = " ";
    }
    if (show_bytes)
        printf("%s%*llu", sep, width, c->bytes);
    if (name)
        printf(" %s", name);
    putchar('\n');
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "lwcm")) != -1) {
        switch (opt) {
        case 'l': show_lines = true; break;
        case 'w': show_words = true; break;
        case 'c': case 'm': show_bytes = true; break;
        default: return 1;
        }
    }
    int i = optind;
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = true;
    char *stdin_only[] = {"-", NULL};
    char **files = i < argc ? argv + i : stdin_only;
    int nfiles = i < argc ? argc - i : 1;

    /* The column width, from what stat says before reading anything. */
    width = 1;
    if (nfiles > 1 || show_lines + show_words + show_bytes > 1) {
        unsigned long long regular = 0;
        int minimum = 1;
        for (int k = 0; k < nfiles; k++) {
            struct stat st;
            int r = strcmp(files[k], "-") ? stat(files[k], &st) : fstat(0, &st);
            if (r != 0)
                continue;
            if (S_ISREG(st.st_mode))
                regular += (unsigned long long)st.st_size;
            else
                minimum = 7;
        }
        for (; regular >= 10; regular /= 10)
            width++;
        if (width < minimum)
            width = minimum;
    }

    int status = 0;
    struct counts total = {0};
    for (int k = 0; k < nfiles; k++) {
        struct counts c = {0};
        int fd = strcmp(files[k], "-") ? open(files[k], O_RDONLY) : 0;
        if (fd < 0) {
            warn("%s", files[k]);
            status = 1;
            continue;
        }
        status |= count_fd(fd, files[k], &c);
        if (fd != 0)
            close(fd);
        print_counts(&c, i < argc ? files[k] : NULL);
        total.lines += c.lines;
        total.words += c.words;
        total.bytes += c.bytes;
    }
    if (nfiles > 1)
        print_counts(&total, "total");
    return fflush(stdout) ? 1 : status;
}
