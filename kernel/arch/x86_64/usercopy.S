/*
 * usercopy.S - the user-memory primitives behind mm/usercopy.c.
 * Each faulting instruction has an __ex_table entry; the fixup closes SMAP
 * again and reports how far it got. STAC/CLAC (Intel SDM 2B) toggle
 * EFLAGS.AC, which lets ring 0 touch user pages while SMAP is on; on CPUs
 * without SMAP the instructions do not exist, so they run only when
 * usercopy_smap is set.
 *
 *   size_t __user_copy(void *dst, const void *src, size_t n)
 *       returns the number of bytes NOT copied (0: success)
 *   size_t __user_clear(void *dst, size_t n)      same convention
 *   long __user_strncpy(char *dst, const char *src, size_t max)
 *       returns the length, -1 if no NUL in max bytes, -2 on a fault
 */
#include "arch/x86_64/extable.h"

    .macro open_smap
    testb $1, usercopy_smap(%rip)
    jz 10f
    stac
10:
    .endm
    .macro close_smap
    testb $1, usercopy_smap(%rip)
    jz 11f
    clac
11:
    .endm

    .text
/*
 * Both move 8 bytes per step and then the tail of n % 8 bytes one at a
 * time: QEMU's TCG executes (and -icount counts) each iteration of a REP
 * string instruction as one instruction, so 4 KiB cost 4096 steps with
 * MOVSB and 512 with MOVSQ (lib/string.c's memcpy does the same). A fault
 * inside the quadword loop (RCX quadwords left, RSI/RDI at the one that
 * faulted: Intel SDM 2B, REP, "interrupted" string operations) goes on a
 * byte at a time from there, so the copy still stops at the exact byte
 * that faults and the count of bytes not copied is exact, as Linux's
 * copy_user_handle_tail makes it.
 */
    .globl __user_copy
__user_copy:
    open_smap
    movq %rdx, %rcx
    shrq $3, %rcx                   /* quadwords */
    andl $7, %edx                   /* and the tail */
1:  rep movsq
    movq %rdx, %rcx
12: rep movsb
    close_smap
    movq %rcx, %rax
    ret
2:  leaq (%rdx, %rcx, 8), %rcx       /* the bytes left, from the faulting quadword on */
    jmp 12b
13: close_smap
    movq %rcx, %rax                 /* RCX counts the bytes left */
    ret
    EXTABLE_ENTRY(1b, 2b)
    EXTABLE_ENTRY(12b, 13b)

    .globl __user_clear
__user_clear:
    open_smap
    movq %rsi, %rcx
    shrq $3, %rcx
    andl $7, %esi
    xorl %eax, %eax
3:  rep stosq
    movq %rsi, %rcx
14: rep stosb
    close_smap
    movq %rcx, %rax
    ret
4:  leaq (%rsi, %rcx, 8), %rcx
    jmp 14b
15: close_smap
    movq %rcx, %rax
    ret
    EXTABLE_ENTRY(3b, 4b)
    EXTABLE_ENTRY(14b, 15b)

/*
 * __user_strncpy goes a byte at a time only until the source is 8-byte
 * aligned and for a last piece shorter than 8 bytes; between, it takes
 * aligned quadwords, 14 instructions per 8 bytes against 6 per byte: a
 * path name crosses here on every open and stat. An aligned quadword
 * never spans two pages, so a read past the NUL (inside the word that
 * holds it) touches no page the string does not; a quadword that faults
 * lies wholly in a page the string runs into. The quadword holding the
 * NUL is stored whole (8 bytes fit under max), so dst may hold bytes
 * after the NUL. Zero-byte test: see lib/string.c.
 */
    .globl __user_strncpy
__user_strncpy:
    open_smap
    xorl %eax, %eax                 /* RAX = bytes copied so far */
20: cmpq %rdx, %rax                 /* bytes until the source is aligned */
    jae 7f
    leaq (%rsi, %rax), %rcx
    testb $7, %cl
    jz 22f
6:  movb (%rsi, %rax), %cl
    movb %cl, (%rdi, %rax)
    testb %cl, %cl
    jz 8f
    incq %rax
    jmp 20b
22: movabsq $0x0101010101010101, %r10
    movabsq $0x8080808080808080, %r11
25: leaq 8(%rax), %rcx              /* whole quadwords while 8 more fit */
    cmpq %rdx, %rcx
    ja 26f
23: movq (%rsi, %rax), %rcx
    movq %rcx, %r8
    subq %r10, %r8
    movq %rcx, %r9
    notq %r9
    andq %r9, %r8
    andq %r11, %r8
    jnz 28f
    movq %rcx, (%rdi, %rax)
    addq $8, %rax
    jmp 25b
28: movq %rcx, (%rdi, %rax)         /* the word with the NUL */
    bsfq %r8, %r8
    shrq $3, %r8
    addq %r8, %rax
    close_smap
    ret
26: cmpq %rdx, %rax                 /* the last bytes before max */
    jae 7f
27: movb (%rsi, %rax), %cl
    movb %cl, (%rdi, %rax)
    testb %cl, %cl
    jz 8f
    incq %rax
    jmp 26b
7:  close_smap
    movq $-1, %rax
    ret
8:  close_smap
    ret
9:  close_smap
    movq $-2, %rax
    ret
    EXTABLE_ENTRY(6b, 9b)
    EXTABLE_ENTRY(23b, 9b)
    EXTABLE_ENTRY(27b, 9b)
