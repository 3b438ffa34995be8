/*
 * special.c - POSIX's special builtins (XCU 2.14) and the rules that set
 * them apart (2.8.1): an error in one exits a non-interactive shell, and
 * NAME=value before one stays set. Also eval, exec, readonly, times, the
 * xtrace line, and the fatal-error path shared with expansions (set -u).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/times.h>
#include <unistd.h>

#include "sh.h"

int errexit_ignored;

int special_suppressed;

int sh_special_error(int st)
{
    if (special_suppressed)
        return st;
    if (!interactive)
        sh_exit(st);
    expand_error = true;
    return st;
}

bool builtin_is_special(const char *name)
{
    static const char *const names[] = {
        ".", ":", "break", "continue", "eval", "exec", "exit", "export",
        "readonly", "return", "set", "shift", "times", "trap", "unset",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* set -x: PS4 (expanded), the assignments, the words, on stderr. Like
 * dash, words are shown as they are, unquoted. */
void xtrace_print(struct strvec *assigns, struct strvec *argv)
{
    const char *ps4 = var_get("PS4");
    /* the expansion of PS4 must not trace itself */
    shopt[OPT_XTRACE] = false;
    char *prefix = expand_one(ps4 ? ps4 : "+ ");
    shopt[OPT_XTRACE] = true;
    struct str line = {0};
    str_adds(&line, prefix);
    free(prefix);
    bool first = true;
    for (int k = 0; k < 2; k++) {
        struct strvec *v = k ? argv : assigns;
        for (int i = 0; v && i < v->n; i++) {
            if (!first)
                str_addc(&line, ' ');
            str_adds(&line, v->v[i]);
            first = false;
        }
    }
    str_addc(&line, '\n');
    fflush(stdout);
    fputs(line.s, stderr);
    fflush(stderr);
    str_free(&line);
}

/* eval ARGS: the arguments joined by spaces, run as shell text. */
int bi_eval(int argc, char **argv)
{
    struct str text = {0};
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            str_addc(&text, ' ');
        str_adds(&text, argv[i]);
    }
    if (!text.len) {
        str_free(&text);
        return 0;
    }
    /* $? inside is the status before eval; an eval of only blanks or
     * comments gives 0 (run_text leaves last_status alone for those) */
    enum parse_result r = run_text(text.s, true);
    str_free(&text);
    if (r == PARSE_ERROR)
        return sh_special_error(2);
    return run_text_ran ? last_status : 0;
}

/* exec CMD ARGS: this process becomes CMD (exec.c applied the
 * redirections and keeps them when there is no CMD). */
int bi_exec(int argc, char **argv)
{
    int i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc)
        return 0;
    if (interactive) {
        /* what the interactive shell ignores for itself, the program must not */
        int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
        for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
            if (!trap_ignored(sigs[k]))
                signal(sigs[k], SIG_DFL);
        term_cooked();
    }
    exec_command_or_die(argv + i);
}

/* export and readonly [-p] [NAME[=VALUE]...]: without a NAME the
 * re-readable listing; else each NAME gets its VALUE, if given, and then
 * the attribute (exported or read-only). */
static int mark_vars(int argc, char **argv, enum vars_which which)
{
    const char *cmd = which == VARS_EXPORTED ? "export" : "readonly";
    int i = 1;
    if (i < argc && strcmp(argv[i], "-p") == 0)
        i++;
    if (i >= argc) {
        vars_list(which, which == VARS_EXPORTED ? "export " : "readonly ");
        return 0;
    }
    for (; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!var_name_ok(argv[i], n)) {
            sh_error("%s: %s: bad variable name", cmd, argv[i]);
            return sh_special_error(2);
        }
        char *name = strndup(argv[i], n);
        if (eq && var_set(name, eq + 1, false) < 0) {
            free(name);
            return 2;
        }
        if (which == VARS_EXPORTED)
            var_export(name);
        else
            var_set_readonly(name);
        free(name);
    }
    return 0;
}

int bi_export(int argc, char **argv) { return mark_vars(argc, argv, VARS_EXPORTED); }
int bi_readonly(int argc, char **argv) { return mark_vars(argc, argv, VARS_READONLY); }

static void print_ticks(clock_t t, char end)
{
    long hz = 100; /* USER_HZ: Linux reports times(2) in hundredths */
    long min = t / (hz * 60);
    double sec = (double)(t % (hz * 60)) / (double)hz;
    printf("%ldm%fs%c", min, sec, end);
}

/* times: user and system time of the shell, then of its children (dash's format). */
int bi_times(int argc, char **argv)
{
    (void)argc, (void)argv;
    struct tms t;
    if (times(&t) == (clock_t)-1) {
        sh_error("times: %s", strerror(errno));
        return 1;
    }
    print_ticks(t.tms_utime, ' ');
    print_ticks(t.tms_stime, '\n');
    print_ticks(t.tms_cutime, ' ');
    print_ticks(t.tms_cstime, '\n');
    return 0;
}
