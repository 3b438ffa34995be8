/*
 * sys_ptrace.c - ptrace(2): the tracer's requests. Starting and ending
 * tracing, resuming, and looking into a stopped tracee: its memory
 * (PEEK/POKE, writing read-only text through a copy-on-write break as
 * Linux's FOLL_FORCE does), its registers (struct user_regs_struct, the
 * struct user offsets of PEEKUSER/POKEUSER, the FPU area) and the
 * siginfo of its stop. The stops themselves are proc/ptrace.c.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/signal_frame.h"
#include "arch/x86_64/syscall_vector.h"
#include "lib/string.h"
#include "mm/usercopy.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/ptrace.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "syscall/syscall.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

/* struct user (Linux's asm/user_64.h): the registers, then the rest;
 * u_debugreg at 848; 928 bytes with error_code and fault_address. */
#define USER_REGS_SIZE 216 /* struct user_regs_struct: 27 longs */
#define USER_DEBUGREG 848
#define USER_SIZE 928
#define NREGS 27

/* The indices of struct user_regs_struct. */
enum {
    R_R15, R_R14, R_R13, R_R12, R_RBP, R_RBX, R_R11, R_R10, R_R9, R_R8, R_RAX, R_RCX, R_RDX, R_RSI,
    R_RDI, R_ORIG_RAX, R_RIP, R_CS, R_EFLAGS, R_RSP, R_SS, R_FS_BASE, R_GS_BASE, R_DS, R_ES, R_FS, R_GS,
};

#define RFLAGS_TF 0x100
/* The flags a tracer may change (Linux's FLAG_MASK): CF PF AF ZF SF TF DF
 * OF RF AC. */
#define FLAG_MASK 0x50dd5ull
#define TASK_SIZE_MAX USER_TOP

static uint64_t getreg(struct proc *p, int i)
{
    struct trap_frame *f = proc_frame(p);
    switch (i) {
    case R_R15: return f->r15;
    case R_R14: return f->r14;
    case R_R13: return f->r13;
    case R_R12: return f->r12;
    case R_RBP: return f->rbp;
    case R_RBX: return f->rbx;
    case R_R11: return f->r11;
    case R_R10: return f->r10;
    case R_R9: return f->r9;
    case R_R8: return f->r8;
    case R_RAX: return f->rax;
    case R_RCX: return f->rcx;
    case R_RDX: return f->rdx;
    case R_RSI: return f->rsi;
    case R_RDI: return f->rdi;
    /* orig_rax: the call's number in a system call, -1 elsewhere. */
    case R_ORIG_RAX: return f->vector == SYSCALL_VECTOR ? f->error_code : (uint64_t)-1;
    case R_RIP: return f->rip;
    case R_CS: return f->cs;
    case R_EFLAGS: /* a TF PTRACE_SINGLESTEP set is not the program's */
        return (p->ptrace_flags & PT_FORCED_TF) ? f->rflags & ~(uint64_t)RFLAGS_TF : f->rflags;
    case R_RSP: return f->rsp;
    case R_SS: return f->ss;
    case R_FS_BASE: return p->fs_base;
    case R_GS_BASE: return p->gs_base;
    default: return 0; /* ds es fs gs: always the null selector here */
    }
}

/* Linux's putreg checks: -EIO for what the tracee could not run with.
 * Stricter than Linux for cs, ss and rip: only the 64-bit user selectors
 * and a user address (this kernel has no compat mode, and IRETQ to a
 * non-canonical RIP would fault in ring 0). */
static int checkreg(int i, uint64_t v)
{
    switch (i) {
    case R_CS: return v == GDT_USER_CS ? 0 : -EIO;
    case R_SS: return v == GDT_USER_DS ? 0 : -EIO;
    case R_DS: case R_ES: case R_FS: case R_GS:
        return v == 0 || (v & 3) == 3 ? (v > 0xffff ? -EIO : 0) : -EIO;
    case R_FS_BASE: case R_GS_BASE: return v >= TASK_SIZE_MAX ? -EIO : 0;
    case R_RIP: return v >= TASK_SIZE_MAX ? -EIO : 0;
    default: return 0;
    }
}

static void putreg(struct proc *p, int i, uint64_t v)
{
    struct trap_frame *f = proc_frame(p);
    switch (i) {
    case R_R15: f->r15 = v; break;
    case R_R14: f->r14 = v; break;
    case R_R13: f->r13 = v; break;
    case R_R12: f->r12 = v; break;
    case R_RBP: f->rbp = v; break;
    case R_RBX: f->rbx = v; break;
    case R_R11: f->r11 = v; break;
    case R_R10: f->r10 = v; break;
    case R_R9: f->r9 = v; break;
    case R_R8: f->r8 = v; break;
    case R_RAX: f->rax = v; break;
    case R_RCX: f->rcx = v; break;
    case R_RDX: f->rdx = v; break;
    case R_RSI: f->rsi = v; break;
    case R_RDI: f->rdi = v; break;
    case R_ORIG_RAX:
        if (f->vector == SYSCALL_VECTOR)
            f->error_code = v;
        break;
    case R_RIP: f->rip = v; break;
    case R_EFLAGS:
        f->rflags = (f->rflags & ~FLAG_MASK) | (v & FLAG_MASK);
        if (v & RFLAGS_TF) /* the tracer's own TF stays after a resume */
            p->ptrace_flags &= ~PT_FORCED_TF;
        break;
    case R_RSP: f->rsp = v; break;
    case R_FS_BASE: p->fs_base = v; break;
    case R_GS_BASE: p->gs_base = v; break;
    default: break; /* cs ss: checked equal; ds es fs gs: not kept */
    }
}

/* Debug registers (Linux's ptrace_set_debugreg). Breakpoints are checked
 * as Linux's hw_breakpoint code does but not programmed into the CPU. */
static const uint64_t bp_len[4] = {1, 2, 8, 4}; /* DR7 LENn encodings */

/* Is breakpoint n at addr, enabled in dr7, one the CPU could take? */
static int check_bp(uint64_t dr7, int n, uint64_t addr)
{
    if (!((dr7 >> (n * 2)) & 3))
        return addr >= TASK_SIZE_MAX ? -EINVAL : 0; /* registered disabled: still a user address */
    unsigned type = (dr7 >> (16 + n * 4)) & 3, lenbits = (dr7 >> (18 + n * 4)) & 3;
    if (type == 2) /* I/O breakpoints */
        return -EINVAL;
    uint64_t len = bp_len[lenbits];
    if (type == 0) { /* execution: length 1 only, any alignment */
        if (lenbits)
            return -EINVAL;
    } else if (addr & (len - 1)) {
        return -EINVAL;
    }
    if (addr >= TASK_SIZE_MAX || addr + len - 1 >= TASK_SIZE_MAX)
        return -EINVAL;
    return 0;
}

static int set_debugreg(struct proc *p, int n, uint64_t v)
{
    if (n < 4) {
        int err = check_bp(p->debugreg[7], n, v);
        if (err)
            return err;
        p->debugreg[n] = v;
        return 0;
    }
    if (n == 6) {
        p->debugreg[6] = v;
        return 0;
    }
    if (n == 7) {
        v &= ~0xfc00ull; /* DR_CONTROL_RESERVED */
        for (int i = 0; i < 4; i++) {
            int err = check_bp(v, i, p->debugreg[i]);
            if (err)
                return err;
        }
        p->debugreg[7] = v;
        return 0;
    }
    return -EIO; /* DR4, DR5 */
}

static long peek_user(struct proc *p, uint64_t addr, uint64_t data)
{
    if ((addr & 7) || addr >= USER_SIZE)
        return -EIO;
    uint64_t v = 0;
    if (addr < USER_REGS_SIZE)
        v = getreg(p, (int)(addr / 8));
    else if (addr >= USER_DEBUGREG && addr < USER_DEBUGREG + 64) {
        int n = (int)((addr - USER_DEBUGREG) / 8);
        v = (n < 4 || n == 6 || n == 7) ? p->debugreg[n] : 0;
    }
    return copy_to_user(data, &v, sizeof v) ? -EFAULT : 0;
}

static long poke_user(struct proc *p, uint64_t addr, uint64_t data)
{
    if ((addr & 7) || addr >= USER_SIZE)
        return -EIO;
    if (addr < USER_REGS_SIZE) {
        int i = (int)(addr / 8), err = checkreg(i, data);
        if (err)
            return err;
        putreg(p, i, data);
        return 0;
    }
    if (addr >= USER_DEBUGREG && addr < USER_DEBUGREG + 64)
        return set_debugreg(p, (int)((addr - USER_DEBUGREG) / 8), data);
    return 0; /* the rest of struct user is ignored, as on Linux */
}

static long get_regs(struct proc *p, uint64_t data)
{
    uint64_t r[NREGS];
    for (int i = 0; i < NREGS; i++)
        r[i] = getreg(p, i);
    return copy_to_user(data, r, sizeof r) ? -EFAULT : 0;
}

static long set_regs(struct proc *p, uint64_t data)
{
    uint64_t r[NREGS];
    if (copy_from_user(r, data, sizeof r))
        return -EFAULT;
    for (int i = 0; i < NREGS; i++)
        if (checkreg(i, r[i]))
            return -EIO;
    for (int i = 0; i < NREGS; i++)
        putreg(p, i, r[i]);
    return 0;
}

/* The FXSAVE image (struct user_fpregs_struct), the first 512 bytes of
 * the tracee's saved FPU area (FXSAVE or XSAVE format). */
#define FXSAVE_SIZE 512
static long get_fpregs(struct proc *p, uint64_t data)
{
    if (!p->fpu)
        return -EIO;
    return copy_to_user(data, p->fpu, FXSAVE_SIZE) ? -EFAULT : 0;
}

static long set_fpregs(struct proc *p, uint64_t data)
{
    uint8_t buf[FXSAVE_SIZE];
    if (copy_from_user(buf, data, sizeof buf))
        return -EFAULT;
    if (!p->fpu)
        return -EIO;
    uint8_t *area = p->fpu;
    uint32_t mask, mxcsr;
    memcpy(&mask, area + 28, 4); /* MXCSR_MASK as the CPU reported it */
    if (!mask)
        mask = 0xffbf;
    memcpy(&mxcsr, buf + 24, 4);
    mxcsr &= mask; /* reserved MXCSR bits would fault in FXRSTOR (Linux masks them too) */
    memcpy(buf + 24, &mxcsr, 4);
    memcpy(buf + 28, area + 28, 4);
    memcpy(area, buf, 160 + 256); /* up to the reserved tail the CPU owns */
    if (fpu_area_size() > FXSAVE_SIZE) {
        uint64_t bv;
        memcpy(&bv, area + 512, 8);
        bv |= 3; /* XSTATE_BV: x87 and SSE come from the area now */
        memcpy(area + 512, &bv, 8);
    }
    return 0;
}

static long get_siginfo(struct proc *p, uint64_t data)
{
    if (!p->ptrace_si_signo)
        return -EINVAL;
    struct siginfo64 si;
    signal_fill_siginfo(&si, p->ptrace_si_signo, &p->ptrace_si);
    return copy_to_user(data, &si, sizeof si) ? -EFAULT : 0;
}

static long set_siginfo(struct proc *p, uint64_t data)
{
    struct siginfo64 si;
    if (copy_from_user(&si, data, sizeof si))
        return -EFAULT;
    if (!p->ptrace_si_signo)
        return -EINVAL;
    struct ksiginfo k = {.code = si.si_code, .pid = si.u.kill.pid, .uid = si.u.kill.uid,
                         .status = (int16_t)si.u.kill.status};
    int sig = si.si_signo;
    if ((sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) && si.si_code > 0)
        k.addr = si.u.addr;
    else if (si.si_code < 0)
        k.addr = si.u.rt.value;
    p->ptrace_si = k;
    return 0;
}

/* PEEKTEXT/PEEKDATA: the word at addr, faulted in if need be; -EIO when
 * it cannot be read (Linux's ptrace_readdata answer). */
static long peek_mem(struct proc *p, uint64_t addr, uint64_t data)
{
    uint64_t v;
    if (!p->mm || addr >= TASK_SIZE_MAX)
        return -EIO;
    for (int tries = 0; vm_read(p->mm, &v, addr, sizeof v) != sizeof v; tries++) {
        /* Not present yet: bring each page of the word in, as a read
         * fault of the tracee's would. */
        if (tries || vm_fault(p->mm, addr, false, false) || vm_fault(p->mm, addr + 7, false, false))
            return -EIO;
    }
    return copy_to_user(data, &v, sizeof v) ? -EFAULT : 0;
}

/* POKETEXT/POKEDATA: vm_write ignores the areas' write right and breaks
 * copy-on-write sharing first, so a breakpoint in text changes this
 * process only. */
static long poke_mem(struct proc *p, uint64_t addr, uint64_t data)
{
    if (!p->mm || addr >= TASK_SIZE_MAX || addr + 8 > TASK_SIZE_MAX)
        return -EIO;
    return vm_write(p->mm, addr, &data, sizeof data) ? -EIO : 0;
}

static bool valid_signal(uint64_t sig) { return sig < NSIG; }

static long resume(struct proc *p, long request, uint64_t data)
{
    if (!valid_signal(data))
        return -EIO;
    if (request == PTRACE_SYSCALL)
        p->syscall_work |= SYSCALL_WORK_PTRACE;
    else
        p->syscall_work &= ~SYSCALL_WORK_PTRACE;
    struct trap_frame *f = proc_frame(p);
    if (request == PTRACE_SINGLESTEP) {
        if (!(f->rflags & RFLAGS_TF))
            p->ptrace_flags |= PT_FORCED_TF;
        f->rflags |= RFLAGS_TF; /* #DB after one instruction: SIGTRAP */
    } else if (p->ptrace_flags & PT_FORCED_TF) {
        f->rflags &= ~(uint64_t)RFLAGS_TF;
        p->ptrace_flags &= ~PT_FORCED_TF;
    }
    ptrace_resume(p, (int)data);
    return 0;
}

static long attach(struct proc *p, long request, uint64_t addr, uint64_t flags)
{
    bool seize = request == PTRACE_SEIZE;
    if (seize) { /* Linux checks these before the process */
        if (addr)
            return -EIO;
        if (flags & ~(uint64_t)PTRACE_O_MASK)
            return -EINVAL;
    } else {
        flags = 0;
    }
    int err = ptrace_may_attach(p);
    if (err)
        return err;
    ptrace_link(p, current(), (uint32_t)flags, seize, !seize);
    return 0;
}

long sys_ptrace(long request, int pid, uint64_t addr, uint64_t data)
{
    struct proc *self = current();
    if (request == PTRACE_TRACEME) {
        /* The parent becomes the tracer; once only. */
        if (self->tracer || !self->leader->parent)
            return -EPERM;
        struct proc *parent = self->leader->parent;
        if (parent->state == PROC_ZOMBIE)
            return -EPERM;
        ptrace_link(self, parent, 0, false, false);
        return 0;
    }
    struct proc *p = pid > 0 ? proc_find(pid) : NULL;
    if (!p || (p->state == PROC_ZOMBIE && !p->tracer))
        return -ESRCH;
    if (request == PTRACE_ATTACH || request == PTRACE_SEIZE)
        return attach(p, request, addr, data);
    /* Linux's ptrace_check_attach: traced by this thread, and stopped
     * for it (KILL and INTERRUPT excepted). */
    if (p->tracer != self)
        return -ESRCH;
    if (request == PTRACE_KILL) {
        if (p->state != PROC_ZOMBIE)
            signal_send_info(p, SIGKILL, &(struct ksiginfo){.code = SI_KERNEL});
        return 0;
    }
    if (request == PTRACE_INTERRUPT) {
        if (!(p->ptrace_flags & PT_SEIZED))
            return -EIO;
        if (!(p->ptrace_flags & PT_STOPPED)) {
            /* Taken on its way back to user mode; a sleeper is woken
             * to look, but an interruptible sleep is not ended by it. */
            p->ptrace_trap = true;
            if (p->state == PROC_BLOCKED)
                sched_make_ready(p);
        }
        return 0;
    }
    if (!(p->ptrace_flags & PT_STOPPED) || p->state == PROC_ZOMBIE)
        return -ESRCH;
    switch (request) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA: return peek_mem(p, addr, data);
    case PTRACE_POKETEXT:
    case PTRACE_POKEDATA: return poke_mem(p, addr, data);
    case PTRACE_PEEKUSR: return peek_user(p, addr, data);
    case PTRACE_POKEUSR: return poke_user(p, addr, data);
    case PTRACE_GETREGS: return get_regs(p, data);
    case PTRACE_SETREGS: return set_regs(p, data);
    case PTRACE_GETFPREGS: return get_fpregs(p, data);
    case PTRACE_SETFPREGS: return set_fpregs(p, data);
    case PTRACE_GETSIGINFO: return get_siginfo(p, data);
    case PTRACE_SETSIGINFO: return set_siginfo(p, data);
    case PTRACE_GETEVENTMSG: return copy_to_user(data, &p->ptrace_msg, sizeof p->ptrace_msg) ? -EFAULT : 0;
    case PTRACE_SETOPTIONS:
        if (data & ~(uint64_t)PTRACE_O_MASK)
            return -EINVAL;
        p->ptrace_flags = (p->ptrace_flags & ~(uint32_t)PTRACE_O_MASK) | (uint32_t)data;
        return 0;
    case PTRACE_CONT:
    case PTRACE_SYSCALL:
    case PTRACE_SINGLESTEP: return resume(p, request, data);
    case PTRACE_DETACH:
        if (!valid_signal(data))
            return -EIO;
        ptrace_unlink(p, (int)data);
        return 0;
    default: return -EIO;
    }
}
