/*
 * fd_high_fork.c - descriptors far above the others, made by dup2 and
 * fcntl(F_DUPFD_CLOEXEC), reach a forked child and survive (or, with
 * FD_CLOEXEC, do not survive) execve. Tiny OS's loops over a descriptor
 * table stop after the highest descriptor ever installed; a descriptor
 * placed there by any call must be inside that bound.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
        tt_check(fcntl(200, F_GETFD) == 0, "dup2's descriptor is open after execve", "");
        tt_check(fcntl(150, F_GETFD) == -1 && errno == EBADF, "the close-on-exec descriptor is closed", "");
        return tt_failures;
    }
    tt_check(dup2(1, 200) == 200, "dup2(1, 200)", "");
    tt_check(fcntl(1, F_DUPFD_CLOEXEC, 150) == 150, "F_DUPFD_CLOEXEC from 150", "");
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        int bad = fcntl(200, F_GETFD) != 0 || fcntl(150, F_GETFD) != FD_CLOEXEC;
        bad |= write(200, "", 0) != 0;
        _exit(bad);
    }
    int st = -1;
    waitpid(c, &st, 0);
    tt_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child has both descriptors", "status 0x%x", st);
    c = fork();
    if (c == 0) {
        char *args[] = {argv[0], "after-exec", NULL};
        execv((const char *)getauxval(AT_EXECFN), args);
        _exit(99);
    }
    waitpid(c, &st, 0);
    tt_check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "after execve: 200 open, 150 closed", "status 0x%x", st);
    return tt_failures;
}
