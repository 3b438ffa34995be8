/*
 * exec_args.c - the initial stack as the SysV x86-64 ABI lays it out:
 * argc, argv, envp, and the auxiliary vector entries a C library reads.
 * Prints only what is the same on Linux for the same binary.
 */
#include <elf.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "tt.h"

extern char **environ;

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=\"%s\"\n", i, argv[i]);
    CHECK(argv[argc] == NULL, "argv is NULL-terminated");
    int envc = 0;
    while (environ[envc])
        printf("env: %s\n", environ[envc++]);
    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    printf("AT_PHENT=%lu\n", getauxval(AT_PHENT));
    printf("AT_PHNUM=%lu\n", getauxval(AT_PHNUM));
    printf("AT_UID=%lu AT_EUID=%lu AT_GID=%lu AT_EGID=%lu\n", getauxval(AT_UID), getauxval(AT_EUID),
           getauxval(AT_GID), getauxval(AT_EGID));
    printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    /* The file name exec was given: its last part is the same everywhere. */
    const char *base = execfn ? strrchr(execfn, '/') : NULL;
    printf("AT_EXECFN ends in %s\n", base ? base : "(none)");
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    printf("AT_PLATFORM=%s\n", plat ? plat : "(none)");
    CHECK(getauxval(AT_RANDOM) != 0, "AT_RANDOM is given");
    CHECK(getauxval(AT_PHDR) != 0, "AT_PHDR is given");
    CHECK(getauxval(AT_ENTRY) != 0, "AT_ENTRY is given");
    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    int loads = 0;
    for (unsigned long i = 0; i < getauxval(AT_PHNUM); i++)
        loads += ph[i].p_type == PT_LOAD;
    CHECK(loads > 0, "AT_PHDR points at the program headers");
    CHECK(((uintptr_t)__builtin_frame_address(0) & 7) == 0, "stack aligned");
    return tt_done();
}
