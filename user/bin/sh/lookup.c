/*
 * lookup.c - what a command name means, in POSIX's order (XCU 2.9.1.1):
 * a special builtin, then a function, then a regular builtin, then a
 * file found in PATH. find_command is the one lookup: running a command
 * (exec.c), `command`, `type` and `hash` all go through it, so they can
 * never disagree.
 *
 * PATH searches are remembered (dash's "tracked aliases"): `hash` lists
 * them, `hash -r` forgets them, and any assignment to PATH forgets them
 * too (vars.c calls hash_forget), as in dash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

/* `command -p`: a PATH that finds the standard utilities */
#define STANDARD_PATH "/bin:/sbin:/usr/bin:/usr/sbin"

/* --- the hash table of PATH lookups ----------------------------------------- */

struct hashed {
    char *name, *path;
};
static struct hashed *table;
static int ntable;

void hash_forget(void)
{
    for (int i = 0; i < ntable; i++) {
        free(table[i].name);
        free(table[i].path);
    }
    free(table);
    table = NULL;
    ntable = 0;
}

static struct hashed *hash_find(const char *name)
{
    for (int i = 0; i < ntable; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

static void hash_add(const char *name, const char *path)
{
    table = xrealloc(table, (size_t)(ntable + 1) * sizeof *table);
    table[ntable].name = xstrdup(name);
    table[ntable].path = xstrdup(path);
    ntable++;
}

char *path_search(const char *name, const char *path, int *err)
{
    bool remember = !path;
    if (remember) {
        struct hashed *h = hash_find(name);
        if (h)
            return xstrdup(h->path);
        path = var_get("PATH");
        if (!path)
            path = "/bin:/usr/bin";
    }
    *err = ENOENT;
    struct str full = {0};
    for (const char *p = path;; p++) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        full.len = 0;
        if (len == 0)
            str_adds(&full, ".");
        else
            str_addn(&full, p, len);
        str_addc(&full, '/');
        str_adds(&full, name);
        struct stat st;
        if (stat(full.s, &st) == 0 && !S_ISDIR(st.st_mode)) {
            if (access(full.s, X_OK) == 0) {
                if (remember)
                    hash_add(name, full.s);
                return str_take(&full);
            }
            *err = EACCES;
        }
        if (!colon)
            break;
        p = colon;
    }
    str_free(&full);
    return NULL;
}

/* --- the lookup ------------------------------------------------------------- */

enum cmd_kind find_command(const char *name, struct cmd *c, bool search_path)
{
    memset(c, 0, sizeof *c);
    builtin_fn fn = builtin_lookup(name);
    if (fn && builtin_is_special(name)) {
        c->fn = fn;
        return c->kind = CMD_SPECIAL;
    }
    if ((c->func = func_lookup(name)))
        return c->kind = CMD_FUNCTION;
    if (fn) {
        c->fn = fn;
        return c->kind = CMD_BUILTIN;
    }
    if (search_path && !strchr(name, '/')) {
        int err;
        free(path_search(name, NULL, &err)); /* remembered for the child's exec */
    }
    return c->kind = CMD_PATH;
}

/* Describes name as `type` (verbose) or `command -v` does; false: not found. */
static bool describe(const char *name, bool verbose, const char *path)
{
    const char *alias = alias_get(name);
    if (alias) {
        if (verbose)
            printf("%s is an alias for %s\n", name, alias);
        else
            printf("alias %s='%s'\n", name, alias); /* re-readable, as dash */
        return true;
    }
    if (is_reserved_word(name)) {
        printf(verbose ? "%s is a shell keyword\n" : "%s\n", name);
        return true;
    }
    struct cmd c;
    enum cmd_kind k = find_command(name, &c, false);
    if (path && k == CMD_FUNCTION)
        k = builtin_lookup(name) ? CMD_BUILTIN : CMD_PATH;
    if (k == CMD_SPECIAL || k == CMD_BUILTIN || k == CMD_FUNCTION) {
        if (!verbose)
            printf("%s\n", name);
        else
            printf("%s is a %s\n", name,
                   k == CMD_SPECIAL ? "special shell builtin" : k == CMD_BUILTIN ? "shell builtin" : "shell function");
        return true;
    }
    int err;
    if (strchr(name, '/')) {
        if (access(name, X_OK) != 0)
            goto missing;
        printf(verbose ? "%s is %s\n" : "%s\n", verbose ? name : name, name);
        return true;
    }
    bool tracked = !path && hash_find(name);
    char *full = path_search(name, path, &err);
    if (!full)
        goto missing;
    if (!verbose)
        printf("%s\n", full);
    else
        printf("%s is %s%s\n", name, tracked ? "a tracked alias for " : "", full);
    free(full);
    return true;
missing:
    if (verbose)
        printf("%s: not found\n", name); /* on stdout, as dash */
    return false;
}

static int describe_all(char **names, bool verbose, const char *path)
{
    int st = 0;
    fflush(stdout);
    for (; *names; names++)
        if (!describe(*names, verbose, path))
            st = 127;
    return st;
}

int bi_type(int argc, char **argv)
{
    (void)argc;
    return describe_all(argv + 1, true, NULL);
}

/* command [-p] [-v|-V] NAME [ARG...]: NAME without its function. */
int bi_command(int argc, char **argv)
{
    bool v = false, V = false, p = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'v')
                v = true;
            else if (*o == 'V')
                V = true;
            else if (*o == 'p')
                p = true;
            else {
                sh_error("command: Illegal option -%c", *o);
                return 2;
            }
        }
    }
    if (i >= argc)
        return 0;
    if (v || V)
        return describe_all(argv + i, V, p ? STANDARD_PATH : NULL);
    builtin_fn fn = builtin_lookup(argv[i]);
    if (fn) {
        special_suppressed++; /* POSIX: `command` takes away a special builtin's fatal errors */
        int st = fn(argc - i, argv + i);
        special_suppressed--;
        return st;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        if (p && !strchr(argv[i], '/')) {
            int err;
            char *full = path_search(argv[i], STANDARD_PATH, &err);
            if (full)
                argv[i] = full;
        }
        exec_command_or_die(argv + i);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return status_of(st);
}

/* hash [-r] [NAME...]: list, forget or look up remembered commands. */
int bi_hash(int argc, char **argv)
{
    int i = 1, st = 0;
    if (i < argc && strcmp(argv[i], "-r") == 0) {
        hash_forget();
        i++;
    }
    if (argc == 1) {
        for (int k = 0; k < ntable; k++)
            printf("%s\n", table[k].path);
        return 0;
    }
    for (; i < argc; i++) {
        struct cmd c;
        if (find_command(argv[i], &c, false) != CMD_PATH)
            continue;
        int err;
        char *full = strchr(argv[i], '/') ? NULL : path_search(argv[i], NULL, &err);
        if (!full) {
            sh_error("hash: %s: not found", argv[i]);
            st = 1;
        }
        free(full);
    }
    return st;
}
