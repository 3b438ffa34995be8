/*
 * setjmp.S - setjmp/longjmp. jmp_buf (setjmp.h) holds, in this order:
 * rbx rbp r12 r13 r14 r15 (callee-saved, SysV ABI 3.2.1), the caller's
 * rsp after setjmp returns, and the return address.
 * sigsetjmp saves the same, then lets C record the signal mask.
 */
/* The registers into the jmp_buf at %rdi; called with the return address
 * on top of the stack (the caller's rsp is 8 above it). */
.macro save_context
    mov %rbx, 0(%rdi)
    mov %rbp, 8(%rdi)
    mov %r12, 16(%rdi)
    mov %r13, 24(%rdi)
    mov %r14, 32(%rdi)
    mov %r15, 40(%rdi)
    lea 8(%rsp), %rdx
    mov %rdx, 48(%rdi)
    mov (%rsp), %rdx
    mov %rdx, 56(%rdi)
.endm

    .text
    .globl setjmp, _setjmp, sigsetjmp, longjmp, _longjmp
    .type setjmp, @function
    .type _setjmp, @function
    .type sigsetjmp, @function
    .type longjmp, @function
    .type _longjmp, @function
setjmp:
_setjmp:
    save_context
    xor %eax, %eax
    ret

sigsetjmp:
    save_context
    jmp __sigsetjmp_save    /* returns 0 to our caller */

longjmp:
_longjmp:
    mov %esi, %eax
    test %eax, %eax
    jnz 1f
    inc %eax                /* longjmp(env, 0) makes setjmp return 1 */
1:  mov 0(%rdi), %rbx
    mov 8(%rdi), %rbp
    mov 16(%rdi), %r12
    mov 24(%rdi), %r13
    mov 32(%rdi), %r14
    mov 40(%rdi), %r15
    mov 48(%rdi), %rsp
    jmp *56(%rdi)

    .section .note.GNU-stack, "", @progbits
