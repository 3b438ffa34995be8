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
#include "uapi/signal.h"
#include "uapi/errno.h"
#include "uapi/ioctls.h"
#include "uapi/poll.h"

#define CTRL_D 0x04
#define DLE 0x10

static bool pipe_mode;

/* The terminal settings TCGETS reports and TCSETS changes. The line
 * discipline honours ICANON and ECHO; the other bits are kept as set. */
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
        char echo[4] = {'^', (char)(c + '@'), '\n', 0};
        console_write(echo, 3);
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
    if (mode && !pipe_mode && strcmp(mode, "tty") != 0)
        kprintf("warning: console=%s unknown (tty or pipe); using tty\n", mode);
    console_set_input_filter(signal_keys);
}

void tty_set_foreground(int pgrp) { fg_pgrp = pgrp; }

static void echo_sink(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    if (term.c_lflag & ECHO)
        console_write(s, n);
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
        char c = (char)ch;
        if (c == CTRL_D) {
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

/* Non-canonical input: block for the first byte (VMIN = 1), then take
 * what has already arrived. In pipe mode the framing of tty.h applies.
 * -EINTR if a signal comes before the first byte. */
static int fill_raw(size_t want)
{
    pending_len = 0;
    do {
        int ch = console_getc_interruptible();
        if (ch < 0)
            return pending_len ? 0 : ch;
        char c = (char)ch;
        if (pipe_mode && c == CTRL_D) {
            eof_pending = true; /* after the bytes already taken */
            return 0;
        }
        if (pipe_mode && c == DLE)
            c = console_getc(); /* the escaped byte follows at once */
        else if (!pipe_mode && c == '\r' && (term.c_iflag & ICRNL))
            c = '\n';
        pending[pending_len++] = c;
        if (!pipe_mode)
            echo_sink(NULL, &c, 1);
    } while (pending_len < want && pending_len < sizeof pending && console_input_ready());
    return 0;
}

static long tty_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    if (n == 0)
        return 0;
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

static void tty_output(void *ctx, const char *buf, size_t k)
{
    (void)ctx;
    if (pipe_mode)
        console_write_raw(buf, k);
    else
        console_write(buf, k);
}

static long tty_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    return copy_from_user_chunked(ubuf, n, tty_output, NULL);
}

static long tty_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    (void)f;
    if (pipe_mode)
        return -ENOTTY; /* a pipe is not a terminal */
    switch (cmd) {
    case TIOCGWINSZ: {
        struct linux_winsize ws = {.ws_row = 25, .ws_col = 80}; /* the VGA screen */
        return copy_to_user(arg, &ws, sizeof ws);
    }
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
        return 0;
    }
    case TCSETS:
    case TCSETSW:
    case TCSETSF: {
        struct linux_termios t;
        if (copy_from_user(&t, arg, sizeof t))
            return -EFAULT;
        term = t;
        if (cmd == TCSETSF)
            pending_pos = pending_len = 0; /* flush unread input */
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
