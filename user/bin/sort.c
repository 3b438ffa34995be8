/* sort: sort lines of text files (or standard input) by byte value, as in
 * the C locale. -r reverse, -n numeric, -u one of each run of equal keys,
 * -f fold case, -b ignore leading blanks, -k N[,M] key from field N to M
 * (fields separated by blanks, or by -t C), -o FILE output file.
 * Lines with equal keys are ordered by the whole line (GNU's last-resort
 * comparison), except with -u, which keeps the first of them. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct line {
    char *text;
    size_t len;
    size_t index; /* input order, for a stable -u */
};

static bool opt_reverse, opt_numeric, opt_unique, opt_fold, opt_blanks;
static int key_start, key_end; /* fields, 1-based; 0: whole line / to end */
static int separator = -1;

static _Noreturn void die(const char *msg)
{
    errx(2, "%s", msg);
}

/* The end of the field at s: without -t, a field is the blanks before
 * it plus the non-blanks; with -t C, everything up to the next C. */
static const char *past_field(const char *s, const char *end)
{
    if (separator >= 0) {
        while (s < end && *s != separator)
            s++;
    } else {
        while (s < end && isblank((unsigned char)*s))
            s++;
        while (s < end && !isblank((unsigned char)*s))
            s++;
    }
    return s;
}

/* Where field n (1-based) begins. */
static const char *field_start(const char *s, const char *end, int n)
{
    for (int f = 1; f < n && s < end; f++) {
        s = past_field(s, end);
        if (separator >= 0 && s < end)
            s++; /* the separator belongs to neither field */
    }
    return s;
}

static const char *field_end(const char *s, const char *end, int n)
{
    return past_field(field_start(s, end, n), end);
}

static void key_of(const struct line *l, const char **b, const char **e)
{
    const char *end = l->text + l->len;
    *b = key_start ? field_start(l->text, end, key_start) : l->text;
    *e = key_end ? field_end(l->text, end, key_end) : end;
    if (*e < *b)
        *e = *b;
    if (opt_blanks || opt_numeric)
        while (*b < *e && isblank((unsigned char)**b))
            (*b)++;
}

/* Compares numbers written as [-]digits[.digits] without converting them
 * (so any length works); anything else reads as far as it is a number. */
static int numeric_compare(const char *a, const char *ae, const char *b, const char *be)
{
    bool neg_a = a < ae && *a == '-', neg_b = b < be && *b == '-';
    a += neg_a;
    b += neg_b;
    const char *ai = a, *bi = b;
    while (ai < ae && isdigit((unsigned char)*ai))
        ai++;
    while (bi < be && isdigit((unsigned char)*bi))
        bi++;
    const char *af = ai < ae && *ai == '.' ? ai + 1 : ai, *bf = bi < be && *bi == '.' ? bi + 1 : bi;
    const char *afe = af, *bfe = bf;
    while (afe < ae && isdigit((unsigned char)*afe))
        afe++;
    while (bfe < be && isdigit((unsigned char)*bfe))
        bfe++;
    /* zero (in any spelling) has no sign */
    bool zero_a = true, zero_b = true;
    for (const char *p = a; p < afe; p++)
        if (isdigit((unsigned char)*p) && *p != '0')
            zero_a = false;
    for (const char *p = b; p < bfe; p++)
        if (isdigit((unsigned char)*p) && *p != '0')
            zero_b = false;
    if (zero_a)
        neg_a = false;
    if (zero_b)
        neg_b = false;
    if (neg_a != neg_b)
        return neg_a ? -1 : 1;
    int sign = neg_a ? -1 : 1;
    while (a < ai && *a == '0')
        a++;
    while (b < bi && *b == '0')
        b++;
    if (ai - a != bi - b)
        return (ai - a < bi - b ? -1 : 1) * sign;
    for (; a < ai; a++, b++)
        if (*a != *b)
            return (*a < *b ? -1 : 1) * sign;
    for (; af < afe || bf < bfe; af++, bf++) {
        char x = af < afe ? *af : '0', y = bf < bfe ? *bf : '0';
        if (x != y)
            return (x < y ? -1 : 1) * sign;
    }
    return 0;
}

static int key_compare(const struct line *x, const struct line *y)
{
    const char *a, *ae, *b, *be;
    key_of(x, &a, &ae);
    key_of(y, &b, &be);
    if (opt_numeric)
        return numeric_compare(a, ae, b, be);
    for (; a < ae && b < be; a++, b++) {
        int p = (unsigned char)*a, q = (unsigned char)*b;
        if (opt_fold) {
            p = toupper(p);
            q = toupper(q);
        }
        if (p != q)
            return p < q ? -1 : 1;
    }
    return (a < ae) - (b < be);
}

static int compare(const void *pa, const void *pb)
{
    const struct line *x = pa, *y = pb;
    int c = key_compare(x, y);
    if (!c && !opt_unique) {
        size_t n = x->len < y->len ? x->len : y->len;
        c = memcmp(x->text, y->text, n);
        if (!c)
            c = (x->len > y->len) - (x->len < y->len);
    }
    if (opt_reverse)
        c = -c;
    if (!c)
        c = (x->index > y->index) - (x->index < y->index);
    return c;
}

static struct line *lines;
static size_t nlines, cap;

static int read_lines(FILE *f, const char *name)
{
    char *buf = NULL;
    size_t size = 0;
    ssize_t n;
    while ((n = getline(&buf, &size, f)) >= 0) {
        if (nlines == cap) {
            cap = cap ? cap * 2 : 1024;
            lines = realloc(lines, cap * sizeof *lines);
            if (!lines)
                die("out of memory");
        }
        size_t len = (size_t)n;
        if (len && buf[len - 1] == '\n')
            len--;
        char *text = malloc(len + 1);
        if (!text)
            die("out of memory");
        memcpy(text, buf, len);
        text[len] = 0;
        lines[nlines] = (struct line){text, len, nlines};
        nlines++;
    }
    free(buf);
    if (ferror(f)) {
        warn("read failed: %s", name);
        return 2;
    }
    return 0;
}

static void parse_key(const char *arg)
{
    char *end;
    key_start = (int)strtol(arg, &end, 10);
    if (key_start < 1) {
        errx(2, "invalid number at field start: invalid count at start of '%s'", arg);
    }
    while (*end && *end != ',') {
        /* per-key flags (-k2n) */
        if (*end == 'n')
            opt_numeric = true;
        else if (*end == 'r')
            opt_reverse = true;
        else if (*end == 'f')
            opt_fold = true;
        else if (*end == 'b')
            opt_blanks = true;
        else if (*end != '.') {
            errx(2, "stray character in field spec: invalid field specification '%s'", arg);
        }
        end++;
    }
    key_end = 0;
    if (*end == ',') {
        key_end = (int)strtol(end + 1, &end, 10);
        for (; *end; end++)
            if (*end == 'n')
                opt_numeric = true;
            else if (*end == 'r')
                opt_reverse = true;
    }
}

int main(int argc, char **argv)
{
    const char *output = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "rnufbsk:t:o:")) != -1) {
        switch (opt) {
        case 'r': opt_reverse = true; break;
        case 'n': opt_numeric = true; break;
        case 'u': opt_unique = true; break;
        case 'f': opt_fold = true; break;
        case 'b': opt_blanks = true; break;
        case 's': break; /* stable: ties are in input order here only with -u */
        case 'k': parse_key(optarg); break;
        case 'o': output = optarg; break;
        case 't':
            if (strlen(optarg) != 1)
                die("multi-character tab");
            separator = (unsigned char)optarg[0];
            break;
        default: return 2;
        }
    }
    int i = optind;
    int status = 0;
    if (i == argc)
        status |= read_lines(stdin, "-");
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            status |= read_lines(stdin, "-");
            continue;
        }
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            err(2, "cannot read: %s", argv[i]);
        }
        status |= read_lines(f, argv[i]);
        fclose(f);
    }
    qsort(lines, nlines, sizeof *lines, compare);
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        err(2, "open failed: %s", output);
    }
    for (size_t k = 0; k < nlines; k++) {
        if (opt_unique && k > 0 && key_compare(&lines[k - 1], &lines[k]) == 0)
            continue;
        fwrite(lines[k].text, 1, lines[k].len, out);
        fputc('\n', out);
    }
    if (fflush(out) != 0)
        return 2;
    return status;
}
