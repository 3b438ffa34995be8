/*
 * string.c - memory and string primitives. GCC emits calls to memset,
 * memcpy, memmove and memcmp on its own (C11 freestanding, GCC manual
 * "Standards"), so these must exist even where no code calls them.
 */
#include "lib/string.h"

#include <stdint.h>

/* Both move 8 bytes per iteration, then the odd tail a byte at a time.
 * An iteration of a REP string instruction is what costs: QEMU's TCG
 * executes (and -icount counts) each one as an instruction, so clearing a
 * 4 KiB page with REP STOSB takes 4096 steps and with REP STOSQ 512.
 * Unaligned quadwords are fine on x86 (Intel SDM 1, 4.1.1). */
void *memset(void *dst, int c, size_t n)
{
    void *d = dst;
    size_t q = n / 8, tail = n % 8;
    uint64_t v = 0x0101010101010101ull * (uint8_t)c;
    __asm__ volatile("rep stosq" : "+D"(d), "+c"(q) : "a"(v) : "memory");
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(tail) : "a"(v) : "memory");
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    void *d = dst;
    size_t q = n / 8, tail = n % 8;
    __asm__ volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(q) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(tail) : : "memory");
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--) /* overlapping, dst above src: copy backwards */
        d[n] = s[n];
    return dst;
}

/*
 * Word at a time: strings and compares take eight bytes per step where a
 * byte loop takes one, since each instruction is what costs (above) and
 * path names and dentry names pass through here on every lookup.
 * A word has a zero byte when (w - 0x01..01) & ~w & 0x80..80 is not zero;
 * the lowest flagged byte is the first zero (a borrow only ever flags
 * bytes above a real zero). Reads stay inside aligned words, and an
 * aligned word never crosses a page, so a scan reads no page the string
 * does not reach.
 */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline uint64_t zero_bytes(uint64_t w) { return (w - ONES) & ~w & HIGHS; }

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) /* unaligned words are fine on x86 */
        if (*(const uint64_t *)(x + i) != *(const uint64_t *)(y + i))
            break;
    for (; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    for (; n < max && (uintptr_t)(s + n) % 8; n++)
        if (!s[n])
            return n;
    for (; n + 8 <= max; n += 8) {
        uint64_t z = zero_bytes(*(const uint64_t *)(s + n));
        if (z)
            return n + (size_t)__builtin_ctzll(z) / 8;
    }
    while (n < max && s[n])
        n++;
    return n;
}

size_t strlen(const char *s) { return strnlen(s, SIZE_MAX); }

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

void memzero_explicit(void *p, size_t n)
{
    memset(p, 0, n);
    /* as Linux's barrier_data: the compiler must assume p's memory is
     * read here, so the stores above are not dead */
    __asm__ volatile("" ::"r"(p) : "memory");
}
