/*
 * line_edit.h - the shell's line editor, as a pure state machine.
 *
 * Bytes typed go in one at a time (le_feed); the buffer and cursor change
 * and the bytes that redraw the screen accumulate in out[] for the caller
 * to write. No I/O, no terminal calls: the host tests drive it directly.
 *
 * The screen is assumed to show the line right after the prompt with the
 * terminal cursor at `cur`. Redrawing uses only printable characters,
 * spaces and backspaces (no escape sequences), so any terminal works.
 */
#ifndef SH_LINE_EDIT_H
#define SH_LINE_EDIT_H

#include <stddef.h>

#define LE_MAX 1024                 /* longest line, with its NUL */
#define LE_OUT_MAX (6 * LE_MAX)     /* worst-case redraw of one key */

enum le_action {
    LE_NONE,       /* keep going */
    LE_ENTER,      /* the line is complete (Enter) */
    LE_EOF,        /* Ctrl-D on an empty line */
    LE_INTERRUPT,  /* Ctrl-C: discard the line */
    LE_HIST_PREV,  /* up arrow / Ctrl-P: the caller may le_replace */
    LE_HIST_NEXT,  /* down arrow / Ctrl-N */
    LE_COMPLETE,   /* Tab: the caller completes the word before the cursor */
};

struct line_edit {
    char buf[LE_MAX];   /* the line, NUL-terminated */
    size_t len, cur;    /* length and cursor (0..len) */
    int esc;            /* escape-sequence state: 0 none, 1 ESC, 2 ESC [, 3 ESC O */
    int param;          /* the number in ESC [ N ~ */
    char out[LE_OUT_MAX];
    size_t outlen;      /* bytes to write to the terminal; the caller clears it */
};

void le_reset(struct line_edit *le);
enum le_action le_feed(struct line_edit *le, unsigned char c);
/* Replaces the whole line (history recall); the cursor goes to the end. */
void le_replace(struct line_edit *le, const char *text);
/* Inserts text at the cursor (a completion); false (and a bell) when the
 * line has no room for all of it, and then nothing is inserted. */
int le_insert(struct line_edit *le, const char *text);
/* Draws the whole line again on a fresh screen line (after the caller
 * printed something and the prompt): the cursor ends where it was. */
void le_redraw(struct line_edit *le);

#endif
