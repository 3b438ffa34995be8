/*
 * subst.c - where a $(...), $((...)) or "..." inside a word ends.
 *
 * A command substitution holds whole commands, so its end is not simply
 * the ')' balancing the '(': a case pattern `a)` or a ')' in a comment
 * does not end it. Like dash, which parses the inside as commands, we
 * take the first ')' after which the text so far parses as complete
 * commands (parse_next does not say "incomplete"). Quotes, nested
 * substitutions, ${...} and comments are skipped on the way. An
 * arithmetic $((...)) is only parentheses: it ends at the "))" that
 * balances it (and if none does, it was a $( ( subshell ) ) after all).
 * A ${...} ends at the first '}' outside quotes and nested expansions.
 */
#include <string.h>

#include "sh.h"

/* After the text [s, s+n), could the command substitution end? */
static bool complete_commands(const char *s, size_t n)
{
    struct arena a = {0};
    char *text = arena_strndup(&a, s, n);
    char err[128];
    int line = sh_lineno; /* the parser sets it on errors: not ours to change */
    struct parser *p = parse_begin(&a, text, 1, false, err, sizeof err);
    struct list *l;
    enum parse_result r;
    while ((r = parse_next(p, &l)) == PARSE_OK && l)
        ;
    sh_lineno = line;
    arena_free(&a);
    return r != PARSE_INCOMPLETE;
}

/* The closing '"' of a "..." whose text starts at s; NULL if none. */
static const char *dq_end(const char *s)
{
    for (; *s && *s != '"'; s++) {
        const char *e = s;
        if (*s == '\\' && s[1])
            e = s + 1;
        else if (*s == '$' && s[1] == '(')
            e = s[2] == '(' && arith_end(s + 3) ? arith_end(s + 3) + 1 : subst_end(s + 2);
        else if (*s == '$' && s[1] == '{')
            e = param_end(s + 2);
        else if (*s == '`')
            e = backquote_end(s + 1);
        if (!e)
            return NULL;
        s = e;
    }
    return *s ? s : NULL;
}

/* Skips a quote or substitution at s; returns its last character, s
 * itself if there is none there, NULL if it is not closed. */
static const char *skip_quoted(const char *s)
{
    if (*s == '\\')
        return s[1] ? s + 1 : s;
    if (*s == '\'')
        return strchr(s + 1, '\'');
    if (*s == '"')
        return dq_end(s + 1);
    if (*s == '`')
        return backquote_end(s + 1);
    if (*s == '$' && s[1] == '(') {
        const char *e = s[2] == '(' ? arith_end(s + 3) : NULL;
        return e ? e + 1 : subst_end(s + 2);
    }
    if (*s == '$' && s[1] == '{')
        return param_end(s + 2);
    return s;
}

const char *arith_end(const char *s)
{
    int depth = 0;
    for (; *s; s++) {
        const char *e = skip_quoted(s);
        if (!e)
            return NULL;
        if (e != s) {
            s = e;
        } else if (*s == '(') {
            depth++;
        } else if (*s == ')') {
            if (depth == 0)
                return s[1] == ')' ? s : NULL;
            depth--;
        }
    }
    return NULL;
}

const char *subst_end(const char *s)
{
    const char *start = s;
    int depth = 1;
    bool word_start = true;
    for (; *s; s++) {
        char c = *s;
        const char *e = skip_quoted(s);
        if (!e)
            return NULL;
        if (e != s) {
            s = e;
        } else if (c == '#' && word_start) {
            while (s[1] && s[1] != '\n')
                s++;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (depth > 1)
                depth--;
            else if (complete_commands(start, (size_t)(s - start)))
                return s;
        }
        word_start = strchr(" \t\n;&|()", c) != NULL;
    }
    return NULL;
}

const char *param_end(const char *s)
{
    for (; *s; s++) {
        if (*s == '}')
            return s;
        const char *e = skip_quoted(s);
        if (!e)
            return NULL;
        s = e;
    }
    return NULL;
}
