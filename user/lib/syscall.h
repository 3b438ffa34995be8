/*
 * syscall.h - the one way this library enters the kernel (private).
 *
 * Linux x86_64 convention: number in rax, arguments in rdi, rsi, rdx,
 * r10, r8, r9; the `syscall` instruction clobbers rcx (return address) and
 * r11 (flags); the result comes back in rax, -4095..-1 meaning -errno.
 */
#ifndef TINYC_SYSCALL_H
#define TINYC_SYSCALL_H

#include <errno.h>
#include "uapi/syscall_nr.h"

static inline long __syscall0(long n)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
    return r;
}

static inline long __syscall1(long n, long a)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a) : "rcx", "r11", "memory");
    return r;
}

static inline long __syscall2(long n, long a, long b)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}

static inline long __syscall3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
    long r;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return r;
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    return r;
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}

/* A raw result as the C API wants it: -errno becomes errno and -1. */
static inline long __syscall_ret(long r)
{
    if ((unsigned long)r > -4096UL) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

#define SC0(n) __syscall_ret(__syscall0(n))
#define SC1(n, a) __syscall_ret(__syscall1(n, (long)(a)))
#define SC2(n, a, b) __syscall_ret(__syscall2(n, (long)(a), (long)(b)))
#define SC3(n, a, b, c) __syscall_ret(__syscall3(n, (long)(a), (long)(b), (long)(c)))
#define SC4(n, a, b, c, d) __syscall_ret(__syscall4(n, (long)(a), (long)(b), (long)(c), (long)(d)))
#define SC5(n, a, b, c, d, e) __syscall_ret(__syscall5(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e)))
#define SC6(n, a, b, c, d, e, f) \
    __syscall_ret(__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))

#endif
