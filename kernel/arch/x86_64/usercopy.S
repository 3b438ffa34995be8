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

    .globl __user_strncpy
__user_strncpy:
    open_smap
    xorl %eax, %eax                 /* RAX = bytes copied so far */
5:  cmpq %rdx, %rax
    jae 7f
6:  movb (%rsi, %rax), %cl
    movb %cl, (%rdi, %rax)
    testb %cl, %cl
    jz 8f
    incq %rax
    jmp 5b
7:  close_smap
    movq $-1, %rax
    ret
8:  close_smap
    ret
9:  close_smap
    movq $-2, %rax
    ret
    EXTABLE_ENTRY(6b, 9b)
