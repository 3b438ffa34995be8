/*
 * dollar_quote.c - $'...' quoting (POSIX.1-2024 XCU 2.2.4, long in bash,
 * ksh, zsh and busybox): a single-quoted string in which backslash
 * escapes stand for characters.
 *
 *   \" \' \\ \a \b \e \f \n \r \t \v   the usual characters (\e is ESC)
 *   \cX                                control-X (\c? is DEL)
 *   \xHH                               the byte of one or two hex digits
 *   \NNN                               the byte of one to three octal digits
 *   \uHHHH \UHHHHHHHH                  the character of that number, in UTF-8
 * Any other backslash stays, with the character after it (as bash).
 * A NUL byte ends the string there (bash does the same: a C string).
 */
#include <ctype.h>
#include <string.h>

#include "sh.h"

const char *dollar_quote_end(const char *s) { return escaped_end(s, '\''); }

static int hexval(char c) { return isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10); }

/* Code point cp as UTF-8 (there are no locales: UTF-8 is what terminals use). */
static void add_utf8(struct str *out, unsigned long cp)
{
    if (cp < 0x80) {
        str_addc(out, (char)cp);
    } else if (cp < 0x800) {
        str_addc(out, (char)(0xc0 | cp >> 6));
        str_addc(out, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        str_addc(out, (char)(0xe0 | cp >> 12));
        str_addc(out, (char)(0x80 | (cp >> 6 & 0x3f)));
        str_addc(out, (char)(0x80 | (cp & 0x3f)));
    } else {
        str_addc(out, (char)(0xf0 | (cp >> 18 & 0x07)));
        str_addc(out, (char)(0x80 | (cp >> 12 & 0x3f)));
        str_addc(out, (char)(0x80 | (cp >> 6 & 0x3f)));
        str_addc(out, (char)(0x80 | (cp & 0x3f)));
    }
}

void dollar_quote_decode(const char *s, const char *end, struct str *out)
{
    bool stopped = false; /* after a NUL: the rest is dropped */
    while (s < end) {
        char c = *s++;
        if (c != '\\' || s >= end) {
            if (!stopped)
                str_addc(out, c);
            continue;
        }
        char e = *s++;
        int v;
        const char *simple = strchr("\"'\\abefnrtv", e);
        if (e && simple) {
            static const char map[] = "\"'\\\a\b\033\f\n\r\t\v";
            v = (unsigned char)map[simple - "\"'\\abefnrtv"];
        } else if (e == 'c' && s < end) {
            char x = *s++;
            v = x == '?' ? 0x7f : (toupper((unsigned char)x) & 0x1f);
        } else if (e == 'x' && s < end && isxdigit((unsigned char)*s)) {
            v = hexval(*s++);
            if (s < end && isxdigit((unsigned char)*s))
                v = v * 16 + hexval(*s++);
        } else if ((e == 'u' || e == 'U') && s < end && isxdigit((unsigned char)*s)) {
            unsigned long cp = 0;
            for (int k = 0; k < (e == 'u' ? 4 : 8) && s < end && isxdigit((unsigned char)*s); k++)
                cp = cp * 16 + (unsigned long)hexval(*s++);
            if (cp == 0)
                stopped = true;
            else if (!stopped && cp <= 0x10ffff)
                add_utf8(out, cp);
            continue;
        } else if (e >= '0' && e <= '7') {
            v = e - '0';
            for (int k = 0; k < 2 && s < end && *s >= '0' && *s <= '7'; k++)
                v = v * 8 + (*s++ - '0');
            v &= 0xff;
        } else {
            if (!stopped) {
                str_addc(out, '\\');
                str_addc(out, e);
            }
            continue;
        }
        if (v == 0)
            stopped = true;
        else if (!stopped)
            str_addc(out, (char)v);
    }
}
