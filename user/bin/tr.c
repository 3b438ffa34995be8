/* tr: translate, delete (-d) or squeeze (-s) bytes of standard input.
 * Sets (tr(1), POSIX tr): plain bytes, escapes \n \t \r \a \b \f \v \\
 * and \NNN (octal), ranges a-z, classes [:alpha:] [:digit:] [:lower:]
 * [:upper:] [:space:] [:alnum:] [:punct:] [:blank:] [:cntrl:]
 * [:graph:] [:print:] [:xdigit:]; -c: the complement of SET1 (in byte
 * order). SET2 shorter than SET1 is padded with its last byte. */
#include <ctype.h>
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct set {
    unsigned char bytes[4096];
    size_t len;
};

static void add(struct set *s, int c)
{
    if (s->len == sizeof s->bytes)
        errx(1, "set too large");
    s->bytes[s->len++] = (unsigned char)c;
}

/* One byte of SPEC at *p, escapes decoded; *p moves past it. */
static int next_byte(const char **p)
{
    const char *s = *p;
    if (*s != '\\' || !s[1]) {
        *p = s + 1;
        return (unsigned char)*s;
    }
    s++;
    if (*s >= '0' && *s <= '7') {
        int v = 0;
        for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
            v = v * 8 + (*s++ - '0');
        *p = s;
        return v & 0xff;
    }
    *p = s + 1;
    switch (*s) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    default: return (unsigned char)*s;
    }
}

static const struct {
    const char *name;
    int (*test)(int);
} classes[] = {
    {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
    {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
    {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

/* "[:name:]" at p: adds the class's bytes in order and returns the
 * length of the text, or 0 if p does not start a class. */
static size_t add_class(struct set *s, const char *p)
{
    if (strncmp(p, "[:", 2) != 0)
        return 0;
    const char *end = strstr(p + 2, ":]");
    if (!end)
        return 0;
    size_t n = (size_t)(end - (p + 2));
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (strlen(classes[i].name) != n || strncmp(classes[i].name, p + 2, n) != 0)
            continue;
        for (int c = 0; c < 256; c++)
            if (classes[i].test(c))
                add(s, c);
        return n + 4;
    }
    errx(1, "invalid character class '%.*s'", (int)n, p + 2);
}

static void parse_set(struct set *s, const char *spec)
{
    const char *p = spec;
    while (*p) {
        size_t class_len = add_class(s, p);
        if (class_len) {
            p += class_len;
            continue;
        }
        const char *start = p;
        int lo = next_byte(&p);
        if (*p == '-' && p[1]) {
            const char *range_end = p + 1;
            int hi = next_byte(&range_end);
            if (hi < lo)
                errx(1, "range-endpoints of '%.*s' are in reverse collating sequence order",
                     (int)(range_end - start), start);
            for (int c = lo; c <= hi; c++)
                add(s, c);
            p = range_end;
            continue;
        }
        add(s, lo);
    }
}

static void complement(struct set *s)
{
    bool in[256] = {false};
    for (size_t i = 0; i < s->len; i++)
        in[s->bytes[i]] = true;
    s->len = 0;
    for (int c = 0; c < 256; c++)
        if (!in[c])
            add(s, c);
}

int main(int argc, char **argv)
{
    bool del = false, squeeze = false, comp = false;
    int opt;
    while ((opt = getopt(argc, argv, "cCds")) != -1) {
        if (opt == 'c' || opt == 'C')
            comp = true;
        else if (opt == 'd')
            del = true;
        else if (opt == 's')
            squeeze = true;
        else
            return 1;
    }
    int count = argc - optind;
    /* how many sets each mode takes (GNU tr's messages) */
    bool translating = !del && count >= 2;
    int max_sets = del ? (squeeze ? 2 : 1) : 2;
    if (count < 1)
        errx(1, "missing operand");
    if (count > max_sets)
        errx(1, "extra operand '%s'%s", argv[optind + max_sets],
             del && !squeeze ? "\nOnly one string may be given when deleting without squeezing repeats." : "");
    if (count < 2 && (del ? squeeze : !squeeze))
        errx(1, "missing operand after '%s'\n%s", argv[optind],
             del ? "Two strings must be given when both deleting and squeezing repeats."
                 : "Two strings must be given when translating.");

    static struct set set1, set2;
    parse_set(&set1, argv[optind]);
    if (count == 2)
        parse_set(&set2, argv[optind + 1]);
    if (comp)
        complement(&set1);

    int map[256];
    bool delete_it[256] = {false}, squeeze_it[256] = {false};
    for (int c = 0; c < 256; c++)
        map[c] = c;
    if (translating) {
        if (set2.len == 0)
            errx(1, "when not truncating set1, string2 must be non-empty");
        for (size_t i = 0; i < set1.len; i++)
            map[set1.bytes[i]] = set2.bytes[i < set2.len ? i : set2.len - 1];
    }
    if (del)
        for (size_t i = 0; i < set1.len; i++)
            delete_it[set1.bytes[i]] = true;
    if (squeeze) {
        /* squeezing applies to the last set given (after translation) */
        const struct set *sq = count == 2 ? &set2 : &set1;
        for (size_t i = 0; i < sq->len; i++)
            squeeze_it[sq->bytes[i]] = true;
    }

    static unsigned char in[65536], out[65536];
    int last = -1;
    ssize_t r;
    while ((r = read(STDIN_FILENO, in, sizeof in)) > 0) {
        size_t n = 0;
        for (ssize_t i = 0; i < r; i++) {
            if (delete_it[in[i]])
                continue;
            int c = map[in[i]];
            if (squeeze_it[c] && c == last)
                continue;
            out[n++] = (unsigned char)c;
            last = c;
        }
        if (fwrite(out, 1, n, stdout) != n)
            err(1, "write error");
    }
    if (r < 0)
        err(1, "read error");
    return fflush(stdout) ? 1 : 0;
}
