/* cut: parts of each line. -b LIST / -c LIST: those bytes (characters
 * are bytes here: no multibyte locales); -f LIST: those fields, split
 * by -d DELIM (default TAB), a line without DELIM printed whole unless
 * -s. LIST is comma-separated N, N-M, N- and -M, numbered from 1. */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPEN_END ((size_t)-1)

struct range {
    size_t lo, hi; /* 1-based, inclusive; hi OPEN_END: to the end */
};

static struct range *ranges;
static size_t range_count;
static bool by_field, only_delimited;
static char delim = '\t';

/* GNU cut's words for what the list counts */
static const char *invalid_item = "invalid byte/character position", *items = "byte/character positions";

static size_t parse_number(const char **p, const char *list)
{
    char *end;
    size_t v = strtoul(*p, &end, 10);
    if (end == *p)
        errx(1, "%s '%s'", invalid_item, list);
    if (v == 0)
        errx(1, "%s are numbered from 1", items);
    *p = end;
    return v;
}

static void parse_list(const char *list)
{
    const char *p = list;
    for (;;) {
        struct range r = {1, OPEN_END};
        if (*p != '-')
            r.lo = r.hi = parse_number(&p, list);
        if (*p == '-') {
            p++;
            r.hi = (*p && *p != ',') ? parse_number(&p, list) : OPEN_END;
            if (r.hi < r.lo)
                errx(1, "invalid decreasing range");
        }
        if (*p && *p != ',')
            errx(1, "%s '%s'", invalid_item, list);
        ranges = realloc(ranges, (range_count + 1) * sizeof *ranges);
        if (!ranges)
            err(1, NULL);
        ranges[range_count++] = r;
        if (!*p++)
            break;
    }
}

static bool selected(size_t n)
{
    for (size_t i = 0; i < range_count; i++)
        if (n >= ranges[i].lo && n <= ranges[i].hi)
            return true;
    return false;
}

/* LINE (len bytes, no newline) cut and printed with a newline */
static void cut_line(const char *line, size_t len)
{
    if (!by_field) {
        for (size_t i = 0; i < len; i++)
            if (selected(i + 1))
                putchar(line[i]);
        putchar('\n');
        return;
    }
    if (!memchr(line, delim, len)) {
        if (!only_delimited) {
            fwrite(line, 1, len, stdout);
            putchar('\n');
        }
        return;
    }
    bool first = true;
    size_t field = 1, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != delim)
            continue;
        if (selected(field)) {
            if (!first)
                putchar(delim);
            fwrite(line + start, 1, i - start, stdout);
            first = false;
        }
        field++;
        start = i + 1;
    }
    putchar('\n');
}

static int cut_file(const char *name)
{
    bool is_stdin = !strcmp(name, "-");
    FILE *f = is_stdin ? stdin : fopen(name, "r");
    if (!f) {
        warn("%s", name);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, len = 0;
    int c;
    /* by hand rather than getline: lines may hold NUL bytes */
    while ((c = getc(f)) != EOF) {
        if (len + 1 >= cap) {
            cap = cap ? cap * 2 : 256;
            line = realloc(line, cap);
            if (!line)
                err(1, NULL);
        }
        if (c == '\n') {
            cut_line(line, len);
            len = 0;
        } else {
            line[len++] = (char)c;
        }
    }
    if (len)
        cut_line(line, len);
    free(line);
    if (!is_stdin)
        fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *list = NULL;
    bool delim_given = false;
    int opt;
    while ((opt = getopt(argc, argv, "b:c:f:d:sn")) != -1) {
        switch (opt) {
        case 'b':
        case 'c':
        case 'f':
            if (list)
                errx(1, "only one list may be specified");
            list = optarg;
            by_field = opt == 'f';
            if (by_field) {
                invalid_item = "invalid field value";
                items = "fields";
            }
            break;
        case 'd':
            if (strlen(optarg) > 1)
                errx(1, "the delimiter must be a single character");
            delim = optarg[0];
            delim_given = true;
            break;
        case 's': only_delimited = true; break;
        case 'n': break; /* "do not split multibyte characters": there are none */
        default: return 1;
        }
    }
    if (!list)
        errx(1, "you must specify a list of bytes, characters, or fields");
    if (!by_field && (delim_given || only_delimited))
        errx(1, delim_given ? "an input delimiter may be specified only when operating on fields"
                            : "suppressing non-delimited lines makes sense\n"
                              "\tonly when operating on fields");
    parse_list(list);
    int status = 0;
    if (optind == argc)
        status = cut_file("-");
    for (int i = optind; i < argc; i++)
        status |= cut_file(argv[i]);
    return fflush(stdout) ? 1 : status;
}
