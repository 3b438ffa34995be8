/* start.c - from the kernel's initial stack to main and exit. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

char **environ;
/* for messages (err.h, assert): GNU's names, as <errno.h> declares them */
char *program_invocation_name = "", *program_invocation_short_name = "";

int main(int argc, char **argv, char **envp);
_Noreturn void __libc_start(long *sp);

/* sp points at argc; argv follows it, envp follows argv's NULL. */
_Noreturn void __libc_start(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    environ = envp;
    if (argc > 0 && argv[0]) {
        program_invocation_name = program_invocation_short_name = argv[0];
        for (char *p = argv[0]; *p; p++)
            if (*p == '/')
                program_invocation_short_name = p + 1;
    }
    exit(main(argc, argv, envp));
}
