/*
 * main.c - the Tiny OS shell's entry: which input to read, and the loop
 * that reads it, parses complete commands and runs them.
 *
 *   sh [OPTIONS]                     commands from stdin (interactive on a terminal)
 *   sh [OPTIONS] -c 'CMDS' [NAME [ARG...]]
 *   sh [OPTIONS] SCRIPT [ARG...]
 *   sh [OPTIONS] -s [ARG...]
 * OPTIONS are set's (-e -x -o pipefail ..., options.c) plus -i; the first
 * operand ends them (POSIX): in `sh -c 'CMD' -x`, -x is $0.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

extern char **environ; /* unistd.h has it too; declared here for any libc */

/* Non-interactive input. Standard input is read a byte at a time so
 * that a command that reads stdin itself gets the rest untouched. */
struct reader {
    int fd;
    bool bytewise;
    char buf[4096];
    size_t pos, len;
};

/* Appends the next line (with its newline) to text; false at end of input. */
static bool read_line(struct reader *r, struct str *text)
{
    bool any = false;
    for (;;) {
        if (r->pos == r->len) {
            ssize_t n = read_retry(r->fd, r->buf, r->bytewise ? 1 : sizeof r->buf);
            if (n <= 0) {
                if (any)
                    str_addc(text, '\n');
                return any;
            }
            r->pos = 0;
            r->len = (size_t)n;
        }
        char c = r->buf[r->pos++];
        any = true;
        str_addc(text, c);
        if (shopt[OPT_VERBOSE])
            fputc(c, stderr); /* set -v: the input as it is read */
        if (c == '\n')
            return true;
    }
}

/* Reads, parses and runs until the end of the input. Non-interactive:
 * stops at a syntax error (status 2). Returns the last status. */
static bool stream_ran; /* a command ran in this stream (`.` of an empty file is 0) */

static int run_stream(struct reader *r)
{
    struct str text = {0};
    int first_line = 1; /* of text's first line ($LINENO) */
    bool open = false;  /* text is incomplete so far */
    for (;;) {
        size_t line_start = text.len;
        if (r) {
            if (!read_line(r, &text)) {
                if (text.len) {
                    sh_text_line = first_line;
                    run_text(text.s, true);
                    stream_ran |= run_text_ran;
                }
                break;
            }
        } else {
            jobs_reap(true);
            struct str line = {0};
            char *prompt = prompt_text(text.len > 0);
            int k = term_readline(prompt, &line);
            free(prompt);
            if (k < 0) {
                str_free(&line);
                text.len = 0;
                open = false;
                last_status = 130;
                continue;
            }
            if (k == 0 && shopt[OPT_IGNOREEOF] && !text.len) {
                str_free(&line);
                fputs("Use \"exit\" to leave shell.\n", stderr);
                continue;
            }
            if (k == 0) {
                str_free(&line);
                if (text.len) {
                    sh_text_line = first_line;
                    run_text(text.s, true);
                    stream_ran |= run_text_ran;
                }
                fputs("exit\n", stderr);
                break;
            }
            history_add(line.s ? line.s : "");
            if (shopt[OPT_VERBOSE])
                fprintf(stderr, "%s\n", line.s ? line.s : "");
            str_adds(&text, line.s ? line.s : "");
            str_addc(&text, '\n');
            str_free(&line);
        }
        if (open && !heredoc_may_end(text.s + line_start))
            continue; /* inside a here-document's body: not yet its end */
        sh_text_line = first_line;
        enum parse_result pr = run_text(text.s, false);
        stream_ran |= run_text_ran;
        open = pr == PARSE_INCOMPLETE;
        if (open)
            continue;
        if (func_returning && r)
            break; /* `return` in a dot script (or a script): the rest is not read */
        for (size_t k = 0; k < text.len; k++)
            first_line += text.s[k] == '\n';
        text.len = 0;
        text.s[0] = '\0';
        if (pr == PARSE_ERROR && r)
            break;
    }
    str_free(&text);
    return last_status;
}

int source_file(const char *path, bool must_exist)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (must_exist)
            sh_error("cannot open %s: %s", path, strerror(e));
        last_status = e == ENOENT ? 127 : 126;
        return last_status;
    }
    /* keep the script away from the descriptors commands redirect */
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    if (high >= 0) {
        close(fd);
        fd = high;
    }
    struct reader *r = xmalloc(sizeof *r);
    r->fd = fd;
    r->bytewise = false;
    r->pos = r->len = 0;
    /* $? in the file starts as the status before `.` (dash) */
    bool outer_ran = stream_ran;
    stream_ran = false;
    int st = run_stream(r);
    if (!stream_ran)
        st = last_status = 0;
    stream_ran = outer_ran;
    free(r);
    close(fd);
    return st;
}

void sh_exit(int status)
{
    last_status = status;
    expand_error = false; /* the failed expansion that brought us here must not stop the trap */
    trap_run_exit();      /* an `exit N` in it exits from there with N */
    fflush(stdout);
    fflush(stderr);
    if (interactive)
        term_cooked();
    exit(status);
}

/* An interactive shell owns the terminal: its own process group in the
 * foreground, and the job-control signals ignored (its children get
 * them back, exec.c). */
static void become_interactive(void)
{
    interactive = true;
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    if (getpgrp() != getpid())
        setpgid(0, 0);
    shell_pgid = getpgrp();
    tcsetpgrp(0, shell_pgid);
    term_save_mode();
}

int main(int argc, char **argv)
{
    vars_init(environ);
    traps_init();
    sh_arg0 = argc > 0 ? argv[0] : "sh";
    bool c_flag = false;
    bool login = argc > 0 && argv[0][0] == '-'; /* as login(1) and init start a login shell */
    int i;
    if (options_parse(argc, argv, true, &i, &c_flag, &login, NULL)) {
        fprintf(stderr, "usage: sh [-abCefhilmnuvx] [-o NAME] [-c COMMANDS [NAME [ARG...]] | -s [ARG...] | SCRIPT [ARG...]]\n");
        return 2;
    }
    bool force_interactive = shopt[OPT_INTERACTIVE];
    cwd_init(); /* PWD as POSIX sets it at start (XCU 2.5.3) */
    if (login)
        startup_login();
    shopt[OPT_INTERACTIVE] = false;
    if (c_flag) {
        if (i >= argc) {
            sh_error("-c requires an argument");
            return 2;
        }
        if (i + 1 < argc) {
            sh_arg0 = argv[i + 1];
            set_params(argv + i + 2, argc - i - 2);
        }
        run_text(argv[i], true);
        sh_exit(last_status);
    }
    if (i < argc && !shopt[OPT_STDIN]) {
        set_params(argv + i + 1, argc - i - 1);
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            int e = errno;
            sh_lineno = 0; /* dash: "sh: 0: cannot open x.sh: ..." */
            sh_error("cannot open %s: %s", argv[i], strerror(e));
            return e == ENOENT ? 127 : 126;
        }
        sh_arg0 = argv[i];
        close(fd);
        sh_exit(source_file(argv[i], true));
    }
    shopt[OPT_STDIN] = true;
    set_params(argv + i, argc - i);
    if (force_interactive || (isatty(0) && isatty(2))) {
        become_interactive();
        prompt_init();
        startup_interactive();
    }
    shopt[OPT_INTERACTIVE] = shopt[OPT_MONITOR] = interactive;
    struct reader *r = NULL;
    if (!interactive) {
        r = xmalloc(sizeof *r);
        r->fd = 0;
        r->bytewise = true;
        r->pos = r->len = 0;
    }
    sh_exit(run_stream(r));
}
