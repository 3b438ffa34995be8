/* exit.c - atexit, exit, _Exit, abort. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "libc_private.h"
#include "syscall.h"

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void))
{
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_fns[atexit_count++] = fn;
    return 0;
}

/* Handlers run in reverse order of registration (C11 7.22.4.4); a
 * handler may call exit() again harmlessly because each one is taken off
 * the list before it runs. */
_Noreturn void exit(int status)
{
    while (atexit_count > 0)
        atexit_fns[--atexit_count]();
    __stdio_flush_all();
    _exit(status);
}

_Noreturn void _Exit(int status)
{
    _exit(status);
}

/* exit_group ends every thread of the process (exit alone ends one). */
_Noreturn void _exit(int status)
{
    for (;;) {
        __syscall1(SYS_exit_group, status);
        __syscall1(SYS_exit, status);
    }
}

/* SIGABRT with its default action, even if it was caught or blocked. */
_Noreturn void abort(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGABRT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGABRT);
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
    for (;;)
        _exit(127);
}
