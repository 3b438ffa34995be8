/*
 * alias.c - the alias table and the alias/unalias builtins. The
 * substitution itself happens in the parser (parse.c, expand_alias), on a
 * word in command position, when the text is parsed; a text is parsed a
 * line at a time, so an alias defined on one line works from the next.
 * `alias` lists name='value' (POSIX's format, dash's: the value quoted
 * so that `alias` + the line redefines it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct alias {
    char *name, *value;
    struct alias *next;
};
static struct alias *aliases;

static struct alias **find(const char *name)
{
    struct alias **pp = &aliases;
    while (*pp && strcmp((*pp)->name, name) != 0)
        pp = &(*pp)->next;
    return pp;
}

const char *alias_get(const char *name)
{
    struct alias *a = *find(name);
    return a ? a->value : NULL;
}

const char *alias_name(size_t i)
{
    struct alias *a = aliases;
    while (a && i--)
        a = a->next;
    return a ? a->name : NULL;
}

/* name='value', quoted as dash does: runs of other characters in '...',
 * runs of ' in "...", so the shell reads it back as it was. */
static void print_alias(struct alias *a)
{
    printf("%s=", a->name);
    const char *s = a->value;
    if (!*s)
        fputs("''", stdout);
    while (*s) {
        size_t n = strcspn(s, "'");
        char q = '\'';
        if (n == 0) {
            n = strspn(s, "'");
            q = '"';
        }
        printf("%c%.*s%c", q, (int)n, s, q);
        s += n;
    }
    putchar('\n');
}

static int cmp_alias(const void *x, const void *y)
{
    return strcmp((*(struct alias *const *)x)->name, (*(struct alias *const *)y)->name);
}

int bi_alias(int argc, char **argv)
{
    if (argc == 1) {
        int n = 0;
        for (struct alias *a = aliases; a; a = a->next)
            n++;
        struct alias **v = xmalloc((size_t)(n + 1) * sizeof *v);
        n = 0;
        for (struct alias *a = aliases; a; a = a->next)
            v[n++] = a;
        qsort(v, (size_t)n, sizeof *v, cmp_alias);
        for (int i = 0; i < n; i++)
            print_alias(v[i]);
        free(v);
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i]) {
            struct alias *a = *find(argv[i]);
            if (a) {
                print_alias(a);
            } else {
                fprintf(stderr, "alias: %s not found\n", argv[i]); /* dash: no prefix */
                st = 1;
            }
            continue;
        }
        char *name = strndup(argv[i], (size_t)(eq - argv[i]));
        struct alias **pp = find(name);
        if (*pp) {
            free((*pp)->value);
            (*pp)->value = xstrdup(eq + 1);
            free(name);
        } else {
            struct alias *a = xmalloc(sizeof *a);
            a->name = name;
            a->value = xstrdup(eq + 1);
            a->next = NULL;
            *pp = a;
        }
    }
    return st;
}

int bi_unalias(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-a") == 0) {
        while (aliases) {
            struct alias *a = aliases;
            aliases = a->next;
            free(a->name);
            free(a->value);
            free(a);
        }
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        struct alias **pp = find(argv[i]);
        if (!*pp) {
            fprintf(stderr, "unalias: %s not found\n", argv[i]);
            st = 1;
            continue;
        }
        struct alias *a = *pp;
        *pp = a->next;
        free(a->name);
        free(a->value);
        free(a);
    }
    return st;
}
