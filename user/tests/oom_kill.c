/* oom_kill.c - running out of memory kills the process that needs a
 * page (SIGKILL, like Linux's OOM killer) and the system goes on: the
 * parent still forks afterwards, and all the memory comes back. Tiny OS
 * only (booted with little RAM). */
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static unsigned long free_ram(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.freeram * si.mem_unit;
}

/* Touches the next 64 KiB of this process's stack. With ASLR the stack
 * pointer starts anywhere in its page, so the deeper calls of the checks
 * below (printf) may reach a page never touched before: that page would
 * count against "all its memory is free again" although it is ours, not
 * the hog's. */
static void __attribute__((noinline)) touch_stack(void)
{
    volatile char pad[64 * 1024];
    for (size_t i = 0; i < sizeof pad; i += 4096)
        pad[i] = 0;
}

int main(void)
{
    touch_stack();
    unsigned long before = free_ram();
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        for (;;) { /* touch memory until there is none */
            char *p = malloc(1 << 20);
            if (!p)
                _exit(1);
            memset(p, 1, 1 << 20);
        }
    }
    int st;
    CHECK_EQ(waitpid(c, &st, 0), c, "the memory hog ends");
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "killed by SIGKILL (out of memory)");
    c = fork();
    if (c == 0)
        _exit(5);
    CHECK_EQ(waitpid(c, &st, 0), c, "fork works afterwards");
    CHECK_EQ(WEXITSTATUS(st), 5, "and the child runs");
    CHECK_EQ(free_ram(), before, "all its memory is free again");
    return tt_done();
}
