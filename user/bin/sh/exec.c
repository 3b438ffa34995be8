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
        fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (k != fd) {
        dup2(k, fd);
        close(k);
    }
    return 0;
}

/* Applies redirections in order; with saves, records how to undo them.
 * Returns 0, or 1 after printing why one failed. */
static int apply_redirs(struct redir *r, struct saved_fd *saves, int *nsaves)
{
    fflush(stdout);
    fflush(stderr);
    for (; r; r = r->next) {
        char *target = expand_one(r->word);
        int err = 0;
        save_fd(r->fd, saves, nsaves);
        switch (r->kind) {
        case R_IN: err = open_onto(target, O_RDONLY, r->fd); break;
        case R_OUT: err = open_onto(target, O_WRONLY | O_CREAT | O_TRUNC, r->fd); break;
        case R_APPEND: err = open_onto(target, O_WRONLY | O_CREAT | O_APPEND, r->fd); break;
        case R_RDWR: err = open_onto(target, O_RDWR | O_CREAT, r->fd); break;
        case R_DUPOUT:
        case R_DUPIN:
            if (strcmp(target, "-") == 0) {
                close(r->fd);
            } else if (all_digits(target)) {
                int from = atoi(target);
                if (fcntl(from, F_GETFD) < 0) {
                    fprintf(stderr, "sh: %s: Bad file descriptor\n", target);
                    err = -1;
                } else if (from != r->fd) {
                    dup2(from, r->fd);
                }
            } else if (r->kind == R_DUPOUT && r->fd == 1) {
                /* >&file: stdout and stderr both to the file */
                save_fd(2, saves, nsaves);
                err = open_onto(target, O_WRONLY | O_CREAT | O_TRUNC, 1);
                if (!err)
                    dup2(1, 2);
            } else {
                fprintf(stderr, "sh: %s: ambiguous redirect\n", target);
                err = -1;
            }
            break;
        }
        free(target);
        if (err)
            return 1;
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
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTSTP, SIG_DFL);
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
    }
    interactive = false; /* a subshell does no job control */
    jobs_init();
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
    if (strchr(name, '/')) {
        execve(name, argv, env);
        int e = errno;
        if (e == ENOEXEC && is_script(name))
            run_as_script(name, argv);
        fprintf(stderr, "sh: %s: %s\n", name, strerror(e));
        _exit(e == ENOENT || e == ENOTDIR ? 127 : 126);
    }
    const char *path = var_get("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    int denied = 0;
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
        execve(full.s, argv, env);
        if (errno == ENOEXEC) {
            if (is_script(full.s))
                run_as_script(full.s, argv);
            denied = ENOEXEC;
        } else if (errno == EACCES && !denied) {
            denied = EACCES;
        }
        if (!colon)
            break;
        p = colon;
    }
    if (denied) {
        fprintf(stderr, "sh: %s: %s\n", name, strerror(denied));
        _exit(126);
    }
    fprintf(stderr, "sh: %s: command not found\n", name);
    _exit(127);
}

static int run_compound(struct node *nd);

/* Runs a node in this (child) process and exits. argv: already expanded. */
static void run_node_child(struct node *nd, struct strvec *argv)
{
    int st;
    if (nd->kind != N_SIMPLE) {
        if (apply_redirs(nd->redirs, NULL, NULL))
            _exit(1);
        st = nd->kind == N_SUBSHELL ? run_list(nd->body) : run_compound(nd);
        fflush(stdout);
        _exit(st);
    }
    struct strvec own = {0};
    if (!argv) {
        expand_words(nd->words, nd->nwords, &own);
        argv = &own;
    }
    for (int i = 0; i < nd->nassigns; i++) {
        char *eq = strchr(nd->assigns[i], '=');
        char *name = strndup(nd->assigns[i], (size_t)(eq - nd->assigns[i]));
        char *value = expand_assign(eq + 1);
        var_set(name, value, true);
        free(name);
        free(value);
    }
    if (apply_redirs(nd->redirs, NULL, NULL))
        _exit(1);
    if (argv->n == 0)
        _exit(0);
    builtin_fn fn = builtin_lookup(argv->v[0]);
    if (fn) {
        st = fn(argv->n, argv->v);
        fflush(stdout);
        fflush(stderr);
        _exit(st);
    }
    exec_command_or_die(argv->v);
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
            fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
            break;
        }
        fflush(stdout);
        fflush(stderr);
        pid = fork();
        if (pid < 0) {
            fprintf(stderr, "sh: fork: %s\n", strerror(errno));
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

static int run_builtin_here(builtin_fn fn, struct strvec *argv, struct node *nd)
{
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    /* NAME=value before a builtin: for its run only */
    char **old = xmalloc((size_t)(nd->nassigns + 1) * sizeof *old);
    for (int i = 0; i < nd->nassigns; i++) {
        char *eq = strchr(nd->assigns[i], '=');
        char *name = strndup(nd->assigns[i], (size_t)(eq - nd->assigns[i]));
        const char *was = var_get(name);
        old[i] = was ? xstrdup(was) : NULL;
        char *value = expand_assign(eq + 1);
        var_set(name, value, false);
        free(value);
        free(name);
    }
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    if (st == 0)
        st = fn(argv->n, argv->v);
    fflush(stdout);
    fflush(stderr);
    restore_fds(saves, nsaves);
    for (int i = 0; i < nd->nassigns; i++) {
        char *eq = strchr(nd->assigns[i], '=');
        char *name = strndup(nd->assigns[i], (size_t)(eq - nd->assigns[i]));
        if (old[i])
            var_set(name, old[i], false);
        else
            var_unset(name);
        free(old[i]);
        free(name);
    }
    free(old);
    return st;
}

/* NAME=value with no command: shell variables. */
static int run_assignments(struct node *nd)
{
    subst_ran = false;
    for (int i = 0; i < nd->nassigns; i++) {
        char *eq = strchr(nd->assigns[i], '=');
        char *name = strndup(nd->assigns[i], (size_t)(eq - nd->assigns[i]));
        char *value = expand_assign(eq + 1);
        var_set(name, value, false);
        free(value);
        free(name);
    }
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    restore_fds(saves, nsaves);
    return st ? st : subst_ran ? last_status : 0;
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
            int c = run_list(nd->cond);
            if (loop_break || loop_continue) {
                /* break/continue inside the condition act on this loop */
            } else if ((c == 0) != (nd->kind == N_WHILE)) {
                break;
            }
        }
        if (!loop_break && !loop_continue)
            st = run_list(nd->body);
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
        if (run_list(nd->cond) == 0)
            return run_list(nd->body);
        return nd->els ? run_list(nd->els) : 0;
    case N_WHILE:
    case N_UNTIL:
    case N_FOR:
        return run_loop(nd);
    case N_GROUP:
    case N_SUBSHELL:
        return run_list(nd->body);
    case N_SIMPLE:
        break;
    }
    return 0;
}

/* A pipeline of one command in the foreground. */
static int run_single(struct pipeline *pl, const char *text)
{
    struct node *nd = pl->cmds[0];
    if (nd->kind == N_SIMPLE) {
        struct strvec argv = {0};
        expand_words(nd->words, nd->nwords, &argv);
        int st;
        builtin_fn fn = argv.n ? builtin_lookup(argv.v[0]) : NULL;
        if (expand_error) /* an interactive shell skips the command */
            expand_error = false, st = 2;
        else if (argv.n == 0)
            st = run_assignments(nd);
        else if (fn)
            st = run_builtin_here(fn, &argv, nd);
        else
            st = launch(pl, true, text, &argv);
        vec_free(&argv);
        return st;
    }
    if (nd->kind == N_SUBSHELL)
        return launch(pl, true, text, NULL);
    struct saved_fd saves[MAX_SAVES];
    int nsaves = 0;
    int st = apply_redirs(nd->redirs, saves, &nsaves);
    if (st == 0)
        st = run_compound(nd);
    fflush(stdout);
    restore_fds(saves, nsaves);
    return st;
}

static int run_pipeline(struct pipeline *pl, const char *text)
{
    int st = pl->n == 1 ? run_single(pl, text) : launch(pl, true, text, NULL);
    if (pl->negate)
        st = !st;
    last_status = st;
    return st;
}

static int run_andor(struct andor *ao, const char *text)
{
    int st = run_pipeline(ao->pipes[0], text);
    for (int i = 1; i < ao->n && !loop_break && !loop_continue; i++) {
        if ((ao->ops[i - 1] == T_AND) == (st == 0))
            st = run_pipeline(ao->pipes[i], text);
    }
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
            int st = run_andor(ao, it->text);
            fflush(stdout);
            _exit(st);
        }
        if (pid < 0) {
            fprintf(stderr, "sh: fork: %s\n", strerror(errno));
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
    for (int i = 0; i < l->n && !loop_break && !loop_continue; i++) {
        if (l->items[i].background) {
            run_background(&l->items[i]);
            st = 0;
        } else {
            st = run_andor(l->items[i].ao, l->items[i].text);
        }
        last_status = st;
    }
    return st;
}

char *command_output(const char *text)
{
    int fds[2];
    if (pipe(fds) < 0) {
        fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
        return xstrdup("");
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "sh: fork: %s\n", strerror(errno));
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
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
        run_text(text, true);
        fflush(stdout);
        _exit(last_status);
    }
    close(fds[1]);
    struct str out = {0};
    char buf[512];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
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

enum parse_result run_text(const char *text, bool final)
{
    struct arena a = {0};
    struct list *l;
    char err[256];
    enum parse_result r = parse(&a, text, &l, err, sizeof err);
    if (r == PARSE_INCOMPLETE && final)
        r = PARSE_ERROR;
    if (r == PARSE_OK)
        run_list(l);
    else if (r == PARSE_ERROR) {
        fprintf(stderr, "sh: %s\n", err);
        last_status = 2;
    }
    arena_free(&a);
    return r;
}
