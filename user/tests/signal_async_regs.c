/*
 * signal_async_regs.c - a signal that interrupts user code at an arbitrary
 * instruction (not a system call) must give every register back after
 * the handler, RCX and R11 included: the return from rt_sigreturn cannot
 * use SYSRET, which would overwrite them. A child spins with patterns in
 * RCX and R11 while its parent keeps sending it signals.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

static volatile sig_atomic_t handled;
static void on_usr1(int s)
{
    (void)s;
    handled++;
}

/* Spins until `handled` reaches want; returns 1 if RCX or R11 ever lost
 * their patterns. */
static long spin_checking(long want)
{
    long bad;
    __asm__ volatile("movabsq $0x1234567887654321, %%rcx\n\t"
                     "movabsq $0x0fedcba987654321, %%r11\n\t"
                     "movq %%rcx, %%r8\n\t"
                     "movq %%r11, %%r9\n\t"
                     "xorl %%eax, %%eax\n"
                     "1:\n\t"
                     "cmpq %%r8, %%rcx\n\t"
                     "jne 2f\n\t"
                     "cmpq %%r9, %%r11\n\t"
                     "jne 2f\n\t"
                     "movslq %[h], %%rdx\n\t"
                     "cmpq %[want], %%rdx\n\t"
                     "jl 1b\n\t"
                     "jmp 3f\n"
                     "2:\n\t"
                     "movl $1, %%eax\n"
                     "3:"
                     : "=&a"(bad) /* early clobber: want must not share RAX */
                     : [h] "m"(handled), [want] "r"(want)
                     : "rcx", "r11", "r8", "r9", "rdx", "cc", "memory");
    return bad;
}

int main(void)
{
    signal(SIGUSR1, on_usr1); /* before fork: the child has it from its first instruction */
    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(spin_checking(50) ? 1 : 0);
    struct timespec ts = {0, 2000000};
    int st = 0;
    /* Keep signalling until the child has counted enough and left. */
    while (waitpid(c, &st, WNOHANG) == 0) {
        kill(c, SIGUSR1);
        nanosleep(&ts, NULL);
    }
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "RCX and R11 survive signals that interrupt user code");
    return tt_done();
}
