/*
 * expand.h - what the pieces of word expansion share (expand.c, param.c,
 * ifs.c, glob.c); the rest of the shell sees only sh.h.
 *
 * A word is expanded into one buffer of text with a parallel mask, one
 * byte of mask per byte of text, saying where each byte came from:
 *
 *   XQ  quoted: never split, matches only itself in a pattern
 *   XL  literal unquoted text of the word: a pattern character, not split
 *   XE  the result of an unquoted expansion: split by IFS, and a pattern
 *   XM  a zero-width mark "a quote was here": keeps an empty field alive
 *       ("" or '' or "$x" with x empty is one empty argument)
 *   XB  a hard field break: between the parameters of "$@"
 *   XS  a soft field break: between the parameters of unquoted $@ / $*
 *       (a field ends there; empty parameters vanish, as in dash)
 *
 * Field splitting (ifs.c) cuts at XE bytes found in IFS and at breaks;
 * pathname expansion (glob.c) treats * ? [ as special only where the
 * mask is XL or XE. Marks and breaks are dropped from the final text.
 */
#ifndef SH_EXPAND_H
#define SH_EXPAND_H

#include "sh.h"

enum { XQ = 'q', XL = 'l', XE = 'e', XM = 'm', XB = 'b', XS = 's' };

struct xbuf {
    struct str text, mask;
};

/* How the text being scanned is to be read. */
struct xctx {
    bool dq;          /* inside "...": backslash keeps its dq meaning, ' is literal */
    bool nested_dq;   /* a ${x-word} word inside "...": " only marks, all is quoted */
    char lit;         /* the mask of unquoted literal text: XL, or XE in an unquoted ${x-word} */
    bool tilde;       /* tilde expansion at the start (and, in assignments, after : ) */
    bool assign;      /* an assignment's value: tildes after each unquoted ':' too */
    bool at_empty;    /* "$@" with no parameters was seen in this "..." */
    bool heredoc;     /* a here-document body (with dq): " is ordinary, \ quotes only $ ` \ newline */
};

void xb_add(struct xbuf *b, const char *s, size_t n, char kind);
void xb_free(struct xbuf *b);
/* An expansion's value: XQ when quoted, else XE. */
void xb_value(struct xbuf *b, const char *v, bool quoted);

/* expand.c: scans raw text [s, end) into b. */
void xscan(struct xbuf *b, const char *s, const char *end, struct xctx *ctx);
/* The text of b without marks and breaks (breaks become spaces). */
char *xb_string(const struct xbuf *b);

/* param.c: ${...} at s (just after "${"), which ends at `close` (its '}'). */
void param_brace(struct xbuf *b, const char *s, const char *close, struct xctx *ctx);
/* $NAME, $1, $@ ...: name of n bytes. */
void param_simple(struct xbuf *b, const char *name, size_t n, struct xctx *ctx);

/* ifs.c: splits b into fields (or none), each with its mask, for globbing. */
void ifs_split(const struct xbuf *b, void (*field)(void *arg, struct xbuf *f), void *arg);

/* glob.c: pathname expansion of one field; no match pushes it as is. */
void glob_field(const char *pat, const char *mask, struct strvec *out);
/* Has the pattern a * ? or complete [...] where the mask says unquoted? */
bool pattern_has_wild(const char *p, const char *m, size_t n);
/* Does s match the pattern (pattern characters only where mask is XL/XE)? n: pattern length. */
bool pattern_match(const char *pat, const char *mask, size_t n, const char *s, size_t slen);

/* An expansion error (message already printed): a non-interactive shell exits. */
void expand_fail(void);

#endif
