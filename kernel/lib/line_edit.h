/*
 * line_edit.h - canonical-mode line editing, as a terminal's line
 * discipline does it: printable bytes are appended and echoed, backspace
 * (BS or DEL) erases one, Ctrl-U erases the line, Ctrl-W the word before
 * the cursor, Ctrl-C abandons it,
 * CR or LF ends it. Pure logic; the caller supplies the input and the echo.
 */
#ifndef LIB_LINE_EDIT_H
#define LIB_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/format.h"

#define LINE_EDIT_MAX 256

struct line_edit {
    char buf[LINE_EDIT_MAX]; /* NUL-terminated when a line is done */
    size_t len;
};

void line_edit_reset(struct line_edit *le);

/* Feeds one byte. Returns true when the line is complete (buf holds it,
 * without the newline). Bytes beyond the buffer are dropped (with a bell). */
bool line_edit_feed(struct line_edit *le, char c, format_sink echo, void *ctx);

#endif
