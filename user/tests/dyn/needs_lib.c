/* needs_lib.c - a dynamically linked glibc program that needs
 * libtinydyn.so, which no library directory has: ld.so refuses to start
 * it ("error while loading shared libraries", status 127), on Linux and
 * on Tiny OS alike. */
#include <stdio.h>

int tinydyn_answer(void);

int main(void)
{
    printf("%d\n", tinydyn_answer());
    return 0;
}
