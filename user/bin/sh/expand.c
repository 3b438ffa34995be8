/*
 * expand.c - raw words -> fields.
 *
 * One pass over the word: quotes are removed, $NAME ${NAME} ${NAME:-w}
 * ${#NAME} $? $$ $! $# $0..$9 $@ $*, $(cmd) `cmd` and $((expr)) are substituted, unquoted results are
 * split on blanks, a leading ~ becomes $HOME, and a field with an unquoted
 * * ? or [ is matched against file names (glob.c). A parallel mask
 * records which characters were quoted, since globbing must ignore those.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

void glob_field(const char *pat, const char *mask, struct strvec *out); /* glob.c */
char *arith_eval(const char *text);                                    /* arith.c */

struct exp {
    struct strvec *out;
    struct str cur, mask;  /* the field being built; mask: '1' = quoted char */
    bool has;              /* the field exists even if empty ("" was seen) */
    bool fields;           /* split and glob (argv); false: one string */
    bool heredoc;          /* a here-document body: " is an ordinary character */
};

static void add(struct exp *e, const char *s, size_t n, bool quoted)
{
    str_addn(&e->cur, s, n);
    for (size_t i = 0; i < n; i++)
        str_addc(&e->mask, quoted ? '1' : '0');
}

static void end_field(struct exp *e)
{
    if (!e->has && e->cur.len == 0)
        return;
    bool glob = false;
    for (size_t i = 0; e->fields && i < e->cur.len; i++)
        if (e->mask.s[i] == '0' && strchr("*?[", e->cur.s[i]))
            glob = true;
    if (glob && !shopt[OPT_NOGLOB])
        glob_field(e->cur.s, e->mask.s, e->out);
    else
        vec_push(e->out, str_take(&e->cur));
    str_free(&e->cur);
    str_free(&e->mask);
    e->has = false;
}

/* An expansion's value: in quotes as is, else split on blanks. */
static void add_value(struct exp *e, const char *v, bool quoted)
{
    if (quoted || !e->fields) {
        add(e, v, strlen(v), true);
        e->has = true;
        return;
    }
    for (; *v; v++) {
        if (*v == ' ' || *v == '\t' || *v == '\n')
            end_field(e);
        else
            add(e, v, 1, false);
    }
}

static char numbuf[32];

/* The value of a parameter by name; NULL when unset. */
static const char *param(const char *name, size_t n)
{
    if (n == 1) {
        switch (name[0]) {
        case '?': snprintf(numbuf, sizeof numbuf, "%d", last_status); return numbuf;
        case '$': snprintf(numbuf, sizeof numbuf, "%d", (int)shell_pid); return numbuf;
        case '#': snprintf(numbuf, sizeof numbuf, "%d", sh_nparams); return numbuf;
        case '!':
            if (!last_bg_pid)
                return NULL;
            snprintf(numbuf, sizeof numbuf, "%d", (int)last_bg_pid);
            return numbuf;
        case '-': return options_letters();
        }
    }
    if (isdigit((unsigned char)name[0])) {
        int k = atoi(name);
        if (k == 0)
            return sh_arg0;
        return k <= sh_nparams ? sh_params[k - 1] : NULL;
    }
    if (n == 6 && memcmp(name, "LINENO", 6) == 0) {
        snprintf(numbuf, sizeof numbuf, "%d", sh_lineno);
        return numbuf;
    }
    char tmp[256];
    if (n >= sizeof tmp)
        return NULL;
    memcpy(tmp, name, n);
    tmp[n] = '\0';
    return var_get(tmp);
}

/* set -u: expanding an unset parameter is an error (fatal to a script) */
static void check_set(const char *v, const char *name, size_t n)
{
    if (!v && shopt[OPT_NOUNSET]) {
        sh_errorf("%.*s: parameter not set", (int)n, name);
        sh_special_error(2);
    }
}

/* $@ and $*: quoted "$@" gives one field per parameter. */
static void add_params(struct exp *e, bool quoted, bool at)
{
    for (int i = 0; i < sh_nparams; i++) {
        if (i > 0) {
            if (quoted && at && e->fields)
                end_field(e), e->has = true;
            else
                add_value(e, " ", quoted);
        }
        add_value(e, sh_params[i], quoted);
    }
}

/* ${...}: s points after "${", end at the "}". */
static void brace(struct exp *e, const char *s, const char *end, bool quoted)
{
    bool length = false;
    if (*s == '#' && end - s > 1) {
        length = true;
        s++;
    }
    const char *name = s;
    if (s < end && isdigit((unsigned char)*s)) {
        while (s < end && isdigit((unsigned char)*s))
            s++;
    } else if (s < end && strchr("?$#!@*-", *s)) {
        s++;
    } else {
        while (s < end && (isalnum((unsigned char)*s) || *s == '_'))
            s++;
    }
    size_t n = (size_t)(s - name);
    if (n == 0) {
        fprintf(stderr, "sh: ${%.*s}: bad substitution\n", (int)(end - name), name);
        return;
    }
    if (n == 1 && (*name == '@' || *name == '*')) {
        add_params(e, quoted, *name == '@');
        return;
    }
    const char *v = param(name, n);
    char *own = NULL;
    if (length || s >= end)
        check_set(v, name, n);
    if (length) {
        snprintf(numbuf, sizeof numbuf, "%zu", v ? strlen(v) : 0);
        add_value(e, numbuf, quoted);
        return;
    }
    if (s < end) {
        bool colon = *s == ':';
        if (colon)
            s++;
        char op = s < end ? *s++ : 0;
        bool set = v && (!colon || *v);
        size_t wlen = s < end ? (size_t)(end - s) : 0;
        char *word = xmalloc(wlen + 1);
        memcpy(word, s, wlen);
        word[wlen] = '\0';
        if (!word)
            return;
        switch (op) {
        case '-': if (!set) v = own = expand_one(word); break;
        case '=':
            if (!set) {
                own = expand_one(word);
                char nm[256];
                snprintf(nm, sizeof nm, "%.*s", (int)n, name);
                var_set(nm, own, false);
                v = own;
            }
            break;
        case '+': v = set ? (own = expand_one(word)) : NULL; break;
        case '?':
            if (!set) {
                own = expand_one(word);
                sh_errorf("%.*s: %s", (int)n, name, *own ? own : "parameter null or not set");
                v = NULL;
                sh_special_error(2);
            }
            break;
        default:
            fprintf(stderr, "sh: ${...}: bad substitution\n");
            v = NULL;
        }
        free(word);
    }
    if (v)
        add_value(e, v, quoted);
    free(own);
}

/* A $ at *sp: substitutes and advances *sp past it. */
static void dollar(struct exp *e, const char **sp, bool quoted)
{
    const char *s = *sp + 1;
    if (*s == '{') {
        const char *end = strchr(s, '}');
        if (end) {
            brace(e, s + 1, end, quoted);
            *sp = end + 1;
            return;
        }
    }
    if (s[0] == '(' && s[1] == '(') {
        const char *end = subst_end(s + 1);
        if (end && end[-1] == ')' && end - 1 >= s + 2) {
            char *raw = strndup(s + 2, (size_t)(end - 1 - (s + 2)));
            char *text = expand_one(raw ? raw : "");
            char *v = arith_eval(text);
            add_value(e, v, quoted);
            free(v);
            free(text);
            free(raw);
            *sp = end + 1;
            return;
        }
    }
    if (*s == '(') {
        const char *end = subst_end(s + 1);
        if (end) {
            char *text = strndup(s + 1, (size_t)(end - s - 1));
            char *out = command_output(text ? text : "");
            add_value(e, out, quoted);
            if (quoted)
                e->has = true;
            free(out);
            free(text);
            *sp = end + 1;
            return;
        }
    }
    const char *name = s;
    if (*s && (isdigit((unsigned char)*s) || strchr("?$#!-@*", *s))) {
        s++;
    } else {
        while (isalnum((unsigned char)*s) || *s == '_')
            s++;
    }
    if (s == name) { /* a lone $ */
        add(e, "$", 1, true);
        *sp = s;
        return;
    }
    *sp = s;
    if (s - name == 1 && (*name == '@' || *name == '*')) {
        add_params(e, quoted, *name == '@');
        return;
    }
    const char *v = param(name, (size_t)(s - name));
    check_set(v, name, (size_t)(s - name));
    if (v)
        add_value(e, v, quoted);
}

static void expand_into(struct exp *e, const char *w)
{
    bool dq = e->heredoc;
    const char *s = w;
    if (*s == '~' && (s[1] == '/' || s[1] == '\0') && e->fields) {
        const char *home = var_get("HOME");
        add(e, home ? home : "~", strlen(home ? home : "~"), true);
        e->has = true;
        s++;
    }
    while (*s) {
        char c = *s;
        if (c == '\\' && !dq) {
            if (s[1])
                add(e, s + 1, 1, true), s += 2;
            else
                s++;
        } else if (c == '\\' && dq) {
            if (s[1] == '\n')
                s += 2; /* a line continuation (here-document bodies have them) */
            else if (s[1] && strchr(e->heredoc ? "$`\\" : "$`\"\\", s[1]))
                add(e, s + 1, 1, true), s += 2;
            else
                add(e, s, 1, true), s++;
        } else if (c == '\'' && !dq) {
            const char *q = strchr(s + 1, '\'');
            if (!q)
                q = s + strlen(s);
            add(e, s + 1, (size_t)(q - s - 1), true);
            e->has = true;
            s = *q ? q + 1 : q;
        } else if (c == '"' && !e->heredoc) {
            dq = !dq;
            e->has = true;
            s++;
        } else if (c == '$') {
            dollar(e, &s, dq);
        } else if (c == '`' && backquote_end(s + 1)) {
            /* `cmd`: inside, backslash quotes only $ ` and \ */
            const char *end = backquote_end(s + 1);
            struct str text = {0};
            for (const char *p = s + 1; p < end; p++) {
                if (*p == '\\' && p + 1 < end && strchr("$`\\", p[1]))
                    p++;
                str_addc(&text, *p);
            }
            char *out = command_output(text.s ? text.s : "");
            add_value(e, out, dq);
            free(out);
            str_free(&text);
            s = end + 1;
        } else {
            add(e, s, 1, dq);
            s++;
        }
    }
}

void expand_words(char **raw, int n, struct strvec *out)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(raw[i], "\"$@\"") == 0 && sh_nparams == 0)
            continue; /* "$@" without parameters is no field at all */
        struct exp e = {.out = out, .fields = true};
        expand_into(&e, raw[i]);
        end_field(&e);
    }
}

char *expand_one(const char *raw)
{
    struct strvec v = {0};
    struct exp e = {.out = &v, .fields = false};
    expand_into(&e, raw);
    e.has = true;
    end_field(&e);
    char *s = v.v[0];
    free(v.v);
    return s;
}

char *expand_heredoc(const char *body)
{
    struct strvec v = {0};
    struct exp e = {.out = &v, .fields = false, .heredoc = true};
    expand_into(&e, body);
    e.has = true;
    end_field(&e);
    char *s = v.v[0];
    free(v.v);
    return s;
}

char *expand_pattern(const char *raw, char **mask)
{
    struct strvec v = {0};
    struct exp e = {.out = &v, .fields = false};
    expand_into(&e, raw);
    *mask = str_take(&e.mask);
    char *s = str_take(&e.cur);
    vec_free(&v);
    return s;
}
