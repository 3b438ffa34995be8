/*
 * tty.h - the console as a file (/dev/console, /dev/tty, descriptors
 * 0-2 of the first process).
 *
 * Two modes, chosen by the kernel command line:
 *   console=tty  (default) a terminal: canonical input with echo and line
 *                editing, Ctrl-D for end of file, LF written as CR LF;
 *                isatty() is true (TCGETS answers); Ctrl-C, Ctrl-\ and
 *                Ctrl-Z signal the foreground process group (ISIG,
 *                TIOCGPGRP/TIOCSPGRP).
 *   console=pipe a byte pipe for tools/tinyos-run when its own stdin or
 *                stdout is not a terminal: no echo, no editing, output
 *                bytes unchanged, TCGETS fails with ENOTTY like on a pipe.
 *                Input is framed: byte 0x04 is end of file, and 0x10 (DLE)
 *                makes the next byte literal (so 0x04 and 0x10 can pass).
 */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include "fs/vfs.h"

void tty_init(const char *mode);
/* Makes pgrp the console's foreground process group (init's, at boot). */
void tty_set_foreground(int pgrp);
extern const struct file_ops tty_ops;
/* vhangup(2) by a process of session sid: if the console is that
 * session's controlling terminal, it is hung up: unread input dropped,
 * SIGHUP and SIGCONT sent to the session leader (Linux's
 * tty_signal_session_leader). Another session has no terminal here. */
void tty_vhangup(int sid);

#endif
