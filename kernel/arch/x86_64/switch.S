/*
 * switch.S - switching kernel stacks between threads of execution.
 *
 *   void context_switch(uint64_t *save_rsp [rdi], uint64_t load_rsp [rsi])
 *
 * Saves the callee-saved registers (SysV ABI: RBX, RBP, R12-R15) on the
 * current stack, stores RSP in *save_rsp, loads load_rsp and pops the
 * same registers saved there, then returns into whatever called
 * context_switch on that stack. Everything else is caller-saved, so the
 * C compiler has already preserved it. The FPU/SSE state is handled by
 * the scheduler (fpu.c), not here.
 *
 * A new thread's stack is prepared so that the "return" lands in
 * proc_first_entry (proc.c lays out the words), which enters user mode
 * from the trap frame right above.
 */
    .text
    .globl context_switch
context_switch:
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    ret

    /* The first "return" of a new process: its trap frame starts here. */
    .globl proc_first_entry
proc_first_entry:
    jmp trap_return
