/* personality_test.c - personality(2): any persona is kept and the old
 * one returned, 0xffffffff only asks; fork inherits it, exec keeps it but
 * for READ_IMPLIES_EXEC; PER_LINUX32 makes uname say i686, UNAME26 a 2.6
 * release. Differential. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "tt.h"

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exec")) {
        printf("after exec: %#x\n", personality(0xffffffff));
        return 0;
    }
    CHECK_EQ(personality(0xffffffff), PER_LINUX, "starts as PER_LINUX");
    static const unsigned values[] = {PER_SVR4, PER_BSD, PER_LINUX32, PER_HPUX, PER_LINUX | STICKY_TIMEOUTS, 0x12345};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "set %#x", values[i]);
        personality(values[i]);
        CHECK_EQ(personality(0xffffffff), values[i], what);
    }
    CHECK_EQ(personality(PER_LINUX), 0x12345, "the old value comes back");

    struct utsname u;
    personality(PER_LINUX32);
    uname(&u);
    CHECK(!strcmp(u.machine, "i686"), "PER_LINUX32: uname machine i686");
    CHECK_EQ(u.machine[5] | u.machine[6], 0, "PER_LINUX32: nothing of x86_64 left after it");
    pid_t c = fork();
    if (c == 0)
        _exit(personality(0xffffffff) == PER_LINUX32 ? 0 : 1);
    int st;
    waitpid(c, &st, 0);
    CHECK_EQ(WEXITSTATUS(st), 0, "fork inherits it");
    personality(PER_LINUX | UNAME26);
    uname(&u);
    CHECK(!strncmp(u.release, "2.6.", 4), "UNAME26: a 2.6 release");
    /* Nothing but zeros after the string: no kernel bytes leak (LTP uname04). */
    int stale = 0;
    for (size_t i = strlen(u.release) + 1; i < sizeof u.release; i++)
        stale |= u.release[i];
    for (size_t i = strlen(u.machine) + 1; i < sizeof u.machine; i++)
        stale |= u.machine[i];
    CHECK_EQ(stale, 0, "UNAME26: the release's tail is zeros");
    personality(PER_LINUX);
    uname(&u);
    CHECK(!strcmp(u.machine, "x86_64"), "PER_LINUX: x86_64 again");
    CHECK(strncmp(u.release, "2.6.", 4) != 0, "and the real release");

    /* exec keeps the persona, less READ_IMPLIES_EXEC. */
    personality(PER_BSD | READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE);
    fflush(stdout);
    c = fork();
    if (c == 0) {
        char *av[] = {argv[0], "exec", NULL};
        exec_self_env(av, environ);
        _exit(127);
    }
    waitpid(c, &st, 0);
    CHECK_EQ(WEXITSTATUS(st), 0, "the exec ran");
    personality(PER_LINUX);
    return tt_done();
}
