/*
 * signal_frame.h - the x86_64 signal handler frame: Linux's struct
 * rt_sigframe (arch/x86/kernel/signal.c), so C libraries' sa_restorer
 * (which calls rt_sigreturn) and code reading ucontext_t work unchanged.
 *
 *   rsp ->  pretcode        (= sa_restorer: the handler's return address)
 *           ucontext        (uc_flags, uc_link, uc_stack, uc_mcontext =
 *                            struct sigcontext, uc_sigmask)
 *           siginfo         (128 bytes)
 *           ...             FPU state (fpstate points here), 64-aligned
 *   old rsp - 128 (the red zone the interrupted code may still use)
 *
 * This file knows registers, stacks and the FPU, not processes: the
 * process layer (proc/signal.c) decides which signal runs which handler
 * and passes in what the frame needs.
 */
#ifndef ARCH_X86_64_SIGNAL_FRAME_H
#define ARCH_X86_64_SIGNAL_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/trap_frame.h"

/* The user's siginfo_t (asm-generic/siginfo.h, 64-bit layout). */
struct siginfo64 {
    int32_t si_signo, si_errno, si_code, pad;
    union {
        struct {
            int32_t pid;
            uint32_t uid;
            int32_t status;
        } kill;
        struct {
            int32_t pid;
            uint32_t uid;
            uint64_t value; /* sigval: sigqueue's payload */
        } rt;
        uint64_t addr;
        struct {
            int64_t band; /* SIGIO and F_SETSIG signals: the poll bits */
            int32_t fd;
        } poll;
        uint8_t bytes[112];
    } u;
};

_Static_assert(sizeof(struct siginfo64) == 128, "siginfo layout");

/* What a handler frame is built from. */
struct sigframe_args {
    int sig;
    uint64_t handler;  /* where the handler starts */
    uint64_t restorer; /* sa_restorer: its return address */
    bool onstack;      /* SA_ONSTACK: run on the alternate stack if usable */
    /* The thread's sigaltstack (size 0: none; flags SS_DISABLE or 0). */
    uint64_t altstack_sp, altstack_size;
    int altstack_flags;
    uint64_t old_mask;   /* the mask rt_sigreturn puts back */
    uint64_t fault_addr; /* the sigcontext's cr2 when f is a page fault's */
    struct siginfo64 info;
};

/* Builds the handler frame on the user stack for the context in f
 * (saving the FPU state in it) and points f at the handler:
 * handler(sig, &info, &uc), with a clean FPU. false when the frame cannot
 * be written (the caller then kills the process with SIGSEGV, as Linux
 * does); f is unchanged then. */
bool sigframe_setup(struct trap_frame *f, const struct sigframe_args *a);

/* The most stack one signal frame takes (AT_MINSIGSTKSZ, as Linux's
 * get_sigframe_size): the FPU area, the rt_sigframe and alignment. */
uint64_t sigframe_max_size(void);

/* rt_sigreturn, in two steps so the caller can put the signal mask back
 * between them: sigframe_restore reloads f's registers from the frame the
 * handler returned from and reports the mask and FPU state it saved; false
 * when the frame cannot be read or would return to a non-user address (f
 * unchanged). sigframe_restore_fpu then loads the saved FPU state; false
 * when it is unreadable or malformed. A false means SIGSEGV. */
struct sigframe_saved {
    uint64_t mask;
    uint64_t fpstate; /* user address of the FPU state, 0: none */
};
bool sigframe_restore(struct trap_frame *f, struct sigframe_saved *saved);
bool sigframe_restore_fpu(const struct sigframe_saved *saved);

#endif
