/* line_edit.c - see line_edit.h. */
#include "line_edit.h"

#include <string.h>

void le_reset(struct line_edit *le)
{
    le->buf[0] = '\0';
    le->len = le->cur = 0;
    le->esc = 0;
    le->param = 0;
    le->outlen = 0;
}

static void emit(struct line_edit *le, const char *s, size_t n)
{
    if (n > sizeof le->out - le->outlen)
        n = sizeof le->out - le->outlen;
    memcpy(le->out + le->outlen, s, n);
    le->outlen += n;
}

static void emit_backspaces(struct line_edit *le, size_t n)
{
    while (n--)
        emit(le, "\b", 1);
}

/* Moves the screen cursor: left with backspaces, right by re-printing. */
static void move_to(struct line_edit *le, size_t pos)
{
    if (pos < le->cur)
        emit_backspaces(le, le->cur - pos);
    else
        emit(le, le->buf + le->cur, pos - le->cur);
    le->cur = pos;
}

/* The screen cursor is at `from` and the buffer changed from there on:
 * prints the new tail, blanks what is left of the old one (old_len), and
 * puts the cursor at newcur. */
static void repaint(struct line_edit *le, size_t from, size_t old_len, size_t newcur)
{
    emit(le, le->buf + from, le->len - from);
    size_t pad = old_len > le->len ? old_len - le->len : 0;
    for (size_t i = 0; i < pad; i++)
        emit(le, " ", 1);
    emit_backspaces(le, le->len + pad - newcur);
    le->cur = newcur;
}

int le_insert(struct line_edit *le, const char *text)
{
    size_t n = strlen(text);
    if (le->len + n >= LE_MAX) {
        emit(le, "\a", 1); /* full: ring the bell */
        return 0;
    }
    size_t at = le->cur, old = le->len;
    memmove(le->buf + at + n, le->buf + at, le->len - at + 1);
    memcpy(le->buf + at, text, n);
    le->len += n;
    repaint(le, at, old, at + n);
    return 1;
}

static void insert(struct line_edit *le, char c)
{
    char one[2] = {c, '\0'};
    le_insert(le, one);
}

void le_redraw(struct line_edit *le)
{
    emit(le, le->buf, le->len);
    emit_backspaces(le, le->len - le->cur);
}

/* Deletes buf[from, to) with the screen cursor at `from`. */
static void delete_range(struct line_edit *le, size_t from, size_t to)
{
    size_t old = le->len;
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    repaint(le, from, old, from);
}

static void backspace(struct line_edit *le)
{
    if (le->cur == 0)
        return;
    move_to(le, le->cur - 1);
    delete_range(le, le->cur, le->cur + 1);
}

static void delete_at_cursor(struct line_edit *le)
{
    if (le->cur < le->len)
        delete_range(le, le->cur, le->cur + 1);
}

static void kill_to_start(struct line_edit *le)
{
    size_t end = le->cur;
    move_to(le, 0);
    delete_range(le, 0, end);
}

static void kill_word(struct line_edit *le)
{
    size_t end = le->cur, start = end;
    while (start > 0 && le->buf[start - 1] == ' ')
        start--;
    while (start > 0 && le->buf[start - 1] != ' ')
        start--;
    move_to(le, start);
    delete_range(le, start, end);
}

void le_replace(struct line_edit *le, const char *text)
{
    size_t n = strlen(text);
    if (n >= LE_MAX)
        n = LE_MAX - 1;
    move_to(le, 0);
    size_t old = le->len;
    memcpy(le->buf, text, n);
    le->buf[n] = '\0';
    le->len = n;
    repaint(le, 0, old, n);
}

/* The final byte of ESC [ ... or ESC O ... */
static enum le_action escape_final(struct line_edit *le, unsigned char c)
{
    switch (c) {
    case 'A': return LE_HIST_PREV;
    case 'B': return LE_HIST_NEXT;
    case 'C':
        if (le->cur < le->len)
            move_to(le, le->cur + 1);
        break;
    case 'D':
        if (le->cur > 0)
            move_to(le, le->cur - 1);
        break;
    case 'H': move_to(le, 0); break;
    case 'F': move_to(le, le->len); break;
    case '~':
        if (le->param == 1 || le->param == 7)
            move_to(le, 0);
        else if (le->param == 4 || le->param == 8)
            move_to(le, le->len);
        else if (le->param == 3)
            delete_at_cursor(le);
        break;
    default: break; /* an unknown sequence is swallowed */
    }
    return LE_NONE;
}

enum le_action le_feed(struct line_edit *le, unsigned char c)
{
    if (le->esc == 1) {
        le->esc = c == '[' ? 2 : c == 'O' ? 3 : 0;
        le->param = 0;
        return LE_NONE;
    }
    if (le->esc == 2 || le->esc == 3) {
        if (le->esc == 2 && ((c >= '0' && c <= '9') || c == ';')) {
            if (c != ';' && le->param < 1000)
                le->param = le->param * 10 + (c - '0');
            return LE_NONE;
        }
        le->esc = 0;
        return escape_final(le, c);
    }
    switch (c) {
    case '\r':
    case '\n': return LE_ENTER;
    case 0x1b: le->esc = 1; return LE_NONE;
    case 0x03: return LE_INTERRUPT;
    case 0x04:
        if (le->len == 0)
            return LE_EOF;
        delete_at_cursor(le);
        return LE_NONE;
    case 0x7f:
    case 0x08: backspace(le); return LE_NONE;
    case 0x01: move_to(le, 0); return LE_NONE;               /* Ctrl-A */
    case 0x05: move_to(le, le->len); return LE_NONE;         /* Ctrl-E */
    case 0x02:                                               /* Ctrl-B */
        if (le->cur > 0)
            move_to(le, le->cur - 1);
        return LE_NONE;
    case 0x06:                                               /* Ctrl-F */
        if (le->cur < le->len)
            move_to(le, le->cur + 1);
        return LE_NONE;
    case 0x0b: delete_range(le, le->cur, le->len); return LE_NONE; /* Ctrl-K */
    case 0x15: kill_to_start(le); return LE_NONE;            /* Ctrl-U */
    case 0x17: kill_word(le); return LE_NONE;                /* Ctrl-W */
    case 0x10: return LE_HIST_PREV;                          /* Ctrl-P */
    case 0x0e: return LE_HIST_NEXT;                          /* Ctrl-N */
    case '\t': return LE_COMPLETE;
    default:
        if (c >= 0x20)
            insert(le, (char)c);
        return LE_NONE; /* other control bytes are ignored */
    }
}
