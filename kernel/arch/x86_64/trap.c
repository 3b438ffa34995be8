/*
 * trap.c - exception and interrupt dispatch, and the panic report for a
 * fault the kernel cannot handle.
 */
#include "arch/x86_64/trap.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/power.h"
#include "arch/x86_64/stack_guard.h"
#include "debug/backtrace.h"
#include "debug/ksyms.h"
#include "lib/kprintf.h"

/* Intel SDM 3A table 6-1. */
static const char *const exception_names[32] = {
    "Divide error (#DE)", "Debug (#DB)", "Non-maskable interrupt (NMI)", "Breakpoint (#BP)",
    "Overflow (#OF)", "BOUND range exceeded (#BR)", "Invalid opcode (#UD)", "Device not available (#NM)",
    "Double fault (#DF)", "Coprocessor segment overrun", "Invalid TSS (#TS)", "Segment not present (#NP)",
    "Stack-segment fault (#SS)", "General protection fault (#GP)", "Page fault (#PF)", "Reserved (15)",
    "x87 floating-point error (#MF)", "Alignment check (#AC)", "Machine check (#MC)", "SIMD floating-point (#XM)",
    "Virtualization exception (#VE)", "Control protection (#CP)", "Reserved (22)", "Reserved (23)",
    "Reserved (24)", "Reserved (25)", "Reserved (26)", "Reserved (27)",
    "Hypervisor injection (#HV)", "VMM communication (#VC)", "Security exception (#SX)", "Reserved (31)",
};

const char *trap_vector_name(uint64_t vector)
{
    return vector < 32 ? exception_names[vector] : "Interrupt";
}

#define PF_PRESENT (1 << 0)
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)
#define PF_RESERVED (1 << 3)
#define PF_INSTR (1 << 4)

static void describe_page_fault(uint64_t err)
{
    kprintf("  cause: %s %s in %s mode%s\n",
            err & PF_INSTR ? "instruction fetch from" : err & PF_WRITE ? "write to" : "read from",
            err & PF_PRESENT ? "a page whose protection forbids it (present)" : "a not-present page",
            err & PF_USER ? "user" : "kernel", err & PF_RESERVED ? ", reserved bit set in a page-table entry" : "");
}

void trap_panic(const struct trap_frame *f)
{
    cli();
    kprintf_set_quiet(false);
    uint64_t cr2 = read_cr2();
    kprintf("\nKERNEL PANIC: %s, vector %lu, error code 0x%lx\n", trap_vector_name(f->vector), f->vector,
            f->error_code);
    if (f->vector == 8) {
        const char *stack = stack_guard_owner(cr2);
        if (stack)
            kprintf("  kernel stack overflow: CR2 0x%016lx is in the guard page of %s\n", cr2, stack);
    }
    if (f->vector == 14)
        describe_page_fault(f->error_code);
    kprintf("  RIP ");
    ksym_print(f->rip);
    kprintf("\n  CR2 0x%016lx  CR3 0x%016lx  CR0 0x%016lx  CR4 0x%016lx\n", cr2, read_cr3(), read_cr0(), read_cr4());
    kprintf("  RAX 0x%016lx  RBX 0x%016lx  RCX 0x%016lx  RDX 0x%016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
    kprintf("  RSI 0x%016lx  RDI 0x%016lx  RBP 0x%016lx  RSP 0x%016lx\n", f->rsi, f->rdi, f->rbp, f->rsp);
    kprintf("  R8  0x%016lx  R9  0x%016lx  R10 0x%016lx  R11 0x%016lx\n", f->r8, f->r9, f->r10, f->r11);
    kprintf("  R12 0x%016lx  R13 0x%016lx  R14 0x%016lx  R15 0x%016lx\n", f->r12, f->r13, f->r14, f->r15);
    kprintf("  CS 0x%lx  SS 0x%lx  RFLAGS 0x%lx\n", f->cs, f->ss, f->rflags);
    kprintf("  #0 ");
    ksym_print(f->rip);
    kprintf(" (faulting instruction)\n");
    backtrace_print(f->rbp);
    machine_exit(EXIT_PANIC);
}

static void dispatch(struct trap_frame *f)
{
    if (f->vector >= IRQ_BASE && f->vector < IRQ_BASE + 16) {
        this_cpu()->irq_from_user = trap_from_user(f); /* CPU-time accounting reads it */
        irq_dispatch((int)(f->vector - IRQ_BASE));
        return;
    }
    if (f->vector < 32) {
        if (fault_handle(f))
            return;
        if (!trap_from_user(f) && extable_fixup(f))
            return;
        trap_panic(f);
    }
    /* Anything else: an unexpected vector; note it and go on. */
    kprintf("warning: unexpected interrupt vector %lu\n", f->vector);
}

void trap_dispatch(struct trap_frame *f)
{
    dispatch(f);
    if (trap_from_user(f))
        return_to_user(f); /* preemption and signals, on the way out */
}
