/*
 * read.c - the read builtin: read [-r] [-p PROMPT] [NAME...]
 *
 * One line from standard input, a byte at a time (what follows the line
 * stays for the next reader). Without -r a backslash quotes the next
 * character (it then never separates fields) and backslash-newline
 * continues the line. The line is split by IFS as fields are (ifs.c's
 * rules): each NAME but the last gets one field; the last gets the rest
 * of the line, with leading and trailing IFS white space removed, and a
 * single trailing non-white separator too when only one field is left
 * ("a:b:" read with IFS=: into x y gives y=b, "a:b:c:" gives y=b:c:).
 * Status 1 at end of input (the variables are still set), as dash.
 * Without a NAME the line goes, unsplit, into REPLY (as bash and ksh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expand.h"

struct line {
    struct xbuf b;     /* the line; mask XQ for escaped bytes, XE for the others */
    const char *ifs;
};

static bool sep(struct line *l, size_t i)
{
    char c = l->b.text.s[i];
    return l->b.mask.s[i] == XE && c && strchr(l->ifs, c);
}

static bool white(struct line *l, size_t i)
{
    char c = l->b.text.s[i];
    return sep(l, i) && (c == ' ' || c == '\t' || c == '\n');
}

static size_t skip_white(struct line *l, size_t i, size_t end)
{
    while (i < end && white(l, i))
        i++;
    return i;
}

/* A field from i: sets *fend at its end; returns where the next starts
 * (after the separator and the white space around it). */
static size_t field(struct line *l, size_t i, size_t end, size_t *fend)
{
    while (i < end && !sep(l, i))
        i++;
    *fend = i;
    i = skip_white(l, i, end);
    if (i < end && sep(l, i) && !white(l, i))
        i = skip_white(l, i + 1, end);
    return i;
}

static void assign(const char *name, struct line *l, size_t from, size_t to)
{
    char *v = strndup(l->b.text.s + from, to - from);
    var_set(name, v ? v : "", false);
    free(v);
}

/* Reads the line; returns false at end of input before a newline. */
static bool read_line(struct line *l, bool raw)
{
    for (;;) {
        char c;
        if (read_retry(0, &c, 1) <= 0)
            return false;
        if (c == '\n')
            return true;
        if (c == '\\' && !raw) {
            if (read_retry(0, &c, 1) <= 0)
                return false;
            if (c != '\n')
                xb_add(&l->b, &c, 1, XQ);
            continue;
        }
        xb_add(&l->b, &c, 1, XE);
    }
}

int builtin_read(int argc, char **argv)
{
    bool raw = false;
    const char *prompt = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'r') {
                raw = true;
            } else if (*o == 'p' && !o[1] && i + 1 < argc) {
                prompt = argv[++i];
                break;
            } else {
                sh_error("read: Illegal option -%c", *o);
                return 2;
            }
        }
    }
    /* No NAME: the whole line into REPLY, not split (bash, ksh, mksh
     * and busybox do so; dash wants a name). */
    bool reply = i >= argc;
    for (int k = i; k < argc; k++) {
        if (!var_name_ok(argv[k], strlen(argv[k]))) {
            sh_error("read: %s: bad variable name", argv[k]);
            return 2;
        }
    }
    if (prompt && isatty(0)) {
        fputs(prompt, stderr);
        fflush(stderr);
    }
    struct line l = {.ifs = var_get("IFS")};
    if (!l.ifs)
        l.ifs = " \t\n";
    bool ok = read_line(&l, raw);
    xb_add(&l.b, "", 0, XE);
    size_t end = l.b.text.len;
    if (reply) {
        assign("REPLY", &l, 0, end);
        xb_free(&l.b);
        return ok ? 0 : 1;
    }
    size_t at = skip_white(&l, 0, end);
    for (; i < argc - 1; i++) {
        size_t fend;
        size_t next = at < end ? field(&l, at, end, &fend) : (fend = at);
        assign(argv[i], &l, at, fend);
        at = next;
    }
    /* the last NAME: the rest, without trailing IFS white space ... */
    while (end > at && white(&l, end - 1))
        end--;
    /* ... nor one trailing separator after a single field */
    size_t fend;
    if (at < end && field(&l, at, end, &fend) == end && fend < end)
        end = fend;
    assign(argv[i], &l, at, end);
    xb_free(&l.b);
    return ok ? 0 : 1;
}
