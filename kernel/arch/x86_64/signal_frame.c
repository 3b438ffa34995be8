/*
 * signal_frame.c - building and taking down the x86_64 signal handler
 * frame (layout in signal_frame.h). Like Linux's arch/x86/kernel/signal.c
 * it reaches the user stack through mm/usercopy.h, the only thing above
 * arch/ it uses.
 */
#include "arch/x86_64/signal_frame.h"

#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/syscall_vector.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "uapi/signal.h"

struct sigcontext64 {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;
    uint64_t reserved1[8];
};

struct ucontext64 {
    uint64_t uc_flags;
    uint64_t uc_link;
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
    struct sigcontext64 mc;
    uint64_t uc_sigmask;
};

struct rt_sigframe {
    uint64_t pretcode;
    struct ucontext64 uc;
    struct siginfo64 info;
};

_Static_assert(sizeof(struct sigcontext64) == 256, "sigcontext layout");

uint64_t sigframe_max_size(void)
{
    /* sigframe_setup: the red zone is not on an alternate stack; the FPU
     * area aligned down, the frame below it aligned to 16, minus 8. */
    return fpu_area_size() + FPU_ALIGN + sizeof(struct rt_sigframe) + 16 + 8;
}

bool sigframe_setup(struct trap_frame *f, const struct sigframe_args *a)
{
    uint64_t sp = f->rsp;
    bool on_alt = a->altstack_size && sp - a->altstack_sp < a->altstack_size;
    if (a->onstack && a->altstack_size && !on_alt && !(a->altstack_flags & SS_DISABLE))
        sp = a->altstack_sp + a->altstack_size;
    else
        sp -= 128; /* skip the red zone */
    size_t fpsize = fpu_area_size();
    uint64_t fpstate = (sp - fpsize) & ~(uint64_t)(FPU_ALIGN - 1);
    uint64_t frame = ((fpstate - sizeof(struct rt_sigframe)) & ~15ull) - 8; /* as if just called */

    static uint8_t fpbuf[FPU_AREA_MAX] __attribute__((aligned(FPU_ALIGN)));
    fpu_save(fpbuf);
    struct rt_sigframe fr;
    memset(&fr, 0, sizeof fr);
    fr.pretcode = a->restorer;
    fr.uc.ss_sp = a->altstack_sp;
    fr.uc.ss_size = a->altstack_size;
    fr.uc.ss_flags = a->altstack_size ? (on_alt ? SS_ONSTACK : 0) : SS_DISABLE;
    struct sigcontext64 *mc = &fr.uc.mc;
    mc->r8 = f->r8, mc->r9 = f->r9, mc->r10 = f->r10, mc->r11 = f->r11;
    mc->r12 = f->r12, mc->r13 = f->r13, mc->r14 = f->r14, mc->r15 = f->r15;
    mc->rdi = f->rdi, mc->rsi = f->rsi, mc->rbp = f->rbp, mc->rbx = f->rbx;
    mc->rdx = f->rdx, mc->rax = f->rax, mc->rcx = f->rcx, mc->rsp = f->rsp;
    mc->rip = f->rip, mc->eflags = f->rflags;
    mc->cs = GDT_USER_CS, mc->ss = GDT_USER_DS;
    mc->trapno = f->vector == SYSCALL_VECTOR ? 0 : f->vector;
    mc->err = f->vector == SYSCALL_VECTOR ? 0 : f->error_code;
    mc->oldmask = a->old_mask;
    mc->cr2 = f->vector == 14 ? a->fault_addr : 0;
    mc->fpstate = fpstate;
    fr.uc.uc_sigmask = a->old_mask;
    fr.info = a->info;
    if (copy_to_user(fpstate, fpbuf, fpsize) || copy_to_user(frame, &fr, sizeof fr))
        return false;
    /* Enter the handler: handler(sig, &info, &uc), with a clean FPU. */
    fpu_restore(fpu_clean_area());
    f->rip = a->handler;
    f->rsp = frame;
    f->rdi = (uint64_t)a->sig;
    f->rsi = frame + __builtin_offsetof(struct rt_sigframe, info);
    f->rdx = frame + __builtin_offsetof(struct rt_sigframe, uc);
    f->rax = 0;
    f->rflags &= ~(uint64_t)((1 << 8) | (1 << 10) | (1 << 16) | (1 << 18)); /* TF DF RF AC */
    f->cs = GDT_USER_CS;
    f->ss = GDT_USER_DS;
    return true;
}

bool sigframe_restore(struct trap_frame *f, struct sigframe_saved *saved)
{
    uint64_t frame = f->rsp - 8; /* the handler's ret popped pretcode */
    struct rt_sigframe fr;
    if (copy_from_user(&fr, frame, sizeof fr))
        return false;
    const struct sigcontext64 *mc = &fr.uc.mc;
    if (mc->rip >= USER_TOP)
        return false; /* would fault in IRETQ itself; Linux sends SIGSEGV too */
    f->r8 = mc->r8, f->r9 = mc->r9, f->r10 = mc->r10, f->r11 = mc->r11;
    f->r12 = mc->r12, f->r13 = mc->r13, f->r14 = mc->r14, f->r15 = mc->r15;
    f->rdi = mc->rdi, f->rsi = mc->rsi, f->rbp = mc->rbp, f->rbx = mc->rbx;
    f->rdx = mc->rdx, f->rax = mc->rax, f->rcx = mc->rcx, f->rsp = mc->rsp;
    f->rip = mc->rip;
    /* Only the flags user code may change (status flags, DF, TF, AC...);
     * IF stays on and IOPL stays 0. */
    const uint64_t user_flags = 0x0CD5 | (1 << 18) | (1 << 21) | (1 << 8) | (1 << 16);
    f->rflags = (f->rflags & ~user_flags) | (mc->eflags & user_flags) | 0x202;
    f->cs = GDT_USER_CS;
    f->ss = GDT_USER_DS;
    f->vector = 0; /* no longer a restartable system call */
    saved->mask = fr.uc.uc_sigmask;
    saved->fpstate = mc->fpstate;
    return true;
}

bool sigframe_restore_fpu(const struct sigframe_saved *saved)
{
    if (!saved->fpstate)
        return true;
    static uint8_t fpbuf[FPU_AREA_MAX] __attribute__((aligned(FPU_ALIGN)));
    return !copy_from_user(fpbuf, saved->fpstate, fpu_area_size()) && !fpu_restore_checked(fpbuf);
}
