/*
 * crt0.S - the program entry point.
 *
 * The kernel starts a process at _start with (SysV x86_64 ABI, 3.4.1):
 *   (%rsp)      argc
 *   8(%rsp)     argv[0] ... argv[argc-1], NULL
 *               envp[0] ... NULL, then the auxiliary vector
 * and %rsp 16-byte aligned. We hand that pointer to C (__libc_start in
 * start.c), with the stack re-aligned as a `call` expects, and never
 * return. %rbp = 0 marks the outermost frame for debuggers.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %rsp, %rdi
    and $-16, %rsp
    call __libc_start
    hlt
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
