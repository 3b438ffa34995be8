/* grep: print lines that match a pattern.
 * Patterns are basic regular expressions: literal characters, '.', '*',
 * '^' and '$' anchors, bracket expressions [abc] [a-z] [^...] (also
 * [:alpha:] style classes), and '\' to quote; GNU's \+ \? \| too. With -E
 * the same plus + ? | unquoted; with -F fixed strings. Parentheses group
 * but cannot be repeated or hold '|'; no intervals {n,m}, no
 * back-references.
 * Options: -i ignore case, -v invert, -c count, -n line numbers, -l file
 * names only, -q quiet, -s no file errors, -h/-H without/with names,
 * -e PATTERN (repeatable), -F, -E, -w whole words, -x whole lines.
 * Exit status: 0 a line was selected, 1 none, 2 an error. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum kind { LITERAL, ANY, SET };
enum repeat { ONCE, STAR, PLUS, OPTIONAL };

struct atom {
    enum kind kind;
    enum repeat repeat;
    unsigned char c;
    unsigned char set[32]; /* bitmap for SET */
};

struct regex {
    struct atom *atoms;
    size_t n;
    bool anchor_start, anchor_end;
};

static bool opt_ignore_case, opt_invert, opt_count, opt_number, opt_list, opt_quiet, opt_silent, opt_fixed,
    opt_extended, opt_word, opt_line;
static int opt_names = -1; /* -1: automatic (several files) */

static struct regex *patterns;
static size_t npatterns;

static _Noreturn void die(const char *msg)
{
    errx(2, "%s", msg);
}

static _Noreturn void usage(void)
{
    fputs("Usage: grep [OPTION]... PATTERNS [FILE]...\n", stderr);
    exit(2);
}

static void set_add(unsigned char *set, unsigned c)
{
    set[c / 8] |= (unsigned char)(1u << (c % 8));
    if (opt_ignore_case) {
        unsigned l = (unsigned)tolower((int)c), u = (unsigned)toupper((int)c);
        set[l / 8] |= (unsigned char)(1u << (l % 8));
        set[u / 8] |= (unsigned char)(1u << (u % 8));
    }
}

static bool set_has(const unsigned char *set, unsigned char c)
{
    return set[c / 8] & (1u << (c % 8));
}

static const struct {
    const char *name;
    int (*test)(int);
} classes[] = {{"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"space", isspace},
               {"upper", isupper}, {"lower", islower}, {"punct", ispunct}, {"print", isprint},
               {"xdigit", isxdigit}, {"cntrl", iscntrl}, {"graph", isgraph}, {"blank", isblank}};

/* Parses a bracket expression after its '['; returns the end (after ']'). */
static const char *parse_set(const char *p, struct atom *a)
{
    bool negate = *p == '^';
    if (negate)
        p++;
    memset(a->set, 0, sizeof a->set);
    bool first = true;
    while (*p && (*p != ']' || first)) {
        first = false;
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (!end)
                die("Unmatched [, [^, [:, [., or [=");
            size_t k, len = (size_t)(end - p - 2);
            for (k = 0; k < sizeof classes / sizeof *classes; k++)
                if (strlen(classes[k].name) == len && !strncmp(p + 2, classes[k].name, len))
                    break;
            if (k == sizeof classes / sizeof *classes)
                die("invalid character class");
            for (unsigned c = 0; c < 256; c++)
                if (classes[k].test((int)c))
                    set_add(a->set, c);
            p = end + 2;
            continue;
        }
        unsigned char lo = (unsigned char)*p++;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            unsigned char hi = (unsigned char)p[1];
            p += 2;
            if (hi < lo)
                die("Invalid range end");
            for (unsigned c = lo; c <= hi; c++)
                set_add(a->set, c);
        } else {
            set_add(a->set, lo);
        }
    }
    if (*p != ']')
        die("Unmatched [, [^, [:, [., or [=");
    if (negate)
        for (size_t k = 0; k < sizeof a->set; k++)
            a->set[k] = (unsigned char)~a->set[k];
    a->kind = SET;
    return p + 1;
}

/* Compiles one alternative (no top-level '|') of length len. */
static struct regex compile(const char *src, size_t len)
{
    char *pat = strndup(src, len);
    if (!pat)
        die("out of memory");
    struct regex re = {calloc(len + 1, sizeof(struct atom)), 0, false, false};
    if (!re.atoms)
        die("out of memory");
    const char *p = pat;
    if (opt_fixed) {
        for (; *p; p++)
            re.atoms[re.n++] = (struct atom){.kind = LITERAL, .c = (unsigned char)*p};
        free(pat);
        return re;
    }
    if (*p == '^') {
        re.anchor_start = true;
        p++;
    }
    while (*p) {
        if (*p == '$' && !p[1]) {
            re.anchor_end = true;
            break;
        }
        bool can_repeat = re.n > 0;
        enum repeat rep = ONCE;
        if (*p == '*' && can_repeat)
            rep = STAR;
        else if (opt_extended && *p == '+' && can_repeat)
            rep = PLUS;
        else if (opt_extended && *p == '?' && can_repeat)
            rep = OPTIONAL;
        else if (!opt_extended && p[0] == '\\' && p[1] == '+' && can_repeat)
            rep = PLUS;
        else if (!opt_extended && p[0] == '\\' && p[1] == '?' && can_repeat)
            rep = OPTIONAL;
        if (rep != ONCE) {
            struct atom *prev = &re.atoms[re.n - 1];
            if (prev->repeat == ONCE)
                prev->repeat = rep;
            p += *p == '\\' ? 2 : 1;
            continue;
        }
        /* Groups only group here: their parentheses are skipped, and what
         * would need real groups (a repeated group) is refused. */
        size_t paren = opt_extended ? (*p == '(' || *p == ')') : (p[0] == '\\' && (p[1] == '(' || p[1] == ')')) * 2;
        if (paren) {
            bool closing = p[paren - 1] == ')';
            p += paren;
            if (closing && (*p == '*' || (opt_extended && (*p == '+' || *p == '?' || *p == '{'))
                            || (!opt_extended && p[0] == '\\' && (p[1] == '+' || p[1] == '?' || p[1] == '{'))))
                die("repeating a group is not supported");
            continue;
        }
        struct atom *a = &re.atoms[re.n++];
        if (*p == '.') {
            a->kind = ANY;
            p++;
        } else if (*p == '[') {
            p = parse_set(p + 1, a);
        } else {
            if (*p == '\\') {
                p++;
                if (!*p)
                    die("Trailing backslash");
            }
            a->kind = LITERAL;
            a->c = (unsigned char)*p++;
        }
    }
    free(pat);
    return re;
}

static bool atom_matches(const struct atom *a, unsigned char c)
{
    switch (a->kind) {
    case ANY:
        return true;
    case SET:
        return set_has(a->set, c);
    default:
        return opt_ignore_case ? tolower(a->c) == tolower(c) : a->c == c;
    }
}

/* Whether atoms[i..] match at text[pos..]; sets *end to where the match
 * stops. Repetitions are greedy, with backtracking. */
static bool match_here(const struct regex *re, size_t i, const char *text, size_t pos, size_t len, size_t *end)
{
    for (; i < re->n; i++) {
        const struct atom *a = &re->atoms[i];
        if (a->repeat == ONCE) {
            if (pos >= len || !atom_matches(a, (unsigned char)text[pos]))
                return false;
            pos++;
            continue;
        }
        size_t max = pos;
        while (max < len && atom_matches(a, (unsigned char)text[max]) && (a->repeat != OPTIONAL || max == pos))
            max++;
        size_t min = pos + (a->repeat == PLUS ? 1 : 0);
        for (size_t k = max + 1; k-- > min;)
            if (match_here(re, i + 1, text, k, len, end))
                return true;
        return false;
    }
    if (re->anchor_end && pos != len)
        return false;
    *end = pos;
    return true;
}

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static bool line_matches(const char *text, size_t len)
{
    for (size_t k = 0; k < npatterns; k++) {
        const struct regex *re = &patterns[k];
        for (size_t start = 0; start <= len; start++) {
            size_t end;
            if (match_here(re, 0, text, start, len, &end)) {
                bool ok = true;
                if (opt_line)
                    ok = start == 0 && end == len;
                if (opt_word)
                    ok = (start == 0 || !is_word_char(text[start - 1])) && (end == len || !is_word_char(text[end]))
                      && end > start;
                if (ok)
                    return true;
            }
            if (re->anchor_start || opt_line)
                break;
        }
    }
    return false;
}

/* Splits a pattern at its top-level alternations and compiles each part. */
static void add_pattern(const char *pat)
{
    const char *start = pat;
    int depth = 0;
    for (const char *p = pat;; p++) {
        if (!opt_fixed && (opt_extended ? *p == '(' : (p[0] == '\\' && p[1] == '(')))
            depth++;
        if (!opt_fixed && (opt_extended ? *p == ')' : (p[0] == '\\' && p[1] == ')')))
            depth--;
        bool bar = !opt_fixed && ((opt_extended && *p == '|') || (!opt_extended && p[0] == '\\' && p[1] == '|'));
        if (bar && depth > 0)
            die("alternation inside a group is not supported");
        if (*p == '\n' || bar || !*p) {
            struct regex *v = realloc(patterns, (npatterns + 1) * sizeof *v);
            if (!v)
                die("out of memory");
            patterns = v;
            patterns[npatterns++] = compile(start, (size_t)(p - start));
            if (!*p)
                return;
            if (bar && !opt_extended)
                p++;
            start = p + 1;
        } else if (*p == '\\' && p[1] && !opt_fixed) {
            p++;
        } else if (*p == '[' && !opt_fixed) { /* a '|' inside brackets is literal */
            const char *q = p + 1;
            if (*q == '^')
                q++;
            if (*q == ']')
                q++;
            while (*q && *q != ']')
                q++;
            if (*q)
                p = q;
        }
    }
}

/* Searches one stream; returns whether a line was selected. */
static bool grep_stream(FILE *f, const char *name, bool show_name)
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
        if (line_matches(line, len) == opt_invert)
            continue;
        count++;
        if (opt_quiet)
            exit(0);
        if (opt_list)
            break;
        if (opt_count)
            continue;
        if (show_name)
            printf("%s:", name);
        if (opt_number)
            printf("%llu:", line_no);
        fwrite(line, 1, len, stdout);
        putchar('\n');
    }
    free(line);
    if (opt_count) {
        if (show_name)
            printf("%s:", name);
        printf("%llu\n", count);
    }
    if (opt_list && count)
        printf("%s\n", name);
    return count > 0;
}

int main(int argc, char **argv)
{
    const char **exprs = calloc((size_t)argc, sizeof *exprs);
    size_t nexprs = 0;
    int opt;
    while ((opt = getopt(argc, argv, "iyvcnlqshHFEGwxe:")) != -1) {
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
        case 'E': opt_extended = true; break;
        case 'G': opt_extended = false; break;
        case 'w': opt_word = true; break;
        case 'x': opt_line = true; break;
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
        add_pattern(exprs[k]);

    int nfiles = argc - i;
    bool show_name = opt_names == 1 || (opt_names == -1 && nfiles > 1);
    bool matched = false, error = false;
    if (nfiles == 0)
        matched = grep_stream(stdin, "(standard input)", show_name);
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            matched |= grep_stream(stdin, "(standard input)", show_name);
            continue;
        }
        struct stat st;
        FILE *f = NULL;
        int err = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? EISDIR : 0;
        if (!err && !(f = fopen(argv[i], "r")))
            err = errno;
        if (err) {
            errno = err;
            if (!opt_silent)
                warn("%s", argv[i]);
            error = true;
            continue;
        }
        matched |= grep_stream(f, argv[i], show_name);
        fclose(f);
    }
    fflush(stdout);
    return error ? 2 : matched ? 0 : 1;
}
