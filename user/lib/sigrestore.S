/*
 * sigrestore.S - the signal restorer. The kernel makes a handler return
 * here (struct sigaction's sa_restorer, with SA_RESTORER set); it must
 * not touch the stack, which holds the signal frame rt_sigreturn reads.
 */
#include "uapi/syscall_nr.h"

    .text
    .globl __restore_rt
    .type __restore_rt, @function
__restore_rt:
    mov $SYS_rt_sigreturn, %eax
    syscall
    hlt
    .size __restore_rt, . - __restore_rt

    .section .note.GNU-stack, "", @progbits
