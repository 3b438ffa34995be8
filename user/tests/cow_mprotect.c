/* cow_mprotect.c - mprotect cannot open a write path into a page still
 * shared copy-on-write with another process: the child makes its copy
 * writable and writes, the parent keeps its own bytes. */
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

int main(void)
{
    char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 'A';
    CHECK_EQ(mprotect(p, 4096, PROT_READ), 0, "make the page read-only");
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        mprotect(p, 4096, PROT_READ | PROT_WRITE);
        p[0] = 'C';
        _exit(p[0] == 'C' ? 0 : 1);
    }
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child wrote after its mprotect");
    CHECK_EQ(mprotect(p, 4096, PROT_READ | PROT_WRITE), 0, "the parent makes it writable too");
    CHECK_EQ(p[0], 'A', "the parent still sees its own byte");
    p[0] = 'P';
    CHECK_EQ(p[0], 'P', "and can write it");
    return tt_done();
}
