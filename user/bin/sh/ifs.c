/*
 * ifs.c - field splitting (POSIX XCU 2.6.5).
 *
 * Only bytes that came from unquoted expansions (mask XE) can separate
 * fields. With IFS unset it is " \t\n"; empty, nothing splits. IFS
 * white space (space, tab, newline when in IFS) around a separator is
 * part of it and at the start or end of the word is dropped; each
 * other IFS character ends a field even if that field is empty:
 * IFS=: and "a::b" give a, "", b (but "a:" gives just a). A field with
 * only quotes in it ("" or a quoted empty expansion) still counts.
 * The parameters of unquoted $@ and $* are separate fields (XS, dropped
 * when empty, as in dash); those of "$@" always are (XB).
 */
#include <string.h>

#include "expand.h"

struct splitter {
    const char *ifs;
    const struct xbuf *b;
};

static bool in_ifs(struct splitter *sp, size_t i)
{
    char c = sp->b->text.s[i];
    return sp->b->mask.s[i] == XE && c && strchr(sp->ifs, c);
}

static bool is_white(struct splitter *sp, size_t i)
{
    char m = sp->b->mask.s[i], c = sp->b->text.s[i];
    return m == XS || (in_ifs(sp, i) && (c == ' ' || c == '\t' || c == '\n'));
}

static size_t skip_white(struct splitter *sp, size_t i)
{
    while (i < sp->b->text.len && is_white(sp, i))
        i++;
    return i;
}

void ifs_split(const struct xbuf *b, void (*field)(void *arg, struct xbuf *f), void *arg)
{
    struct splitter sp = {.ifs = var_get("IFS"), .b = b};
    if (!sp.ifs)
        sp.ifs = " \t\n";
    struct xbuf f = {0};
    bool live = false; /* the field exists even if empty (a quote was in it) */
    size_t n = b->text.len;
    size_t i = skip_white(&sp, 0);
    while (i < n) {
        char m = b->mask.s[i];
        if (m == XB || is_white(&sp, i) || in_ifs(&sp, i)) {
            bool force = m == XB;
            if (m == XB) {
                i++;
            } else {
                i = skip_white(&sp, i);
                if (i < n && in_ifs(&sp, i) && !is_white(&sp, i)) {
                    force = true;
                    i = skip_white(&sp, i + 1);
                }
            }
            if (force || live || f.text.len) {
                if (!f.text.s)
                    xb_add(&f, "", 0, XQ); /* an allocated empty string */
                field(arg, &f);
            }
            xb_free(&f);
            live = false;
            continue;
        }
        if (m == XM)
            live = true;
        else
            xb_add(&f, b->text.s + i, 1, m);
        i++;
    }
    if (live || f.text.len) {
        if (!f.text.s)
            xb_add(&f, "", 0, XQ);
        field(arg, &f);
    }
    xb_free(&f);
}
