/*
 * cd.c - the working directory: cd [-L|-P] [DIR|-] and pwd [-L|-P].
 *
 * The shell keeps the logical name of the working directory (the one
 * reached through symbolic links, as typed) beside the kernel's physical
 * one: `cd link/..` goes back where it came from, not to the link
 * target's parent. With -L (the default) cd joins DIR to that name,
 * removes . and .. components as text, and changes to the result; with
 * -P it changes to DIR as the kernel resolves it and takes getcwd().
 * PWD and OLDPWD follow every change (exported, as dash does). A relative DIR not starting with
 * . or .. is looked up in CDPATH first; a directory found through a
 * non-empty CDPATH entry, and `cd -` (OLDPWD), print the new directory.
 * Errors: `sh: cd: DIR: reason`, status 2 as dash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

static char *logical; /* the logical working directory; NULL: not known, use getcwd */

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* An absolute path without . or .. components (nor doubled slashes). */
static bool clean(const char *p)
{
    if (p[0] != '/')
        return false;
    for (const char *c = p; *c; c++) {
        if (c[0] != '/')
            continue;
        if (c[1] == '/' || (c[1] == '.' && (c[2] == '/' || !c[2])) ||
            (c[1] == '.' && c[2] == '.' && (c[3] == '/' || !c[3])))
            return false;
    }
    return true;
}

/* path (absolute) with . and .. removed as text, slashes single. */
static char *canonical(const char *path)
{
    struct str out = {0};
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out.len && out.s[out.len - 1] != '/')
                out.len--;
            if (out.len)
                out.len--; /* the slash */
            if (out.s)
                out.s[out.len] = '\0';
        } else {
            str_addc(&out, '/');
            str_addn(&out, p, n);
        }
        p = e;
    }
    if (!out.len)
        str_addc(&out, '/');
    return str_take(&out);
}

static char *physical(void)
{
    char buf[4096];
    return getcwd(buf, sizeof buf) ? xstrdup(buf) : NULL;
}

void cwd_init(void)
{
    const char *pwd = var_get("PWD");
    free(logical);
    logical = pwd && clean(pwd) && same_file(pwd, ".") ? xstrdup(pwd) : physical();
    if (logical)
        var_set("PWD", logical, true);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *a, const char *b)
{
    struct str s = {0};
    str_adds(&s, a);
    if (s.len && s.s[s.len - 1] != '/')
        str_addc(&s, '/');
    str_adds(&s, b);
    return str_take(&s);
}

/* DIR through CDPATH; *print set when a non-empty entry found it. NULL: not there. */
static char *cdpath_lookup(const char *dir, bool *print)
{
    const char *cdpath = var_get("CDPATH");
    if (!cdpath || dir[0] == '/' || strcmp(dir, ".") == 0 || strcmp(dir, "..") == 0 ||
        strncmp(dir, "./", 2) == 0 || strncmp(dir, "../", 3) == 0)
        return NULL;
    for (const char *p = cdpath;;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        char *base = n ? strndup(p, n) : xstrdup(".");
        char *cand = join(base ? base : ".", dir);
        free(base);
        if (is_dir(cand)) {
            *print = n > 0;
            return cand;
        }
        free(cand);
        if (!colon)
            return NULL;
        p = colon + 1;
    }
}

static bool parse_lp(int argc, char **argv, int *i, bool *phys, const char *who)
{
    for (; *i < argc && argv[*i][0] == '-' && argv[*i][1]; (*i)++) {
        if (strcmp(argv[*i], "--") == 0) {
            (*i)++;
            break;
        }
        for (const char *o = argv[*i] + 1; *o; o++) {
            if (*o != 'L' && *o != 'P') {
                sh_error("%s: Illegal option -%c", who, *o);
                return false;
            }
            *phys = *o == 'P';
        }
    }
    return true;
}

int builtin_cd(int argc, char **argv)
{
    bool phys = false, print = false;
    int i = 1;
    if (!parse_lp(argc, argv, &i, &phys, "cd"))
        return 2;
    if (argc - i > 1) {
        sh_error("cd: too many arguments");
        return 2;
    }
    const char *dir = i < argc ? argv[i] : var_get("HOME");
    if (!dir) {
        sh_error("cd: HOME not set");
        return 2;
    }
    if (i >= argc && !*dir)
        return 0; /* HOME empty: nothing to do, as dash */
    if (strcmp(dir, "-") == 0) {
        dir = var_get("OLDPWD");
        if (!dir)
            dir = "";
        print = true;
    }
    if (!*dir)
        dir = ".";
    char *found = cdpath_lookup(dir, &print);
    const char *target = found ? found : dir;
    char *now;
    if (phys) {
        if (chdir(target) < 0)
            goto fail;
        now = physical();
    } else {
        char *here = logical ? xstrdup(logical) : physical();
        char *abs = target[0] == '/' || !here ? xstrdup(target) : join(here, target);
        free(here);
        now = canonical(abs);
        free(abs);
        if (chdir(now) < 0) {
            free(now);
            goto fail;
        }
    }
    const char *old = logical ? logical : var_get("PWD");
    if (old)
        var_set("OLDPWD", old, true);
    free(logical);
    logical = now;
    if (logical)
        var_set("PWD", logical, true);
    if (print)
        printf("%s\n", logical ? logical : target);
    free(found);
    return 0;
fail:
    sh_error("cd: %s: %s", dir, strerror(errno));
    free(found);
    return 2;
}

int builtin_pwd(int argc, char **argv)
{
    bool phys = false;
    int i = 1;
    if (!parse_lp(argc, argv, &i, &phys, "pwd"))
        return 2;
    /* The logical directory, also when it was removed under us (then
     * its path names nothing any more: dash and bash still print it). */
    struct stat st;
    if (!phys && logical && (same_file(logical, ".") || stat(logical, &st) < 0)) {
        printf("%s\n", logical);
        return 0;
    }
    char *p = physical();
    if (!p) {
        sh_error("pwd: %s", strerror(errno));
        return 2;
    }
    printf("%s\n", p);
    free(p);
    return 0;
}
