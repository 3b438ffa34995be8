/* real_runtime.c - an ordinary program: setjmp/longjmp, alarm + pause,
 * deep recursion (stack growth), atexit, stderr, getenv, exit status 3. */
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
static jmp_buf jb;
static volatile int ticks;
static void on_alrm(int s)
{
    (void)s;
    ticks++;
}
static void bye(void) { printf("atexit ran\n"); }
static int depth(int n)
{
    volatile char pad[1024];
    pad[0] = n;
    return n ? depth(n - 1) + pad[0] * 0 + 1 : 0;
}
int main(void)
{
    atexit(bye);
    if (!setjmp(jb)) {
        printf("setjmp\n");
        longjmp(jb, 5);
    } else
        printf("longjmp back\n");
    signal(SIGALRM, on_alrm);
    alarm(1);
    pause();
    printf("alarm ticks %d\n", ticks);
    printf("depth %d\n", depth(4000));
    fprintf(stderr, "to stderr\n");
    printf("env PATH=%s\n", getenv("PATH"));
    return 3;
}
