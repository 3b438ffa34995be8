/* mm_fault.c - argv[1] picks a memory access that must kill the process
 * with SIGSEGV: writing a PROT_READ page, touching PROT_NONE or an
 * unmapped page, writing a read-only file mapping. */
#include <fcntl.h>
#include <sys/auxv.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *m = argc > 1 ? argv[1] : "";
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    if (!strcmp(m, "write-readonly")) {
        mprotect(p, 4096, PROT_READ);
        printf("readable: %d\n", p[0]);
        fflush(stdout);
        p[0] = 2;
    } else if (!strcmp(m, "read-none")) {
        mprotect(p, 4096, PROT_NONE);
        printf("%d\n", ((volatile char *)p)[0]);
    } else if (!strcmp(m, "after-munmap")) {
        munmap(p, 4096);
        printf("%d\n", ((volatile char *)p)[0]);
    } else if (!strcmp(m, "write-file-map")) {
        int fd = open((const char *)getauxval(AT_EXECFN), O_RDONLY);
        char *f = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
        f[0] = 0;
    } else if (!strcmp(m, "above-brk")) {
        char *b = sbrk(0);
        printf("%d\n", ((volatile char *)b)[4096 * 16]);
    } else {
        printf("unknown mode\n");
        return 2;
    }
    printf("survived %s\n", m);
    return 1;
}
