/*
 * term.c - reading a line from the terminal: raw mode while editing,
 * the terminal's own (cooked) mode back before anything runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "line_edit.h"
#include "sh.h"

static struct termios cooked;
static bool have_cooked;

void term_save_mode(void) { have_cooked = tcgetattr(0, &cooked) == 0; }

void term_cooked(void)
{
    if (have_cooked)
        tcsetattr(0, TCSADRAIN, &cooked);
}

static void raw_mode(void)
{
    struct termios t = cooked;
    /* no line discipline, no echo, and ^C ^Z ^\ as plain bytes */
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    t.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(0, TCSADRAIN, &t);
}

static void put(const char *s, size_t n) { write_all(2, s, n); }

static struct line_edit le;

/* `sh -i` reading a pipe or a file: the prompt, then the line as it
 * comes, a byte at a time (what follows is a command's input). No
 * editing and no echo: a Tab is a Tab, as in dash. */
static int plain_readline(const char *prompt, struct str *out)
{
    put(prompt, strlen(prompt));
    bool any = false;
    for (;;) {
        char c;
        if (read_retry(0, &c, 1) <= 0)
            return any;
        any = true;
        if (c == '\n')
            return 1;
        str_addc(out, c);
    }
}

/* set -b (notify): a background job that ends while the shell waits at
 * the prompt is reported at once, as bash does, and the prompt and the
 * line are drawn again below the notice. The SIGCHLD handler writes a
 * byte into a pipe that is polled beside the terminal (the self-pipe
 * trick), so an ending that comes just before the wait is not missed.
 * The handler is there only while a line is read, and only when no trap
 * has SIGCHLD. */
static int chld_pipe[2] = {-1, -1};

static void on_sigchld(int sig)
{
    (void)sig;
    int saved = errno;
    if (write(chld_pipe[1], "", 1) < 0) { /* full: a wake-up is pending anyway */
    }
    errno = saved;
}

static bool notify_begin(struct sigaction *old)
{
    if (!shopt[OPT_NOTIFY] || sigaction(SIGCHLD, NULL, old) != 0 || old->sa_handler != SIG_DFL)
        return false;
    if (chld_pipe[0] < 0 && pipe2(chld_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    return true;
}

static void notify_end(const struct sigaction *old)
{
    sigaction(SIGCHLD, old, NULL);
    char drain[64];
    while (read(chld_pipe[0], drain, sizeof drain) > 0) {
    }
}

/* Waits for the terminal; in between, reports jobs that end. */
static void wait_for_key(const char *prompt)
{
    for (;;) {
        struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = chld_pipe[0], .events = POLLIN}};
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            return;
        if (fds[1].revents & POLLIN) {
            char drain[64];
            while (read(chld_pipe[0], drain, sizeof drain) > 0) {
            }
            if (jobs_finished()) {
                put("\n", 1);
                fflush(stdout);
                jobs_reap(true);
                fflush(stderr);
                put(prompt, strlen(prompt));
                le_redraw(&le);
                put(le.out, le.outlen);
                le.outlen = 0;
            }
        }
        if (fds[0].revents)
            return;
    }
}

int term_readline(const char *prompt, struct str *out)
{
    if (!isatty(0))
        return plain_readline(prompt, out);
    if (!have_cooked)
        term_save_mode();
    struct sigaction old_chld;
    bool notify = notify_begin(&old_chld);
    raw_mode();
    put(prompt, strlen(prompt));
    le_reset(&le);
    int hist = history_count();   /* the entry shown; count = the new line */
    char *draft = NULL;           /* what was typed before going up */
    int result = 1;
    enum le_action prev = LE_NONE;
    for (;;) {
        unsigned char c;
        if (notify)
            wait_for_key(prompt);
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        enum le_action a = n <= 0 ? LE_EOF : le_feed(&le, c);
        if (a == LE_EOF && n <= 0 && le.len) /* end of input mid-line: take it */
            a = LE_ENTER;
        if (a == LE_HIST_PREV && hist > 0) {
            if (hist == history_count()) {
                free(draft);
                draft = xstrdup(le.buf);
            }
            le_replace(&le, history_get(--hist));
        } else if (a == LE_HIST_NEXT && hist < history_count()) {
            hist++;
            le_replace(&le, hist == history_count() ? (draft ? draft : "") : history_get(hist));
        }
        if (a == LE_COMPLETE) {
            put(le.out, le.outlen); /* anything the editor had to say first */
            le.outlen = 0;
            complete_line(&le, prompt, prev == LE_COMPLETE, put);
        }
        prev = a;
        put(le.out, le.outlen);
        le.outlen = 0;
        if (a == LE_ENTER) {
            put("\n", 1);
            str_adds(out, le.buf);
            break;
        }
        if (a == LE_EOF) {
            result = 0;
            break;
        }
        if (a == LE_INTERRUPT) {
            put("^C\n", 3);
            result = -1;
            break;
        }
    }
    free(draft);
    if (notify)
        notify_end(&old_chld);
    term_cooked();
    return result;
}
