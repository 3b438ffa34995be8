/* start.c - from the kernel's initial stack to main and exit. */
#include <stdlib.h>
#include <unistd.h>

char **environ;
/* the program's name without directories, for messages (assert) */
char *__progname = "";

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
        __progname = argv[0];
        for (char *p = argv[0]; *p; p++)
            if (*p == '/')
                __progname = p + 1;
    }
    exit(main(argc, argv, envp));
}
