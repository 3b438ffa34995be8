/*
 * syscall.S - the SYSCALL entry point (LSTAR) and the way back to ring 3.
 *
 * Register contract (Linux x86_64 ABI, as in Linux's entry_64.S):
 *   in:  RAX = number, RDI RSI RDX R10 R8 R9 = arguments,
 *        RCX = user RIP, R11 = user RFLAGS (the CPU put them there),
 *        IF, DF, TF, AC already cleared by SFMASK.
 *   out: RAX = result (or -errno). RCX and R11 are clobbered (RCX = RIP,
 *        R11 = RFLAGS, as SYSRET requires). Every other register, R15
 *        included, is returned exactly as it came in: the entry saves all
 *        of them into a struct trap_frame and the exit restores all of them.
 *
 * The frame is the same struct trap_frame interrupts build (vector =
 * SYSCALL_VECTOR), on the current thread's own kernel stack taken from the
 * per-CPU area: C code (exec, signals) edits one kind of frame, and a
 * syscall can leave through either exit.
 *
 * Exit: SYSRET when the frame's RIP is a canonical user address, CS/SS
 * are the user selectors and the frame's RCX and R11 hold RIP and RFLAGS
 * (what SYSRET will leave in them); otherwise IRETQ (through trap_return). SYSRET
 * with a non-canonical RCX raises #GP in ring 0 on Intel CPUs, with the
 * user's RSP already loaded (the "SYSRET flaw", CVE-2012-0217), so that
 * case must never reach it.
 */
#include "arch/x86_64/frame_macros.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/syscall_vector.h"

#define FRAME_RCX (12 * 8)
#define FRAME_R11 (4 * 8)
#define FRAME_RIP (17 * 8)
#define FRAME_CS (18 * 8)
#define FRAME_RFLAGS (19 * 8)
#define FRAME_RSP (20 * 8)
#define FRAME_SS (21 * 8)
#define USER_TOP 0x00007ffffffff000

    .text
    .globl syscall_entry
syscall_entry:
    swapgs
    movq %rsp, %gs:PERCPU_USER_RSP
    movq %gs:PERCPU_KERNEL_RSP, %rsp
    /* The part of the frame the CPU would have pushed for an interrupt. */
    pushq $GDT_USER_DS
    pushq %gs:PERCPU_USER_RSP
    pushq %r11
    pushq $GDT_USER_CS
    pushq %rcx
    pushq %rax                          /* error code slot: the original RAX, for restarts */
    pushq $SYSCALL_VECTOR
    PUSH_GPRS
    movq %rsp, %rdi
    xorl %ebp, %ebp                     /* ends kernel backtraces here */
    sti                                 /* the frame is safe: interrupts may come */
    call syscall_dispatch               /* keeps 16-byte alignment: 22 pushes + the CPU's 0 */
    cli
    /* Leave with SYSRET only when it is safe and exact; else IRETQ. */
    cmpq $GDT_USER_CS, FRAME_CS(%rsp)
    jne 1f
    cmpq $GDT_USER_DS, FRAME_SS(%rsp)
    jne 1f
    movq FRAME_RIP(%rsp), %rcx
    movq $USER_TOP, %r11
    cmpq %r11, %rcx
    jae 1f                              /* kernel half or non-canonical */
    movq FRAME_RFLAGS(%rsp), %r11
    testq $0x10100, %r11                /* RF or TF: only IRETQ restores them */
    jnz 1f
    /* SYSRET leaves RIP in RCX and RFLAGS in R11. That is exact only when
     * the frame says so, as after an ordinary system call; a frame that
     * rt_sigreturn or exec rewrote (a context interrupted anywhere, with
     * live RCX and R11) must go back through IRETQ (Linux checks the same
     * in entry_SYSCALL_64). */
    cmpq FRAME_RCX(%rsp), %rcx
    jne 1f
    cmpq FRAME_R11(%rsp), %r11
    jne 1f
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    addq $8, %rsp                       /* r11: SYSRET takes RFLAGS from it */
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    addq $8, %rsp                       /* rcx: SYSRET takes RIP from it */
    popq %rbx
    popq %rax
    /* vector, error code, rip, cs, rflags: skip; then the user RSP. */
    movq 5*8(%rsp), %rsp
    swapgs
    sysretq
1:  jmp trap_return
