/*
 * ansi_term.h - a small VT100/xterm terminal: interprets the bytes a
 * program writes (text, control characters and the ANSI escape sequences
 * shells, line editors and `clear` emit) onto a grid of text cells. Pure
 * logic over a caller's cell array, so the VGA driver shows what a serial
 * terminal would, and host tests check it.
 *
 * Cells are VGA text cells: character in the low byte, attribute (colour)
 * in the high byte.
 *
 * Understood: printable bytes (with VT100's pending wrap at the last
 * column), LF (down one line, scrolling at the bottom), CR, BS, HT (tab
 * stops every 8 columns), and
 *   ESC [ n A / B / C / D   cursor up / down / right / left (n default 1)
 *   ESC [ n E / F           to column 1, n lines down / up
 *   ESC [ n G, ESC [ n d    column n / row n (1-based)
 *   ESC [ r ; c H (or f)    cursor to row r, column c (1-based, default 1)
 *   ESC [ n J               erase: 0 to the end of the screen, 1 from the
 *                           start, 2 or 3 all of it (the cursor stays)
 *   ESC [ n K               erase in the line: 0 to its end, 1 from its
 *                           start, 2 all of it
 *   ESC [ n P, ESC [ n @    delete / insert n characters in the line
 *   ESC [ ... m             colours: 0 reset, 1 bright, 7 reverse, 22, 27,
 *                           30-37 / 90-97 foreground, 40-47 background,
 *                           39 / 49 defaults
 *   ESC [ s / u, ESC 7 / 8  save / restore the cursor
 *   ESC c                   reset: clear the screen, cursor home
 * Everything else is consumed and ignored: other CSI sequences (private
 * ones like ESC [ ? 25 l included), OSC strings (ESC ] ... BEL or ESC \),
 * other ESC pairs and C0 controls.
 */
#ifndef LIB_ANSI_TERM_H
#define LIB_ANSI_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANSI_MAX_PARAMS 8
#define ANSI_DEFAULT_ATTR 0x07 /* light grey on black */

struct ansi_term {
    uint16_t *cells; /* rows * cols, row-major */
    int rows, cols;
    int row, col;           /* the cursor */
    bool wrap_pending;      /* a character was written in the last column */
    uint8_t attr;           /* the colours new text gets */
    bool bright, reverse;
    int saved_row, saved_col;
    int state;              /* the parser's state (ansi_term.c) */
    int params[ANSI_MAX_PARAMS];
    int nparams;
    bool private_csi;       /* ESC [ ? ...: consumed, not acted on */
};

/* Starts a terminal on cells (rows x cols): cleared, cursor home. */
void ansi_init(struct ansi_term *t, uint16_t *cells, int rows, int cols);

/* Interprets n bytes of output. */
void ansi_write(struct ansi_term *t, const char *s, size_t n);

#endif
