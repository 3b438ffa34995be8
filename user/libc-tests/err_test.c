/* err_test - <err.h> and program_invocation_(short_)name compared with
 * glibc: the "NAME: message: strerror" shapes, a NULL format, errno
 * kept from the call, and errx's exit status (stderr goes to stdout). */
#define _GNU_SOURCE /* glibc: program_invocation_name in <errno.h> */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    dup2(1, 2);
    /* argv[0] differs between the two runs: check the relation, then
     * name the program (glibc's __progname is the same variable) */
    const char *slash = strrchr(program_invocation_name, '/');
    printf("short name is argv[0]'s last part: %d\n",
           strcmp(slash ? slash + 1 : program_invocation_name, program_invocation_short_name) == 0);
    program_invocation_short_name = "prog";
    fflush(stdout);
    errno = ENOENT;
    warn("cannot open '%s'", "f");
    warn(NULL);
    errno = EACCES;
    warnx("plain %d", 42);
    warnx(NULL);
    warn("%s", "still EACCES");
    errx(3, "exiting with %d", 3);
}
