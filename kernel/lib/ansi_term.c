/* ansi_term.c - see ansi_term.h. */
#include "lib/ansi_term.h"

enum { GROUND, ESCAPE, CSI, OSC, OSC_ESCAPE };

#define ESC 0x1B

/* ANSI colour numbers (black red green yellow blue magenta cyan white)
 * to VGA's (blue and red swapped, as VGA orders its bits B G R). */
static const uint8_t vga_colour[8] = {0, 4, 2, 6, 1, 5, 3, 7};

static uint16_t blank(const struct ansi_term *t) { return (uint16_t)(t->attr << 8 | ' '); }

static void fill(struct ansi_term *t, int from, int to) /* cell indexes, to exclusive */
{
    for (int i = from; i < to; i++)
        t->cells[i] = blank(t);
}

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

void ansi_init(struct ansi_term *t, uint16_t *cells, int rows, int cols)
{
    *t = (struct ansi_term){.cells = cells, .rows = rows, .cols = cols, .attr = ANSI_DEFAULT_ATTR};
    fill(t, 0, rows * cols);
}

static void line_feed(struct ansi_term *t)
{
    if (t->row + 1 < t->rows) {
        t->row++;
        return;
    }
    for (int i = 0; i < t->cols * (t->rows - 1); i++)
        t->cells[i] = t->cells[i + t->cols];
    fill(t, t->cols * (t->rows - 1), t->cols * t->rows);
}

static void put(struct ansi_term *t, char c)
{
    if (t->wrap_pending) {
        t->col = 0;
        line_feed(t);
        t->wrap_pending = false;
    }
    t->cells[t->row * t->cols + t->col] = (uint16_t)(t->attr << 8 | (uint8_t)c);
    if (t->col + 1 < t->cols)
        t->col++;
    else
        t->wrap_pending = true; /* VT100: wrap only when the next character comes */
}

/* Parameter i, or def when absent or 0 (for counts and positions). */
static int arg(const struct ansi_term *t, int i, int def)
{
    return i < t->nparams && t->params[i] > 0 ? t->params[i] : def;
}

static void set_attr(struct ansi_term *t, uint8_t fg, uint8_t bg)
{
    if (t->bright)
        fg |= 8;
    t->attr = t->reverse ? (uint8_t)((fg & 7) << 4 | bg) : (uint8_t)(bg << 4 | fg);
}

static void sgr(struct ansi_term *t)
{
    /* The colours as set, before bright/reverse are applied. */
    uint8_t fg = t->reverse ? (t->attr >> 4) & 7 : t->attr & 7;
    uint8_t bg = t->reverse ? t->attr & 7 : (t->attr >> 4) & 7;
    if (t->nparams == 0)
        t->nparams = 1, t->params[0] = 0;
    for (int i = 0; i < t->nparams; i++) {
        int p = t->params[i];
        if (p == 0) {
            fg = ANSI_DEFAULT_ATTR & 7, bg = 0, t->bright = t->reverse = false;
        } else if (p == 1) {
            t->bright = true;
        } else if (p == 22) {
            t->bright = false;
        } else if (p == 7) {
            t->reverse = true;
        } else if (p == 27) {
            t->reverse = false;
        } else if (p >= 30 && p <= 37) {
            fg = vga_colour[p - 30];
        } else if (p >= 90 && p <= 97) {
            fg = vga_colour[p - 90], t->bright = true;
        } else if (p == 39) {
            fg = ANSI_DEFAULT_ATTR & 7;
        } else if (p >= 40 && p <= 47) {
            bg = vga_colour[p - 40];
        } else if (p == 49) {
            bg = 0;
        }
    }
    set_attr(t, fg, bg);
}

static void csi(struct ansi_term *t, char final)
{
    int line = t->row * t->cols, end = line + t->cols, here = line + t->col;
    int n = arg(t, 0, 1);
    t->wrap_pending = false;
    switch (final) {
    case 'A': t->row = clamp(t->row - n, 0, t->rows - 1); break;
    case 'B': t->row = clamp(t->row + n, 0, t->rows - 1); break;
    case 'C': t->col = clamp(t->col + n, 0, t->cols - 1); break;
    case 'D': t->col = clamp(t->col - n, 0, t->cols - 1); break;
    case 'E': t->row = clamp(t->row + n, 0, t->rows - 1), t->col = 0; break;
    case 'F': t->row = clamp(t->row - n, 0, t->rows - 1), t->col = 0; break;
    case 'G': t->col = clamp(n - 1, 0, t->cols - 1); break;
    case 'd': t->row = clamp(n - 1, 0, t->rows - 1); break;
    case 'H':
    case 'f':
        t->row = clamp(arg(t, 0, 1) - 1, 0, t->rows - 1);
        t->col = clamp(arg(t, 1, 1) - 1, 0, t->cols - 1);
        break;
    case 'J': {
        int mode = t->nparams ? t->params[0] : 0;
        if (mode == 0)
            fill(t, here, t->rows * t->cols);
        else if (mode == 1)
            fill(t, 0, here + 1);
        else if (mode == 2 || mode == 3)
            fill(t, 0, t->rows * t->cols);
        break;
    }
    case 'K': {
        int mode = t->nparams ? t->params[0] : 0;
        if (mode == 0)
            fill(t, here, end);
        else if (mode == 1)
            fill(t, line, here + 1);
        else if (mode == 2)
            fill(t, line, end);
        break;
    }
    case 'P': /* delete n characters: the rest of the line moves left */
        n = n > end - here ? end - here : n;
        for (int i = here; i + n < end; i++)
            t->cells[i] = t->cells[i + n];
        fill(t, end - n, end);
        break;
    case '@': /* insert n blanks: the rest of the line moves right */
        n = n > end - here ? end - here : n;
        for (int i = end - 1; i >= here + n; i--)
            t->cells[i] = t->cells[i - n];
        fill(t, here, here + n);
        break;
    case 'm': sgr(t); break;
    case 's': t->saved_row = t->row, t->saved_col = t->col; break;
    case 'u': t->row = t->saved_row, t->col = t->saved_col; break;
    default: break; /* not understood: ignored */
    }
}

static void control(struct ansi_term *t, char c)
{
    switch (c) {
    case '\n':
        line_feed(t);
        t->wrap_pending = false;
        break;
    case '\r':
        t->col = 0;
        t->wrap_pending = false;
        break;
    case '\b':
        if (t->col > 0 && !t->wrap_pending)
            t->col--;
        t->wrap_pending = false;
        break;
    case '\t':
        if (!t->wrap_pending)
            t->col = clamp((t->col / 8 + 1) * 8, 0, t->cols - 1);
        break;
    case ESC:
        t->state = ESCAPE;
        break;
    default: break; /* BEL and the other C0 controls show nothing */
    }
}

static void escape(struct ansi_term *t, char c)
{
    if (c >= 0x20 && c <= 0x2F)
        return; /* intermediate (ESC ( B picks a character set): the final byte follows */
    t->state = GROUND;
    switch (c) {
    case '[':
        t->state = CSI;
        t->nparams = 0;
        t->private_csi = false;
        for (int i = 0; i < ANSI_MAX_PARAMS; i++)
            t->params[i] = 0;
        break;
    case ']': t->state = OSC; break;
    case '7': t->saved_row = t->row, t->saved_col = t->col; break;
    case '8': t->row = t->saved_row, t->col = t->saved_col, t->wrap_pending = false; break;
    case 'c': {
        uint16_t *cells = t->cells;
        ansi_init(t, cells, t->rows, t->cols);
        break;
    }
    default: break;
    }
}

static void csi_byte(struct ansi_term *t, char c)
{
    if (c >= '0' && c <= '9') {
        if (t->nparams == 0)
            t->nparams = 1;
        int *p = &t->params[t->nparams - 1];
        if (*p < 10000) /* larger numbers only clamp anyway */
            *p = *p * 10 + (c - '0');
    } else if (c == ';') {
        if (t->nparams == 0)
            t->nparams = 1; /* ";5H": the first is empty (default) */
        if (t->nparams < ANSI_MAX_PARAMS)
            t->nparams++;
    } else if (c >= 0x40 && c <= 0x7E) {
        t->state = GROUND;
        if (!t->private_csi)
            csi(t, c);
    } else if (c == '?' || c == '>' || c == '=' || c == '<') {
        t->private_csi = true; /* private modes (cursor, paste...): ignored */
    } else if (c == ESC) {
        t->state = ESCAPE; /* a broken sequence: start over */
    } else if ((unsigned char)c < 0x20) {
        control(t, c); /* controls act even inside a sequence (VT100) */
    }
    /* intermediate bytes (0x20-0x2F) are ignored */
}

void ansi_write(struct ansi_term *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (t->state) {
        case GROUND:
            if ((unsigned char)c < 0x20 || c == 0x7F)
                control(t, c);
            else
                put(t, c);
            break;
        case ESCAPE: escape(t, c); break;
        case CSI: csi_byte(t, c); break;
        case OSC: /* until BEL or ESC \ */
            if (c == '\a')
                t->state = GROUND;
            else if (c == ESC)
                t->state = OSC_ESCAPE;
            break;
        case OSC_ESCAPE: t->state = c == '\\' ? GROUND : OSC; break;
        }
    }
}
