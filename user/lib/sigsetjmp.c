/* sigsetjmp.c - the signal-mask half of sigsetjmp/siglongjmp. */
#include <setjmp.h>
#include <signal.h>

int __sigsetjmp_save(sigjmp_buf env, int savemask);

int __sigsetjmp_save(sigjmp_buf env, int savemask)
{
    env->mask_saved = savemask != 0;
    if (savemask)
        sigprocmask(SIG_BLOCK, NULL, &env->mask);
    return 0;
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
    if (env->mask_saved)
        sigprocmask(SIG_SETMASK, &env->mask, NULL);
    longjmp(env->regs, val);
}
