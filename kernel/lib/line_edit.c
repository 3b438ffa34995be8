/* line_edit.c - see line_edit.h. */
#include "lib/line_edit.h"

#define CTRL(c) ((c) & 0x1F)

void line_edit_reset(struct line_edit *le)
{
    le->len = 0;
    le->buf[0] = '\0';
}

bool line_edit_feed(struct line_edit *le, char c, format_sink echo, void *ctx)
{
    switch (c) {
    case '\r':
    case '\n':
        le->buf[le->len] = '\0';
        echo(ctx, "\n", 1);
        return true;
    case '\b':
    case 0x7F:
        if (le->len) {
            le->len--;
            echo(ctx, "\b \b", 3);
        }
        return false;
    case CTRL('U'):
        while (le->len) {
            le->len--;
            echo(ctx, "\b \b", 3);
        }
        return false;
    case CTRL('W'):
        /* Word erase (VWERASE): the blanks before the cursor, then the
         * word before them. */
        while (le->len && (le->buf[le->len - 1] == ' ' || le->buf[le->len - 1] == '\t')) {
            le->len--;
            echo(ctx, "\b \b", 3);
        }
        while (le->len && le->buf[le->len - 1] != ' ' && le->buf[le->len - 1] != '\t') {
            le->len--;
            echo(ctx, "\b \b", 3);
        }
        return false;
    case CTRL('C'):
        le->len = 0;
        le->buf[0] = '\0';
        echo(ctx, "^C\n", 3);
        return true;
    default:
        if ((unsigned char)c < 0x20 && c != '\t')
            return false; /* other control bytes are ignored */
        if (le->len + 1 >= sizeof le->buf) {
            echo(ctx, "\a", 1);
            return false;
        }
        le->buf[le->len++] = c;
        echo(ctx, &c, 1);
        return false;
    }
}
