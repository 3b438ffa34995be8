/*
 * arith.c - $((expression)): long integers with C's operators
 * ( ) ! ~ unary - + * / % + - << >> < <= > >= == != & ^ | && || and
 * bare variable names (unset or empty = 0). $VAR inside was already
 * substituted by expand.c. Errors print a message and give 0.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
    const char *s;
    bool err, reported;
};

static long expr(struct arith *a, int minprec);

static void skip(struct arith *a)
{
    while (isspace((unsigned char)*a->s))
        a->s++;
}

static long primary(struct arith *a)
{
    skip(a);
    char c = *a->s;
    if (c == '(') {
        a->s++;
        long v = expr(a, 0);
        skip(a);
        if (*a->s != ')') {
            a->err = true;
            return 0;
        }
        a->s++;
        return v;
    }
    if (c == '-' || c == '+' || c == '!' || c == '~') {
        a->s++;
        long v = primary(a);
        return c == '-' ? -v : c == '+' ? v : c == '!' ? !v : ~v;
    }
    if (isdigit((unsigned char)c)) {
        char *end;
        long v = strtol(a->s, &end, 0);
        a->s = end;
        return v;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        const char *start = a->s;
        while (isalnum((unsigned char)*a->s) || *a->s == '_')
            a->s++;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(a->s - start), start);
        const char *v = var_get(name);
        return v ? strtol(v, NULL, 0) : 0;
    }
    a->err = true;
    return 0;
}

static const struct {
    const char *op;
    int prec;
} ops[] = {
    {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5}, {"==", 6}, {"!=", 6}, {"<=", 7}, {">=", 7},
    {"<<", 8}, {">>", 8}, {"<", 7}, {">", 7}, {"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10},
};

static long apply(struct arith *a, const char *op, long x, long y)
{
    switch (op[0]) {
    case '|': return op[1] ? (x || y) : (x | y);
    case '&': return op[1] ? (x && y) : (x & y);
    case '^': return x ^ y;
    case '=': return x == y;
    case '!': return x != y;
    case '<': return op[1] == '=' ? x <= y : op[1] == '<' ? (long)((unsigned long)x << (y & 63)) : x < y;
    case '>': return op[1] == '=' ? x >= y : op[1] == '>' ? x >> (y & 63) : x > y;
    case '+': return (long)((unsigned long)x + (unsigned long)y);
    case '-': return (long)((unsigned long)x - (unsigned long)y);
    case '*': return (long)((unsigned long)x * (unsigned long)y);
    default:
        if (y == 0 || (x == -(long)(~0UL >> 1) - 1 && y == -1)) {
            fprintf(stderr, "sh: arithmetic: division by zero\n");
            a->err = a->reported = true;
            return 0;
        }
        return op[0] == '/' ? x / y : x % y;
    }
}

/* Precedence climbing: binary operators binding tighter than minprec. */
static long expr(struct arith *a, int minprec)
{
    long x = primary(a);
    for (;;) {
        skip(a);
        int k = -1;
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
            if (strncmp(a->s, ops[i].op, strlen(ops[i].op)) == 0) {
                k = (int)i;
                break;
            }
        }
        if (k < 0 || ops[k].prec <= minprec || a->err)
            return x;
        a->s += strlen(ops[k].op);
        long y = expr(a, ops[k].prec);
        x = apply(a, ops[k].op, x, y);
    }
}

char *arith_eval(const char *text)
{
    struct arith a = {.s = text};
    long v = expr(&a, 0);
    skip(&a);
    char buf[32];
    if (a.reported) {
        v = 0;
    } else if (a.err || *a.s) {
        fprintf(stderr, "sh: %s: arithmetic syntax error\n", text);
        v = 0;
    }
    snprintf(buf, sizeof buf, "%ld", v);
    return xstrdup(buf);
}
