/*
 * faults.c - one fault per run, chosen by argv[1]: the process must die
 * with Linux's signal for it (the runner checks the exit status against
 * the host's). Privileged instructions raise #GP in ring 3: SIGSEGV.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static volatile int zero = 0, seven = 7;
static const char rodata[] = "constant";

int main(int argc, char **argv)
{
    const char *m = argc > 1 ? argv[1] : "";
    if (!strcmp(m, "hlt"))
        __asm__ volatile("hlt");
    else if (!strcmp(m, "cli"))
        __asm__ volatile("cli");
    else if (!strcmp(m, "in"))
        __asm__ volatile("inb $0x60, %%al" ::: "rax");
    else if (!strcmp(m, "out"))
        __asm__ volatile("outb %%al, $0x80" ::"a"(0));
    else if (!strcmp(m, "mov-cr3"))
        __asm__ volatile("mov %%cr3, %%rax" ::: "rax");
    else if (!strcmp(m, "lgdt"))
        __asm__ volatile("lgdt (%%rsp)" ::: "memory");
    else if (!strcmp(m, "ud2"))
        __asm__ volatile("ud2");
    else if (!strcmp(m, "int3"))
        __asm__ volatile("int3");
    else if (!strcmp(m, "int80"))
        __asm__ volatile("int $0x81");
    else if (!strcmp(m, "div0"))
        printf("%d\n", seven / zero); /* not 1 / x: GCC turns that into a compare */
    else if (!strcmp(m, "null-read"))
        printf("%d\n", *(volatile int *)0);
    else if (!strcmp(m, "null-write"))
        *(volatile int *)0 = 1;
    else if (!strcmp(m, "kernel-read"))
        printf("%d\n", *(volatile int *)0xffffffff80100000ul);
    else if (!strcmp(m, "noncanonical"))
        printf("%d\n", *(volatile int *)0x0000800000000000ul);
    else if (!strcmp(m, "write-rodata"))
        *(volatile char *)rodata = 'x';
    else if (!strcmp(m, "write-text"))
        *(volatile char *)main = 0;
    else if (!strcmp(m, "exec-stack")) {
        volatile unsigned char code[16] = {0xc3};
        ((void (*)(void))code)();
    } else if (!strcmp(m, "exec-heap")) {
        unsigned char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        p[0] = 0xc3;
        ((void (*)(void))p)();
    } else if (!strcmp(m, "stack-overflow")) {
        volatile char big[1 << 20];
        big[0] = 1;
        return main(argc, argv) + big[0];
    } else {
        printf("unknown mode %s\n", m);
        return 2;
    }
    printf("survived %s\n", m);
    return 1;
}
