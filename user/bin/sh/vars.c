/*
 * vars.c - shell variables and the positional parameters.
 *
 * One table holds every variable; the exported ones become the
 * environment of the programs we run (vars_environ). The shell's own
 * environ is never changed, so nothing here depends on setenv.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sh.h"

struct var {
    char *name, *value;
    bool exported, readonly;
    bool unset_value; /* export X / readonly X before any X=value: no value yet */
};
static struct var *vars;
static int nvars, capvars;

char *sh_arg0 = "sh";
char **sh_params;
int sh_nparams;
int last_status;
pid_t shell_pid;
pid_t last_bg_pid;

bool var_name_ok(const char *s, size_t n)
{
    if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return false;
    return true;
}

static struct var *find(const char *name)
{
    for (int i = 0; i < nvars; i++)
        if (strcmp(vars[i].name, name) == 0)
            return &vars[i];
    return NULL;
}

/* $RANDOM (bash's, dash has none): 0..32767 from a linear congruential
 * generator, a new number at each use; assigning seeds it, unsetting
 * makes RANDOM an ordinary variable, as in bash. */
static bool random_special = true;
static unsigned long random_state;

static const char *next_random(void)
{
    static char buf[16];
    random_state = random_state * 1103515245UL + 12345UL;
    snprintf(buf, sizeof buf, "%lu", (random_state >> 16) & 0x7fff);
    return buf;
}

const char *var_get(const char *name)
{
    if (random_special && strcmp(name, "RANDOM") == 0)
        return next_random();
    struct var *v = find(name);
    return v && !v->unset_value ? v->value : NULL;
}

int var_set(const char *name, const char *value, bool export_it)
{
    if (random_special && strcmp(name, "RANDOM") == 0) {
        random_state = strtoul(value, NULL, 10);
        return 0;
    }
    struct var *v = find(name);
    if (strcmp(name, "PATH") == 0)
        hash_forget(); /* remembered lookups were for the old PATH */
    if (v && v->readonly) {
        sh_error("%s: is read only", name);
        sh_special_error(2);
        return -1;
    }
    if (!v) {
        if (nvars == capvars) {
            capvars = capvars ? capvars * 2 : 32;
            vars = xrealloc(vars, (size_t)capvars * sizeof *vars);
        }
        v = &vars[nvars++];
        v->name = xstrdup(name);
        v->value = NULL;
        v->exported = false;
        v->readonly = false;
    }
    if (strcmp(name, "OPTIND") == 0)
        getopts_optind_assigned(); /* getopts starts over */
    char *copy = xstrdup(value);
    free(v->value);
    v->value = copy;
    v->unset_value = false;
    if (export_it || shopt[OPT_ALLEXPORT])
        v->exported = true;
    return 0;
}

void var_export(const char *name)
{
    struct var *v = find(name);
    if (!v) {
        if (var_set(name, "", true) < 0)
            return;
        v = find(name);
        v->unset_value = true;
    }
    v->exported = true;
}

int var_unset(const char *name)
{
    if (strcmp(name, "RANDOM") == 0)
        random_special = false;
    struct var *v = find(name);
    if (strcmp(name, "PATH") == 0)
        hash_forget();
    if (!v)
        return 0;
    if (v->readonly) {
        sh_error("unset: %s: is read only", name);
        return sh_special_error(2);
    }
    free(v->name);
    free(v->value);
    memmove(v, v + 1, (size_t)(&vars[nvars] - (v + 1)) * sizeof *v);
    nvars--;
    return 0;
}

void var_set_readonly(const char *name)
{
    struct var *v = find(name);
    if (!v) {
        var_set(name, "", false);
        v = find(name);
        v->unset_value = true;
    }
    v->readonly = true;
}

bool var_is_readonly(const char *name)
{
    struct var *v = find(name);
    return v && v->readonly;
}

void vars_init(char **envp)
{
    for (char **e = envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || !var_name_ok(*e, (size_t)(eq - *e)))
            continue;
        char *name = strndup(*e, (size_t)(eq - *e));
        if (name) {
            var_set(name, eq + 1, true);
            free(name);
        }
    }
    if (!var_get("PATH"))
        var_set("PATH", "/bin:/usr/bin", false);
    shell_pid = getpid();
    char ppid[16];
    snprintf(ppid, sizeof ppid, "%d", (int)getppid());
    var_set("PPID", ppid, false);
    var_set("OPTIND", "1", false);
    random_state = (unsigned long)shell_pid * 2654435761UL ^ (unsigned long)time(NULL);
}

char **vars_environ(void)
{
    char **env = xmalloc((size_t)(nvars + 1) * sizeof *env);
    int n = 0;
    for (int i = 0; i < nvars; i++) {
        if (!vars[i].exported || vars[i].unset_value)
            continue;
        size_t len = strlen(vars[i].name) + strlen(vars[i].value) + 2;
        env[n] = xmalloc(len);
        snprintf(env[n], len, "%s=%s", vars[i].name, vars[i].value);
        n++;
    }
    env[n] = NULL;
    return env;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* dash's quoting, which the shell reads back as the same value: runs
 * of other characters in '...', runs of single quotes in "..."
 * (it's -> 'it'"'"'s'). */
/* A value with control characters (a newline, a tab, ESC...) in $'...'
 * with escapes, as bash prints it: one line, which `set | grep` and line
 * readers keep whole, and which our shell reads back (dollar_quote.c). */
static bool print_dollar_quoted(const char *s)
{
    const char *p = s;
    while (*p && (unsigned char)*p >= 0x20 && *p != 0x7f)
        p++;
    if (!*p)
        return false;
    fputs("$'", stdout);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *e = strchr("\\'\n\t\r\a\b\f\v\033", c);
        if (c && e)
            printf("\\%c", "\\'ntrabfve"[e - "\\'\n\t\r\a\b\f\v\033"]);
        else if (c < 0x20 || c == 0x7f)
            printf("\\%03o", c);
        else
            putchar(c);
    }
    putchar('\'');
    return true;
}

void sh_print_quoted(const char *s)
{
    if (!*s) {
        fputs("''", stdout);
        return;
    }
    if (print_dollar_quoted(s))
        return;
    while (*s) {
        size_t n = strcspn(s, "'");
        if (n) {
            printf("'%.*s'", (int)n, s);
            s += n;
        }
        n = strspn(s, "'");
        if (n) {
            printf("\"%.*s\"", (int)n, s);
            s += n;
        }
    }
}

void vars_list(enum vars_which which, const char *prefix)
{
    struct var **sorted = xmalloc((size_t)(nvars + 1) * sizeof *sorted);
    int n = 0;
    for (int i = 0; i < nvars; i++)
        if (which == VARS_ALL ? !vars[i].unset_value
                              : which == VARS_EXPORTED ? vars[i].exported : vars[i].readonly)
            sorted[n++] = &vars[i];
    qsort(sorted, (size_t)n, sizeof *sorted, by_name);
    for (int i = 0; i < n; i++) {
        printf("%s%s", prefix, sorted[i]->name);
        if (!sorted[i]->unset_value) {
            putchar('=');
            sh_print_quoted(sorted[i]->value);
        }
        putchar('\n');
    }
    free(sorted);
}

void set_params(char **argv, int argc)
{
    /* argv may point into the old parameters (shift): copy before freeing */
    char **fresh = xmalloc((size_t)(argc + 1) * sizeof *fresh);
    for (int i = 0; i < argc; i++)
        fresh[i] = xstrdup(argv[i]);
    fresh[argc] = NULL;
    for (int i = 0; i < sh_nparams; i++)
        free(sh_params[i]);
    free(sh_params);
    sh_params = fresh;
    sh_nparams = argc;
}
