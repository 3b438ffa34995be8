/*
 * syscall.c - the SYSCALL MSRs and the traced dispatch path (ptrace's
 * syscall stops, the strace option). The table is syscall_table.c.
 */
#include "syscall/syscall.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/msr.h"
#include "debug/strace.h"
#include "lib/kprintf.h"
#include "proc/proc.h"
#include "proc/ptrace.h"
#include "proc/sched.h"
#include "uapi/errno.h"
#include "uapi/syscall_nr.h"


#define RFLAGS_TF (1u << 8)
#define RFLAGS_IF (1u << 9)
#define RFLAGS_DF (1u << 10)
#define RFLAGS_AC (1u << 18)

void syscall_entry(void);

void syscall_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    /* STAR[47:32]: SYSCALL's CS (SS = +8); STAR[63:48]: SYSRET's base
     * (CS = +16, SS = +8), see gdt.h. */
    wrmsr(MSR_STAR, ((uint64_t)GDT_USER32_CS << 48) | ((uint64_t)GDT_KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    /* Entering the kernel with interrupts off until the frame is saved,
     * DF clear as the ABI expects, no single-stepping into the kernel and
     * AC clear so SMAP stays closed. */
    wrmsr(MSR_SFMASK, RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_AC);
}


void syscall_trace(const char *option)
{
    syscall_tracing = option != NULL;
    strace_init(option);
}

void syscall_dispatch_traced(struct trap_frame *f)
{
    struct proc *p = current();
    if (p->syscall_work & SYSCALL_WORK_PTRACE) {
        /* The entry stop sees RAX -ENOSYS and the number in orig_rax
         * (the frame's error-code slot), which the tracer may change:
         * -1 skips the call, leaving RAX as the tracer set it. */
        f->rax = (uint64_t)-ENOSYS;
        ptrace_syscall_stop(true);
    }
    /* Linux selects the call with the low 32 bits of RAX, unsigned: so
     * 0x1_0000_0027 is getpid and -1 is simply out of range. The
     * arguments are kept for the strace line: execve rewrites the frame. */
    uint32_t nr = (uint32_t)f->error_code;
    bool run = (int64_t)f->error_code != -1 || !(p->syscall_work & SYSCALL_WORK_PTRACE);
    struct strace_call call = {.nr = nr, .arg = {f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9}};
    bool log = run && (p->syscall_work & SYSCALL_WORK_LOG);
    if (log)
        strace_enter(&call);
    if (run) {
        syscall_fn fn = nr < SYSCALL_TABLE_SIZE ? syscall_table[nr] : (syscall_fn)(void (*)(void))sys_ni_syscall;
        f->rax = (uint64_t)fn((long)f->rdi, (long)f->rsi, (long)f->rdx, (long)f->r10, (long)f->r8, (long)f->r9);
    }
    if (p->syscall_work & SYSCALL_WORK_PTRACE)
        ptrace_syscall_stop(false);
    if (log)
        strace_exit(&call, (long)f->rax);
}
