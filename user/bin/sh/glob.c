/*
 * glob.c - patterns (POSIX XCU 2.13): the matcher shared by pathname
 * expansion, ${x#p} and friends, and case; and pathname expansion itself.
 *
 * * ? [...] are special only where the mask says the byte was unquoted
 * (XL or XE, expand.h): a quoted character matches only itself. Bracket
 * expressions: [abc] [a-z] [!x] [^x] and classes [[:alpha:]]; a ']'
 * first in the list is an ordinary member; a '[' with no closing ']' is
 * an ordinary character. Pathname expansion matches one directory level
 * per component; names starting with '.' only match a pattern starting
 * with '.'; the results are sorted; no match leaves the word as it is.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "expand.h"

static bool active(const char *m, size_t i) { return m[i] == XL || m[i] == XE; }

static bool special(const char *p, const char *m, size_t i) { return active(m, i) && strchr("*?[", p[i]); }

static bool in_class(const char *name, size_t n, unsigned char c)
{
    static const struct {
        const char *name;
        int (*fn)(int);
    } classes[] = {
        {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper}, {"lower", islower},
        {"space", isspace}, {"blank", isblank}, {"punct", ispunct}, {"print", isprint}, {"graph", isgraph},
        {"cntrl", iscntrl}, {"xdigit", isxdigit},
    };
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strlen(classes[i].name) == n && memcmp(classes[i].name, name, n) == 0)
            return classes[i].fn(c) != 0;
    return false;
}

/* [...] at p (p[0] == '['), n bytes of pattern left: does c match? *len
 * gets the expression's length, 0 when it is not one (no closing ']'). */
static bool bracket(const char *p, const char *m, size_t n, unsigned char c, size_t *len)
{
    size_t i = 1;
    bool neg = false, hit = false;
    if (i < n && (p[i] == '!' || p[i] == '^') && active(m, i))
        neg = true, i++;
    size_t first = i;
    while (i < n) {
        if (p[i] == ']' && active(m, i) && i > first) {
            *len = i + 1;
            return hit != neg;
        }
        if (p[i] == '[' && active(m, i) && i + 1 < n && p[i + 1] == ':') {
            /* [:class:] */
            size_t j = i + 2;
            while (j + 1 < n && !(p[j] == ':' && p[j + 1] == ']'))
                j++;
            if (j + 1 < n) {
                if (in_class(p + i + 2, j - i - 2, c))
                    hit = true;
                i = j + 2;
                continue;
            }
        }
        unsigned char lo = (unsigned char)p[i];
        /* a range: lo-hi, where a quoted '-' ([a\-z]) is only itself */
        if (i + 2 < n && p[i + 1] == '-' && active(m, i + 1) && !(p[i + 2] == ']' && active(m, i + 2))) {
            unsigned char hi = (unsigned char)p[i + 2];
            if (c >= lo && c <= hi)
                hit = true;
            i += 3;
        } else {
            if (c == lo)
                hit = true;
            i++;
        }
    }
    *len = 0;
    return false;
}

bool pattern_match(const char *p, const char *m, size_t n, const char *s, size_t slen)
{
    while (n) {
        if (active(m, 0) && p[0] == '*') {
            while (n && active(m, 0) && p[0] == '*') /* ** is * */
                p++, m++, n--;
            if (!n)
                return true;
            for (size_t k = 0; k <= slen; k++)
                if (pattern_match(p, m, n, s + k, slen - k))
                    return true;
            return false;
        }
        if (!slen)
            return false;
        size_t len = 1;
        if (active(m, 0) && p[0] == '?') {
            /* any one character */
        } else if (active(m, 0) && p[0] == '[') {
            bool ok = bracket(p, m, n, (unsigned char)*s, &len);
            if (len == 0) {
                if (*s != '[')
                    return false;
                len = 1;
            } else if (!ok) {
                return false;
            }
        } else if (p[0] != *s) {
            return false;
        }
        p += len, m += len, n -= len, s++, slen--;
    }
    return slen == 0;
}

bool pattern_has_wild(const char *p, const char *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!active(m, i))
            continue;
        if (p[i] == '*' || p[i] == '?')
            return true;
        size_t len;
        if (p[i] == '[' && (bracket(p + i, m + i, n - i, 0, &len), len > 0))
            return true; /* a lone [ (the test command) matches only itself: no directory read */
    }
    return false;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Matches the components of pat from offset i below the directory path dir. */
static void walk(const char *pat, const char *mask, size_t i, struct str *dir, struct strvec *hits)
{
    size_t end = i;
    bool wild = false;
    while (pat[end] && pat[end] != '/') {
        if (special(pat, mask, end))
            wild = true;
        end++;
    }
    size_t saved = dir->len;
    if (!wild) {
        str_addn(dir, pat + i, end - i);
        if (pat[end]) {
            str_addc(dir, '/');
            walk(pat, mask, end + 1, dir, hits);
        } else {
            struct stat st;
            if (lstat(dir->s, &st) == 0)
                vec_push(hits, xstrdup(dir->s));
        }
        dir->len = saved;
        if (dir->s)
            dir->s[saved] = '\0';
        return;
    }
    DIR *d = opendir(dir->len ? dir->s : ".");
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        if (name[0] == '.' && pat[i] != '.')
            continue; /* hidden files (. and .. too, as in dash) only for a pattern starting with '.' */
        if (!pattern_match(pat + i, mask + i, end - i, name, strlen(name)))
            continue;
        str_adds(dir, name);
        if (pat[end]) {
            str_addc(dir, '/');
            walk(pat, mask, end + 1, dir, hits);
        } else {
            vec_push(hits, xstrdup(dir->s));
        }
        dir->len = saved;
        dir->s[saved] = '\0';
    }
    closedir(d);
}

void glob_field(const char *pat, const char *mask, struct strvec *out)
{
    struct strvec hits = {0};
    struct str dir = {0};
    size_t i = 0;
    if (pat[0] == '/') {
        str_addc(&dir, '/');
        i = 1;
    }
    walk(pat, mask, i, &dir, &hits);
    str_free(&dir);
    if (hits.n == 0) {
        vec_push(out, xstrdup(pat));
        return;
    }
    qsort(hits.v, (size_t)hits.n, sizeof *hits.v, cmp);
    for (int k = 0; k < hits.n; k++)
        vec_push(out, hits.v[k]);
    free(hits.v);
}
