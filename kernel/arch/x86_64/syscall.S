/*
 * syscall.S - the SYSCALL entry point (LSTAR) and the way back to ring 3.
 *
 * Register contract (Linux x86_64 ABI, as in Linux's entry_64.S):
 *   in:  RAX = number, RDI RSI RDX R10 R8 R9 = arguments,
 *        RCX = user RIP, R11 = user RFLAGS (the CPU put them there),
 *        IF, DF, TF, AC already cleared by SFMASK.
 *   out: RAX = result (or -errno). RCX and R11 are clobbered (RCX = RIP,
 *        R11 = RFLAGS, as SYSRET requires). Every other register, R15
 *        included, is returned exactly as it came in.
 *
 * The entry saves every register into a struct trap_frame (the same frame
 * interrupts build, vector = SYSCALL_VECTOR) on the current thread's own
 * kernel stack taken from the per-CPU area: C code (fork, exec, signals)
 * reads and edits one kind of frame, and a syscall can leave through
 * either exit. Then it calls the handler from syscall_table directly,
 * with the arguments still in their registers (R10 moved to RCX, the
 * fourth C argument).
 *
 * Two exits, chosen after the handler ran (interrupts off from there on):
 *
 * Fast: nothing to do and the frame as the entry built it. That is: no
 *   reschedule due, no signal pending for the thread or its process, not
 *   stopped, no sigsuspend mask to restore, the result is not
 *   -ERESTARTSYS or -ERESTARTNOHAND, the frame still says SYSCALL_VECTOR
 *   (code that rewrites a frame's user context - exec, rt_sigreturn -
 *   sets the vector to 0: it is no longer a restartable system call) and
 *   neither TF nor RF is set (SYSRET cannot restore RF, and restores TF
 *   so that it traps right after SYSRET: only IRETQ is exact). Then RIP
 *   and RFLAGS are the ones the CPU gave (RCX/R11 at entry: a canonical
 *   user RIP, since the top user page is never mapped), and RBX, RBP...
 *   R15 still hold the user's values because the C calling convention
 *   preserved them: only the registers C may clobber are reloaded from
 *   the frame.
 *
 * Slow: everything else (and the strace boot option): return_to_user
 *   (reschedule, signals, restarts) then every register from the frame.
 *   SYSRET only when the frame's RIP is a canonical user address, CS/SS
 *   are the user selectors and the frame's RCX and R11 hold RIP and
 *   RFLAGS (what SYSRET will leave in them), else IRETQ (trap_return).
 *   SYSRET with a non-canonical RCX raises #GP in ring 0 on Intel CPUs,
 *   with the user's RSP already loaded (the "SYSRET flaw", CVE-2012-0217),
 *   so that case must never reach it.
 */
#include "arch/x86_64/frame_macros.h"
#include "arch/x86_64/frame_offsets.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/syscall_vector.h"
#include "proc/proc_offsets.h"
#include "uapi/errno.h"
#include "uapi/syscall_nr.h"

#define USER_TOP 0x00007ffffffff000
#define ERESTARTSYS 512
#define ERESTARTNOHAND 514
#define RFLAGS_TF_RF 0x10100

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
    PUSH_GPRS                           /* 22 pushes in all: RSP stays 16-byte aligned */
    xorl %ebp, %ebp                     /* ends kernel backtraces here */
    sti                                 /* the frame is safe: interrupts may come */
    /* One test for the traced path (ptrace's syscall stops, the strace
     * boot option): R11 is free, its user value is in the frame. */
    movq %gs:PERCPU_CURRENT, %r11
    cmpb $0, PROC_SYSCALL_WORK(%r11)
    jne .Ltraced
    /* Linux selects the call with the low 32 bits of RAX, unsigned: so
     * 0x1_0000_0027 is getpid and -1 is simply out of range. */
    movl %eax, %eax
    cmpq $SYSCALL_TABLE_SIZE, %rax
    jae .Lno_such_call
    movq %r10, %rcx
    call *syscall_table(, %rax, 8)
.Lresult:
    movq %rax, FRAME_RAX(%rsp)
    cli
    /* Work to do, or a frame the fast exit cannot return (see above)? */
    cmpb $0, need_resched(%rip)
    jne .Lslow
    movq %gs:PERCPU_CURRENT, %rdx
    cmpq $0, PROC_SIG_PENDING(%rdx)
    jne .Lslow
    movq PROC_LEADER(%rdx), %rcx
    cmpq $0, PROC_SHARED_PENDING(%rcx)
    jne .Lslow
    cmpl $0, PROC_EXIT_FLAGS(%rdx)
    jne .Lslow
    leaq ERESTARTNOHAND(%rax), %rcx     /* -ERESTARTNOHAND..-ERESTARTSYS: 0..2 */
    cmpq $(ERESTARTNOHAND - ERESTARTSYS), %rcx
    jbe .Lslow
    cmpq $SYSCALL_VECTOR, FRAME_VECTOR(%rsp)
    jne .Lslow
    movq FRAME_RFLAGS(%rsp), %r11
    testl $RFLAGS_TF_RF, %r11d
    jnz .Lslow
    /* The fast exit: RAX holds the result; reload what C may clobber. */
    movq FRAME_RIP(%rsp), %rcx
    movq FRAME_RDI(%rsp), %rdi
    movq FRAME_RSI(%rsp), %rsi
    movq FRAME_RDX(%rsp), %rdx
    movq FRAME_R10(%rsp), %r10
    movq FRAME_R9(%rsp), %r9
    movq FRAME_R8(%rsp), %r8
    movq FRAME_RBP(%rsp), %rbp
    movq FRAME_RSP(%rsp), %rsp
    swapgs
    sysretq

.Lno_such_call:
    movq $-ENOSYS, %rax
    jmp .Lresult

.Ltraced:
    movq %rsp, %rdi
    call syscall_dispatch_traced
    cli
    jmp .Lslow

.Lslow:
    movq %rsp, %rdi
    call return_to_user                 /* reschedule, signals, restarts */
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
    testq $RFLAGS_TF_RF, %r11           /* RF or TF: only IRETQ restores them */
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
    movq FRAME_RSP - FRAME_VECTOR(%rsp), %rsp
    swapgs
    sysretq
1:  jmp trap_return
