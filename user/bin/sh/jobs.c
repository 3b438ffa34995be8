/*
 * jobs.c - the job table: what runs, what stopped, what finished.
 *
 * A job is one pipeline (or one backgrounded and-or list) with its
 * process group. Foreground jobs are waited for with WUNTRACED so a
 * Ctrl-Z'd job comes back here as stopped and stays in the table for
 * fg/bg; background jobs are polled before each prompt.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

static struct job *job_list; /* in order of creation */
static bool wait_interruptible; /* the wait builtin: a caught signal ends the wait */
pid_t shell_pgid;

void term_give(pid_t pgid)
{
    if (interactive)
        tcsetpgrp(0, pgid);
}

void term_take_back(void)
{
    if (!interactive)
        return;
    tcsetpgrp(0, shell_pgid);
    term_cooked();
}

void job_free(struct job *j)
{
    for (struct job **p = &job_list; *p; p = &(*p)->next) {
        if (*p == j) {
            *p = j->next;
            break;
        }
    }
    free(j->pids);
    free(j->status);
    free(j->done);
    free(j->text);
    free(j);
}

void jobs_init(void)
{
    while (job_list)
        job_free(job_list);
}

struct job *job_new(const char *text, bool foreground)
{
    int id = 1;
    struct job **tail = &job_list;
    for (struct job *j = job_list; j; j = j->next) {
        if (j->id >= id)
            id = j->id + 1;
        tail = &j->next;
    }
    struct job *j = xmalloc(sizeof *j);
    memset(j, 0, sizeof *j);
    j->id = id;
    j->text = xstrdup(text ? text : "");
    j->foreground = foreground;
    j->state = JOB_RUNNING;
    *tail = j;
    return j;
}

void job_add_pid(struct job *j, pid_t pid)
{
    j->pids = xrealloc(j->pids, (size_t)(j->n + 1) * sizeof *j->pids);
    j->status = xrealloc(j->status, (size_t)(j->n + 1) * sizeof *j->status);
    j->done = xrealloc(j->done, (size_t)(j->n + 1) * sizeof *j->done);
    j->pids[j->n] = pid;
    j->status[j->n] = 0;
    j->done[j->n] = false;
    j->n++;
}

int status_of(int raw)
{
    if (WIFSIGNALED(raw))
        return 128 + WTERMSIG(raw);
    if (WIFSTOPPED(raw))
        return 128 + WSTOPSIG(raw);
    return WEXITSTATUS(raw);
}

void report_signal(int raw)
{
    if (!WIFSIGNALED(raw))
        return;
    int sig = WTERMSIG(raw);
    if (sig == SIGINT)
        fputc('\n', stderr); /* the ^C is already on the screen */
    else if (sig != SIGPIPE)
        fprintf(stderr, "%s%s\n", strsignal(sig), WCOREDUMP(raw) ? " (core dumped)" : "");
}

/* One blocking or polling round over the job's processes. Returns true
 * when one of them stopped. */
static bool collect(struct job *j, int flags)
{
    bool stopped = false;
    for (int i = 0; i < j->n; i++) {
        if (j->done[i])
            continue;
        int st;
        pid_t r;
        do
            r = waitpid(j->pids[i], &st, flags);
        while (r < 0 && errno == EINTR && !(wait_interruptible && trap_pending_signal()));
        if (r == 0)
            continue;
        if (r < 0 && errno == EINTR)
            return false;
        if (r < 0) { /* not ours any more (ECHILD): count it as finished */
            j->done[i] = true;
            continue;
        }
        if (WIFSTOPPED(st)) {
            stopped = true;
            if (!(flags & WNOHANG))
                break;
            continue;
        }
        if (WIFCONTINUED(st))
            continue;
        j->done[i] = true;
        j->status[i] = st;
    }
    bool all = true;
    for (int i = 0; i < j->n; i++)
        all = all && j->done[i];
    if (all)
        j->state = JOB_DONE;
    else if (stopped)
        j->state = JOB_STOPPED;
    return stopped;
}

/* One job line as bash prints it (jobs.c, print_pipeline): the state
 * padded to 24 columns, "[1]+  Stopped                 sleep 100". */
static void print_job(FILE *f, const struct job *j, char mark, const char *state, const char *suffix)
{
    fprintf(f, "[%d]%c  %-23s %s%s\n", j->id, mark, state, j->text, suffix);
}

/* The last stage's status; with set -o pipefail, the last that failed. */
static int job_status(struct job *j)
{
    int st = status_of(j->status[j->n - 1]);
    if (shopt[OPT_PIPEFAIL])
        for (int i = j->n - 1; i >= 0 && !st; i--)
            st = status_of(j->status[i]);
    return st;
}

int job_wait_fg(struct job *j)
{
    j->foreground = true;
    j->state = JOB_RUNNING;
    while (j->state == JOB_RUNNING)
        collect(j, WUNTRACED);
    term_take_back();
    if (j->state == JOB_STOPPED) {
        j->foreground = false;
        /* the tty echoed "^Z" without a newline, as n_tty does: bash's
         * "\n" ends that line */
        fputc('\n', stderr);
        print_job(stderr, j, '+', "Stopped", "");
        return 128 + SIGTSTP;
    }
    int raw = j->status[j->n - 1];
    report_signal(raw);
    int st = job_status(j);
    job_free(j);
    return st;
}

static const char *state_text(struct job *j, char *buf, size_t n)
{
    if (j->state == JOB_RUNNING)
        return "Running";
    if (j->state == JOB_STOPPED)
        return "Stopped";
    int raw = j->status[j->n - 1];
    if (WIFSIGNALED(raw))
        return strsignal(WTERMSIG(raw));
    if (WEXITSTATUS(raw)) {
        snprintf(buf, n, "Exit %d", WEXITSTATUS(raw));
        return buf;
    }
    return "Done";
}

/* bash's marks: `+` the current job (the latest in the background),
 * `-` the one before it, a space for the others. */
static char job_mark(const struct job *j)
{
    const struct job *cur = NULL, *prev = NULL;
    for (const struct job *k = job_list; k; k = k->next) {
        if (k->foreground)
            continue;
        prev = cur;
        cur = k;
    }
    return j == cur ? '+' : j == prev ? '-' : ' ';
}

void jobs_reap(bool notify)
{
    struct job *next;
    for (struct job *j = job_list; j; j = next) {
        next = j->next;
        if (j->foreground)
            continue;
        /* a job found finished earlier (jobs %N polled all) still gets its notice */
        if (j->state != JOB_DONE)
            collect(j, WNOHANG | WUNTRACED | WCONTINUED);
        if (j->state == JOB_DONE && notify) {
            char buf[32];
            print_job(stderr, j, job_mark(j), state_text(j, buf, sizeof buf), "");
            job_free(j);
        }
    }
}

bool jobs_finished(void)
{
    bool any = false;
    for (struct job *j = job_list; j; j = j->next) {
        if (j->foreground)
            continue;
        if (j->state != JOB_DONE)
            collect(j, WNOHANG | WUNTRACED | WCONTINUED);
        any = any || j->state == JOB_DONE;
    }
    return any;
}

void jobs_list(char mode, struct job *only)
{
    jobs_reap(false);
    struct job *next;
    for (struct job *j = job_list; j; j = next) {
        next = j->next;
        if (j->foreground || (only && j != only))
            continue;
        char buf[32];
        if (mode == 'p') {
            printf("%d\n", (int)j->pids[0]); /* the process group leader (bash) */
        } else if (mode == 'l') {
            /* bash: "[1]+ 4711 Running                 sleep 9 &" */
            printf("[%d]%c %d %-23s %s%s\n", j->id, job_mark(j), (int)j->pids[0],
                   state_text(j, buf, sizeof buf), j->text, j->state == JOB_RUNNING ? " &" : "");
        } else {
            print_job(stdout, j, job_mark(j), state_text(j, buf, sizeof buf), j->state == JOB_RUNNING ? " &" : "");
        }
        if (j->state == JOB_DONE)
            job_free(j);
    }
}

struct job *job_find(const char *spec)
{
    struct job *last = NULL;
    for (struct job *j = job_list; j; j = j->next)
        if (!j->foreground)
            last = j;
    if (!spec || strcmp(spec, "%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%%") == 0)
        return last;
    if (spec[0] == '%') {
        int id = atoi(spec + 1);
        for (struct job *j = job_list; j; j = j->next)
            if (j->id == id)
                return j;
        return NULL;
    }
    pid_t pid = (pid_t)atoi(spec);
    for (struct job *j = job_list; j; j = j->next)
        for (int i = 0; i < j->n; i++)
            if (j->pids[i] == pid)
                return j;
    return NULL;
}

struct job *job_running(void)
{
    for (struct job *j = job_list; j; j = j->next)
        if (!j->foreground && j->state != JOB_STOPPED)
            return j;
    return NULL;
}

int job_wait(struct job *j)
{
    wait_interruptible = true;
    while (j->state != JOB_DONE && !trap_pending_signal())
        collect(j, 0);
    wait_interruptible = false;
    if (j->state != JOB_DONE)
        return 128 + trap_pending_signal(); /* POSIX: wait returns >128, the job runs on */
    int st = job_status(j);
    job_free(j);
    return st;
}

int job_fg(struct job *j)
{
    /* The terminal first, then the job's text: once the text shows, a
     * typed ^C or ^Z reaches the job (not this shell, which ignores them). */
    term_give(j->pgid);
    if (j->state == JOB_STOPPED)
        kill(-j->pgid, SIGCONT);
    printf("%s\n", j->text);
    fflush(stdout);
    return job_wait_fg(j);
}

int job_bg(struct job *j)
{
    if (j->state == JOB_STOPPED)
        kill(-j->pgid, SIGCONT);
    j->state = JOB_RUNNING;
    printf("[%d]+ %s &\n", j->id, j->text);
    return 0;
}
