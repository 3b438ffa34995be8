/*
 * completion.c - Tab in the interactive line editor. The word before the
 * cursor (complete.c finds it) becomes a command name when it is the
 * first word of a command and has no slash: builtins, shell functions,
 * aliases, executables in PATH. Any other word is a path: the
 * entries of its directory (`~/` is HOME), directories marked with `/`.
 *
 * As bash does: one match is inserted (a space after a command or file,
 * nothing after a directory's `/`); several extend the word to their
 * longest common prefix; a Tab that cannot add anything rings the bell,
 * and a second one in a row lists the matches in columns and redraws
 * the prompt and the line below them.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complete.h"
#include "line_edit.h"
#include "sh.h"

static void add_if_prefix(struct strvec *v, const char *name, const char *prefix, const char *suffix)
{
    if (strncmp(name, prefix, strlen(prefix)) != 0)
        return;
    struct str s = {0};
    str_adds(&s, name);
    str_adds(&s, suffix);
    vec_push(v, str_take(&s));
}

/* Executables named prefix* in each directory of PATH (empty entries are
 * the current directory, as for the search itself). */
static void add_path_commands(struct strvec *v, const char *prefix)
{
    const char *path = var_get("PATH");
    if (!path)
        return;
    while (path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        struct str dir = {0};
        str_addn(&dir, n ? path : ".", n ? n : 1);
        DIR *d = opendir(dir.s);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, strlen(prefix)) != 0)
                continue;
            struct str full = {0};
            str_adds(&full, dir.s);
            str_addc(&full, '/');
            str_adds(&full, e->d_name);
            struct stat st;
            if (stat(full.s, &st) == 0 && S_ISREG(st.st_mode) && access(full.s, X_OK) == 0)
                vec_push(v, xstrdup(e->d_name));
            str_free(&full);
        }
        if (d)
            closedir(d);
        str_free(&dir);
        path = colon ? colon + 1 : NULL;
    }
}

static void add_commands(struct strvec *v, const char *prefix)
{
    const char *name;
    for (size_t i = 0; (name = builtin_name(i)) != NULL; i++)
        add_if_prefix(v, name, prefix, "");
    for (size_t i = 0; (name = func_name(i)) != NULL; i++)
        add_if_prefix(v, name, prefix, "");
    for (size_t i = 0; (name = alias_name(i)) != NULL; i++)
        add_if_prefix(v, name, prefix, "");
    add_path_commands(v, prefix);
}

/* Entries of the word's directory whose names start with its last part;
 * *base is set to where that last part starts in text. */
static void add_paths(struct strvec *v, const char *text, const char **base)
{
    const char *slash = strrchr(text, '/');
    *base = slash ? slash + 1 : text;
    struct str dir = {0};
    if (!slash) {
        str_adds(&dir, ".");
    } else {
        const char *rest = text;
        const char *home = var_get("HOME");
        if (text[0] == '~' && text[1] == '/' && home) { /* ~/ as the shell will expand it */
            str_adds(&dir, home);
            rest = text + 1;
        }
        str_addn(&dir, rest, (size_t)(slash + 1 - rest));
    }
    DIR *d = opendir(dir.s);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (name[0] == '.' && (*base)[0] != '.') /* hidden unless asked for */
            continue;
        if (strncmp(name, *base, strlen(*base)) != 0)
            continue;
        struct str full = {0};
        str_adds(&full, dir.s);
        if (full.s[full.len - 1] != '/')
            str_addc(&full, '/');
        str_adds(&full, name);
        struct stat st;
        add_if_prefix(v, name, "", stat(full.s, &st) == 0 && S_ISDIR(st.st_mode) ? "/" : "");
        str_free(&full);
    }
    if (d)
        closedir(d);
    str_free(&dir);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each name once (a command in two PATH directories, or a builtin
 * that is also a program, is listed once). */
static void sort_unique(struct strvec *v)
{
    if (v->n < 2)
        return;
    qsort(v->v, (size_t)v->n, sizeof *v->v, by_name);
    int k = 1;
    for (int i = 1; i < v->n; i++) {
        if (strcmp(v->v[i], v->v[k - 1]) == 0)
            free(v->v[i]);
        else
            v->v[k++] = v->v[i];
    }
    v->n = k;
    v->v[k] = NULL;
}

static int screen_width(void)
{
    struct winsize ws;
    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* Inserts what `match` adds to the typed part `typed` of the word,
 * escaped as the word is quoted; `whole`: the match is complete (close
 * the quote and add a space, unless it is a directory). */
static void insert_rest(struct line_edit *le, const struct cword *w, const char *match, size_t typed, size_t n,
                        bool whole)
{
    char rest[CW_MAX], out[2 * CW_MAX + 4];
    if (n > typed && n - typed < sizeof rest) {
        memcpy(rest, match + typed, n - typed);
        rest[n - typed] = '\0';
    } else {
        rest[0] = '\0';
    }
    size_t len = cword_escape(rest, w->quote, out, 0, sizeof out - 3);
    if (whole && (n == 0 || match[n - 1] != '/')) {
        if (w->quote)
            out[len++] = w->quote;
        out[len++] = ' ';
        out[len] = '\0';
    }
    if (len)
        le_insert(le, out);
}

void complete_line(struct line_edit *le, const char *prompt, bool again, void (*put)(const char *, size_t))
{
    struct cword w;
    cword_find(le->buf, le->cur, &w);
    struct strvec v = {0};
    const char *base = w.text;
    if (w.command && !strchr(w.text, '/'))
        add_commands(&v, w.text);
    else
        add_paths(&v, w.text, &base);
    sort_unique(&v);
    size_t typed = strlen(base);
    if (v.n == 1) {
        insert_rest(le, &w, v.v[0], typed, strlen(v.v[0]), true);
    } else if (v.n > 1 && common_prefix(v.v, v.n) > typed) {
        insert_rest(le, &w, v.v[0], typed, common_prefix(v.v, v.n), false);
    } else if (v.n > 1 && again) {
        char *cols = columns_text(v.v, v.n, screen_width());
        put("\n", 1);
        if (cols)
            put(cols, strlen(cols));
        free(cols);
        put(prompt, strlen(prompt));
        le_redraw(le);
    } else {
        put("\a", 1); /* nothing matches, or nothing more to add: the bell */
    }
    vec_free(&v);
}
