/* real_malloc.c - an ordinary program: realloc doubling to 16 MiB (brk,
 * mmap, mremap), many small blocks, a 50 MiB .bss. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void)
{
    size_t n = 1;
    char *p = NULL;
    unsigned long sum = 0;
    for (int i = 0; i < 24; i++) {
        n *= 2;
        p = realloc(p, n);
        memset(p + n / 2, i, n / 2);
    }
    for (size_t i = 0; i < n; i += 4096)
        sum += (unsigned char)p[i];
    printf("size %zu sum %lu\n", n, sum);
    free(p);
    void *blocks[1000];
    for (int i = 0; i < 1000; i++)
        blocks[i] = malloc((i * 37) % 5000 + 1);
    for (int i = 0; i < 1000; i += 2)
        free(blocks[i]);
    for (int i = 1; i < 1000; i += 2)
        free(blocks[i]);
    printf("malloc ok\n");
    static char big[50 << 20];
    big[sizeof big - 1] = 1;
    printf("bss %d\n", big[sizeof big - 1]);
    return 0;
}
