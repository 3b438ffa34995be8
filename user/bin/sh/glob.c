/*
 * glob.c - file name patterns: * ? [abc] [a-z] [!x], one directory level
 * per path component. Characters that were quoted (mask '1') match only
 * themselves. No match leaves the word as it is, like sh does.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

void glob_field(const char *pat, const char *mask, struct strvec *out);

static bool special(const char *p, const char *m, size_t i) { return m[i] == '0' && strchr("*?[", p[i]); }

/* [...] at p (p[0] == '['): does c match? *len gets the class length, 0 if not a class. */
static bool bracket(const char *p, const char *m, size_t n, char c, size_t *len)
{
    size_t i = 1;
    bool neg = false, hit = false;
    if (i < n && (p[i] == '!' || p[i] == '^') && m[i] == '0')
        neg = true, i++;
    size_t first = i;
    for (; i < n; i++) {
        if (p[i] == ']' && m[i] == '0' && i > first) {
            *len = i + 1;
            return hit != neg;
        }
        if (i + 2 < n && p[i + 1] == '-' && p[i + 2] != ']') {
            if (c >= p[i] && c <= p[i + 2])
                hit = true;
            i += 2;
        } else if (p[i] == c) {
            hit = true;
        }
    }
    *len = 0; /* no closing bracket: '[' is an ordinary character */
    return false;
}

static bool match(const char *p, const char *m, size_t n, const char *s)
{
    while (n) {
        if (m[0] == '0' && p[0] == '*') {
            for (const char *t = s;; t++) {
                if (match(p + 1, m + 1, n - 1, t))
                    return true;
                if (!*t)
                    return false;
            }
        }
        if (!*s)
            return false;
        size_t len = 1;
        if (m[0] == '0' && p[0] == '?') {
            /* any one character */
        } else if (m[0] == '0' && p[0] == '[') {
            bool ok = bracket(p, m, n, *s, &len);
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
        p += len, m += len, n -= len, s++;
    }
    return *s == '\0';
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
            continue; /* hidden files only for a pattern starting with '.' */
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (!match(pat + i, mask + i, end - i, name))
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

bool glob_match(const char *pat, const char *mask, const char *s)
{
    return match(pat, mask, strlen(pat), s);
}
