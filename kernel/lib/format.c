/* format.c - the one printf engine (see format.h for what it supports). */
#include "lib/format.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left, zero, plus, space, alt;
    int width;
    int prec; /* -1: none given */
};

struct out {
    format_sink sink;
    void *ctx;
    int count;
};

static void emit(struct out *o, const char *s, size_t n)
{
    if (n) {
        o->sink(o->ctx, s, n);
        o->count += (int)n;
    }
}

static void pad(struct out *o, char c, int n)
{
    char buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = c;
    while (n > 0) {
        int k = n > 16 ? 16 : n;
        emit(o, buf, (size_t)k);
        n -= k;
    }
}

/* Emits body (already converted digits) with sign/prefix, precision zeros
 * and field padding, following C11 7.21.6.1. */
static void emit_number(struct out *o, const struct spec *sp, const char *prefix, const char *digits, int ndigits)
{
    int plen = 0;
    while (prefix[plen])
        plen++;
    int zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
    int total = plen + zeros + ndigits;
    int fill = sp->width > total ? sp->width - total : 0;
    if (!sp->left && !(sp->zero && sp->prec < 0))
        pad(o, ' ', fill);
    emit(o, prefix, (size_t)plen);
    if (!sp->left && sp->zero && sp->prec < 0)
        pad(o, '0', fill);
    pad(o, '0', zeros);
    emit(o, digits, (size_t)ndigits);
    if (sp->left)
        pad(o, ' ', fill);
}

static void format_unsigned(struct out *o, struct spec *sp, uintmax_t v, unsigned base, bool upper, const char *sign, char conv)
{
    char buf[32];
    int n = 0;
    bool nonzero = v != 0;
    const char *digs = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    /* C11: precision 0 with value 0 prints no digits (but "%#o" prints "0"). */
    if (!(v == 0 && sp->prec == 0)) {
        do {
            buf[sizeof buf - 1 - n++] = digs[v % base];
            v /= base;
        } while (v);
    }
    char prefix[4] = {0};
    int p = 0;
    for (; *sign; sign++)
        prefix[p++] = *sign;
    /* '#': octal gets a leading 0 unless precision already gives one;
     * hex gets 0x/0X for nonzero values. */
    if (sp->alt && conv == 'o' && (n == 0 || buf[sizeof buf - n] != '0') && sp->prec <= n) {
        buf[sizeof buf - 1 - n++] = '0';
    } else if (sp->alt && (conv == 'x' || conv == 'X' || conv == 'p') && nonzero) {
        prefix[p++] = '0';
        prefix[p++] = upper ? 'X' : 'x';
    }
    emit_number(o, sp, prefix, buf + sizeof buf - n, n);
}

static void format_string(struct out *o, const struct spec *sp, const char *s)
{
    if (!s)
        s = "(null)";
    int n = 0;
    while ((sp->prec < 0 || n < sp->prec) && s[n])
        n++;
    int fill = sp->width > n ? sp->width - n : 0;
    if (!sp->left)
        pad(o, ' ', fill);
    emit(o, s, (size_t)n);
    if (sp->left)
        pad(o, ' ', fill);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_PTRDIFF, LEN_MAX };

static uintmax_t get_unsigned(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG: return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE: return va_arg(*ap, size_t);
    case LEN_PTRDIFF: return (uintmax_t)va_arg(*ap, ptrdiff_t);
    case LEN_MAX: return va_arg(*ap, uintmax_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static intmax_t get_signed(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_CHAR: return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG: return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE: return (intmax_t)va_arg(*ap, size_t);
    case LEN_PTRDIFF: return va_arg(*ap, ptrdiff_t);
    case LEN_MAX: return va_arg(*ap, intmax_t);
    default: return va_arg(*ap, int);
    }
}

static int parse_int(const char **f)
{
    int v = 0;
    while (**f >= '0' && **f <= '9') {
        if (v < 100000000)
            v = v * 10 + (**f - '0');
        (*f)++;
    }
    return v;
}

int format_v(format_sink sink, void *ctx, const char *fmt, va_list ap_in)
{
    struct out o = {sink, ctx, 0};
    va_list ap;
    va_copy(ap, ap_in);
    const char *f = fmt;
    while (*f) {
        const char *start = f;
        while (*f && *f != '%')
            f++;
        emit(&o, start, (size_t)(f - start));
        if (!*f)
            break;
        const char *conv_start = f++;
        struct spec sp = {.prec = -1};
        for (;; f++) {
            if (*f == '-') sp.left = true;
            else if (*f == '0') sp.zero = true;
            else if (*f == '+') sp.plus = true;
            else if (*f == ' ') sp.space = true;
            else if (*f == '#') sp.alt = true;
            else break;
        }
        if (*f == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.left = true;
                sp.width = sp.width == INT32_MIN ? INT32_MAX : -sp.width; /* no overflow */
            }
            f++;
        } else {
            sp.width = parse_int(&f);
        }
        if (*f == '.') {
            f++;
            if (*f == '*') {
                sp.prec = va_arg(ap, int);
                if (sp.prec < 0)
                    sp.prec = -1;
                f++;
            } else {
                sp.prec = parse_int(&f);
            }
        }
        enum length len = LEN_INT;
        if (*f == 'h') {
            len = LEN_SHORT;
            if (*++f == 'h') { len = LEN_CHAR; f++; }
        } else if (*f == 'l') {
            len = LEN_LONG;
            if (*++f == 'l') { len = LEN_LLONG; f++; }
        } else if (*f == 'z') { len = LEN_SIZE; f++; }
        else if (*f == 't') { len = LEN_PTRDIFF; f++; }
        else if (*f == 'j') { len = LEN_MAX; f++; }

        char c = *f;
        if (!c) { /* a lone '%' at the end: print it as written */
            emit(&o, conv_start, (size_t)(f - conv_start));
            break;
        }
        f++;
        switch (c) {
        case 'd':
        case 'i': {
            intmax_t v = get_signed(&ap, len);
            uintmax_t mag = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
            const char *sign = v < 0 ? "-" : sp.plus ? "+" : sp.space ? " " : "";
            format_unsigned(&o, &sp, mag, 10, false, sign, c);
            break;
        }
        case 'u': format_unsigned(&o, &sp, get_unsigned(&ap, len), 10, false, "", c); break;
        case 'o': format_unsigned(&o, &sp, get_unsigned(&ap, len), 8, false, "", c); break;
        case 'x': format_unsigned(&o, &sp, get_unsigned(&ap, len), 16, false, "", c); break;
        case 'X': format_unsigned(&o, &sp, get_unsigned(&ap, len), 16, true, "", c); break;
        case 'p': {
            void *p = va_arg(ap, void *);
            if (!p) {
                struct spec s2 = sp;
                s2.prec = -1;
                format_string(&o, &s2, "(nil)");
            } else {
                sp.alt = true;
                format_unsigned(&o, &sp, (uintptr_t)p, 16, false, "", 'p');
            }
            break;
        }
        case 's': format_string(&o, &sp, va_arg(ap, const char *)); break;
        case 'c': {
            char ch = (char)va_arg(ap, int);
            int fill = sp.width > 1 ? sp.width - 1 : 0;
            if (!sp.left)
                pad(&o, ' ', fill);
            emit(&o, &ch, 1);
            if (sp.left)
                pad(&o, ' ', fill);
            break;
        }
        case '%': emit(&o, "%", 1); break;
        default: emit(&o, conv_start, (size_t)(f - conv_start)); break;
        }
    }
    va_end(ap);
    return o.count;
}

struct buf_ctx {
    char *buf;
    size_t size, pos;
};

static void buf_sink(void *ctx, const char *s, size_t n)
{
    struct buf_ctx *b = ctx;
    for (size_t i = 0; i < n; i++, b->pos++)
        if (b->pos + 1 < b->size)
            b->buf[b->pos] = s[i];
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buf_ctx b = {buf, size, 0};
    int n = format_v(buf_sink, &b, fmt, ap);
    if (size)
        buf[b.pos < size ? b.pos : size - 1] = '\0';
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
