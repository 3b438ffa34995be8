/* builtins.c - the commands the shell runs itself. */
#include <ctype.h>
#include <errno.h>
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
    if (argc > 1 && !parse_int(argv[1], &n)) {
        fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
        n = 2;
    }
    sh_exit((int)(n & 0xff));
}

static int bi_export(int argc, char **argv)
{
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
        vars_print_exports();
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!var_name_ok(argv[i], n)) {
            fprintf(stderr, "sh: export: '%s': not a valid identifier\n", argv[i]);
            st = 1;
            continue;
        }
        char *name = strndup(argv[i], n);
        if (eq)
            var_set(name, eq + 1, true);
        else
            var_export(name);
        free(name);
    }
    return st;
}

static int bi_unset(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-v") != 0)
            var_unset(argv[i]);
    return 0;
}

static int bi_history(int argc, char **argv)
{
    (void)argc, (void)argv;
    history_print();
    return 0;
}

static int bi_jobs(int argc, char **argv)
{
    (void)argc, (void)argv;
    jobs_list();
    return 0;
}

static int bi_wait(int argc, char **argv)
{
    if (argc == 1) {
        struct job *j;
        while ((j = job_running())) /* stopped jobs would never end */
            job_wait(j);
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        struct job *j = job_find(argv[i]);
        if (!j) {
            fprintf(stderr, "sh: wait: %s: no such job\n", argv[i]);
            st = 127;
            continue;
        }
        st = job_wait(j);
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

static const struct {
    const char *name;
    int sig;
} signames[] = {
    {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"ILL", SIGILL}, {"TRAP", SIGTRAP},
    {"ABRT", SIGABRT}, {"BUS", SIGBUS}, {"FPE", SIGFPE}, {"KILL", SIGKILL}, {"USR1", SIGUSR1},
    {"SEGV", SIGSEGV}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP}, {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN},
    {"TTOU", SIGTTOU}, {"WINCH", SIGWINCH},
};

static int signal_number(const char *s)
{
    long n;
    if (parse_int(s, &n))
        return (int)n;
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (size_t i = 0; i < sizeof signames / sizeof signames[0]; i++)
        if (strcasecmp(s, signames[i].name) == 0)
            return signames[i].sig;
    return -1;
}

static int bi_kill(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (i < argc && strcmp(argv[i], "-l") == 0) {
        for (size_t k = 0; k < sizeof signames / sizeof signames[0]; k++)
            printf("%2d) SIG%s\n", signames[k].sig, signames[k].name);
        return 0;
    }
    if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
        sig = signal_number(argv[i + 1]);
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
        sig = signal_number(argv[i] + 1);
        i++;
    } else if (i < argc && strcmp(argv[i], "--") == 0) {
        i++;
    }
    if (sig < 0 || sig >= 65) {
        fprintf(stderr, "sh: kill: %s: invalid signal specification\n", argv[i - 1]);
        return 1;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: kill [-s SIGNAL | -SIGNAL] PID|%%JOB...\n");
        return 2;
    }
    int st = 0;
    for (; i < argc; i++) {
        pid_t pid;
        if (argv[i][0] == '%') {
            struct job *j = job_find(argv[i]);
            if (!j) {
                fprintf(stderr, "sh: kill: %s: no such job\n", argv[i]);
                st = 1;
                continue;
            }
            pid = interactive ? -j->pgid : j->pids[0];
        } else {
            long n;
            if (!parse_int(argv[i], &n)) {
                fprintf(stderr, "sh: kill: %s: arguments must be process or job IDs\n", argv[i]);
                st = 1;
                continue;
            }
            pid = (pid_t)n;
        }
        if (kill(pid, sig) < 0) {
            fprintf(stderr, "sh: kill: (%s) - %s\n", argv[i], strerror(errno));
            st = 1;
            continue;
        }
        struct job *j = argv[i][0] == '%' ? job_find(argv[i]) : NULL;
        if (j && j->state == JOB_STOPPED && sig != SIGSTOP && sig != SIGTSTP && sig != SIGCONT)
            kill(pid, SIGCONT); /* a stopped job would not act on it until continued */
    }
    return st;
}

static int bi_source(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "sh: %s: filename argument required\n", argv[0]);
        return 2;
    }
    if (argc == 2)
        return source_file(argv[1], true);
    /* . FILE ARGS: the arguments are $1... while it runs */
    int saved_n = sh_nparams;
    char **saved = sh_params;
    sh_params = NULL;
    sh_nparams = 0;
    set_params(argv + 2, argc - 2);
    int st = source_file(argv[1], true);
    set_params(saved, saved_n);
    for (int i = 0; i < saved_n; i++)
        free(saved[i]);
    free(saved);
    return st;
}

static int bi_shift(int argc, char **argv)
{
    long n = 1;
    if (argc > 1 && !parse_int(argv[1], &n)) {
        fprintf(stderr, "sh: shift: %s: numeric argument required\n", argv[1]);
        return 1;
    }
    if (n < 0 || n > sh_nparams)
        return 1;
    set_params(sh_params + n, sh_nparams - (int)n);
    return 0;
}

static int loop_control(int argc, char **argv, int *counter)
{
    long n = 1;
    if (argc > 1 && (!parse_int(argv[1], &n) || n < 1)) {
        fprintf(stderr, "sh: %s: %s: loop count out of range\n", argv[0], argv[1]);
        return 1;
    }
    if (loop_depth == 0)
        return 0; /* outside a loop: nothing to do, like bash */
    *counter = n > loop_depth ? loop_depth : (int)n;
    return 0;
}

static int bi_break(int argc, char **argv) { return loop_control(argc, argv, &loop_break); }
static int bi_continue(int argc, char **argv) { return loop_control(argc, argv, &loop_continue); }

static int bi_set(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--") == 0) {
        set_params(argv + 2, argc - 2);
        return 0;
    }
    if (argc == 1) {
        vars_print_exports();
        return 0;
    }
    fprintf(stderr, "sh: set: %s: option not supported (only set -- ARGS)\n", argv[1]);
    return 2;
}

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
    {"export", bi_export, "export [NAME[=VALUE]...]"},
    {"unset", bi_unset, "unset NAME..."},
    {"set", bi_set, "set -- [ARG...]"},
    {"shift", bi_shift, "shift [N]"},
    {"read", builtin_read, "read [-r] [-p PROMPT] NAME..."},
    {"history", bi_history, "history"},
    {"jobs", bi_jobs, "jobs"},
    {"wait", bi_wait, "wait [PID | %N...]"},
    {"fg", bi_fg, "fg [%N]"},
    {"bg", bi_bg, "bg [%N]"},
    {"kill", bi_kill, "kill [-SIGNAL] PID | %N..."},
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
