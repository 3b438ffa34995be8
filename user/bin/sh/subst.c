/*
 * subst.c - where a $((...)) or ${...} inside a word ends (a $(...)
 * ends where lexer.c's subst_end says). An arithmetic $((...)) is only
 * parentheses: it ends at the "))" that balances it (and if none does,
 * it was a $( ( subshell ) ) after all). A ${...} ends at the first '}'
 * outside quotes and nested expansions.
 */
#include <string.h>

#include "sh.h"

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
