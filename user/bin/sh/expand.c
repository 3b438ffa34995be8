/*
 * expand.c - raw words -> fields (POSIX XCU 2.6), the driver.
 *
 * One pass over the raw word (xscan) does tilde expansion, parameter
 * expansion (param.c), command substitution, arithmetic expansion and
 * quote removal, building text plus a mask that remembers where each
 * byte came from (expand.h). Then field splitting (ifs.c) and pathname
 * expansion (glob.c) work from the mask: only unquoted expansion results
 * are split, only unquoted * ? [ are pattern characters.
 */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"

bool expand_error;

void xb_add(struct xbuf *b, const char *s, size_t n, char kind)
{
    str_addn(&b->text, s, n);
    str_addn(&b->mask, "", 0); /* allocated even when empty */
    for (size_t i = 0; i < n; i++)
        str_addc(&b->mask, kind);
}

void xb_free(struct xbuf *b)
{
    str_free(&b->text);
    str_free(&b->mask);
}

void xb_value(struct xbuf *b, const char *v, bool quoted) { xb_add(b, v, strlen(v), quoted ? XQ : XE); }

char *xb_string(const struct xbuf *b)
{
    struct str s = {0};
    for (size_t i = 0; i < b->text.len; i++) {
        char m = b->mask.s[i];
        if (m == XB || m == XS)
            str_addc(&s, ' ');
        else if (m != XM)
            str_addc(&s, b->text.s[i]);
    }
    return str_take(&s);
}

void expand_fail(void)
{
    expand_error = true;
    if (!interactive)
        sh_exit(2);
}

/* The end of a tilde prefix at s (after the ~): the first unquoted '/'
 * (or ':' in an assignment); NULL when a quote or expansion is in it,
 * which leaves the ~ alone. */
static const char *tilde_end(const char *s, const char *end, bool assign)
{
    for (; s < end && *s != '/' && !(assign && *s == ':'); s++)
        if (strchr("\\'\"$`", *s))
            return NULL;
    return s;
}

/* ~ or ~user at s (the ~), ending at e; quoted text, like dash: no splitting, no globbing. */
static void tilde(struct xbuf *b, const char *s, const char *e)
{
    const char *home = NULL;
    if (e == s + 1) {
        home = var_get("HOME");
    } else {
        char *user = strndup(s + 1, (size_t)(e - s - 1));
        struct passwd *pw = user ? getpwnam(user) : NULL;
        free(user);
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home) /* unknown user or HOME unset: the word stays (empty HOME is empty) */
        xb_add(b, s, (size_t)(e - s), XL);
    else
        xb_add(b, home, strlen(home), XQ);
}

/* `cmd` at s (the opening `), end its closing `: backslash quotes only $ ` \ (and " in "..."). */
static void backquote(struct xbuf *b, const char *s, const char *end, bool dq)
{
    struct str text = {0};
    for (const char *p = s + 1; p < end; p++) {
        if (*p == '\\' && p + 1 < end && (strchr("$`\\", p[1]) || (dq && p[1] == '"')))
            p++;
        str_addc(&text, *p);
    }
    char *out = command_output(text.s ? text.s : "");
    xb_value(b, out, dq);
    free(out);
    str_free(&text);
}

/* $((expr)): the text is expanded as in "..." (parameters, $(...), quote removal) first. */
static void arith(struct xbuf *b, const char *s, const char *end, bool quoted)
{
    struct xbuf in = {0};
    struct xctx c = {.dq = true, .nested_dq = true, .lit = XQ};
    xscan(&in, s, end, &c);
    char *text = xb_string(&in);
    xb_free(&in);
    char *v = arith_eval(text);
    free(text);
    if (!v) {
        expand_fail();
        return;
    }
    xb_value(b, v, quoted);
    free(v);
}

/* A $ at s: substitutes; returns the position after it. */
static const char *dollar(struct xbuf *b, const char *s, const char *end, struct xctx *ctx)
{
    const char *p = s + 1;
    if (p < end && *p == '{') {
        const char *close = param_end(p + 1);
        if (close && close < end) {
            param_brace(b, p + 1, close, ctx);
            return close + 1;
        }
    }
    if (p + 1 < end && p[0] == '(' && p[1] == '(') {
        const char *in = arith_end(p + 2);
        if (in && in + 1 < end) {
            arith(b, p + 2, in, ctx->dq);
            return in + 2;
        }
    }
    if (p < end && *p == '(') {
        const char *close = subst_end(p + 1);
        if (close && close < end) {
            char *text = strndup(p + 1, (size_t)(close - p - 1));
            char *out = command_output(text ? text : "");
            xb_value(b, out, ctx->dq);
            free(out);
            free(text);
            return close + 1;
        }
    }
    const char *name = p;
    if (p < end && (isdigit((unsigned char)*p) || strchr("?$#!-@*", *p))) {
        p++;
    } else {
        while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
            p++;
    }
    if (p == name) { /* a lone $ stays */
        xb_add(b, "$", 1, ctx->dq ? XQ : ctx->lit);
        return p;
    }
    param_simple(b, name, (size_t)(p - name), ctx);
    return p;
}

void xscan(struct xbuf *b, const char *s, const char *end, struct xctx *ctx)
{
    const char *start = s;
    bool dq_open = false; /* a " opened here (not nested_dq) */
    while (s < end) {
        char c = *s;
        /* tilde: at the start of the word, and after an unquoted ':' in an assignment */
        if (c == '~' && ctx->tilde && !ctx->dq && (s == start || (ctx->assign && s[-1] == ':'))) {
            const char *e = tilde_end(s + 1, end, ctx->assign);
            if (e) {
                tilde(b, s, e);
                s = e;
                continue;
            }
        }
        if (c == '\\') {
            if (s + 1 >= end) {
                xb_add(b, s, 1, ctx->dq ? XQ : ctx->lit);
                s++;
            } else if (ctx->heredoc && s[1] == '\n') {
                s += 2; /* a line continuation in a here-document body */
            } else if (!ctx->dq || strchr(ctx->heredoc ? "$`\\" : "$`\"\\", s[1]) ||
                       (ctx->nested_dq && s[1] == '}')) {
                xb_add(b, s + 1, 1, XQ);
                s += 2;
            } else {
                xb_add(b, s, 1, XQ);
                s++;
            }
        } else if (c == '\'' && !ctx->dq) {
            const char *q = memchr(s + 1, '\'', (size_t)(end - s - 1));
            if (!q)
                q = end;
            xb_add(b, s + 1, (size_t)(q - s - 1), XQ);
            xb_add(b, "", 1, XM);
            s = q < end ? q + 1 : q;
        } else if (c == '"' && (ctx->nested_dq || ctx->heredoc)) {
            if (ctx->heredoc)
                xb_add(b, s, 1, XQ); /* an ordinary character in a here-document */
            else
                xb_add(b, "", 1, XM);
            s++;
        } else if (c == '"' && ctx->nested_dq) {
            xb_add(b, "", 1, XM);
            s++;
        } else if (c == '"') {
            ctx->dq = !ctx->dq;
            if (ctx->dq) {
                dq_open = true;
                ctx->at_empty = false;
            } else if (!ctx->at_empty) {
                xb_add(b, "", 1, XM); /* "" is an (empty) field; "$@" alone is none */
            }
            s++;
        } else if (c == '$' && s + 1 < end && s[1] == '\'' && !ctx->dq) {
            const char *q = dollar_quote_end(s + 2);
            if (!q || q >= end)
                q = end;
            struct str text = {0};
            dollar_quote_decode(s + 2, q, &text);
            xb_add(b, text.s ? text.s : "", text.len, XQ);
            xb_add(b, "", 1, XM); /* $'' is an (empty) field, as '' */
            str_free(&text);
            s = q < end ? q + 1 : q;
        } else if (c == '$') {
            s = dollar(b, s, end, ctx);
        } else if (c == '`') {
            const char *q = backquote_end(s + 1);
            if (!q || q >= end) {
                xb_add(b, s, 1, ctx->dq ? XQ : ctx->lit);
                s++;
            } else {
                backquote(b, s, q, ctx->dq);
                s = q + 1;
            }
        } else {
            xb_add(b, s, 1, ctx->dq ? XQ : ctx->lit);
            s++;
        }
    }
    if (dq_open && ctx->dq) /* an unterminated quote (the lexer stops these) */
        ctx->dq = false;
}

/* Field splitting's output: pathname expansion, then into argv. */
static void add_field(void *arg, struct xbuf *f)
{
    struct strvec *out = arg;
    if (!shopt[OPT_NOGLOB] && pattern_has_wild(f->text.s, f->mask.s, f->text.len))
        glob_field(f->text.s, f->mask.s, out);
    else
        vec_push(out, xb_string(f));
}

void expand_words(char **raw, int n, struct strvec *out)
{
    for (int i = 0; i < n && !expand_error; i++) {
        struct xbuf b = {0};
        struct xctx c = {.lit = XL, .tilde = true};
        xscan(&b, raw[i], raw[i] + strlen(raw[i]), &c);
        ifs_split(&b, add_field, out);
        xb_free(&b);
    }
}

static char *one(const char *raw, bool assign)
{
    struct xbuf b = {0};
    struct xctx c = {.lit = XL, .tilde = true, .assign = assign};
    xscan(&b, raw, raw + strlen(raw), &c);
    char *s = xb_string(&b);
    xb_free(&b);
    return s;
}

char *expand_one(const char *raw) { return one(raw, false); }

char *expand_heredoc(const char *body)
{
    struct xbuf b = {0};
    struct xctx c = {.dq = true, .heredoc = true, .lit = XQ};
    xscan(&b, body, body + strlen(body), &c);
    char *s = xb_string(&b);
    xb_free(&b);
    return s;
}
char *expand_assign(const char *raw) { return one(raw, true); }

/* POSIX.1-2024 XCU 2.9.1.1: the arguments of the declaration utilities
 * export and readonly (and local, as in dash) that have the form of an
 * assignment are expanded as assignments are: tilde after = and :, no
 * field splitting, no pathname expansion (`export v=$x` keeps x's blanks). */
static bool declaration_utility(const char *w)
{
    return !strcmp(w, "export") || !strcmp(w, "readonly") || !strcmp(w, "local");
}

void expand_command_words(char **raw, int n, struct strvec *out)
{
    bool decl = n > 0 && declaration_utility(raw[0]);
    for (int i = 0; i < n && !expand_error; i++) {
        const char *eq = decl && i > 0 ? strchr(raw[i], '=') : NULL;
        if (eq && eq > raw[i] && var_name_ok(raw[i], (size_t)(eq - raw[i]))) {
            struct str b = {0};
            str_addn(&b, raw[i], (size_t)(eq + 1 - raw[i]));
            char *value = expand_assign(eq + 1);
            str_adds(&b, value);
            free(value);
            vec_push(out, str_take(&b));
        } else {
            expand_words(&raw[i], 1, out);
        }
    }
}

char *expand_pattern(const char *raw, char **mask) { return expand_pattern_span(raw, raw + strlen(raw), mask); }

char *expand_pattern_span(const char *raw, const char *end, char **mask)
{
    struct xbuf b = {0};
    struct xctx c = {.lit = XL, .tilde = true};
    xscan(&b, raw, end, &c);
    struct str t = {0}, m = {0};
    for (size_t i = 0; i < b.text.len; i++) {
        char k = b.mask.s[i];
        if (k == XM || k == XB || k == XS)
            continue;
        str_addc(&t, b.text.s[i]);
        str_addc(&m, k == XQ ? XQ : XL);
    }
    xb_free(&b);
    *mask = str_take(&m);
    return str_take(&t);
}

bool pattern_matches(const char *pat, const char *mask, const char *s)
{
    size_t n = strlen(pat);
    char *all = NULL;
    if (!mask) {
        all = xmalloc(n + 1);
        memset(all, XL, n);
        all[n] = '\0';
        mask = all;
    }
    bool r = pattern_match(pat, mask, n, s, strlen(s));
    free(all);
    return r;
}
