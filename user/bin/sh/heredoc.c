/*
 * heredoc.c - here-documents: reading the body (for the lexer) and
 * feeding it to the command (for the redirection).
 *
 *   cat <<EOF        body lines follow the line holding the operator,
 *   text $HOME       up to a line that is exactly the delimiter; several
 *   EOF              on one line are read in order. <<- strips leading
 *                    tabs from the body and the delimiter line.
 *
 * Any quote in the delimiter word ('EOF', "EOF", \EOF, E"O"F) makes the
 * body literal; otherwise it gets parameter, command and arithmetic
 * expansion when the redirection is applied (expand_heredoc).
 *
 * The body reaches the command through a pipe, not a temporary file: no
 * writable /tmp is needed (Tiny OS may boot from a read-only initramfs
 * root), nothing is left behind when the shell is killed, and nothing can
 * race on a file name. A body up to PIPE_BUF fits in any pipe, so the
 * shell writes it before the command starts; a bigger one is written by
 * a child process, so the shell never blocks on a full pipe that only
 * the command it has not started yet would drain (no deadlock for a
 * body past the 64 KiB pipe size).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#ifndef PIPE_BUF
#define PIPE_BUF 4096
#endif

/* The delimiter with quotes removed; *quoted says whether it had any. */
static char *delim_text(const char *w, bool *quoted)
{
    struct str d = {0};
    *quoted = false;
    for (; *w; w++) {
        if (*w == '\\' && w[1]) {
            *quoted = true;
            str_addc(&d, *++w);
        } else if (*w == '\'' || *w == '"') {
            *quoted = true;
        } else {
            str_addc(&d, *w);
        }
    }
    return str_take(&d);
}

/* The delimiter the last lexing stopped waiting for (NULL: none). */
static char *waiting;
static bool waiting_strip;

void heredoc_wait_reset(void)
{
    free(waiting);
    waiting = NULL;
}

bool heredoc_may_end(const char *line)
{
    if (!waiting)
        return true;
    if (waiting_strip)
        while (*line == '\t')
            line++;
    size_t n = strlen(waiting);
    return strncmp(line, waiting, n) == 0 && (line[n] == '\n' || line[n] == '\0');
}

bool heredoc_read(struct arena *a, const char *text, size_t *pos, const char *word, bool strip, bool final,
                  char **body, bool *quoted)
{
    char *delim = delim_text(word, quoted);
    size_t dlen = strlen(delim);
    struct str b = {0};
    size_t i = *pos;
    bool found = false;
    while (text[i]) {
        if (strip)
            while (text[i] == '\t')
                i++;
        const char *nl = strchr(text + i, '\n');
        size_t len = nl ? (size_t)(nl - (text + i)) : strlen(text + i);
        if (len == dlen && memcmp(text + i, delim, dlen) == 0) {
            i += len + (nl ? 1 : 0);
            found = true;
            break;
        }
        if (!nl && !final)
            break; /* a partial last line: wait for the rest */
        str_addn(&b, text + i, len + (nl ? 1 : 0));
        i += len + (nl ? 1 : 0);
    }
    if (!found && !final) {
        heredoc_wait_reset();
        waiting = delim; /* the reader need not parse again before this line */
        waiting_strip = strip;
        str_free(&b);
        return false;
    }
    free(delim);
    /* at the end of the input the body simply ends there, as in dash */
    *pos = i;
    *body = arena_strndup(a, b.s ? b.s : "", b.len);
    str_free(&b);
    return true;
}

int heredoc_fd(const char *body, bool quoted)
{
    char *text = quoted ? xstrdup(body) : expand_heredoc(body);
    size_t n = strlen(text);
    int fds[2];
    if (pipe(fds) < 0) {
        sh_error("cannot create pipe: %s", strerror(errno));
        free(text);
        return -1;
    }
    if (n <= PIPE_BUF) {
        write_all(fds[1], text, n);
    } else {
        /* a grandchild writes, so no zombie is left for a shell that
         * only waits for its jobs: the child in between exits at once */
        pid_t pid = fork();
        if (pid == 0) {
            signal(SIGPIPE, SIG_DFL); /* the reader may stop early (head -1) */
            close(fds[0]);
            if (fork() == 0)
                write_all(fds[1], text, n);
            _exit(0);
        }
        if (pid < 0) {
            sh_error("fork: %s", strerror(errno));
            close(fds[0]);
            close(fds[1]);
            free(text);
            return -1;
        }
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    close(fds[1]);
    free(text);
    return fds[0];
}
