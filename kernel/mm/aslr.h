/*
 * aslr.h - address space layout randomization, as Linux x86_64 does it
 * (arch/x86/mm/mmap.c, fs/binfmt_elf.c, mm/util.c). Per execve the new
 * address space gets, when randomization is on for the program:
 *   - a stack top up to 2^22 pages (16 GiB) below USER_STACK_TOP
 *     (STACK_RND_MASK), and the tables below the strings moved down by
 *     0..8191 bytes more (arch_align_stack);
 *   - an mmap base 2^28 pages (1 TiB) of choice below the stack's gap
 *     (mmap_rnd_bits = 28);
 *   - a PIE load bias ELF_ET_DYN_BASE + 28 bits of pages;
 *   - a brk start 0..1 GiB (18 bits of pages) above the program's end,
 *     only when randomize_va_space is 2 (Linux since 6.9; 32 MiB, 13
 *     bits, before).
 * See docs/memory-layout.md.
 */
#ifndef MM_ASLR_H
#define MM_ASLR_H

#include <stdbool.h>
#include <stdint.h>

#define ASLR_STACK_RND_BITS 22 /* Linux's STACK_RND_MASK 0x3fffff */
#define ASLR_MMAP_RND_BITS 28  /* Linux's mmap_rnd_bits default (CONFIG_ARCH_MMAP_RND_BITS) */
#define ASLR_BRK_RANGE (1ull << 30) /* Linux's arch_randomize_brk: SZ_1G for 64-bit programs */
#define ASLR_STACK_SHIFT_MAX 8192 /* arch_align_stack: sp -= random below 8192 */
#define ASLR_STACK_GUARD_GAP (256ull * 4096) /* Linux's stack_guard_gap: 256 pages */

/* /proc/sys/kernel/randomize_va_space: 0 off, 1 stack, mmap and PIE,
 * 2 (the default) the heap too. The kernel option norandmaps makes it 0. */
extern int randomize_va_space;

/* Reads the kernel command line (norandmaps). */
void aslr_init(void);

/* Whether a program started with this personality gets a random layout
 * (Linux's PF_RANDOMIZE: not ADDR_NO_RANDOMIZE, randomize_va_space > 0). */
bool aslr_enabled(uint32_t personality);

/* A random number of pages below 2^bits, in bytes (lib/random.h's
 * generator; random_below for other ranges). */
uint64_t aslr_pages(unsigned bits);

/* Linux's mmap_base(): the top of the mmap area below a stack whose top
 * is task_size, leaving the stack rlimit plus the stack's random range
 * plus the guard gap, clamped to [128 MiB, 5/6 of task_size], and rnd
 * (bytes) lower. Pure: host-tested. */
uint64_t aslr_mmap_base(uint64_t task_size, uint64_t stack_rlimit, uint64_t stack_rnd_range, uint64_t rnd);

#endif
