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
    bool exported;
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
    return v ? v->value : NULL;
}

int var_set(const char *name, const char *value, bool export_it)
{
    if (random_special && strcmp(name, "RANDOM") == 0) {
        random_state = strtoul(value, NULL, 10);
        return 0;
    }
    struct var *v = find(name);
    if (!v) {
        if (nvars == capvars) {
            capvars = capvars ? capvars * 2 : 32;
            vars = xrealloc(vars, (size_t)capvars * sizeof *vars);
        }
        v = &vars[nvars++];
        v->name = xstrdup(name);
        v->value = NULL;
        v->exported = false;
    }
    if (strcmp(name, "OPTIND") == 0)
        getopts_optind_assigned(); /* getopts starts over */
    char *copy = xstrdup(value);
    free(v->value);
    v->value = copy;
    if (export_it)
        v->exported = true;
    return 0;
}

void var_export(const char *name)
{
    struct var *v = find(name);
    if (v)
        v->exported = true;
    else
        var_set(name, "", true), find(name)->exported = true;
}

void var_unset(const char *name)
{
    if (strcmp(name, "RANDOM") == 0)
        random_special = false;
    struct var *v = find(name);
    if (!v)
        return;
    free(v->name);
    free(v->value);
    memmove(v, v + 1, (size_t)(&vars[nvars] - (v + 1)) * sizeof *v);
    nvars--;
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
    cwd_init();
    random_state = (unsigned long)shell_pid * 2654435761UL ^ (unsigned long)time(NULL);
}

char **vars_environ(void)
{
    char **env = xmalloc((size_t)(nvars + 1) * sizeof *env);
    int n = 0;
    for (int i = 0; i < nvars; i++) {
        if (!vars[i].exported)
            continue;
        size_t len = strlen(vars[i].name) + strlen(vars[i].value) + 2;
        env[n] = xmalloc(len);
        snprintf(env[n], len, "%s=%s", vars[i].name, vars[i].value);
        n++;
    }
    env[n] = NULL;
    return env;
}

void vars_print_exports(void)
{
    for (int i = 0; i < nvars; i++)
        if (vars[i].exported)
            printf("export %s=\"%s\"\n", vars[i].name, vars[i].value);
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
