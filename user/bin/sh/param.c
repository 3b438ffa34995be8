/*
 * param.c - parameter expansion (POSIX XCU 2.6.2): $NAME, ${NAME}, the
 * special parameters, and every ${...} form: ${#x}, ${x:-w} ${x-w}
 * ${x:=w} ${x=w} ${x:?w} ${x?w} ${x:+w} ${x+w}, ${x#p} ${x##p} ${x%p}
 * ${x%%p}. Words are expanded only when used (${x:-$(cmd)} runs cmd
 * only if x is empty), with the quoting of their context: in an
 * unquoted ${x-word} the word is split like any expansion, in "..." it
 * is quoted; patterns are pattern characters unless quoted in the word.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expand.h"

static char numbuf[32];

static const char *num(long v)
{
    snprintf(numbuf, sizeof numbuf, "%ld", v);
    return numbuf;
}

/* The value of a parameter by name (n bytes); NULL when unset. Not @ or *. */
static const char *lookup(const char *name, size_t n)
{
    if (n == 1) {
        switch (name[0]) {
        case '?': return num(last_status);
        case '$': return num(shell_pid);
        case '#': return num(sh_nparams);
        case '!': return last_bg_pid ? num(last_bg_pid) : NULL;
        case '-': return options_letters();
        }
    }
    if (isdigit((unsigned char)name[0])) {
        long k = 0;
        for (size_t i = 0; i < n && k < 100000; i++)
            k = k * 10 + (name[i] - '0');
        if (k == 0)
            return sh_arg0;
        return k <= sh_nparams ? sh_params[k - 1] : NULL;
    }
    if (n == 6 && memcmp(name, "LINENO", 6) == 0)
        return num(sh_lineno);
    char tmp[256];
    if (n >= sizeof tmp)
        return NULL;
    memcpy(tmp, name, n);
    tmp[n] = '\0';
    return var_get(tmp);
}

static bool is_params(const char *name, size_t n) { return n == 1 && (*name == '@' || *name == '*'); }

/* The first character of IFS joins "$*" (space when IFS is unset, nothing when empty). */
static char ifs_join(void)
{
    const char *ifs = var_get("IFS");
    return ifs ? ifs[0] : ' ';
}

/* $@ $* and their quoted forms: one field per parameter ("$@"), joined
 * with IFS's first character ("$*"), or separate fields split again. */
static void add_params(struct xbuf *b, bool at, struct xctx *ctx)
{
    if (ctx->dq && at && sh_nparams == 0)
        ctx->at_empty = true;
    for (int i = 0; i < sh_nparams; i++) {
        if (i > 0) {
            if (!ctx->dq)
                xb_add(b, " ", 1, XS);
            else if (at)
                xb_add(b, " ", 1, XB);
            else if (ifs_join())
                xb_add(b, (char[]){ifs_join()}, 1, XQ);
        }
        xb_value(b, sh_params[i], ctx->dq);
    }
}

/* The joined value of $@ / $* for the ${...} operators; NULL without parameters. */
static char *joined_params(void)
{
    if (sh_nparams == 0)
        return NULL;
    struct str s = {0};
    char sep = ifs_join();
    for (int i = 0; i < sh_nparams; i++) {
        if (i && sep)
            str_addc(&s, sep);
        str_adds(&s, sh_params[i]);
    }
    return str_take(&s);
}

/* An unset parameter under set -u is an error; $@ and $* never are. */
static bool unset_error(const char *name, size_t n)
{
    if (!shopt[OPT_NOUNSET] || is_params(name, n))
        return false;
    sh_error("%.*s: parameter not set", (int)n, name);
    expand_fail();
    return true;
}

void param_simple(struct xbuf *b, const char *name, size_t n, struct xctx *ctx)
{
    if (is_params(name, n)) {
        add_params(b, *name == '@', ctx);
        return;
    }
    const char *v = lookup(name, n);
    if (!v && unset_error(name, n))
        return;
    if (v)
        xb_value(b, v, ctx->dq);
}

/* The word of ${x-word} expanded as one string (for = and ?). */
static char *word_string(const char *s, const char *end)
{
    struct xbuf w = {0};
    struct xctx c = {.lit = XQ, .tilde = true};
    xscan(&w, s, end, &c);
    char *v = xb_string(&w);
    xb_free(&w);
    return v;
}

/* ${x#p} ${x##p} ${x%p} ${x%%p}: v without the matched prefix or suffix. */
static char *remove_pattern(const char *v, char op, bool longest, const char *s, const char *end)
{
    char *pm;
    char *pt = expand_pattern_span(s, end, &pm);
    size_t len = strlen(v), plen = strlen(pt);
    size_t keep_from = 0, keep_to = len;
    for (size_t k = 0; k <= len; k++) {
        /* the part removed: lengths 0..len (shortest first) or len..0 (longest first) */
        size_t cut = longest ? len - k : k;
        bool hit = op == '#' ? pattern_match(pt, pm, plen, v, cut)
                             : pattern_match(pt, pm, plen, v + len - cut, cut);
        if (hit) {
            if (op == '#')
                keep_from = cut;
            else
                keep_to = len - cut;
            break;
        }
    }
    free(pt);
    free(pm);
    return strndup(v + keep_from, keep_to - keep_from);
}

static void bad_subst(void)
{
    sh_error("Bad substitution");
    expand_fail();
}

/* The parts of ${...} (s after "${", close its '}'). */
struct brace {
    bool length;         /* ${#x} */
    const char *name;
    size_t n;
    bool colon;          /* ${x:-w} ... */
    char op;             /* - = ? + # % or 0 */
    bool longest;        /* ## %% */
    const char *word;    /* after the operator */
};

static bool parse_brace(const char *s, const char *close, struct brace *br)
{
    memset(br, 0, sizeof *br);
    /* ${#x}: the length; but ${#} is $#, and ${#-w} ${#:-w} apply to $# */
    if (*s == '#' && s + 1 < close && !strchr(":-=?+", s[1]) && !(s[1] == '#' && s + 2 < close)) {
        br->length = true;
        s++;
    } else if (*s == '#' && s + 2 == close && s[1] == '#') {
        br->length = true; /* ${##}: the length of $# */
        s++;
    }
    br->name = s;
    if (s < close && isdigit((unsigned char)*s)) {
        while (s < close && isdigit((unsigned char)*s))
            s++;
    } else if (s < close && strchr("?$#!@*-", *s)) {
        s++;
    } else {
        while (s < close && (isalnum((unsigned char)*s) || *s == '_'))
            s++;
    }
    br->n = (size_t)(s - br->name);
    if (br->n == 0 || (br->length && s != close))
        return false;
    if (s == close)
        return true;
    br->colon = *s == ':';
    if (br->colon)
        s++;
    br->op = s < close ? *s++ : 0;
    if ((br->op == '#' || br->op == '%') && s < close && *s == br->op)
        br->longest = true, s++;
    br->word = s;
    return br->op && strchr(br->colon ? "-=?+" : "-=?+#%", br->op);
}

bool param_syntax_ok(const char *s, const char *close)
{
    struct brace br;
    return parse_brace(s, close, &br);
}

void param_brace(struct xbuf *b, const char *s, const char *close, struct xctx *ctx)
{
    struct brace br;
    if (!parse_brace(s, close, &br)) {
        bad_subst();
        return;
    }
    const char *name = br.name;
    size_t n = br.n;
    bool length = br.length;
    bool params = is_params(name, n);
    char *own = params ? joined_params() : NULL;
    const char *v = params ? own : lookup(name, n);
    if (length) {
        if (!params && !v && unset_error(name, n))
            return;
        xb_value(b, num(v ? (long)strlen(v) : 0), ctx->dq); /* ${#@}: of "$*", as dash */
        free(own);
        return;
    }
    if (!br.op) {
        if (params) {
            add_params(b, *name == '@', ctx);
        } else if (v || !unset_error(name, n)) {
            if (v)
                xb_value(b, v, ctx->dq);
        }
        free(own);
        return;
    }
    char op = br.op;
    bool longest = br.longest;
    s = br.word;
    bool set = v && (!br.colon || *v);
    switch (op) {
    case '-':
    case '+':
        if ((op == '-') == set) {
            if (params && op == '-')
                add_params(b, *name == '@', ctx);
            else if (v)
                xb_value(b, v, ctx->dq); /* (${x+w} with x unset: nothing) */
        } else {
            /* the word, read with this context's quoting */
            struct xctx c = {.dq = ctx->dq, .nested_dq = ctx->dq, .lit = ctx->dq ? XQ : XE, .tilde = !ctx->dq};
            xscan(b, s, close, &c);
            if (c.at_empty)
                ctx->at_empty = true;
        }
        break;
    case '=':
        if (!set) {
            if (!var_name_ok(name, n)) {
                sh_error("%.*s: cannot assign in this way", (int)n, name);
                expand_fail();
                break;
            }
            char *w = word_string(s, close);
            char nm[256];
            snprintf(nm, sizeof nm, "%.*s", (int)n, name);
            if (var_set(nm, w, false) == 0)
                v = var_get(nm);
            free(w);
        }
        if (v)
            xb_value(b, v, ctx->dq);
        break;
    case '?':
        if (!set) {
            char *w = word_string(s, close);
            sh_error("%.*s: %s", (int)n, name,
                    *w ? w : br.colon ? "parameter not set or null" : "parameter not set");
            free(w);
            expand_fail();
        } else {
            xb_value(b, v, ctx->dq);
        }
        break;
    default: { /* # ## % %% */
        if (!v) {
            if (unset_error(name, n))
                break;
            v = "";
        }
        char *r = remove_pattern(v, op, longest, s, close);
        xb_value(b, r ? r : "", ctx->dq);
        free(r);
    }
    }
    free(own);
}
