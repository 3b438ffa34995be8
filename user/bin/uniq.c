/* uniq: drop repeated adjacent lines. -c prefix each line with its count,
 * -d only lines that repeat, -u only lines that do not, -i ignore case.
 * Input and output may be given as files: uniq [INPUT [OUTPUT]]. */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static bool opt_count, opt_repeated, opt_unique, opt_ignore_case;

static void emit(FILE *out, const char *line, size_t len, unsigned long long count)
{
    if (opt_repeated && count < 2)
        return;
    if (opt_unique && count > 1)
        return;
    if (opt_count)
        fprintf(out, "%7llu ", count);
    fwrite(line, 1, len, out);
    fputc('\n', out);
}

static bool same(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return false;
    return opt_ignore_case ? strncasecmp(a, b, alen) == 0 && memchr(a, 0, alen) == NULL
                           : memcmp(a, b, alen) == 0;
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "cdui")) != -1) {
        switch (opt) {
        case 'c': opt_count = true; break;
        case 'd': opt_repeated = true; break;
        case 'u': opt_unique = true; break;
        case 'i': opt_ignore_case = true; break;
        default: return 1;
        }
    }
    int i = optind;
    if (i + 2 < argc)
        errx(1, "extra operand '%s'", argv[i + 2]);
    FILE *in = stdin, *out = stdout;
    if (i < argc && strcmp(argv[i], "-") && !(in = fopen(argv[i], "r")))
        err(1, "%s", argv[i]);
    if (i + 1 < argc && !(out = fopen(argv[i + 1], "w")))
        err(1, "%s", argv[i + 1]);
    char *prev = NULL, *line = NULL;
    size_t prev_cap = 0, cap = 0, prev_len = 0;
    unsigned long long count = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) >= 0) {
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        if (count && same(prev, prev_len, line, len)) {
            count++;
            continue;
        }
        if (count)
            emit(out, prev, prev_len, count);
        /* keep this line as the one to compare with: swap buffers */
        char *t = prev;
        size_t tc = prev_cap;
        prev = line;
        prev_cap = cap;
        line = t;
        cap = tc;
        prev_len = len;
        count = 1;
    }
    if (count)
        emit(out, prev, prev_len, count);
    free(prev);
    free(line);
    return fflush(out) ? 1 : 0;
}
