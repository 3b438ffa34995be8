/*
 * sigreturn_regs.c - a handler that edits the saved context must get its
 * edits back, callee-saved registers included, even when the signal
 * arrived at the end of a system call (where the saved RCX and R11 equal
 * RIP and RFLAGS, so the frame looks like an ordinary system-call return).
 * Tiny OS's fast system-call exit keeps RBX, RBP, R12-R15 from the live
 * registers instead of reloading them; after rt_sigreturn rewrote the
 * frame it must take the full exit. The signal comes from kill(2) to
 * ourselves, delivered as that call returns; the handler changes the
 * callee-saved registers in its ucontext (SA_SIGINFO's third argument).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "tt.h"

#define BEFORE 0x1111111111111111ull
#define AFTER 0x2222222222222222ull

static const int edited[] = {REG_RBX, REG_RBP, REG_R12, REG_R13, REG_R14, REG_R15};
#define NREGS (int)(sizeof edited / sizeof edited[0])
static const char *const names[] = {"rbx", "rbp", "r12", "r13", "r14", "r15"};

static volatile int seen_before;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si;
    ucontext_t *uc = ctx;
    int ok = 1;
    for (int i = 0; i < NREGS; i++) {
        ok &= (uint64_t)uc->uc_mcontext.gregs[edited[i]] == BEFORE + (uint64_t)i;
        uc->uc_mcontext.gregs[edited[i]] = (greg_t)(AFTER + (uint64_t)i);
    }
    seen_before = ok;
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);

    uint64_t out[6];
    long pid = getpid(), ret;
    register uint64_t *o __asm__("r8") = out; /* after the calls: they may clobber R8 */
    /* RBP is saved by hand (the compiler may not be told it is
     * clobbered), below the red zone. */
    __asm__ volatile("subq $128, %%rsp\n\t"
                     "pushq %%rbp\n\t"
                     "movabsq $0x1111111111111111, %%rbx\n\t"
                     "movabsq $0x1111111111111112, %%rbp\n\t"
                     "movabsq $0x1111111111111113, %%r12\n\t"
                     "movabsq $0x1111111111111114, %%r13\n\t"
                     "movabsq $0x1111111111111115, %%r14\n\t"
                     "movabsq $0x1111111111111116, %%r15\n\t"
                     "syscall\n\t"
                     "movq %%rbx, 0(%%r8)\n\t"
                     "movq %%rbp, 8(%%r8)\n\t"
                     "movq %%r12, 16(%%r8)\n\t"
                     "movq %%r13, 24(%%r8)\n\t"
                     "movq %%r14, 32(%%r8)\n\t"
                     "movq %%r15, 40(%%r8)\n\t"
                     "popq %%rbp\n\t"
                     "addq $128, %%rsp"
                     : "=a"(ret), "+r"(o)
                     : "0"((long)SYS_kill), "D"(pid), "S"((long)SIGUSR1)
                     : "rcx", "r11", "rbx", "r12", "r13", "r14", "r15", "memory");
    tt_check(ret == 0, "kill", "returned %ld", ret);
    tt_check(seen_before, "the handler sees the registers of the interrupted call", "");
    for (int i = 0; i < NREGS; i++)
        tt_check(out[i] == AFTER + (uint64_t)i, names[i], "0x%llx after sigreturn, the handler set 0x%llx",
                 (unsigned long long)out[i], (unsigned long long)(AFTER + (uint64_t)i));
    return tt_failures;
}
