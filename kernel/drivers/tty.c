/* tty.c - see tty.h. */
#include "drivers/tty.h"

#include <stdbool.h>

#include "drivers/console.h"
#include "lib/kprintf.h"
#include "lib/line_edit.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "time/clock.h"
#include "uapi/signal.h"
#include "uapi/errno.h"
#include "uapi/ioctls.h"
#include "uapi/poll.h"

#define CTRL_D 0x04
#define DECISECOND_NS 100000000ull
#define DLE 0x10

static bool pipe_mode;

/* The terminal settings TCGETS reports and TCSETS changes. The line
 * discipline honours ICANON, ECHO, ISIG (VINTR, VQUIT, VSUSP), VEOF,
 * VMIN/VTIME, ICRNL/INLCR/IGNCR and OPOST/ONLCR; the other bits are kept
 * as set. Erase (BS and DEL), kill (Ctrl-U) and word erase (Ctrl-W) are
 * fixed (line_edit.c). */
static struct linux_termios term = {
    .c_iflag = ICRNL | IXON,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = B38400 | CS8 | CREAD,
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE,
    .c_cc = {[VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4, [VMIN] = 1, [VSUSP] = 26},
};

/* Input already read from the console but not yet returned to a reader. */
static char pending[LINE_EDIT_MAX + 1];
static size_t pending_len, pending_pos;
static bool eof_pending; /* a Ctrl-D ended the last chunk: next read gives 0 */

/* The line being edited in canonical mode (kept across an interrupted read). */
static struct line_edit le;
static bool le_active;

/* The foreground process group: the one the interrupt keys signal and
 * that may read (the shell sets it with TIOCSPGRP). 0: none yet. */
static int fg_pgrp;

/* The window size TIOCGWINSZ reports (the VGA screen until TIOCSWINSZ). */
static struct linux_winsize winsize = {.ws_row = 25, .ws_col = 80};
/* The session the console belongs to: background groups of it get
 * SIGTTIN when they read (the console is everyone's controlling tty). */
static int fg_sid;

/* Output post-processing (OPOST | ONLCR): LF becomes CR LF only when both
 * are set, so a program that clears them writes bytes unchanged. */
static void tty_output(void *ctx, const char *buf, size_t k)
{
    (void)ctx;
    if (pipe_mode || (term.c_oflag & (OPOST | ONLCR)) != (OPOST | ONLCR))
        console_write_raw(buf, k);
    else
        console_write(buf, k);
}

/* ISIG: Ctrl-C, Ctrl-\ and Ctrl-Z become SIGINT, SIGQUIT and SIGTSTP for
 * the foreground group instead of input, with their echo (^C) and the
 * unread input dropped, as Linux's n_tty does. Interrupt context. */
static bool signal_keys(char c)
{
    if (pipe_mode || !(term.c_lflag & ISIG) || !c)
        return false;
    int sig = c == (char)term.c_cc[VINTR] ? SIGINT : c == (char)term.c_cc[VQUIT] ? SIGQUIT
            : c == (char)term.c_cc[VSUSP] ? SIGTSTP : 0;
    if (!sig)
        return false;
    if (term.c_lflag & ECHO) {
        /* Only "^C", as n_tty echoes it: the new line is the shell's to
         * print (after the job it waited for is gone). */
        char echo[2] = {'^', (char)(c + '@')};
        tty_output(NULL, echo, 2);
    }
    console_flush_input();
    pending_pos = pending_len = 0;
    le_active = false;
    if (fg_pgrp) {
        struct ksiginfo info = {.code = SI_KERNEL};
        signal_send_group(fg_pgrp, sig, &info);
    }
    return true;
}

void tty_init(const char *mode)
{
    pipe_mode = mode && strcmp(mode, "pipe") == 0;
    /* Linux's names say which screen the user sits at (init's TERM);
     * the console itself is the same tty either way. */
    bool linux_name = mode && strncmp(mode, "tty", 3) == 0 &&
                      ((mode[3] >= '0' && mode[3] <= '9') || (mode[3] == 'S' && mode[4] >= '0' && mode[4] <= '9'));
    if (mode && !pipe_mode && !linux_name && strcmp(mode, "tty") != 0)
        kprintf("warning: console=%s unknown (tty, pipe, ttyS0 or tty0); using tty\n", mode);
    console_set_input_filter(signal_keys);
}

void tty_set_foreground(int pgrp)
{
    fg_pgrp = pgrp;
    fg_sid = pgrp; /* init's group leads its session */
}

void tty_vhangup(int sid)
{
    if (!fg_sid || sid != fg_sid)
        return;
    console_flush_input();
    pending_pos = pending_len = 0;
    le_active = false;
    struct proc *leader = proc_find(sid);
    if (leader && leader->sid == sid) {
        struct ksiginfo info = {.code = SI_KERNEL};
        signal_send_info(leader, SIGHUP, &info);
        signal_send_info(leader, SIGCONT, &info);
    }
}

static void echo_sink(void *ctx, const char *s, size_t n)
{
    if (term.c_lflag & ECHO)
        tty_output(ctx, s, n);
}

/* Input translation (c_iflag): IGNCR drops CR, ICRNL turns CR into NL,
 * INLCR NL into CR. -1: drop the byte. */
static int map_input(char c)
{
    if (c == '\r' && (term.c_iflag & IGNCR))
        return -1;
    if (c == '\r' && (term.c_iflag & ICRNL))
        return '\n';
    if (c == '\n' && (term.c_iflag & INLCR))
        return '\r';
    return (unsigned char)c;
}

/* Fills pending with the next line of input; -EINTR if a signal comes
 * first (the half-typed line is kept for the next read). */

static int fill_canonical(void)
{
    if (!le_active) {
        line_edit_reset(&le);
        le_active = true;
    }
    for (;;) {
        int ch = console_getc_interruptible();
        if (ch < 0)
            return ch;
        ch = map_input((char)ch);
        if (ch < 0)
            continue;
        char c = (char)ch;
        if (c == (char)term.c_cc[VEOF] && c) {
            /* End of file at the start of a line; otherwise it hands over
             * what was typed so far without a newline (POSIX VEOF). */
            memcpy(pending, le.buf, le.len);
            pending_len = le.len;
            eof_pending = le.len == 0;
            le_active = false;
            return 0;
        }
        if (line_edit_feed(&le, c, echo_sink, NULL)) {
            memcpy(pending, le.buf, le.len);
            pending[le.len] = '\n';
            pending_len = le.len + 1;
            le_active = false;
            return 0;
        }
    }
}

/* Takes one byte that console_input_ready() said is there: false when
 * it ends the input (pipe mode's end-of-file byte). */
static bool take_byte(void)
{
    int ch = console_getc_interruptible();
    if (ch < 0)
        return true; /* cannot happen: a byte was waiting */
    char c = (char)ch;
    if (pipe_mode) {
        if (c == CTRL_D) {
            eof_pending = true; /* after the bytes already taken */
            return false;
        }
        if (c == DLE)
            c = console_getc(); /* the escaped byte follows at once */
        pending[pending_len++] = c;
        return true;
    }
    ch = map_input(c);
    if (ch < 0)
        return true;
    c = (char)ch;
    pending[pending_len++] = c;
    echo_sink(NULL, &c, 1);
    return true;
}

static long input_ready(void *ctx)
{
    (void)ctx;
    return console_input_ready();
}

/*
 * Non-canonical input, by VMIN and VTIME (termios(3)): VMIN > 0, VTIME 0
 * waits for VMIN bytes (or as many as were asked for); VMIN > 0, VTIME > 0
 * the same, but gives up VTIME tenths of a second after the last byte once
 * one came; VMIN 0, VTIME 0 returns what is there, maybe nothing; VMIN 0,
 * VTIME > 0 waits that long for the first byte. Pipe mode reads like
 * VMIN 1, with the framing of tty.h. -EINTR if a signal comes before the
 * first byte.
 */
static int fill_raw(size_t want)
{
    size_t vmin = pipe_mode ? 1 : term.c_cc[VMIN], vtime = pipe_mode ? 0 : term.c_cc[VTIME];
    if (want > sizeof pending)
        want = sizeof pending;
    if (vmin > want)
        vmin = want;
    uint64_t deadline = vmin == 0 && vtime ? clock_monotonic_ns() + vtime * DECISECOND_NS : 0;
    pending_len = 0;
    for (;;) {
        while (pending_len < want && console_input_ready()) {
            if (!take_byte())
                return 0;
            if (vmin && vtime) /* the inter-byte timer restarts */
                deadline = clock_monotonic_ns() + vtime * DECISECOND_NS;
        }
        if (pending_len >= want || (vmin && pending_len >= vmin))
            return 0;
        if (vmin == 0 && (pending_len || !vtime))
            return 0;
        if (deadline && clock_monotonic_ns() >= deadline)
            return 0; /* timed out: what came so far, maybe nothing */
        long r = wait_until_ready(input_ready, NULL, deadline, false);
        if (r < 0)
            return pending_len ? 0 : (int)r;
    }
}

/* A read from a background process group of the console's session stops
 * that group with SIGTTIN (Linux's n_tty job control), or fails with EIO
 * when the reader ignores or blocks SIGTTIN. 0: the read may go on.
 * (Orphaned groups are not detected: they are stopped too.) */
static long background_read_check(void)
{
    struct proc *p = current();
    if (pipe_mode || !p || !fg_pgrp || p->pgid == fg_pgrp || p->sid != fg_sid)
        return 0;
    uint64_t bit = 1ull << (SIGTTIN - 1);
    if ((p->sig_blocked & bit) || (p->sighand && p->sighand->act[SIGTTIN].handler == 1))
        return -EIO;
    struct ksiginfo info = {.code = SI_KERNEL};
    signal_send_group(p->pgid, SIGTTIN, &info);
    return -ERESTARTSYS;
}

static long tty_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    if (n == 0)
        return 0;
    long bg = background_read_check();
    if (bg)
        return bg;
    if (pending_pos == pending_len) {
        pending_pos = pending_len = 0;
        if (eof_pending) {
            eof_pending = false;
            return 0;
        }
        int err = pipe_mode || !(term.c_lflag & ICANON) ? fill_raw(n) : fill_canonical();
        if (err)
            return -ERESTARTSYS; /* restarted or EINTR, per the handler's SA_RESTART */
        if (pending_len == 0) {
            eof_pending = false;
            return 0;
        }
    }
    size_t k = pending_len - pending_pos < n ? pending_len - pending_pos : n;
    if (copy_to_user(ubuf, pending + pending_pos, k))
        return -EFAULT;
    pending_pos += k;
    return (long)k;
}

static long tty_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    return copy_from_user_chunked(ubuf, n, tty_output, NULL);
}

/* Drops typed-ahead input: the queue, the unread rest of a line and a
 * half-edited line (TCSETSF, tcflush). */
static void flush_input(void)
{
    console_flush_input();
    pending_pos = pending_len = 0;
    eof_pending = false;
    le_active = false;
}

static long tty_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    (void)f;
    if (pipe_mode)
        return -ENOTTY; /* a pipe is not a terminal */
    switch (cmd) {
    case TIOCGWINSZ:
        return copy_to_user(arg, &winsize, sizeof winsize);
    case TIOCSWINSZ:
        return copy_from_user(&winsize, arg, sizeof winsize);
    case TCFLSH:
        if (arg > TCIOFLUSH)
            return -EINVAL;
        if (arg != TCOFLUSH)
            flush_input();
        return 0; /* output is written synchronously: nothing to drop */
    case TCGETS:
        return copy_to_user(arg, &term, sizeof term);
    case TIOCGPGRP:
        return copy_to_user(arg, &fg_pgrp, sizeof fg_pgrp);
    case TIOCSPGRP: {
        int pgrp;
        if (copy_from_user(&pgrp, arg, sizeof pgrp))
            return -EFAULT;
        if (pgrp < 0)
            return -EINVAL;
        struct ksiginfo probe = {0};
        if (!signal_send_group(pgrp, 0, &probe))
            return -EPERM; /* no such process group */
        fg_pgrp = pgrp;
        fg_sid = current() ? current()->sid : fg_sid;
        return 0;
    }
    case TCSETS:
    case TCSETSW:
    case TCSETSF: {
        struct linux_termios t;
        if (copy_from_user(&t, arg, sizeof t))
            return -EFAULT;
        /* TCSETSW waits for output to drain: ours is written at once. */
        term = t;
        if (cmd == TCSETSF)
            flush_input();
        return 0;
    }
    default:
        return -ENOTTY;
    }
}

/* Readable when a read would not block: buffered bytes, a pending end of
 * file, or input waiting (in canonical mode a whole line may still be
 * needed, so this is optimistic there, like a terminal with data). */
static unsigned tty_poll(struct file *f)
{
    (void)f;
    bool in = pending_pos < pending_len || eof_pending || console_input_ready();
    return (in ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

const struct file_ops tty_ops = {.read = tty_read, .write = tty_write, .poll = tty_poll, .ioctl = tty_ioctl};
