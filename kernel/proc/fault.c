/*
 * fault.c - what a CPU exception means for the process that caused it
 * (the policy behind trap.c's fault_handle hook).
 *
 * A page fault on a user address first asks the address space to bring
 * the page in (demand-zero memory, a file's page, and the user copies of
 * the kernel, which are allowed to fault). A file mapping's page past the
 * end of the file is SIGBUS, as on Linux. Anything left from ring 3 kills the
 * process with the signal Linux would send for that exception.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/trap.h"
#include "mm/vm.h"
#include "lib/kprintf.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define PF_WRITE (1 << 1)
#define PF_INSTR (1 << 4)

struct fault_signal {
    int sig;
    const char *what; /* NULL: the "segfault at" line */
};

/* Linux's arch/x86/kernel/traps.c: which signal each exception sends. */
static struct fault_signal signal_for(uint64_t vector)
{
    switch (vector) {
    case 0: return (struct fault_signal){SIGFPE, "divide error"};
    case 1:
    case 3: return (struct fault_signal){SIGTRAP, "int3"};
    case 4: return (struct fault_signal){SIGSEGV, "overflow"};
    case 5: return (struct fault_signal){SIGSEGV, "bounds"};
    case 6: return (struct fault_signal){SIGILL, "invalid opcode"};
    case 7: return (struct fault_signal){SIGSEGV, "device not available"};
    case 10: return (struct fault_signal){SIGSEGV, "invalid TSS"};
    case 11: return (struct fault_signal){SIGBUS, "segment not present"};
    case 12: return (struct fault_signal){SIGBUS, "stack segment"};
    case 13: return (struct fault_signal){SIGSEGV, "general protection fault"};
    case 14: return (struct fault_signal){SIGSEGV, NULL};
    case 16: return (struct fault_signal){SIGFPE, "coprocessor error"};
    case 17: return (struct fault_signal){SIGBUS, "alignment check"};
    case 19: return (struct fault_signal){SIGFPE, "SIMD floating-point exception"};
    default: return (struct fault_signal){SIGSEGV, "unexpected exception"};
    }
}

/* A kernel fault on user memory is served in the usercopy routines,
 * except their *_nofault forms, which want no page brought in: those go
 * straight to the fixup. Out of line: user faults never ask. */
static __attribute__((noinline)) bool kernel_may_fault(const struct trap_frame *f)
{
    return extable_lookup(f->rip) && !this_cpu()->no_user_faults;
}

bool fault_handle(struct trap_frame *f)
{
    struct proc *p = current();
    if (!p)
        return false; /* no process yet: a kernel fault */
    bool user = trap_from_user(f);
    uint64_t addr = f->vector == 14 ? read_cr2() : 0;
    /* Kernel code may fault on user memory only in the usercopy routines
     * (kernel_may_fault). */
    if (f->vector == 14 && addr < USER_TOP && p->mm && (user || kernel_may_fault(f))) {
        int err = vm_fault(p->mm, addr, f->error_code & PF_WRITE, f->error_code & PF_INSTR);
        if (err == 0)
            return true;
        if (err == -EIO && user) {
            /* A file mapping's page wholly past the end of the file. */
            proc_fault_signal(f, SIGBUS, addr, "bus error (past the end of a mapped file)");
            return true;
        }
        if (err == -ENOMEM && user) {
            /* No frame for a page the program may use: what Linux's OOM
             * killer does to the process at fault, SIGKILL. */
            kprintf("Out of memory: Killed process %d (%s)\n", p->pid, p->name);
            signal_force(p, SIGKILL, SI_KERNEL, 0);
            return true;
        }
    }
    if (!user)
        return false;
    struct fault_signal s = signal_for(f->vector);
    proc_fault_signal(f, s.sig, addr, s.what);
    return true; /* the signal is delivered on the way out */
}
