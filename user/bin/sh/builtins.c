/* builtins.c - the commands the shell runs itself. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sh.h"

#include "../common/echo.h"

static int bi_true(int argc, char **argv) { (void)argc, (void)argv; return 0; }
static int bi_false(int argc, char **argv) { (void)argc, (void)argv; return 1; }

static bool parse_int(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno)
        return false;
    *out = v;
    return true;
}

static int bi_exit(int argc, char **argv)
{
    long n = last_status;
    if (argc > 1 && (!parse_int(argv[1], &n) || n < 0)) {
        sh_error("exit: Illegal number: %s", argv[1]);
        return sh_special_error(2);
    }
    sh_exit((int)(n & 0xff));
}

static int bi_unset(int argc, char **argv)
{
    bool funcs = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-v") != 0 && strcmp(argv[i], "-f") != 0) {
            sh_error("unset: Illegal option %s", argv[i]);
            return sh_special_error(2);
        }
        funcs = argv[i][1] == 'f';
    }
    int st = 0;
    for (; i < argc; i++) {
        if (funcs)
            func_unset(argv[i]);
        else if (var_unset(argv[i]))
            st = 2;
    }
    return st;
}

static int bi_history(int argc, char **argv)
{
    (void)argc, (void)argv;
    history_print();
    return 0;
}

/* jobs [-l | -p] [JOB...] */
static int bi_jobs(int argc, char **argv)
{
    char mode = 0;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-l") && strcmp(argv[i], "-p")) {
            sh_error("jobs: Illegal option %s", argv[i]);
            return 2;
        }
        mode = argv[i][1];
    }
    if (i >= argc) {
        jobs_list(mode, NULL);
        return 0;
    }
    int st = 0;
    for (; i < argc; i++) {
        struct job *j = job_find(argv[i]);
        if (!j) {
            sh_error("jobs: %s: No such job", argv[i]);
            st = 1;
            continue;
        }
        jobs_list(mode, j);
    }
    return st;
}

static int bi_wait(int argc, char **argv)
{
    if (argc == 1) {
        struct job *j;
        while ((j = job_running())) { /* stopped jobs would never end */
            int st = job_wait(j);
            if (trap_pending_signal())
                return st;
        }
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '%' && argv[i][strspn(argv[i], "0123456789")]) {
            sh_error("wait: Illegal number: %s", argv[i]); /* neither PID nor %job (dash) */
            return 2;
        }
        struct job *j = job_find(argv[i]);
        if (!j) {
            /* an unknown PID is not an error message, only 127 (POSIX, dash) */
            if (argv[i][0] == '%')
                sh_error("wait: %s: No such job", argv[i]);
            st = 127;
            continue;
        }
        st = job_wait(j);
        if (trap_pending_signal())
            return st;
    }
    return st;
}

static struct job *job_arg(const char *who, int argc, char **argv)
{
    if (!interactive) {
        fprintf(stderr, "sh: %s: no job control\n", who);
        return NULL;
    }
    struct job *j = job_find(argc > 1 ? argv[1] : NULL);
    if (!j)
        fprintf(stderr, "sh: %s: %s: no such job\n", who, argc > 1 ? argv[1] : "current");
    return j;
}

static int bi_fg(int argc, char **argv)
{
    struct job *j = job_arg("fg", argc, argv);
    return j ? job_fg(j) : 1;
}

static int bi_bg(int argc, char **argv)
{
    struct job *j = job_arg("bg", argc, argv);
    return j ? job_bg(j) : 1;
}

/* `return` in a dot script ends the script, not an enclosing function
 * (POSIX, dash): its status is the dot command's. */
static int dot_returned(int st)
{
    if (func_returning) {
        func_returning = false;
        st = last_status;
    }
    return st;
}

/* `.`: a name without a slash is looked for in PATH only (POSIX, dash). */
static char *dot_path(const char *name)
{
    if (strchr(name, '/'))
        return xstrdup(name);
    const char *path = var_get("PATH");
    struct str full = {0};
    for (const char *p = path ? path : ""; path;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        full.len = 0;
        str_addn(&full, len ? p : ".", len ? len : 1);
        str_addc(&full, '/');
        str_adds(&full, name);
        struct stat st;
        if (stat(full.s, &st) == 0 && S_ISREG(st.st_mode) && access(full.s, R_OK) == 0)
            return str_take(&full);
        if (!colon)
            break;
        p = colon + 1;
    }
    str_free(&full);
    return NULL;
}

static int bi_source(int argc, char **argv)
{
    if (argc < 2) {
        sh_error("%s: filename argument required", argv[0]);
        return sh_special_error(2);
    }
    char *path = dot_path(argv[1]);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0) {
        sh_error("%s: %s: not found", argv[0], argv[1]);
        free(path);
        return sh_special_error(2);
    }
    close(fd);
    int st;
    if (argc == 2) {
        st = source_file(path, true);
        free(path);
        return dot_returned(st);
    }
    /* . FILE ARGS: the arguments are $1... while it runs */
    int saved_n = sh_nparams;
    char **saved = sh_params;
    sh_params = NULL;
    sh_nparams = 0;
    set_params(argv + 2, argc - 2);
    st = dot_returned(source_file(path, true));
    free(path);
    set_params(saved, saved_n);
    for (int i = 0; i < saved_n; i++)
        free(saved[i]);
    free(saved);
    return st;
}

static int bi_shift(int argc, char **argv)
{
    long n = 1;
    if (argc > 1 && (!parse_int(argv[1], &n) || n < 0)) {
        sh_error("shift: Illegal number: %s", argv[1]);
        return sh_special_error(2);
    }
    if (n > sh_nparams) {
        sh_error("shift: can't shift that many");
        return sh_special_error(2);
    }
    set_params(sh_params + n, sh_nparams - (int)n);
    return 0;
}

static int loop_control(int argc, char **argv, int *counter)
{
    long n = 1;
    if (argc > 1 && (!parse_int(argv[1], &n) || n < 1)) {
        sh_error("%s: Illegal number: %s", argv[0], argv[1]);
        return sh_special_error(2);
    }
    if (loop_depth == 0)
        return 0; /* outside a loop: nothing to do, like bash */
    *counter = n > loop_depth ? loop_depth : (int)n;
    return 0;
}

static int bi_break(int argc, char **argv) { return loop_control(argc, argv, &loop_break); }
static int bi_continue(int argc, char **argv) { return loop_control(argc, argv, &loop_continue); }


static int bi_help(int argc, char **argv);

static const struct {
    const char *name;
    builtin_fn fn;
    const char *usage;
} builtins[] = {
    {"cd", builtin_cd, "cd [-L|-P] [DIR | -]"},
    {"pwd", builtin_pwd, "pwd [-L|-P]"},
    {"echo", echo_words, "echo [-neE] [ARG...]"},
    {"exit", bi_exit, "exit [N]"},
    {"export", bi_export, "export [-p] [NAME[=VALUE]...]"},
    {"unset", bi_unset, "unset [-v] NAME..."},
    {"set", bi_set, "set [-abCefhmnuvx] [-o NAME] [--] [ARG...]"},
    {"eval", bi_eval, "eval [ARG...]"},
    {"exec", bi_exec, "exec [CMD [ARG...]] (redirections alone: for the shell)"},
    {"readonly", bi_readonly, "readonly [-p] [NAME[=VALUE]...]"},
    {"times", bi_times, "times"},
    {"trap", bi_trap, "trap [ACTION | - | ''] SIGNAL..."},
    {"shift", bi_shift, "shift [N]"},
    {"read", builtin_read, "read [-r] [-p PROMPT] NAME..."},
    {"history", bi_history, "history"},
    {"jobs", bi_jobs, "jobs [-l | -p] [%N...]"},
    {"wait", bi_wait, "wait [PID | %N...]"},
    {"fg", bi_fg, "fg [%N]"},
    {"bg", bi_bg, "bg [%N]"},
    {"kill", bi_kill, "kill [-s SIG | -SIG] PID | %N... | -l [N]"},
    {".", bi_source, ". FILE"},
    {"source", bi_source, "source FILE"},
    {"break", bi_break, "break [N]"},
    {"continue", bi_continue, "continue [N]"},
    {"getopts", builtin_getopts, "getopts OPTSTRING NAME [ARG...]"},
    {"umask", builtin_umask, "umask [-S] [MODE]"},
    {"printf", builtin_printf, "printf FORMAT [ARG...]"},
    {"test", builtin_test, "test EXPR"},
    {"[", builtin_test, "[ EXPR ]"},
    {"true", bi_true, "true"},
    {"false", bi_false, "false"},
    {":", bi_true, ": [ARG...]"},
    {"help", bi_help, "help"},
    /* the grammar's builtins: func.c, lookup.c, alias.c */
    {"local", bi_local, "local NAME[=VALUE]..."},
    {"return", bi_return, "return [N]"},
    {"type", bi_type, "type NAME..."},
    {"command", bi_command, "command [-p] [-v | -V] NAME [ARG...]"},
    {"hash", bi_hash, "hash [-r] [NAME...]"},
    {"alias", bi_alias, "alias [NAME[=VALUE]...]"},
    {"unalias", bi_unalias, "unalias [-a] NAME..."},
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

static int bi_help(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("Tiny OS shell. Builtins:\n");
    for (size_t i = 0; i < NBUILTINS; i++)
        printf("  %s\n", builtins[i].usage);
    printf("Syntax:\n"
           "  cmd1 | cmd2 | ...      pipeline      cmd &            background job\n"
           "  a ; b   a && b   a || b                ! cmd            negate status\n"
           "  < f  > f  >> f  2> f  2>> f  2>&1  >&2  N>f           redirections\n"
           "  'text'  \"text $VAR\"  \\c                               quoting\n"
           "  $VAR ${VAR} ${VAR:-w} $? $$ $! $# $0..$9 $@ $*         variables\n"
           "  NAME=value   NAME=value cmd   * ? [a-z]   ~   # comment\n"
           "  if c; then a; elif c; then b; else c; fi   { list; }   ( list )\n"
           "  while c; do ...; done   until c; do ...; done   for x in w...; do ...; done\n"
           "Keys: arrows, Home/End, Delete, ^A ^E ^U ^K ^W, ^C cancels, ^D exits, ^Z stops a job.\n");
    return 0;
}

builtin_fn builtin_lookup(const char *name)
{
    for (size_t i = 0; i < NBUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].fn;
    return NULL;
}

const char *builtin_name(size_t i)
{
    return i < NBUILTINS ? builtins[i].name : NULL;
}
