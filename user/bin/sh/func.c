/*
 * func.c - shell functions: `name() compound-command`, `local`, `return`.
 *
 * A function's body is a node of the tree it was parsed in; that tree's
 * arena is reference-counted (struct arena_ref) so the body outlives the
 * text that defined it and is freed when the function is redefined or
 * unset (and not while it runs: a call holds a reference too).
 *
 * A call sets the positional parameters ($0 stays), runs the body in
 * this shell and puts everything back: parameters, the variables made
 * `local` (dash's dynamic scope: a local is seen by the functions it
 * calls), and the loop depth (break inside a function does not reach a
 * loop around the call). `return [N]` unwinds to the call like break.
 * Calls nest as C recursion, so the depth is bounded (FUNC_MAX_DEPTH):
 * a runaway recursion is an error (fatal to a script, as in dash), not a
 * stack overflow. `return` also ends a dot script (main.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define FUNC_MAX_DEPTH 1000 /* dash's limit */

struct func {
    char *name;
    struct node *body;
    struct arena_ref *arena;
    struct func *next;
};

struct local {
    char *name;
    char *old; /* NULL: it was unset */
    struct local *next;
};

static struct func *funcs;
static struct local *locals; /* of the innermost call */
struct arena_ref *current_arena;
int func_depth;

const char *func_name(size_t i)
{
    struct func *f = funcs;
    while (f && i--)
        f = f->next;
    return f ? f->name : NULL;
}

bool func_returning;
static int return_status;

void arena_unref(struct arena_ref *r)
{
    if (r && --r->refs == 0) {
        arena_free(&r->a);
        free(r);
    }
}

struct func *func_lookup(const char *name)
{
    for (struct func *f = funcs; f; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

void func_define(const char *name, struct node *body)
{
    struct func *f = func_lookup(name);
    if (!f) {
        f = xmalloc(sizeof *f);
        f->name = xstrdup(name);
        f->next = funcs;
        funcs = f;
    } else {
        arena_unref(f->arena);
    }
    f->body = body;
    f->arena = current_arena;
    if (f->arena)
        f->arena->refs++;
}

bool func_unset(const char *name)
{
    for (struct func **pp = &funcs; *pp; pp = &(*pp)->next) {
        struct func *f = *pp;
        if (strcmp(f->name, name) == 0) {
            *pp = f->next;
            arena_unref(f->arena);
            free(f->name);
            free(f);
            return true;
        }
    }
    return false;
}

struct node *func_body(struct func *f) { return f->body; }

int func_call(struct func *f, struct strvec *argv)
{
    if (func_depth >= FUNC_MAX_DEPTH) {
        sh_error("Maximum function recursion depth (%d) reached", FUNC_MAX_DEPTH);
        return sh_special_error(2); /* fatal to a script, as in dash */
    }
    char **saved_params = sh_params;
    int saved_n = sh_nparams;
    sh_params = NULL;
    sh_nparams = 0;
    set_params(argv->v + 1, argv->n - 1);
    struct local *saved_locals = locals;
    locals = NULL;
    int saved_loops = loop_depth;
    loop_depth = 0;
    struct arena_ref *ar = f->arena;
    if (ar)
        ar->refs++; /* the body survives `f() { ...; }` redefining itself */
    func_depth++;
    int st = run_node(f->body);
    func_depth--;
    if (func_returning) {
        st = return_status;
        func_returning = false;
    }
    arena_unref(ar);
    loop_depth = saved_loops;
    loop_break = loop_continue = 0;
    while (locals) {
        struct local *l = locals;
        locals = l->next;
        if (l->old)
            var_set(l->name, l->old, false);
        else
            var_unset(l->name);
        free(l->name);
        free(l->old);
        free(l);
    }
    locals = saved_locals;
    set_params(NULL, 0);
    free(sh_params);
    sh_params = saved_params;
    sh_nparams = saved_n;
    return st;
}

/* local NAME[=VALUE]...: NAME keeps its value (dash) until assigned. */
int bi_local(int argc, char **argv)
{
    if (func_depth == 0) {
        sh_error("local: not in a function");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!var_name_ok(argv[i], n)) {
            sh_error("local: %s: bad variable name", argv[i]);
            return 2;
        }
        char *name = strndup(argv[i], n);
        bool seen = false;
        for (struct local *l = locals; l && !seen; l = l->next)
            seen = strcmp(l->name, name) == 0;
        if (!seen) {
            struct local *l = xmalloc(sizeof *l);
            const char *old = var_get(name);
            l->name = xstrdup(name);
            l->old = old ? xstrdup(old) : NULL;
            l->next = locals;
            locals = l;
        }
        if (eq)
            var_set(name, eq + 1, false);
        free(name);
    }
    return 0;
}

/* return [N]: N (default $?) becomes the call's status. */
int bi_return(int argc, char **argv)
{
    int st = last_status;
    if (argc > 1) {
        char *end;
        long n = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end || n < 0) {
            sh_error("return: Illegal number: %s", argv[1]);
            return 2;
        }
        st = (int)(n & 255);
    }
    return_status = st;
    func_returning = true;
    return st;
}
