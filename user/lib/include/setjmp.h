/* setjmp.h - non-local jumps. jmp_buf holds the callee-saved registers,
 * the stack pointer and the return address; sigjmp_buf adds the signal
 * mask. */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef long jmp_buf[8];
typedef struct {
    long regs[8];
    int mask_saved;
    unsigned long mask;
} sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
