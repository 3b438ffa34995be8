/*
 * exec.c - running the tree.
 *
 * A lone builtin, an assignment, a compound command (if/while/for/{ })
 * run inside the shell, with their redirections undone afterwards.
 * Everything else is a job: one child per pipeline stage, all in one
 * process group (their own when the shell is interactive, and then the
 * terminal's foreground group while they run).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

bool interactive;
static bool subst_ran; /* a $(...) ran: its status is that of `x=$(cmd)` */
int loop_break, loop_continue, loop_depth;


/* --- redirections ------------------------------------------------------ */

struct saved_fd {
    int fd, copy; /* copy -1: fd was closed before */
};
#define MAX_SAVES 32

static void save_fd(int fd, struct saved_fd *saves, int *nsaves)
{
    if (!saves || *nsaves == MAX_SAVES)
        return;
    saves[*nsaves].fd = fd;
    saves[*nsaves].copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    (*nsaves)++;
}

static void restore_fds(struct saved_fd *saves, int nsaves)
{
    for (int i = nsaves - 1; i >= 0; i--) {
        if (saves[i].copy >= 0) {
            dup2(saves[i].copy, saves[i].fd);
            close(saves[i].copy);
        } else {
            close(saves[i].fd);
        }
    }
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Opens path onto fd. */
static int open_onto(const char *path, int flags, int fd)
{
    int k = open(path, flags, 0666);
    if (k < 0) {
        sh_error("cannot %s %s: %s", flags & O_CREAT ? "create" : "open", path, strerror(errno));
        return -1;
    }
    if (k != fd) {
        dup2(k, fd);
        close(k);
    }
    return 0;
}

/* set -C: > must not truncate an existing regular file (>| may). Other
 * files (/dev/null, a fifo) open as usual, as dash does. */
static int open_noclobber(const char *path, int fd)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        sh_error("cannot create %s: File exists", path);
        return -1;
    }
    if (stat(path, &st) == 0)
        return open_onto(path, O_WRONLY, fd);
    return open_onto(path, O_WRONLY | O_CREAT | O_EXCL, fd);
}

/* Applies redirections in order; with saves, records how to undo them.
 * Returns 0, or 2 (dash's status for a failed redirection) after
 * printing why one failed. */
static int apply_redirs(struct redir *r, struct saved_fd *saves, int *nsaves)
{
    fflush(stdout);
    fflush(stderr);
    for (; r; r = r->next) {
        char *target = r->kind == R_HEREDOC ? NULL : expand_one(r->word);
        int err = 0;
        save_fd(r->fd, saves, nsaves);
        switch (r->kind) {
        case R_HEREDOC: {
            int k = heredoc_fd(r->heredoc ? r->heredoc : "", r->heredoc_quoted);
            if (k < 0) {
                err = -1;
            } else if (k != r->fd) {
                dup2(k, r->fd);
                close(k);
            }
            break;
        }
        case R_IN: err = open_onto(target, O_RDONLY, r->fd); break;
        case R_OUT:
            if (shopt[OPT_NOCLOBBER]) {
                err = open_noclobber(target, r->fd);
                break;
            }
            /* fall through */
        case R_CLOBBER: err = open_onto(target, O_WRONLY | O_CREAT | O_TRUNC, r->fd); break;
        case R_APPEND: err = open_onto(target, O_WRONLY | O_CREAT | O_APPEND, r->fd); break;
        case R_RDWR: err = open_onto(target, O_RDWR | O_CREAT, r->fd); break;
        case R_DUPOUT:
        case R_DUPIN:
            if (strcmp(target, "-") == 0) {
                close(r->fd);
            } else if (all_digits(target)) {
                int from = atoi(target);
                if (from == r->fd) {
                    /* N>&N: nothing to do, even when N is closed (dash, bash) */
                } else if (fcntl(from, F_GETFD) < 0) {
                    sh_error("%s: Bad file descriptor", target);
                    err = -1;
                } else {
                    dup2(from, r->fd);
                }
            } else if (r->kind == R_DUPOUT && r->fd == 1) {
                /* >&file: stdout and stderr both to the file */
                save_fd(2, saves, nsaves);
                err = open_onto(target, O_WRONLY | O_CREAT | O_TRUNC, 1);
                if (!err)
                    dup2(1, 2);
            } else {
                sh_error("%s: ambiguous redirect", target);
                err = -1;
            }
            break;
        }
        free(target);
        if (err)
            return 2;
    }
    return 0;
}

/* --- children ------------------------------------------------------------ */

/* In a new child: its process group, the terminal, default signals. */
static void child_setup(pid_t pgid, bool fg)
{
    if (interactive) {
        setpgid(0, pgid);
        if (fg)
            tcsetpgrp(0, pgid ? pgid : getpid());
        /* trap '' SIG stays ignored in children, as POSIX says */
        int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
            if (!trap_ignored(sigs[i]))
                signal(sigs[i], SIG_DFL);
    }
    interactive = false; /* a subshell does no job control */
    jobs_init();
    traps_reset_subshell();
}

static bool is_script(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    return n >= 0 && !memchr(buf, '\0', (size_t)n);
}

/* Runs a file without #! (ENOEXEC) as a shell script, like sh does. */
static void run_as_script(const char *path, char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    sh_arg0 = xstrdup(path);
    set_params(argv + 1, argc - 1);
    int st = source_file(path, true);
    fflush(stdout);
    _exit(st);
}

void exec_command_or_die(char **argv)
{
    char **env = vars_environ();
    const char *name = argv[0];
    fflush(stdout);
    int e = ENOENT;
    char *full = strchr(name, '/') ? xstrdup(name) : path_search(name, NULL, &e);
    if (full) {
        execve(full, argv, env);
        e = errno;
        if (e == ENOEXEC && is_script(full))
            run_as_script(full, argv);
    }
    /* dash's words: a missing command is "not found" */
    if (e == ENOENT || e == ENOTDIR)
        sh_error("%s: not found", name);
    else
        sh_error("%s: %s", name, strerror(e));
    _exit(e == ENOENT || e == ENOTDIR ? 127 : 126);
}

static int run_compound(struct node *nd);

/* NAME=value words expanded once into "NAME=value" strings (xtrace shows
 * them, then they are set). Each value sees the ones before it
 * (`A=1 B=$A cmd` gives cmd B=1, as in dash and bash): they are set for
 * the moment and put back afterwards, for the caller to set properly. */
static void expand_assigns(struct node *nd, struct strvec *out)
{
    int n = nd->nassigns;
    char **was = n > 1 ? xmalloc((size_t)n * sizeof *was) : NULL;
    for (int i = 0; i < n; i++) {
        char *eq = strchr(nd->assigns[i], '=');
        struct str b = {0};
        str_addn(&b, nd->assigns[i], (size_t)(eq + 1 - nd->assigns[i]));
        char *value = expand_assign(eq + 1);
        str_adds(&b, value);
        free(value);
        vec_push(out, str_take(&b));
        if (was && i < n - 1) {
            char *name = out->v[out->n - 1], *e = strchr(name, '=');
            *e = '\0';
            const char *old = var_get(name);
            was[i] = old ? xstrdup(old) : NULL;
            if (!var_is_readonly(name)) /* the caller's set reports it */
                var_set(name, e + 1, false);
            *e = '=';
        }
    }
    for (int i = n - 2; was && i >= 0; i--) { /* put back, latest first */
        char *name = out->v[out->n - n + i], *e = strchr(name, '=');
        *e = '\0';
        if (var_is_readonly(name))
            ; /* left alone above */
        else if (was[i])
            var_set(name, was[i], false);
        else
            var_unset(name);
        *e = '=';
        free(was[i]);
    }
    free(was);
}

/* Sets expanded assignments; with old, records the previous values
 * (NULL: was unset) to put back. Returns -1 if one is readonly. */
static int set_assigns(struct strvec *as, bool export_them, char ***old)
{
    if (old)
        *old = xmalloc((size_t)(as->n + 1) * sizeof **old);
    for (int i = 0; i < as->n; i++) {
        char *eq = strchr(as->v[i], '=');
        *eq = '\0';
        if (old) {
            const char *was = var_get(as->v[i]);
            (*old)[i] = was ? xstrdup(was) : NULL;
        }
        int r = var_set(as->v[i], eq + 1, export_them);
        *eq = '=';
        if (r < 0) {
            if (old)
                for (int k = i + 1; k < as->n; k++)
                    (*old)[k] = NULL;
            return -1;
        }
    }
    return 0;
}

static void restore_assigns(struct strvec *as, char **old)
{
    for (int i = 0; i < as->n; i++) {
        char *eq = strchr(as->v[i], '=');
        *eq = '\0';
        if (var_is_readonly(as->v[i]))
            ; /* it failed to change, or was made readonly by the command */
        else if (old[i])
            var_set(as->v[i], old[i], false);
        else
            var_unset(as->v[i]);
        *eq = '=';
        free(old[i]);
    }
    free(old);
}

/* Runs a node in this (child) process and exits. argv: already expanded. */
static void run_node_child(struct node *nd, struct strvec *argv)
{
    int st;
    sh_lineno = nd->line;
    if (nd->kind != N_SIMPLE) {
        if (apply_redirs(nd->redirs, NULL, NULL))
            sh_exit(2);
        st = nd->kind == N_SUBSHELL ? run_list(nd->body) : run_compound(nd);
        sh_exit(st); /* with the subshell's own EXIT trap */
    }
    struct strvec own = {0};
    if (!argv) {
        expand_command_words(nd->words, nd->nwords, &own);
        argv = &own;
    }
    struct strvec as = {0};
    expand_assigns(nd, &as);
    if (shopt[OPT_XTRACE])
        xtrace_print(&as, argv);
    if (set_assigns(&as, true, NULL) < 0)
        _exit(2);
    if (apply_redirs(nd->redirs, NULL, NULL))
        _exit(2);
    if (argv->n == 0)
        _exit(0);
    struct cmd c;
    switch (find_command(argv->v[0], &c, false)) {
    case CMD_SPECIAL:
    case CMD_BUILTIN: st = c.fn(argv->n, argv->v); break;
    case CMD_FUNCTION: st = func_call(c.func, argv); break;
    default: exec_command_or_die(argv->v);
    }
    fflush(stdout);
    fflush(stderr);
    _exit(st);
}

/* Starts a job for a pipeline; waits for it when in the foreground.
 * first_argv: the first stage's words already expanded (or NULL). */
static int launch(struct pipeline *pl, bool fg, const char *text, struct strvec *first_argv)
{
    struct job *j = job_new(text, fg);
    int in = -1;
    pid_t pid = 0;
    for (int i = 0; i < pl->n; i++) {
        int fds[2] = {-1, -1};
        if (i < pl->n - 1 && pipe(fds) < 0) {
            sh_error("pipe: %s", strerror(errno));
            break;
        }
        fflush(stdout);
        fflush(stderr);
        pid = fork();
        if (pid < 0) {
            sh_error("fork: %s", strerror(errno));
            if (fds[0] >= 0)
                close(fds[0]), close(fds[1]);
            break;
        }
        if (pid == 0) {
            child_setup(j->pgid, fg);
            if (in >= 0) {
                dup2(in, 0);
                close(in);
            }
            if (fds[1] >= 0) {
                dup2(fds[1], 1);
                close(fds[1]);
                close(fds[0]);
            }
            run_node_child(pl->cmds[i], i == 0 ? first_argv : NULL);
        }
        if (!j->pgid)
            j->pgid = interactive ? pid : getpgrp();
        if (interactive)
            setpgid(pid, j->pgid); /* also in the child: whoever runs first */
        job_add_pid(j, pid);
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
    }
    if (in >= 0)
        close(in);
    if (j->n == 0) {
        job_free(j);
        return 1;
    }
    if (!fg) {
        last_bg_pid = pid;
        if (interactive)
            fprintf(stderr, "[%d] %d\n", j->id, (int)pid);
        return 0;
    }
    if (interactive)
        term_give(j->pgid);
    return job_wait_fg(j);
}

/* --- inside the shell ---------------------------------------------------- */

/* A builtin inside the shell. NAME=value before it lasts for its run
 * only, except before a special builtin (POSIX 2.14), where it stays.
 * `exec` without a command keeps its redirections: they are for the shell. */
static int run_single(struct pipeline *pl, const char *text);

static int run_builtin_here(builtin_fn fn, struct strvec *argv, struct node *nd, struct strvec *as)
{
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    bool special = builtin_is_special(argv->v[0]);
    bool exec_only = fn == bi_exec && (argv->n == 1 || (argv->n == 2 && !strcmp(argv->v[1], "--")));
    char **old = NULL;
    if (set_assigns(as, fn == bi_exec, special ? NULL : &old) < 0) {
        if (old)
            restore_assigns(as, old);
        return 2;
    }
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    if (st == 0) {
        st = fn(argv->n, argv->v);
    } else if (special) {
        restore_fds(saves, nsaves);
        nsaves = 0;
        st = sh_special_error(2);
    }
    fflush(stdout);
    fflush(stderr);
    if (exec_only) {
        for (int i = 0; i < nsaves; i++)
            if (saves[i].copy >= 0)
                close(saves[i].copy);
    } else {
        restore_fds(saves, nsaves);
    }
    if (old)
        restore_assigns(as, old);
    return st;
}

/* A function call with the command's NAME=value and redirections. */
static int call_function(int argc, char **argv);
static struct func *calling;
static int call_function(int argc, char **argv)
{
    struct strvec v = {.v = argv, .n = argc};
    return func_call(calling, &v);
}

static int run_function_here(struct func *f, struct strvec *argv, struct node *nd, struct strvec *as)
{
    calling = f;
    return run_builtin_here(call_function, argv, nd, as);
}

/* NAME=value with no command: shell variables. */
static int run_assignments(struct node *nd, struct strvec *as)
{
    if (set_assigns(as, false, NULL) < 0)
        return 2;
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    restore_fds(saves, nsaves);
    return st ? st : subst_ran ? last_status : 0;
}

/* Assignments with redirections and no command name: the redirections
 * come first (POSIX 2.9.1, steps 3 and 4), so `x=$(cmd) 2>/dev/null`
 * quiets cmd, as in dash. */
static int run_redirected_assignments(struct node *nd)
{
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    subst_ran = false;
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    struct strvec as = {0}, none = {0};
    if (!st) {
        expand_assigns(nd, &as);
        if (expand_error)
            st = 2, expand_error = false;
        else
            st = set_assigns(&as, false, NULL) < 0 ? 2 : subst_ran ? last_status : 0;
    }
    restore_fds(saves, nsaves);
    if (shopt[OPT_XTRACE] && as.n)
        xtrace_print(&as, &none);
    vec_free(&as);
    return st;
}

static int run_loop(struct node *nd)
{
    int st = 0;
    loop_depth++;
    struct strvec items = {0};
    if (nd->kind == N_FOR) {
        if (nd->for_has_in)
            expand_words(nd->words, nd->nwords, &items);
        else
            for (int i = 0; i < sh_nparams; i++)
                vec_push(&items, xstrdup(sh_params[i]));
    }
    for (int i = 0;; i++) {
        if (nd->kind == N_FOR) {
            if (i >= items.n)
                break;
            var_set(nd->var, items.v[i], false);
        } else {
            errexit_ignored++;
            int c = run_list(nd->cond);
            errexit_ignored--;
            if (loop_break || loop_continue) {
                /* break/continue inside the condition act on this loop */
            } else if ((c == 0) != (nd->kind == N_WHILE)) {
                break;
            }
        }
        if (!loop_break && !loop_continue)
            st = run_list(nd->body);
        if (func_returning)
            break;
        if (loop_break) {
            loop_break--;
            break;
        }
        if (loop_continue && --loop_continue > 0)
            break;
    }
    vec_free(&items);
    loop_depth--;
    return st;
}

static int run_compound(struct node *nd)
{
    switch (nd->kind) {
    case N_IF:
        errexit_ignored++;
        int c = run_list(nd->cond);
        errexit_ignored--;
        if (c == 0)
            return run_list(nd->body);
        return nd->els ? run_list(nd->els) : 0;
    case N_WHILE:
    case N_UNTIL:
    case N_FOR:
        return run_loop(nd);
    case N_GROUP:
    case N_SUBSHELL:
        return run_list(nd->body);
    case N_CASE:
        return run_case(nd);
    case N_FUNCDEF:
        func_define(nd->var, nd->func);
        return 0;
    case N_SIMPLE:
        break;
    }
    return 0;
}

/* A pipeline of one command in the foreground. */
static int run_single(struct pipeline *pl, const char *text)
{
    struct node *nd = pl->cmds[0];
    sh_lineno = nd->line;
    if (nd->kind == N_SIMPLE && nd->nwords == 0 && nd->redirs)
        return run_redirected_assignments(nd);
    if (nd->kind == N_SIMPLE) {
        struct strvec argv = {0}, as = {0};
        subst_ran = false;
        expand_command_words(nd->words, nd->nwords, &argv);
        expand_assigns(nd, &as);
        int st;
        if (expand_error) {
            /* interactive: a failed expansion (set -u, ${x?}) abandons the command */
            st = 2;
            expand_error = false;
            vec_free(&argv);
            vec_free(&as);
            return st;
        }
        if (shopt[OPT_XTRACE] && argv.n)
            xtrace_print(&as, &argv);
        struct cmd c;
        enum cmd_kind k = argv.n ? find_command(argv.v[0], &c, true) : CMD_NONE;
        if (expand_error) { /* an interactive shell skips the command */
            expand_error = false, st = 2;
        } else if (argv.n == 0) {
            st = run_assignments(nd, &as);
            if (shopt[OPT_XTRACE]) /* after: PS4 sees the new values, as in dash */
                xtrace_print(&as, &argv);
        } else if (k == CMD_SPECIAL || k == CMD_BUILTIN)
            st = run_builtin_here(c.fn, &argv, nd, &as);
        else if (k == CMD_FUNCTION)
            st = run_function_here(c.func, &argv, nd, &as);
        else
            st = launch(pl, true, text, &argv);
        expand_error = false; /* a special builtin's error (interactive) */
        vec_free(&argv);
        vec_free(&as);
        return st;
    }
    if (nd->kind == N_SUBSHELL)
        return launch(pl, true, text, NULL);
    return run_node(nd);
}

int run_node(struct node *nd)
{
    if (nd->kind == N_SUBSHELL || nd->kind == N_SIMPLE) {
        struct pipeline pl = {.cmds = &nd, .n = 1};
        return run_single(&pl, "");
    }
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    if (st == 0)
        st = run_compound(nd);
    fflush(stdout);
    restore_fds(saves, nsaves);
    return st;
}

/* set -e: as dash, a failing simple command, pipeline or subshell exits
 * the shell; a compound command ({ } if while for) only through what
 * failed inside it. Not while errexit is ignored (conditions, the left of
 * && ||, a `!` pipeline: POSIX 2.8.1's list). */
static int run_pipeline(struct pipeline *pl, const char *text)
{
    if (pl->negate)
        errexit_ignored++;
    int st = pl->n == 1 ? run_single(pl, text) : launch(pl, true, text, NULL);
    if (pl->negate) {
        errexit_ignored--;
        st = !st;
    }
    last_status = st;
    enum node_kind k = pl->cmds[0]->kind;
    if (st && shopt[OPT_ERREXIT] && !errexit_ignored && !pl->negate &&
        (pl->n > 1 || k == N_SIMPLE || k == N_SUBSHELL))
        sh_exit(st);
    return st;
}

static int run_andor(struct andor *ao, const char *text)
{
    if (ao->n > 1)
        errexit_ignored++;
    int st = run_pipeline(ao->pipes[0], text);
    for (int i = 1; i < ao->n && !loop_break && !loop_continue && !func_returning; i++) {
        if ((ao->ops[i - 1] == T_AND) == (st == 0)) {
            if (i == ao->n - 1)
                errexit_ignored--; /* the last one counts */
            st = run_pipeline(ao->pipes[i], text);
            if (i == ao->n - 1)
                errexit_ignored++;
        }
    }
    if (ao->n > 1)
        errexit_ignored--;
    return st;
}

/* cmd &: a single pipeline is the job; an and-or list gets a subshell. */
static void run_background(struct item *it)
{
    struct andor *ao = it->ao;
    if (ao->n == 1 && !ao->pipes[0]->negate) {
        launch(ao->pipes[0], false, it->text, NULL);
    } else {
        struct job *j = job_new(it->text, false);
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid == 0) {
            child_setup(0, false);
            sh_exit(run_andor(ao, it->text));
        }
        if (pid < 0) {
            sh_error("fork: %s", strerror(errno));
            job_free(j);
            return;
        }
        j->pgid = interactive ? pid : getpgrp();
        if (interactive)
            setpgid(pid, pid);
        job_add_pid(j, pid);
        last_bg_pid = pid;
        if (interactive)
            fprintf(stderr, "[%d] %d\n", j->id, (int)pid);
    }
    last_status = 0;
}

int run_list(struct list *l)
{
    int st = last_status;
    for (int i = 0; i < l->n && !loop_break && !loop_continue && !func_returning; i++) {
        if (l->items[i].background) {
            run_background(&l->items[i]);
            st = 0;
        } else {
            st = run_andor(l->items[i].ao, l->items[i].text);
        }
        last_status = st;
        traps_run_pending();
    }
    return st;
}

char *command_output(const char *text)
{
    int fds[2];
    if (pipe(fds) < 0) {
        sh_error("pipe: %s", strerror(errno));
        return xstrdup("");
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return xstrdup("");
    }
    if (pid == 0) {
        /* a subshell in the same process group: no terminal changes,
         * but ^C must be able to stop it */
        if (interactive)
            signal(SIGINT, SIG_DFL), signal(SIGQUIT, SIG_DFL);
        interactive = false;
        jobs_init();
        traps_reset_subshell();
        errexit_ignored = 0; /* set -e applies inside $(...) even in a condition (dash) */
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
        run_text(text, true);
        sh_exit(last_status);
    }
    close(fds[1]);
    struct str out = {0};
    char buf[512];
    for (;;) {
        ssize_t n = read_retry(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        str_addn(&out, buf, (size_t)n);
    }
    close(fds[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    last_status = status_of(st);
    subst_ran = true;
    while (out.len && out.s[out.len - 1] == '\n')
        out.s[--out.len] = '\0';
    return str_take(&out);
}

int sh_text_line; /* the line the next run_text's text starts at (0: $LINENO's) */

bool run_text_ran;

enum parse_result run_text(const char *text, bool final)
{
    /* a reference-counted arena: functions defined here keep their bodies */
    struct arena_ref *ar = xmalloc(sizeof *ar);
    ar->a.chunks = NULL;
    ar->refs = 1;
    char err[256];
    int line = sh_text_line ? sh_text_line : sh_lineno;
    sh_text_line = 0;
    struct parser *p = parse_begin(&ar->a, text, line, final, err, sizeof err);
    struct arena_ref *outer = current_arena;
    current_arena = ar;
    enum parse_result r;
    bool ran = false;
    struct list *l;
    /* one complete command at a time: each runs before the next is parsed */
    while ((r = parse_next(p, &l)) == PARSE_OK && l) {
        if (!(shopt[OPT_NOEXEC] && !interactive))
            run_list(l);
        ran = true;
        if (func_returning)
            break;
    }
    current_arena = outer;
    if (r == PARSE_INCOMPLETE && (final || ran))
        r = PARSE_ERROR;
    run_text_ran = ran || r == PARSE_ERROR; /* a syntax error sets $? too */
    if (r == PARSE_ERROR) {
        sh_error("%s", err);
        last_status = 2;
    }
    arena_unref(ar);
    return r;
}
