/*
 * arith.c - $((expression)) (POSIX XCU 2.6.4): signed long integers with
 * C's operators and precedence:
 *   ( )  ++ -- (pre and post, as bash)  + - ! ~  * / %  + -  << >>
 *   < <= > >=  == !=  &  ^  |  &&  ||  ?:  = *= /= %= += -= <<= >>= &= ^= |=
 *   ,  (bash's; dash has no comma)
 * Constants are decimal, 0x hex or 0 octal. A bare name is a variable:
 * unset or empty is 0, and a value that is itself an expression is
 * evaluated (as bash does). && || ?: do not evaluate (assign) the side
 * not taken. $VAR and $(...) inside were already expanded by expand.c.
 * Errors use dash's words: `arithmetic expression: division by zero: "1/0"`.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
    const char *text;   /* the whole expression, for messages */
    const char *s;      /* where we are */
    const char *err;    /* the first error, NULL if none */
    int noeval;         /* > 0: in a branch not taken (no assignments) */
    int depth;          /* variables holding expressions: recursion bound */
};

static long comma(struct arith *a);
static long assign(struct arith *a);
static long eval_text(struct arith *outer, const char *text);

static void fail(struct arith *a, const char *why)
{
    if (!a->err)
        a->err = why;
}

static void skip(struct arith *a)
{
    while (isspace((unsigned char)*a->s))
        a->s++;
}

/* Is the operator `op` next (and not the start of a longer one in `not`)? Consumes it. */
static bool take(struct arith *a, const char *op, const char *not_followed_by)
{
    skip(a);
    size_t n = strlen(op);
    if (strncmp(a->s, op, n) != 0)
        return false;
    if (not_followed_by && a->s[n] && strchr(not_followed_by, a->s[n]))
        return false;
    a->s += n;
    return true;
}

static bool name_start(char c) { return isalpha((unsigned char)c) || c == '_'; }

/* A constant at s: decimal, 0x hex, 0 octal; false if malformed (09, 0x). */
static bool constant(const char **sp, long *v)
{
    const char *s = *sp;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2;
    else if (s[0] == '0')
        base = 8;
    unsigned long x = 0;
    const char *digits = s;
    for (;; s++) {
        int d;
        if (isdigit((unsigned char)*s))
            d = *s - '0';
        else if (isalpha((unsigned char)*s))
            d = tolower((unsigned char)*s) - 'a' + 10;
        else
            break;
        if (d >= base)
            return false;
        x = x * (unsigned long)base + (unsigned long)d;
    }
    if (s == digits || *s == '_')
        return false;
    *sp = s;
    *v = (long)x;
    return true;
}

static long var_value(struct arith *a, const char *name)
{
    const char *v = var_get(name);
    if (!v || !*v)
        return 0;
    const char *p = v;
    while (isspace((unsigned char)*p))
        p++;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    long x;
    const char *q = p;
    if (constant(&q, &x)) {
        while (isspace((unsigned char)*q))
            q++;
        if (!*q)
            return neg ? -x : x;
    }
    return eval_text(a, v); /* x=1+2; $((x)) is 3 */
}

static void set_var(struct arith *a, const char *name, long v)
{
    if (a->noeval)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    var_set(name, buf, false);
}

/* A name at a->s into buf; false if none. */
static bool name(struct arith *a, char *buf, size_t size)
{
    skip(a);
    if (!name_start(*a->s))
        return false;
    const char *start = a->s;
    while (isalnum((unsigned char)*a->s) || *a->s == '_')
        a->s++;
    snprintf(buf, size, "%.*s", (int)(a->s - start), start);
    return true;
}

static long unary(struct arith *a);

static long primary(struct arith *a)
{
    skip(a);
    char nm[256];
    if (*a->s == '(') {
        a->s++;
        long v = comma(a);
        if (!take(a, ")", NULL))
            fail(a, "expecting ')'");
        return v;
    }
    if (isdigit((unsigned char)*a->s)) {
        long v = 0;
        if (!constant(&a->s, &v))
            fail(a, "bad number");
        return v;
    }
    if (name(a, nm, sizeof nm)) {
        long v = var_value(a, nm);
        if (take(a, "++", NULL))
            set_var(a, nm, v + 1);
        else if (take(a, "--", NULL))
            set_var(a, nm, v - 1);
        return v;
    }
    fail(a, "expecting primary");
    return 0;
}

static long unary(struct arith *a)
{
    skip(a);
    char nm[256];
    const char *at = a->s;
    if (take(a, "++", NULL) || take(a, "--", NULL)) {
        if (!name(a, nm, sizeof nm)) {
            fail(a, "expecting primary");
            return 0;
        }
        long v = var_value(a, nm) + (*at == '+' ? 1 : -1);
        set_var(a, nm, v);
        return v;
    }
    if (take(a, "-", NULL))
        return (long)(0UL - (unsigned long)unary(a));
    if (take(a, "+", NULL))
        return unary(a);
    if (take(a, "!", "="))
        return !unary(a);
    if (take(a, "~", NULL))
        return ~unary(a);
    return primary(a);
}

/* x / y and x % y, with C's results and errors for 0 (and LONG_MIN / -1). */
static long divide(struct arith *a, long x, long y, bool mod)
{
    if (y == 0) {
        if (!a->noeval)
            fail(a, "division by zero");
        return 0;
    }
    if (y == -1)
        return mod ? 0 : (long)(0UL - (unsigned long)x);
    return mod ? x % y : x / y;
}

static long shift_by(long x, long y, bool left)
{
    return left ? (long)((unsigned long)x << (y & 63)) : x >> (y & 63);
}

/* x ** y (bash, ksh, zsh; not in POSIX or dash): above * and below the
 * unary operators (-2**2 is 4, as bash), right-associative; a negative
 * exponent is an error. */
static long power(struct arith *a)
{
    long x = unary(a);
    if (!take(a, "**", NULL))
        return x;
    long y = power(a);
    if (y < 0) {
        if (!a->noeval)
            fail(a, "exponent less than 0");
        return 0;
    }
    unsigned long r = 1, b = (unsigned long)x;
    for (; y; y >>= 1, b *= b) /* by squaring: wraps as * does */
        if (y & 1)
            r *= b;
    return (long)r;
}

/* The binary operators by precedence level, lowest first (|| to *). */
static long binary(struct arith *a, int level)
{
    if (level == 10)
        return power(a);
    long x = binary(a, level + 1);
    for (;;) {
        long y;
        if (level == 0 && take(a, "||", NULL)) {
            if (x)
                a->noeval++;
            y = binary(a, 1);
            if (x)
                a->noeval--;
            x = x || y;
        } else if (level == 1 && take(a, "&&", NULL)) {
            if (!x)
                a->noeval++;
            y = binary(a, 2);
            if (!x)
                a->noeval--;
            x = x && y;
        } else if (level == 2 && take(a, "|", "|=")) {
            x |= binary(a, 3);
        } else if (level == 3 && take(a, "^", "=")) {
            x ^= binary(a, 4);
        } else if (level == 4 && take(a, "&", "&=")) {
            x &= binary(a, 5);
        } else if (level == 5 && take(a, "==", NULL)) {
            x = x == binary(a, 6);
        } else if (level == 5 && take(a, "!=", NULL)) {
            x = x != binary(a, 6);
        } else if (level == 6 && take(a, "<=", NULL)) {
            x = x <= binary(a, 7);
        } else if (level == 6 && take(a, ">=", NULL)) {
            x = x >= binary(a, 7);
        } else if (level == 6 && take(a, "<", "<")) {
            x = x < binary(a, 7);
        } else if (level == 6 && take(a, ">", ">")) {
            x = x > binary(a, 7);
        } else if (level == 7 && take(a, "<<", "=")) {
            x = shift_by(x, binary(a, 8), true);
        } else if (level == 7 && take(a, ">>", "=")) {
            x = shift_by(x, binary(a, 8), false);
        } else if (level == 8 && take(a, "+", "+=")) {
            x = (long)((unsigned long)x + (unsigned long)binary(a, 9));
        } else if (level == 8 && take(a, "-", "-=")) {
            x = (long)((unsigned long)x - (unsigned long)binary(a, 9));
        } else if (level == 9 && take(a, "*", "=*")) {
            x = (long)((unsigned long)x * (unsigned long)binary(a, 10));
        } else if (level == 9 && take(a, "/", "=")) {
            x = divide(a, x, binary(a, 10), false);
        } else if (level == 9 && take(a, "%", "=")) {
            x = divide(a, x, binary(a, 10), true);
        } else {
            return x;
        }
    }
}

static long conditional(struct arith *a)
{
    long c = binary(a, 0);
    if (!take(a, "?", NULL))
        return c;
    if (!c)
        a->noeval++;
    long x = comma(a);
    if (!c)
        a->noeval--;
    if (!take(a, ":", NULL)) {
        fail(a, "expecting ':'");
        return 0;
    }
    if (c)
        a->noeval++;
    long y = conditional(a);
    if (c)
        a->noeval--;
    return c ? x : y;
}

static long assign(struct arith *a)
{
    static const char *const ops[] = {"=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=", NULL};
    const char *save = a->s;
    char nm[256];
    if (name(a, nm, sizeof nm)) {
        skip(a);
        for (int i = 0; ops[i]; i++) {
            size_t n = strlen(ops[i]);
            if (strncmp(a->s, ops[i], n) != 0 || (i == 0 && a->s[1] == '='))
                continue;
            a->s += n;
            long y = assign(a);
            long x = i ? var_value(a, nm) : 0;
            long v;
            switch (ops[i][0]) {
            case '=': v = y; break;
            case '*': v = (long)((unsigned long)x * (unsigned long)y); break;
            case '/': v = divide(a, x, y, false); break;
            case '%': v = divide(a, x, y, true); break;
            case '+': v = (long)((unsigned long)x + (unsigned long)y); break;
            case '-': v = (long)((unsigned long)x - (unsigned long)y); break;
            case '<': v = shift_by(x, y, true); break;
            case '>': v = shift_by(x, y, false); break;
            case '&': v = x & y; break;
            case '^': v = x ^ y; break;
            default: v = x | y; break;
            }
            if (!a->err)
                set_var(a, nm, v);
            return v;
        }
    }
    a->s = save;
    return conditional(a);
}

static long comma(struct arith *a)
{
    long v = assign(a);
    while (!a->err && take(a, ",", NULL))
        v = assign(a);
    return v;
}

/* A variable's value that is an expression: evaluated on its own (errors carry over). */
static long eval_text(struct arith *outer, const char *text)
{
    if (outer->depth > 32) {
        fail(outer, "expression recursion level exceeded");
        return 0;
    }
    struct arith a = {.text = text, .s = text, .noeval = outer->noeval, .depth = outer->depth + 1};
    long v = comma(&a);
    skip(&a);
    if (!a.err && *a.s)
        fail(&a, "expecting EOF");
    if (a.err)
        fail(outer, a.err);
    return v;
}

char *arith_eval(const char *text)
{
    struct arith a = {.text = text, .s = text};
    skip(&a);
    long v = 0;
    if (*a.s) { /* $(( )) is 0 */
        v = comma(&a);
        skip(&a);
        if (!a.err && *a.s)
            fail(&a, "expecting EOF");
    }
    if (a.err) {
        sh_error("arithmetic expression: %s: \"%s\"", a.err, text);
        return NULL;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    return xstrdup(buf);
}
