/* grep: print lines that match patterns, as GNU grep does.
 * Patterns are basic (default, -G) or extended (-E) regular expressions
 * of our C library's regcomp (<regex.h>: GNU's \+ \? \| \< \> \b \w too,
 * back-references), or fixed strings (-F); -e PATTERN repeats, and a
 * pattern with newlines is one pattern per line.
 * Options: -i/-y ignore case, -v invert, -c count, -n line numbers, -l
 * file names only, -q quiet, -s no file errors, -h/-H without/with names,
 * -w whole words, -x whole lines, -o only the matching parts, -r/-R
 * search directories recursively (-R follows every symlink, -r only
 * those named on the command line; no operand: "."). A file with a NUL
 * byte in its first 32 KiB (or, read from a pipe, in a line) is binary:
 * its matching lines are not printed, "grep: NAME: binary file matches"
 * goes to stderr instead (GNU grep 3.5 and later).
 * Exit status: 0 a line was selected, 1 none, 2 an error (0 with -q
 * once a line is selected, whatever else happened). */
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pattern {
    regex_t re;      /* unless -F */
    char *fixed;     /* -F: the string */
    size_t flen;
};

static bool opt_ignore_case, opt_invert, opt_count, opt_number, opt_list, opt_quiet, opt_silent, opt_fixed,
    opt_extended, opt_word, opt_line, opt_only;
static int opt_recursive;  /* 0, 'r' or 'R' */
static int opt_names = -1; /* -1: automatic */
static bool error_seen;

static struct pattern *patterns;
static size_t npatterns;

static _Noreturn void usage(void)
{
    fputs("Usage: grep [OPTION]... PATTERNS [FILE]...\n", stderr);
    exit(2);
}

static void add_one(const char *pat, size_t len)
{
    struct pattern *v = realloc(patterns, (npatterns + 1) * sizeof *v);
    char *copy = malloc(len + 1);
    if (!v || !copy)
        errx(2, "memory exhausted");
    patterns = v;
    memcpy(copy, pat, len);
    copy[len] = 0;
    struct pattern *p = &patterns[npatterns++];
    *p = (struct pattern){.fixed = NULL};
    if (opt_fixed) {
        p->fixed = copy;
        p->flen = len;
        return;
    }
    int r = regcomp(&p->re, copy, (opt_extended ? REG_EXTENDED : 0) | (opt_ignore_case ? REG_ICASE : 0));
    if (r) {
        char msg[128];
        regerror(r, &p->re, msg, sizeof msg);
        errx(2, "%s", msg);
    }
    free(copy);
}

/* A pattern holding newlines is several patterns. */
static void add_patterns(const char *pat)
{
    for (;;) {
        const char *nl = strchr(pat, '\n');
        add_one(pat, nl ? (size_t)(nl - pat) : strlen(pat));
        if (!nl)
            return;
        pat = nl + 1;
    }
}

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* -w: the match is not preceded or followed by a word character. */
static bool word_ok(const char *line, size_t len, size_t so, size_t eo)
{
    return eo > so && (so == 0 || !is_word_char(line[so - 1])) && (eo == len || !is_word_char(line[eo]));
}

static bool fixed_at(const struct pattern *p, const char *s)
{
    for (size_t k = 0; k < p->flen; k++) {
        unsigned char a = (unsigned char)p->fixed[k], b = (unsigned char)s[k];
        if (a != b && !(opt_ignore_case && tolower(a) == tolower(b)))
            return false;
    }
    return true;
}

/* regexec over line[from..to), the rest of the line being context. */
static bool search(const struct pattern *p, const char *line, size_t len, size_t from, size_t to, size_t *so,
                   size_t *eo)
{
    regmatch_t m[1] = {{(regoff_t)from, (regoff_t)to}};
    int r = regexec(&p->re, line, 1, m, REG_STARTEND | (to < len ? REG_NOTEOL : 0));
    if (r == REG_NOMATCH)
        return false;
    if (r) {
        char msg[128];
        regerror(r, &p->re, msg, sizeof msg);
        errx(2, "%s", msg);
    }
    *so = (size_t)m[0].rm_so;
    *eo = (size_t)m[0].rm_eo;
    return true;
}

/* The first match of one pattern at or after `from` that -w and -x
 * accept. -w tries shorter matches at the same start, then later starts,
 * as GNU grep does. */
static bool find_one(const struct pattern *p, const char *line, size_t len, size_t from, size_t *so, size_t *eo)
{
    if (p->fixed) {
        for (size_t s = from; s + p->flen <= len; s++) {
            if (!fixed_at(p, line + s))
                continue;
            size_t e = s + p->flen;
            if ((opt_line && (s != 0 || e != len)) || (opt_word && !word_ok(line, len, s, e)))
                continue;
            *so = s, *eo = e;
            return true;
        }
        return false;
    }
    for (size_t s = from; s <= len;) {
        size_t a, b;
        if (!search(p, line, len, s, len, &a, &b))
            return false;
        if (opt_line) { /* the longest match from the leftmost start */
            if (a != 0 || b != len)
                return false;
        } else if (opt_word) {
            while (!word_ok(line, len, a, b)) {
                size_t a2, b2;
                if (b == a || !search(p, line, len, a, b - 1, &a2, &b2) || a2 != a) {
                    b = a; /* nothing shorter here */
                    break;
                }
                b = b2;
            }
            if (!word_ok(line, len, a, b)) {
                s = a + 1;
                continue;
            }
        }
        *so = a, *eo = b;
        return true;
    }
    return false;
}

/* The leftmost (then longest) match of any pattern. */
static bool find(const char *line, size_t len, size_t from, size_t *so, size_t *eo)
{
    bool found = false;
    for (size_t k = 0; k < npatterns; k++) {
        size_t a, b;
        if (find_one(&patterns[k], line, len, from, &a, &b) && (!found || a < *so || (a == *so && b > *eo))) {
            *so = a, *eo = b;
            found = true;
        }
    }
    return found;
}

static void prefix(const char *name, bool show_name, unsigned long long line_no)
{
    if (show_name)
        printf("%s:", name);
    if (opt_number)
        printf("%llu:", line_no);
}

/* Searches one stream; returns whether a line was selected. binary: a
 * NUL was seen before the first line (regular files are looked at first). */
static bool grep_stream(FILE *f, const char *name, bool show_name, bool binary)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long long line_no = 0, count = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        line_no++;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        line[len] = 0;
        binary = binary || memchr(line, 0, len);
        size_t so, eo;
        if (find(line, len, 0, &so, &eo) == opt_invert)
            continue;
        count++;
        if (opt_quiet)
            exit(0);
        if (opt_list)
            break;
        if (opt_count)
            continue;
        if (binary) {
            fflush(stdout);
            fprintf(stderr, "grep: %s: binary file matches\n", name);
            break;
        }
        if (!opt_only) {
            prefix(name, show_name, line_no);
            fwrite(line, 1, len, stdout);
            putchar('\n');
            continue;
        }
        /* -o: each non-empty match on its own line (nothing with -v) */
        for (size_t from = 0; !opt_invert && from <= len && find(line, len, from, &so, &eo);) {
            if (eo > so) {
                prefix(name, show_name, line_no);
                fwrite(line + so, 1, eo - so, stdout);
                putchar('\n');
            }
            from = eo > so ? eo : so + 1;
        }
    }
    free(line);
    if (ferror(f)) {
        if (!opt_silent)
            warn("%s", name);
        error_seen = true;
    }
    if (opt_count) {
        if (show_name)
            printf("%s:", name);
        printf("%llu\n", count);
    }
    if (opt_list && count)
        printf("%s\n", name);
    return count > 0;
}

static bool grep_path(const char *path, bool show_name, bool top);

/* -r/-R: a directory's entries in name order (GNU's order is the
 * directory's own; sorted output is the same whatever the file system).
 * path NULL: "." with the names shown bare, as GNU's -r without operands. */
static bool grep_dir(const char *path)
{
    DIR *d = opendir(path ? path : ".");
    if (!d) {
        if (!opt_silent)
            warn("%s", path ? path : ".");
        error_seen = true;
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **v = realloc(names, cap * sizeof *v);
            if (!v)
                errx(2, "memory exhausted");
            names = v;
        }
        const char *dir = path ? path : "";
        size_t l = strlen(dir), plen = l + strlen(de->d_name) + 2;
        names[n] = malloc(plen);
        if (!names[n])
            errx(2, "memory exhausted");
        snprintf(names[n++], plen, "%s%s%s", dir, !path || (l && dir[l - 1] == '/') ? "" : "/", de->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++) /* insertion sort: directories are small */
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    bool matched = false;
    for (size_t i = 0; i < n; i++) {
        matched |= grep_path(names[i], opt_names != 0, false);
        free(names[i]);
    }
    free(names);
    return matched;
}

static bool grep_path(const char *path, bool show_name, bool top)
{
    struct stat st;
    bool follow = top || opt_recursive == 'R';
    if ((follow ? stat(path, &st) : lstat(path, &st)) < 0) {
        if (!opt_silent)
            warn("%s", path);
        error_seen = true;
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        if (opt_recursive)
            return grep_dir(path);
        if (!opt_silent)
            warnx("%s: Is a directory", path);
        error_seen = true;
        return false;
    }
    /* In a recursive walk, only regular files are read (GNU's default
     * --devices=skip there); symlinks met under -r are skipped. */
    if (!top && !S_ISREG(st.st_mode))
        return false;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!opt_silent)
            warn("%s", path);
        error_seen = true;
        return false;
    }
    bool binary = false;
    if (S_ISREG(st.st_mode)) {
        static char head[32768];
        size_t got = fread(head, 1, sizeof head, f);
        binary = memchr(head, 0, got) != NULL;
        rewind(f);
    }
    bool matched = grep_stream(f, path, show_name, binary);
    fclose(f);
    return matched;
}

int main(int argc, char **argv)
{
    const char **exprs = calloc((size_t)argc, sizeof *exprs);
    size_t nexprs = 0;
    int opt;
    while ((opt = getopt(argc, argv, "iyvcnlqshHFEGwxoe:rR")) != -1) {
        switch (opt) {
        case 'i': case 'y': opt_ignore_case = true; break;
        case 'v': opt_invert = true; break;
        case 'c': opt_count = true; break;
        case 'n': opt_number = true; break;
        case 'l': opt_list = true; break;
        case 'q': opt_quiet = true; break;
        case 's': opt_silent = true; break;
        case 'h': opt_names = 0; break;
        case 'H': opt_names = 1; break;
        case 'F': opt_fixed = true; break;
        case 'E': opt_extended = true; opt_fixed = false; break;
        case 'G': opt_extended = opt_fixed = false; break;
        case 'w': opt_word = true; break;
        case 'x': opt_line = true; break;
        case 'o': opt_only = true; break;
        case 'r': case 'R': opt_recursive = opt; break;
        case 'e': exprs[nexprs++] = optarg; break;
        default: usage();
        }
    }
    int i = optind;
    if (!nexprs) {
        if (i == argc)
            usage();
        exprs[nexprs++] = argv[i++];
    }
    for (size_t k = 0; k < nexprs; k++)
        add_patterns(exprs[k]);

    int nfiles = argc - i;
    bool matched = false;
    if (nfiles == 0 && opt_recursive) /* GNU: -r with no operand searches ".", names without "./" */
        matched = grep_dir(NULL);
    else if (nfiles == 0)
        matched = grep_stream(stdin, "(standard input)", opt_names == 1, false);
    for (; i < argc; i++) {
        bool show_name = opt_names == 1 || (opt_names == -1 && nfiles > 1);
        if (!strcmp(argv[i], "-")) {
            matched |= grep_stream(stdin, "(standard input)", show_name, false);
            continue;
        }
        struct stat st;
        /* -r names the files found under a directory operand */
        if (opt_names == -1 && opt_recursive && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            show_name = true;
        matched |= grep_path(argv[i], show_name, true);
    }
    fflush(stdout);
    return error_seen ? 2 : matched ? 0 : 1;
}
