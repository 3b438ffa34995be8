/*
 * format.c - the printf engine: flags - + space # 0 ', width and
 * precision (also *), lengths hh h l ll L q z j t, conversions
 * d i u o x X c s p n % and f F e E g G (a A print like e E).
 *
 * Floating point is exact: the double's binary value is expanded to all
 * of its decimal digits with a small big-integer, then rounded once to
 * the digits asked for, ties to even, as glibc does in the default
 * rounding mode. Precision is capped at FLOAT_PREC_MAX.
 * Unknown conversions are printed as written, as glibc does.
 */
#include <stdint.h>

#include "format.h"

#define FLOAT_PREC_MAX 400
#define MAX_DIGITS 800 /* a double has at most 767 significant decimal digits */

enum {
    F_MINUS = 1,
    F_PLUS = 2,
    F_SPACE = 4,
    F_ALT = 8,
    F_ZERO = 16,
};

struct spec {
    int flags;
    int width;
    int prec; /* -1: none */
    char conv;
};

struct sink {
    tc_out_fn out;
    void *ctx;
    size_t total;
};

static size_t cstrlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static void emit(struct sink *k, const char *s, size_t n)
{
    if (n) {
        k->out(k->ctx, s, n);
        k->total += n;
    }
}

static void emit_repeat(struct sink *k, char c, int count)
{
    char buf[32];
    for (int i = 0; i < (int)sizeof buf; i++)
        buf[i] = c;
    while (count > 0) {
        int n = count < (int)sizeof buf ? count : (int)sizeof buf;
        emit(k, buf, (size_t)n);
        count -= n;
    }
}

/*
 * One formatted field: [pad][prefix][zeros][body][pad], where pad makes
 * up the width, on the right with '-', and zeros come from the precision
 * (zeros) or, with the 0 flag, from the width.
 */
static void emit_field(struct sink *k, const struct spec *sp, const char *prefix, int zeros, const char *body,
                       size_t blen, int zero_pad)
{
    size_t plen = cstrlen(prefix);
    int len = (int)(plen + blen) + zeros;
    int pad = sp->width > len ? sp->width - len : 0;
    if (zero_pad && !(sp->flags & F_MINUS)) {
        zeros += pad;
        pad = 0;
    }
    if (!(sp->flags & F_MINUS))
        emit_repeat(k, ' ', pad);
    emit(k, prefix, plen);
    emit_repeat(k, '0', zeros);
    emit(k, body, blen);
    if (sp->flags & F_MINUS)
        emit_repeat(k, ' ', pad);
}

static void format_int(struct sink *k, const struct spec *sp, uintmax_t v, int negative)
{
    char buf[32];
    char *end = buf + sizeof buf, *p = end;
    int base = 10;
    const char *digits = "0123456789abcdef";
    switch (sp->conv) {
    case 'o':
        base = 8;
        break;
    case 'x':
    case 'p':
        base = 16;
        break;
    case 'X':
        base = 16;
        digits = "0123456789ABCDEF";
        break;
    }
    for (uintmax_t x = v; x; x /= (unsigned)base)
        *--p = digits[x % (unsigned)base];
    int ndigits = (int)(end - p);
    int prec = sp->prec;
    if (prec < 0)
        prec = 1; /* a zero value still prints "0" */
    int zeros = prec > ndigits ? prec - ndigits : 0;
    char prefix[4] = "";
    int pl = 0;
    if (negative)
        prefix[pl++] = '-';
    else if ((sp->conv == 'd' || sp->conv == 'i' || sp->conv == 'p') && (sp->flags & (F_PLUS | F_SPACE)))
        prefix[pl++] = sp->flags & F_PLUS ? '+' : ' ';
    if (sp->flags & F_ALT) {
        if (sp->conv == 'o' && zeros == 0 && (ndigits == 0 || *p != '0'))
            zeros = 1;
        if ((sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') && v != 0) {
            prefix[pl++] = '0';
            prefix[pl++] = sp->conv == 'X' ? 'X' : 'x';
        }
    }
    prefix[pl] = '\0';
    emit_field(k, sp, prefix, zeros, p, (size_t)ndigits, (sp->flags & F_ZERO) && sp->prec < 0);
}

/* ---- floating point ---------------------------------------------------- */

/* Decimal digits d[0..n) (no leading zeros, no trailing zeros; n == 0 for
 * zero) and the position of the decimal point: value = 0.d * 10^dp. */
struct decimal {
    char d[MAX_DIGITS + 8];
    int n;
    int dp;
};

#define LIMBS 100 /* base 1e9, enough for 5^1074 * 2^53 */
#define LIMB_BASE 1000000000u

/* big = big * mul, mul < 2^32, limbs little-endian */
static void big_mul(uint32_t *big, int *len, uint32_t mul)
{
    uint64_t carry = 0;
    for (int i = 0; i < *len; i++) {
        uint64_t x = (uint64_t)big[i] * mul + carry;
        big[i] = (uint32_t)(x % LIMB_BASE);
        carry = x / LIMB_BASE;
    }
    while (carry) {
        big[(*len)++] = (uint32_t)(carry % LIMB_BASE);
        carry /= LIMB_BASE;
    }
}

static void to_decimal(double x, struct decimal *dec)
{
    union {
        double d;
        uint64_t u;
    } bits = {x};
    int bexp = (int)((bits.u >> 52) & 0x7ff);
    uint64_t m = bits.u & ((1ULL << 52) - 1);
    int e2;
    if (bexp == 0) {
        e2 = -1074;
    } else {
        m |= 1ULL << 52;
        e2 = bexp - 1075;
    }
    dec->n = 0;
    dec->dp = 1;
    if (m == 0)
        return;
    while (!(m & 1)) {
        m >>= 1;
        e2++;
    }
    /* value = m * 2^e2 = m * 5^-e2 / 10^-e2 when e2 < 0 */
    uint32_t big[LIMBS];
    int len = 0;
    while (m) {
        big[len++] = (uint32_t)(m % LIMB_BASE);
        m /= LIMB_BASE;
    }
    for (int e = e2; e > 0; e -= 29)
        big_mul(big, &len, 1u << (e > 29 ? 29 : e));
    for (int e = -e2; e > 0; e -= 13) {
        uint32_t p5 = 1;
        for (int i = 0; i < (e > 13 ? 13 : e); i++)
            p5 *= 5;
        big_mul(big, &len, p5);
    }
    /* most significant limb without leading zeros, the rest 9 digits each */
    char tmp[16];
    int t = 0;
    for (uint32_t top = big[len - 1]; top; top /= 10)
        tmp[t++] = (char)('0' + top % 10);
    int n = 0;
    while (t)
        dec->d[n++] = tmp[--t];
    for (int i = len - 2; i >= 0; i--) {
        uint32_t limb = big[i];
        for (int j = 8; j >= 0; j--) {
            dec->d[n + j] = (char)('0' + limb % 10);
            limb /= 10;
        }
        n += 9;
    }
    dec->dp = e2 < 0 ? n + e2 : n;
    while (n > 0 && dec->d[n - 1] == '0')
        n--;
    dec->n = n;
}

static char digit_at(const struct decimal *dec, int i)
{
    return i >= 0 && i < dec->n ? dec->d[i] : '0';
}

/* Keeps the first `keep` digits, rounding to nearest, ties to even. */
static void round_digits(struct decimal *dec, int keep)
{
    if (keep >= dec->n)
        return;
    if (keep < 0) {
        dec->n = 0; /* rounds to zero; dp is irrelevant then */
        return;
    }
    char next = dec->d[keep];
    int up = next > '5' || (next == '5' && (keep + 1 < dec->n || (keep > 0 && (dec->d[keep - 1] - '0') % 2)));
    dec->n = keep;
    if (!up) {
        while (dec->n > 0 && dec->d[dec->n - 1] == '0')
            dec->n--;
        return;
    }
    int i = keep - 1;
    while (i >= 0 && dec->d[i] == '9')
        i--;
    if (i < 0) {
        /* 999 -> 1000: one more integer digit */
        dec->d[0] = '1';
        dec->n = 1;
        dec->dp++;
        return;
    }
    dec->d[i]++;
    dec->n = i + 1;
}

/* "ddd.ddd" with prec fraction digits, into out; returns the length. */
static int put_fixed(const struct decimal *dec, int prec, int alt, char *out)
{
    int o = 0;
    if (dec->n == 0 || dec->dp <= 0) {
        out[o++] = '0';
    } else {
        for (int i = 0; i < dec->dp; i++)
            out[o++] = digit_at(dec, i);
    }
    if (prec > 0 || alt)
        out[o++] = '.';
    for (int i = 0; i < prec; i++)
        out[o++] = dec->n ? digit_at(dec, dec->dp + i) : '0';
    return o;
}

/* "d.ddde+XX" */
static int put_exp(const struct decimal *dec, int prec, int alt, int upper, char *out)
{
    int o = 0;
    int exp = dec->n ? dec->dp - 1 : 0;
    out[o++] = digit_at(dec, 0);
    if (prec > 0 || alt)
        out[o++] = '.';
    for (int i = 1; i <= prec; i++)
        out[o++] = digit_at(dec, i);
    out[o++] = upper ? 'E' : 'e';
    out[o++] = exp < 0 ? '-' : '+';
    if (exp < 0)
        exp = -exp;
    char tmp[8];
    int t = 0;
    do {
        tmp[t++] = (char)('0' + exp % 10);
        exp /= 10;
    } while (exp);
    if (t < 2)
        tmp[t++] = '0';
    while (t)
        out[o++] = tmp[--t];
    return o;
}

/* %g without '#': drop the fraction's trailing zeros and a bare point. */
static int strip_zeros(char *s, int len)
{
    int point = -1, e = len;
    for (int i = 0; i < len; i++) {
        if (s[i] == '.')
            point = i;
        if (s[i] == 'e' || s[i] == 'E') {
            e = i;
            break;
        }
    }
    if (point < 0)
        return len;
    int cut = e;
    while (cut > point + 1 && s[cut - 1] == '0')
        cut--;
    if (cut == point + 1)
        cut = point;
    for (int i = e; i < len; i++)
        s[cut + i - e] = s[i];
    return len - (e - cut);
}

static void format_float(struct sink *k, const struct spec *sp, double x)
{
    char conv = sp->conv;
    int upper = conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A';
    union {
        double d;
        uint64_t u;
    } bits = {x};
    int negative = (int)(bits.u >> 63);
    char prefix[2] = "";
    if (negative)
        prefix[0] = '-';
    else if (sp->flags & (F_PLUS | F_SPACE))
        prefix[0] = sp->flags & F_PLUS ? '+' : ' ';
    if (((bits.u >> 52) & 0x7ff) == 0x7ff) {
        const char *s = (bits.u & ((1ULL << 52) - 1)) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        emit_field(k, sp, prefix, 0, s, 3, 0);
        return;
    }
    struct decimal dec;
    char body[MAX_DIGITS + FLOAT_PREC_MAX + 32];
    to_decimal(x, &dec);
    int prec = sp->prec < 0 ? 6 : sp->prec;
    if (prec > FLOAT_PREC_MAX)
        prec = FLOAT_PREC_MAX;
    int alt = sp->flags & F_ALT;
    int len;
    switch (conv) {
    case 'f':
    case 'F':
        round_digits(&dec, dec.dp + prec);
        len = put_fixed(&dec, prec, alt, body);
        break;
    case 'g':
    case 'G': {
        int p = prec == 0 ? 1 : prec;
        round_digits(&dec, p);
        int exp = dec.n ? dec.dp - 1 : 0;
        if (exp < p && exp >= -4)
            len = put_fixed(&dec, p - 1 - exp, alt, body);
        else
            len = put_exp(&dec, p - 1, alt, upper, body);
        if (!alt)
            len = strip_zeros(body, len);
        break;
    }
    default: /* e E, and a A approximated by them */
        round_digits(&dec, prec + 1);
        len = put_exp(&dec, prec, alt, upper, body);
        break;
    }
    emit_field(k, sp, prefix, 0, body, (size_t)len, sp->flags & F_ZERO);
}

/* ---- the driver -------------------------------------------------------- */

enum length { L_NONE, L_HH, L_H, L_L, L_LL, L_LD, L_Z, L_J, L_T };

int __tc_format(tc_out_fn out, void *ctx, const char *fmt, va_list ap_in)
{
    struct sink k = {out, ctx, 0};
    va_list ap;
    va_copy(ap, ap_in);
    while (*fmt) {
        if (*fmt != '%') {
            const char *start = fmt;
            while (*fmt && *fmt != '%')
                fmt++;
            emit(&k, start, (size_t)(fmt - start));
            continue;
        }
        const char *spec_start = fmt++;
        struct spec sp = {0, 0, -1, 0};
        for (;; fmt++) {
            if (*fmt == '-')
                sp.flags |= F_MINUS;
            else if (*fmt == '+')
                sp.flags |= F_PLUS;
            else if (*fmt == ' ')
                sp.flags |= F_SPACE;
            else if (*fmt == '#')
                sp.flags |= F_ALT;
            else if (*fmt == '0')
                sp.flags |= F_ZERO;
            else if (*fmt != '\'') /* grouping: no locale, no groups */
                break;
        }
        if (*fmt == '*') {
            fmt++;
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.flags |= F_MINUS;
                sp.width = sp.width == INT32_MIN ? INT32_MAX : -sp.width;
            }
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                sp.width = sp.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            if (*fmt == '*') {
                fmt++;
                sp.prec = va_arg(ap, int);
                if (sp.prec < 0)
                    sp.prec = -1;
            } else {
                sp.prec = 0;
                while (*fmt >= '0' && *fmt <= '9')
                    sp.prec = sp.prec * 10 + (*fmt++ - '0');
            }
        }
        enum length len = L_NONE;
        switch (*fmt) {
        case 'h':
            len = fmt[1] == 'h' ? L_HH : L_H;
            fmt += len == L_HH ? 2 : 1;
            break;
        case 'l':
            len = fmt[1] == 'l' ? L_LL : L_L;
            fmt += len == L_LL ? 2 : 1;
            break;
        case 'q':
            len = L_LL;
            fmt++;
            break;
        case 'L':
            len = L_LD;
            fmt++;
            break;
        case 'z':
            len = L_Z;
            fmt++;
            break;
        case 'j':
            len = L_J;
            fmt++;
            break;
        case 't':
            len = L_T;
            fmt++;
            break;
        }
        sp.conv = *fmt;
        if (*fmt)
            fmt++;
        switch (sp.conv) {
        case 'd':
        case 'i': {
            intmax_t v;
            switch (len) {
            case L_HH:
                v = (signed char)va_arg(ap, int);
                break;
            case L_H:
                v = (short)va_arg(ap, int);
                break;
            case L_L:
            case L_Z:
            case L_T:
                v = va_arg(ap, long);
                break;
            case L_LL:
            case L_LD:
                v = va_arg(ap, long long);
                break;
            case L_J:
                v = va_arg(ap, intmax_t);
                break;
            default:
                v = va_arg(ap, int);
                break;
            }
            format_int(&k, &sp, v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uintmax_t v;
            switch (len) {
            case L_HH:
                v = (unsigned char)va_arg(ap, unsigned);
                break;
            case L_H:
                v = (unsigned short)va_arg(ap, unsigned);
                break;
            case L_L:
            case L_Z:
            case L_T:
                v = va_arg(ap, unsigned long);
                break;
            case L_LL:
            case L_LD:
                v = va_arg(ap, unsigned long long);
                break;
            case L_J:
                v = va_arg(ap, uintmax_t);
                break;
            default:
                v = va_arg(ap, unsigned);
                break;
            }
            format_int(&k, &sp, v, 0);
            break;
        }
        case 'p': {
            void *p = va_arg(ap, void *);
            if (!p) {
                emit_field(&k, &sp, "", 0, "(nil)", 5, 0);
            } else {
                sp.flags |= F_ALT;
                format_int(&k, &sp, (uintptr_t)p, 0);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_field(&k, &sp, "", 0, &c, 1, 0);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
            size_t n = 0;
            while ((sp.prec < 0 || n < (size_t)sp.prec) && s[n])
                n++;
            emit_field(&k, &sp, "", 0, s, n, 0);
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
            double x = len == L_LD ? (double)va_arg(ap, long double) : va_arg(ap, double);
            format_float(&k, &sp, x);
            break;
        }
        case 'n': {
            void *p = va_arg(ap, void *);
            switch (len) {
            case L_HH:
                *(signed char *)p = (signed char)k.total;
                break;
            case L_H:
                *(short *)p = (short)k.total;
                break;
            case L_L:
            case L_LL:
            case L_Z:
            case L_J:
            case L_T:
                *(long *)p = (long)k.total;
                break;
            default:
                *(int *)p = (int)k.total;
                break;
            }
            break;
        }
        case '%':
            emit(&k, "%", 1);
            break;
        default:
            /* unknown: the text as written, like glibc */
            emit(&k, spec_start, (size_t)(fmt - spec_start));
            break;
        }
    }
    va_end(ap);
    return k.total > INT32_MAX ? -1 : (int)k.total;
}
