/*
 * signal_test.c - signals as Linux delivers them: rt_sigaction,
 * rt_sigprocmask, rt_sigreturn, kill, tkill/tgkill, siginfo and ucontext
 * contents, the full register and FPU state restored after a handler,
 * the signal frame (red zone skipped, stack alignment, DF clear, default
 * MXCSR in the handler), SIGSEGV/SIGILL/SIGFPE handlers leaving with
 * siglongjmp, pending and blocked signals, SIGCHLD, EINTR and SA_RESTART,
 * default actions, and what fork and execve keep.
 *
 * The main process is PID 1 on Tiny OS: on Linux, signals whose action is
 * the default are never delivered to init, so every signal the main
 * process sends itself has a handler; default actions are checked in
 * children.
 *
 * argv[1] = "exec-report": the execve target of the last section.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "tt.h"

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}
static void set_simple(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}
static int is_blocked(int sig)
{
    sigset_t s;
    sigprocmask(SIG_BLOCK, NULL, &s);
    return sigismember(&s, sig);
}
static int is_pending(int sig)
{
    sigset_t s;
    sigpending(&s);
    return sigismember(&s, sig);
}
static void unblock_all(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigprocmask(SIG_SETMASK, &s, NULL);
}

/* The kernel's struct for rt_sigaction. */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
};

/* ------------------------------------------------------------------ */
/* A generic counting handler that records its siginfo. */
static volatile sig_atomic_t hits, last_sig, last_code, last_pid, last_uid, last_status, blocked_inside,
    usr2_blocked_inside;
static void info_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    hits++;
    last_sig = si->si_signo;
    last_code = si->si_code;
    last_pid = si->si_pid;
    last_uid = si->si_uid;
    last_status = si->si_status;
    blocked_inside = is_blocked(sig);
    usr2_blocked_inside = is_blocked(SIGUSR2);
}
static void reset_info(void) { hits = last_sig = last_code = last_pid = last_uid = last_status = -1, hits = 0; }

/* ------------------------------------------------------------------ */
/* Register and FPU state across a handler (assembly probe). */
unsigned long probe_regs_out[13], probe_redzone_out[16], probe_flags_out, probe_std, probe_rip_lo, probe_rip_hi;
unsigned char probe_xmm_in[256], probe_xmm_out[256];
unsigned int probe_mxcsr_in = 0x7f80, probe_mxcsr_out, probe_mxcsr_saved;
unsigned short probe_fcw_in = 0x027f, probe_fcw_out, probe_fcw_saved;
unsigned long h_entry_rsp, h_entry_flags;
unsigned int h_mxcsr;
unsigned short h_fcw;
void sig_regs_probe(long pid, long sig);
void sig_regs_entry(int, siginfo_t *, void *);
__asm__(".text\n"
        ".globl sig_regs_probe\n"
        "sig_regs_probe:\n"
        "  push %rbp\n push %rbx\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "  stmxcsr probe_mxcsr_saved(%rip)\n"
        "  fnstcw probe_fcw_saved(%rip)\n"
        "  ldmxcsr probe_mxcsr_in(%rip)\n"
        "  fldcw probe_fcw_in(%rip)\n"
        "  movdqu probe_xmm_in+0(%rip), %xmm0\n  movdqu probe_xmm_in+16(%rip), %xmm1\n"
        "  movdqu probe_xmm_in+32(%rip), %xmm2\n  movdqu probe_xmm_in+48(%rip), %xmm3\n"
        "  movdqu probe_xmm_in+64(%rip), %xmm4\n  movdqu probe_xmm_in+80(%rip), %xmm5\n"
        "  movdqu probe_xmm_in+96(%rip), %xmm6\n  movdqu probe_xmm_in+112(%rip), %xmm7\n"
        "  movdqu probe_xmm_in+128(%rip), %xmm8\n  movdqu probe_xmm_in+144(%rip), %xmm9\n"
        "  movdqu probe_xmm_in+160(%rip), %xmm10\n  movdqu probe_xmm_in+176(%rip), %xmm11\n"
        "  movdqu probe_xmm_in+192(%rip), %xmm12\n  movdqu probe_xmm_in+208(%rip), %xmm13\n"
        "  movdqu probe_xmm_in+224(%rip), %xmm14\n  movdqu probe_xmm_in+240(%rip), %xmm15\n"
        "  movabs $0x1111111111111111, %rbx\n"
        "  movabs $0x2222222222222222, %rdx\n"
        "  movabs $0x5555555555555555, %rbp\n"
        "  movabs $0x0808080808080808, %r8\n"
        "  movabs $0x0909090909090909, %r9\n"
        "  movabs $0x1010101010101010, %r10\n"
        "  movabs $0x1212121212121212, %r12\n"
        "  movabs $0x1313131313131313, %r13\n"
        "  movabs $0x1414141414141414, %r14\n"
        "  movabs $0x1515151515151515, %r15\n"
        /* The 128-byte red zone below %rsp: the signal frame must not overwrite it. */
        "  mov %rbx, -8(%rsp)\n  mov %rdx, -16(%rsp)\n  mov %rbp, -24(%rsp)\n  mov %r8, -32(%rsp)\n"
        "  mov %r9, -40(%rsp)\n  mov %r10, -48(%rsp)\n  mov %r12, -56(%rsp)\n  mov %r13, -64(%rsp)\n"
        "  mov %r14, -72(%rsp)\n  mov %r15, -80(%rsp)\n  mov %rbx, -88(%rsp)\n  mov %rdx, -96(%rsp)\n"
        "  mov %rbp, -104(%rsp)\n  mov %r8, -112(%rsp)\n  mov %r9, -120(%rsp)\n  mov %r10, -128(%rsp)\n"
        "  mov $62, %eax\n" /* kill(pid, sig): the signal is delivered on the way out */
        "  cmpb $0, probe_std(%rip)\n"
        "  je 1f\n"
        "  std\n"
        "1:\n"
        ".globl sig_regs_probe_syscall\n"
        "sig_regs_probe_syscall:\n"
        "  syscall\n"
        ".globl sig_regs_probe_after\n"
        "sig_regs_probe_after:\n"
        "  mov %rax, probe_regs_out+0(%rip)\n"
        "  mov %rbx, probe_regs_out+8(%rip)\n"
        "  mov %rdx, probe_regs_out+16(%rip)\n"
        "  mov %rsi, probe_regs_out+24(%rip)\n"
        "  mov %rdi, probe_regs_out+32(%rip)\n"
        "  mov %rbp, probe_regs_out+40(%rip)\n"
        "  mov %r8, probe_regs_out+48(%rip)\n"
        "  mov %r9, probe_regs_out+56(%rip)\n"
        "  mov %r10, probe_regs_out+64(%rip)\n"
        "  mov %r12, probe_regs_out+72(%rip)\n"
        "  mov %r13, probe_regs_out+80(%rip)\n"
        "  mov %r14, probe_regs_out+88(%rip)\n"
        "  mov %r15, probe_regs_out+96(%rip)\n"
        "  mov -8(%rsp), %rax\n  mov %rax, probe_redzone_out+0(%rip)\n"
        "  mov -16(%rsp), %rax\n  mov %rax, probe_redzone_out+8(%rip)\n"
        "  mov -24(%rsp), %rax\n  mov %rax, probe_redzone_out+16(%rip)\n"
        "  mov -32(%rsp), %rax\n  mov %rax, probe_redzone_out+24(%rip)\n"
        "  mov -40(%rsp), %rax\n  mov %rax, probe_redzone_out+32(%rip)\n"
        "  mov -48(%rsp), %rax\n  mov %rax, probe_redzone_out+40(%rip)\n"
        "  mov -56(%rsp), %rax\n  mov %rax, probe_redzone_out+48(%rip)\n"
        "  mov -64(%rsp), %rax\n  mov %rax, probe_redzone_out+56(%rip)\n"
        "  mov -72(%rsp), %rax\n  mov %rax, probe_redzone_out+64(%rip)\n"
        "  mov -80(%rsp), %rax\n  mov %rax, probe_redzone_out+72(%rip)\n"
        "  mov -88(%rsp), %rax\n  mov %rax, probe_redzone_out+80(%rip)\n"
        "  mov -96(%rsp), %rax\n  mov %rax, probe_redzone_out+88(%rip)\n"
        "  mov -104(%rsp), %rax\n  mov %rax, probe_redzone_out+96(%rip)\n"
        "  mov -112(%rsp), %rax\n  mov %rax, probe_redzone_out+104(%rip)\n"
        "  mov -120(%rsp), %rax\n  mov %rax, probe_redzone_out+112(%rip)\n"
        "  mov -128(%rsp), %rax\n  mov %rax, probe_redzone_out+120(%rip)\n"
        "  pushfq\n  pop %rax\n  mov %rax, probe_flags_out(%rip)\n"
        "  cld\n"
        "  movdqu %xmm0, probe_xmm_out+0(%rip)\n  movdqu %xmm1, probe_xmm_out+16(%rip)\n"
        "  movdqu %xmm2, probe_xmm_out+32(%rip)\n  movdqu %xmm3, probe_xmm_out+48(%rip)\n"
        "  movdqu %xmm4, probe_xmm_out+64(%rip)\n  movdqu %xmm5, probe_xmm_out+80(%rip)\n"
        "  movdqu %xmm6, probe_xmm_out+96(%rip)\n  movdqu %xmm7, probe_xmm_out+112(%rip)\n"
        "  movdqu %xmm8, probe_xmm_out+128(%rip)\n  movdqu %xmm9, probe_xmm_out+144(%rip)\n"
        "  movdqu %xmm10, probe_xmm_out+160(%rip)\n  movdqu %xmm11, probe_xmm_out+176(%rip)\n"
        "  movdqu %xmm12, probe_xmm_out+192(%rip)\n  movdqu %xmm13, probe_xmm_out+208(%rip)\n"
        "  movdqu %xmm14, probe_xmm_out+224(%rip)\n  movdqu %xmm15, probe_xmm_out+240(%rip)\n"
        "  stmxcsr probe_mxcsr_out(%rip)\n"
        "  fnstcw probe_fcw_out(%rip)\n"
        "  ldmxcsr probe_mxcsr_saved(%rip)\n"
        "  fldcw probe_fcw_saved(%rip)\n"
        "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbx\n pop %rbp\n"
        "  ret\n"
        /* Handler entry: record %rsp and RFLAGS as the kernel left them, then the C handler. */
        ".globl sig_regs_entry\n"
        "sig_regs_entry:\n"
        "  mov %rsp, h_entry_rsp(%rip)\n"
        "  pushfq\n  pop %rax\n  mov %rax, h_entry_flags(%rip)\n"
        "  stmxcsr h_mxcsr(%rip)\n"
        "  fnstcw h_fcw(%rip)\n"
        "  jmp sig_regs_handler\n");
extern char sig_regs_probe_after[];

static volatile long h_greg_r12, h_greg_rbx, h_greg_rip, h_greg_rdx, h_greg_rbp, h_hits;
void sig_regs_handler(int sig, siginfo_t *si, void *ucv);
void sig_regs_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    h_hits++;
    h_greg_r12 = uc->uc_mcontext.gregs[REG_R12];
    h_greg_rbx = uc->uc_mcontext.gregs[REG_RBX];
    h_greg_rdx = uc->uc_mcontext.gregs[REG_RDX];
    h_greg_rbp = uc->uc_mcontext.gregs[REG_RBP];
    h_greg_rip = uc->uc_mcontext.gregs[REG_RIP];
    /* A change to the saved context takes effect on return. */
    uc->uc_mcontext.gregs[REG_R14] = 0x4141414141414141;
    /* Destroy everything the handler may destroy: the kernel restores it. */
    __asm__ volatile("pxor %%xmm0, %%xmm0\n pxor %%xmm1, %%xmm1\n pxor %%xmm2, %%xmm2\n pxor %%xmm3, %%xmm3\n"
                     "pxor %%xmm4, %%xmm4\n pxor %%xmm5, %%xmm5\n pxor %%xmm6, %%xmm6\n pxor %%xmm7, %%xmm7\n"
                     "pxor %%xmm8, %%xmm8\n pxor %%xmm9, %%xmm9\n pxor %%xmm10, %%xmm10\n pxor %%xmm11, %%xmm11\n"
                     "pxor %%xmm12, %%xmm12\n pxor %%xmm13, %%xmm13\n pxor %%xmm14, %%xmm14\n pxor %%xmm15, %%xmm15\n"
                     "mov $-1, %%rdx\n mov $-1, %%rsi\n mov $-1, %%rdi\n mov $-1, %%r8\n"
                     "mov $-1, %%r9\n mov $-1, %%r10\n mov $-1, %%r11\n mov $-1, %%rcx\n"
                     :
                     :
                     : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
                       "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
                       "rcx");
    static const unsigned int mx = 0x5f80; /* round up */
    static const unsigned short cw = 0x0b7f;
    __asm__ volatile("ldmxcsr %0\n fldcw %1" ::"m"(mx), "m"(cw));
}

static void test_registers(void)
{
    for (int i = 0; i < 256; i++)
        probe_xmm_in[i] = (unsigned char)(i * 7 + 3);
    set_handler(SIGUSR2, sig_regs_entry, 0);
    static const unsigned long want[13] = {0,
                                           0x1111111111111111,
                                           0x2222222222222222,
                                           SIGUSR2,
                                           0, /* pid, filled in */
                                           0x5555555555555555,
                                           0x0808080808080808,
                                           0x0909090909090909,
                                           0x1010101010101010,
                                           0x1212121212121212,
                                           0x1313131313131313,
                                           0x4141414141414141, /* r14: changed through the ucontext */
                                           0x1515151515151515};
    static const char *const names[13] = {"rax", "rbx", "rdx", "rsi", "rdi", "rbp", "r8",
                                          "r9",  "r10", "r12", "r13", "r14", "r15"};
    for (int round = 0; round < 2; round++) {
        probe_std = round; /* the second round sets DF before the system call */
        h_hits = 0;
        memset(probe_xmm_out, 0, sizeof probe_xmm_out);
        long pid = getpid();
        sig_regs_probe(pid, SIGUSR2);
        if (round == 0) {
            CHECK_EQ(h_hits, 1, "the handler ran during kill() to self");
            unsigned long w[13];
            memcpy(w, want, sizeof w);
            w[4] = pid;
            int bad = 0;
            for (int i = 0; i < 13; i++)
                if (probe_regs_out[i] != w[i]) {
                    printf("# %s = %#lx, want %#lx\n", names[i], probe_regs_out[i], w[i]);
                    bad++;
                }
            CHECK_EQ(bad, 0, "after the handler: every general register restored (rax = kill's 0, r14 as the handler set it)");
            CHECK(memcmp(probe_xmm_in, probe_xmm_out, 256) == 0, "after the handler: xmm0-xmm15 restored");
            CHECK_EQ(probe_mxcsr_out, 0x7f80, "after the handler: MXCSR restored");
            CHECK_EQ(probe_fcw_out, 0x027f, "after the handler: x87 control word restored");
            static const int rz[16] = {1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 5, 6, 7, 8};
            int rzbad = 0;
            for (int i = 0; i < 16; i++)
                rzbad += probe_redzone_out[i] != want[rz[i]] && !(rz[i] == 11 && probe_redzone_out[i] == 0x1414141414141414);
            CHECK_EQ(rzbad, 0, "the signal frame skips the 128-byte red zone below %rsp");
            CHECK_EQ((h_entry_rsp + 8) % 16, 0, "handler entered with (%rsp + 8) % 16 == 0, as after a call");
            CHECK_EQ(h_mxcsr, 0x1f80, "handler entered with the default MXCSR (0x1f80)");
            CHECK_EQ(h_fcw, 0x037f, "handler entered with the default x87 control word (0x37f)");
            CHECK(h_greg_r12 == 0x1212121212121212 && h_greg_rbx == 0x1111111111111111 &&
                      h_greg_rdx == 0x2222222222222222 && h_greg_rbp == 0x5555555555555555,
                  "ucontext gregs hold the interrupted registers (rbx, rdx, rbp, r12)");
            CHECK(h_greg_rip == (long)sig_regs_probe_after, "ucontext REG_RIP is the instruction after the syscall");
        } else {
            CHECK_EQ(h_hits, 1, "the handler ran again, with DF set at the syscall");
            CHECK_EQ(h_entry_flags & 0x400, 0, "handler entered with DF clear");
            CHECK(probe_flags_out & 0x400, "DF set again after sigreturn");
        }
    }
    set_simple(SIGUSR2, SIG_DFL, 0);

    /* Plain C values, integer and floating point, survive a handler doing FP work. */
    {
        volatile double d1 = 3.25, d2 = -1e100;
        volatile long l1 = 0x1234567887654321;
        double a = d1 * 2, b = d2 / 3;
        long c = l1 ^ 0xff;
        raise(SIGUSR1); /* SIGUSR1 has the FP handler below */
        CHECK(a == 6.5 && b == -1e100 / 3 && c == (0x1234567887654321 ^ 0xff), "locals (double, long) survive");
    }
}

static volatile double fp_sink;
static void fp_handler(int sig)
{
    (void)sig;
    volatile double x = 1.0;
    for (int i = 0; i < 100; i++)
        x = x * 1.5 + 0.25;
    fp_sink = x;
}

/* ------------------------------------------------------------------ */
/* Faults handled with siglongjmp. */
static sigjmp_buf jb;
static volatile long f_sig, f_code, f_trapno, f_err;
static volatile void *f_addr;
static volatile unsigned long f_cr2;
static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    f_sig = sig;
    f_code = si->si_code;
    f_addr = si->si_addr;
    f_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    f_err = uc->uc_mcontext.gregs[REG_ERR];
    f_cr2 = uc->uc_mcontext.gregs[REG_CR2];
    siglongjmp(jb, 1);
}
extern char ud2_site[];
static volatile int zero = 0, seven = 7;

static int faulted(void (*fn)(void))
{
    f_sig = f_code = -1;
    if (sigsetjmp(jb, 1) == 0) {
        fn();
        return 0;
    }
    return 1;
}
static void null_read(void) { fp_sink = *(volatile int *)0; }
static char *ro_page;
static void ro_write(void) { ro_page[16] = 1; }
static void do_ud2(void) { __asm__ volatile(".globl ud2_site\nud2_site: ud2"); }
static void do_div0(void) { fp_sink = seven / zero; }

static void test_faults(void)
{
    set_handler(SIGSEGV, fault_handler, 0);
    set_handler(SIGILL, fault_handler, 0);
    set_handler(SIGFPE, fault_handler, 0);
    CHECK(faulted(null_read), "SIGSEGV handler leaves a null read with siglongjmp");
    CHECK(f_sig == SIGSEGV && f_code == SEGV_MAPERR && f_addr == NULL,
          "null read: si_signo SIGSEGV, si_code SEGV_MAPERR, si_addr 0");
    CHECK(f_trapno == 14 && f_err == 4 && f_cr2 == 0, "null read: ucontext trapno 14, err 4 (user read), cr2 0");
    CHECK(!is_blocked(SIGSEGV), "siglongjmp restored the mask: SIGSEGV not blocked");
    ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fp_sink = ro_page[0]; /* read first, so the page is present: the write fault is a protection fault */
    CHECK(faulted(ro_write), "SIGSEGV handler again: write to a read-only page");
    tt_check(f_sig == SIGSEGV && f_code == SEGV_ACCERR && f_addr == ro_page + 16,
             "read-only write: si_code SEGV_ACCERR, si_addr the faulting address", "signal %ld, si_code %ld (want %d), si_addr %s",
             f_sig, f_code, SEGV_ACCERR, f_addr == ro_page + 16 ? "right" : "wrong");
    tt_check(f_trapno == 14 && f_err == 7 && f_cr2 == (unsigned long)(ro_page + 16),
             "read-only write: err 7 (present, write, user), cr2 the address", "trapno %ld err %ld cr2 %s", f_trapno,
             f_err, f_cr2 == (unsigned long)(ro_page + 16) ? "right" : "wrong");
    CHECK(faulted(do_ud2), "SIGILL handler leaves ud2 with siglongjmp");
    tt_check(f_sig == SIGILL && f_code == ILL_ILLOPN && f_addr == ud2_site, "ud2: si_code ILL_ILLOPN, si_addr the ud2",
             "signal %ld, si_code %ld (want %d), si_addr %s", f_sig, f_code, ILL_ILLOPN, f_addr == ud2_site ? "right" : "wrong");
    CHECK(faulted(do_div0), "SIGFPE handler leaves a division by zero with siglongjmp");
    tt_check(f_sig == SIGFPE && f_code == FPE_INTDIV, "division by zero: si_code FPE_INTDIV", "signal %ld, si_code %ld (want %d)",
             f_sig, f_code, FPE_INTDIV);
    int bad = 0;
    for (int i = 0; i < 100; i++)
        bad += !faulted(null_read);
    CHECK_EQ(bad, 0, "100 more faults, each caught");
    set_simple(SIGSEGV, SIG_DFL, 0);
    set_simple(SIGILL, SIG_DFL, 0);
    set_simple(SIGFPE, SIG_DFL, 0);

    /* A fault while its signal is blocked or ignored kills (Linux forces the default action). */
    pid_t c = xfork();
    if (c == 0) {
        set_handler(SIGSEGV, fault_handler, 0);
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGSEGV);
        sigprocmask(SIG_BLOCK, &s, NULL);
        null_read();
        _exit(0);
    }
    CHECK(killed_by(child_status(c), SIGSEGV), "a fault with SIGSEGV blocked kills with SIGSEGV");
    c = xfork();
    if (c == 0) {
        signal(SIGSEGV, SIG_IGN);
        null_read();
        _exit(0);
    }
    CHECK(killed_by(child_status(c), SIGSEGV), "a fault with SIGSEGV ignored kills with SIGSEGV");
}

/* ------------------------------------------------------------------ */
static volatile int order[8], norder;
static void nest_usr2(int sig)
{
    (void)sig;
    order[norder++] = 2;
}
static void nest_usr1(int sig)
{
    (void)sig;
    order[norder++] = 1;
    raise(SIGUSR2);
    order[norder++] = 3;
}
static void mask_edit_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    sigaddset(&uc->uc_sigmask, SIGUSR2); /* takes effect at sigreturn */
}

static volatile sig_atomic_t intr_hits;
static void intr_handler(int sig)
{
    (void)sig;
    intr_hits++;
}

/* A child that sends SIGUSR1 to the parent every 20 ms until *stop (at most ~10 s). */
static volatile int *stop_flag;
static pid_t nagger(int max_sends)
{
    *stop_flag = 0;
    pid_t parent = getpid();
    pid_t c = xfork();
    if (c == 0) {
        for (int i = 0; i < 500 && !*stop_flag && i < max_sends; i++) {
            msleep(20);
            if (!*stop_flag)
                kill(parent, SIGUSR1);
        }
        _exit(0);
    }
    return c;
}

static volatile sig_atomic_t chld_hits, chld_code, chld_pid, chld_status;
static void chld_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    chld_hits++;
    chld_code = si->si_code;
    chld_pid = si->si_pid;
    chld_status = si->si_status;
}

static int exec_report(void)
{
    struct sigaction sa;
    sigaction(SIGUSR1, NULL, &sa);
    CHECK(sa.sa_handler == SIG_DFL, "after execve: a caught signal is reset to SIG_DFL");
    sigaction(SIGUSR2, NULL, &sa);
    CHECK(sa.sa_handler == SIG_IGN, "after execve: an ignored signal stays ignored");
    CHECK(is_blocked(SIGTERM), "after execve: the signal mask is kept");
    CHECK(is_pending(SIGTERM), "after execve: a pending blocked signal stays pending");
    return tt_done();
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exec-report"))
        return exec_report();
    unblock_all();
    stop_flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t me = getpid();
    struct sigaction sa;

    /* --- A handler runs; siginfo from kill, tkill, tgkill. --- */
    reset_info();
    set_handler(SIGUSR1, info_handler, 0);
    CHECK_EQ(kill(me, SIGUSR1), 0, "kill(self, SIGUSR1)");
    CHECK_EQ(hits, 1, "the handler ran before kill returned");
    CHECK(last_sig == SIGUSR1 && last_code == SI_USER && last_pid == me && last_uid == (int)getuid(),
          "siginfo from kill: si_signo, si_code SI_USER, si_pid, si_uid");
    CHECK(blocked_inside && !is_blocked(SIGUSR1), "the signal is blocked inside its handler, unblocked after");
    reset_info();
    CHECK_EQ(syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1), 0, "tkill(self)");
    tt_check(hits == 1 && last_code == SI_TKILL && last_pid == me, "siginfo from tkill: si_code SI_TKILL", "hits %d, si_code %d (want %d), si_pid %s",
             (int)hits, (int)last_code, SI_TKILL, last_pid == me ? "right" : "wrong");
    reset_info();
    CHECK_EQ(syscall(SYS_tgkill, me, syscall(SYS_gettid), SIGUSR1), 0, "tgkill(self)");
    tt_check(hits == 1 && last_code == SI_TKILL, "siginfo from tgkill: si_code SI_TKILL", "hits %d, si_code %d (want %d)",
             (int)hits, (int)last_code, SI_TKILL);
    reset_info();
    raise(SIGUSR1);
    CHECK_EQ(hits, 1, "raise runs the handler");

    /* --- Registers and FPU state (SIGUSR1 gets an FP-heavy handler). --- */
    set_simple(SIGUSR1, fp_handler, 0);
    test_registers();

    /* --- Errors; SIGKILL and SIGSTOP cannot be caught, ignored or blocked. --- */
    {
        struct ksigaction k = {(void *)intr_handler, 0x04000000 /* SA_RESTORER */, NULL, 0}, old;
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, SIGKILL, (long)&k, 0, 8, 0, 0), -EINVAL, "rt_sigaction(SIGKILL, handler): EINVAL");
        k.handler = SIG_IGN;
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, SIGKILL, (long)&k, 0, 8, 0, 0), -EINVAL, "rt_sigaction(SIGKILL, SIG_IGN): EINVAL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, SIGSTOP, (long)&k, 0, 8, 0, 0), -EINVAL, "rt_sigaction(SIGSTOP, SIG_IGN): EINVAL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, SIGKILL, 0, (long)&old, 8, 0, 0), 0, "rt_sigaction(SIGKILL) query: 0");
        CHECK(old.handler == SIG_DFL, "SIGKILL's action is SIG_DFL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, 0, 0, (long)&old, 8, 0, 0), -EINVAL, "rt_sigaction(0): EINVAL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, 65, 0, (long)&old, 8, 0, 0), -EINVAL, "rt_sigaction(65): EINVAL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, SIGUSR1, 0, (long)&old, 4, 0, 0), -EINVAL, "rt_sigaction sigsetsize 4: EINVAL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigaction, 64, 0, (long)&old, 8, 0, 0), 0, "rt_sigaction(64) (real-time) query: 0");
        unsigned long m = ~0ul, got = 0;
        CHECK_EQ(raw_syscall6(SYS_rt_sigprocmask, SIG_SETMASK, (long)&m, (long)&got, 8, 0, 0), 0, "block every signal");
        CHECK_EQ(raw_syscall6(SYS_rt_sigprocmask, SIG_SETMASK, 0, (long)&got, 8, 0, 0), 0, "read the mask back");
        CHECK(got == (~0ul & ~((1ul << (SIGKILL - 1)) | (1ul << (SIGSTOP - 1)))),
              "the mask has every signal but SIGKILL and SIGSTOP");
        m = 0;
        raw_syscall6(SYS_rt_sigprocmask, SIG_SETMASK, (long)&m, 0, 8, 0, 0);
        CHECK_EQ(raw_syscall6(SYS_rt_sigprocmask, 3, (long)&m, 0, 8, 0, 0), -EINVAL, "rt_sigprocmask how=3: EINVAL");
        CHECK_EQ(raw_syscall6(SYS_rt_sigprocmask, SIG_BLOCK, (long)&m, 0, 4, 0, 0), -EINVAL, "rt_sigprocmask sigsetsize 4: EINVAL");
        CHECK_EQ(raw_syscall(SYS_kill, me, 65, 0), -EINVAL, "kill with signal 65: EINVAL");
        CHECK_EQ(raw_syscall(SYS_kill, me, 0, 0), 0, "kill(self, 0): 0 (existence check)");
        CHECK_EQ(raw_syscall(SYS_tkill, 0, SIGUSR1, 0), -EINVAL, "tkill(0): EINVAL");
        pid_t c = xfork();
        if (c == 0)
            _exit(0);
        siginfo_t zi;
        waitid(P_PID, c, &zi, WEXITED | WNOWAIT); /* a zombie, not reaped */
        CHECK_EQ(raw_syscall(SYS_kill, c, SIGKILL, 0), 0, "kill of a zombie not yet reaped: 0");
        child_status(c);
        CHECK_EQ(raw_syscall(SYS_kill, c, 0, 0), -ESRCH, "kill of a reaped child: ESRCH");
        CHECK_EQ(raw_syscall(SYS_tkill, c, SIGUSR1, 0), -ESRCH, "tkill of a reaped thread: ESRCH");

        /* SIGKILL kills a child that blocks (and would catch) everything else. */
        int fds[2];
        pipe(fds);
        c = xfork();
        if (c == 0) {
            sigset_t all;
            sigfillset(&all);
            sigprocmask(SIG_SETMASK, &all, NULL);
            for (int s = 1; s < 32; s++)
                if (s != SIGKILL && s != SIGSTOP)
                    signal(s, SIG_IGN);
            close(fds[0]);
            write(fds[1], "r", 1);
            for (;;)
                pause();
        }
        close(fds[1]);
        char ch;
        read(fds[0], &ch, 1);
        close(fds[0]);
        kill(c, SIGKILL);
        int st = child_status(c);
        CHECK(killed_by(st, SIGKILL) && st == SIGKILL, "SIGKILL kills a child that blocks and ignores all else");
    }

    /* --- Faults. --- */
    test_faults();

    /* --- Blocked signals stay pending and are delivered once when unblocked. --- */
    {
        set_handler(SIGUSR1, info_handler, 0);
        reset_info();
        sigset_t s, old;
        sigemptyset(&s);
        sigaddset(&s, SIGUSR1);
        sigprocmask(SIG_BLOCK, &s, &old);
        kill(me, SIGUSR1);
        kill(me, SIGUSR1);
        CHECK_EQ(hits, 0, "a blocked signal is not delivered");
        CHECK(is_pending(SIGUSR1), "sigpending shows it");
        CHECK(!is_pending(SIGUSR2), "and nothing else");
        sigprocmask(SIG_SETMASK, &old, NULL);
        CHECK_EQ(hits, 1, "unblocking delivers it, once (standard signals do not queue)");
        CHECK(!is_pending(SIGUSR1), "no longer pending");
        /* SIG_IGN discards a pending signal. */
        sigprocmask(SIG_BLOCK, &s, NULL);
        kill(me, SIGUSR1);
        signal(SIGUSR1, SIG_IGN);
        CHECK(!is_pending(SIGUSR1), "setting SIG_IGN discards the pending signal");
        set_handler(SIGUSR1, info_handler, 0);
        reset_info();
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        CHECK_EQ(hits, 0, "and it is not delivered later");
        /* Linux keeps a blocked signal pending even while it is ignored (the action may
         * change before it is unblocked); unblocked with SIG_IGN still, it is discarded. */
        signal(SIGUSR1, SIG_IGN);
        sigprocmask(SIG_BLOCK, &s, NULL);
        kill(me, SIGUSR1);
        CHECK(is_pending(SIGUSR1), "a blocked signal sent while ignored is kept pending");
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        CHECK(!is_pending(SIGUSR1), "unblocked while still ignored, it is discarded");
        /* Not blocked and ignored: dropped at once. */
        kill(me, SIGUSR1);
        CHECK(!is_pending(SIGUSR1), "an unblocked ignored signal is dropped at once");
    }

    /* --- sa_mask, SA_NODEFER, SA_RESETHAND, nesting, editing uc_sigmask. --- */
    {
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = info_handler;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGUSR2);
        sigaction(SIGUSR1, &sa, NULL);
        reset_info();
        raise(SIGUSR1);
        CHECK(hits == 1 && usr2_blocked_inside && blocked_inside, "sa_mask signals are blocked inside the handler");
        CHECK(!is_blocked(SIGUSR2) && !is_blocked(SIGUSR1), "and unblocked after it returns");
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGUSR1, &sa, NULL);
        reset_info();
        raise(SIGUSR1);
        CHECK(hits == 1 && !blocked_inside, "SA_NODEFER: the signal is not blocked inside its handler");
        sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
        sigaction(SIGUSR1, &sa, NULL);
        reset_info();
        raise(SIGUSR1);
        struct sigaction now;
        sigaction(SIGUSR1, NULL, &now);
        CHECK(hits == 1 && now.sa_handler == SIG_DFL, "SA_RESETHAND: the action is SIG_DFL after one delivery");
        CHECK((now.sa_flags & (SA_SIGINFO | SA_RESETHAND)) == (SA_SIGINFO | SA_RESETHAND),
              "SA_RESETHAND resets the handler only: the flags stay (LTP sigaction01)");
        sigaction(SIGUSR1, &sa, NULL);
        sigaction(SIGUSR1, NULL, &now);
        CHECK(now.sa_sigaction == info_handler && (now.sa_flags & (SA_SIGINFO | SA_RESETHAND)) == (SA_SIGINFO | SA_RESETHAND),
              "sigaction reads back the handler and flags");
        set_simple(SIGUSR1, nest_usr1, 0);
        set_simple(SIGUSR2, nest_usr2, 0);
        norder = 0;
        raise(SIGUSR1);
        CHECK(norder == 3 && order[0] == 1 && order[1] == 2 && order[2] == 3,
              "a handler raising another signal: the second handler nests inside the first");
        set_handler(SIGUSR1, mask_edit_handler, 0);
        raise(SIGUSR1);
        CHECK(is_blocked(SIGUSR2) && !is_blocked(SIGUSR1), "a handler adding to uc_sigmask changes the mask after return");
        unblock_all();
        set_simple(SIGUSR2, SIG_DFL, 0);
    }

    /* --- SIGCHLD. --- */
    {
        set_handler(SIGCHLD, chld_handler, SA_RESTART);
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGCHLD);
        sigprocmask(SIG_BLOCK, &s, NULL);
        chld_hits = 0;
        pid_t c = xfork();
        if (c == 0)
            _exit(5);
        int st = child_status(c);
        CHECK(st >= 0 && WEXITSTATUS(st) == 5 && is_pending(SIGCHLD), "a child's exit makes SIGCHLD pending");
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        tt_check(chld_hits == 1 && chld_code == CLD_EXITED && chld_pid == c && chld_status == 5,
                 "SIGCHLD handler: si_code CLD_EXITED, si_pid the child, si_status 5",
                 "hits %d, si_code %d (want %d), si_pid %s, si_status %d", (int)chld_hits, (int)chld_code, CLD_EXITED,
                 chld_pid == c ? "right" : "wrong", (int)chld_status);
        sigprocmask(SIG_BLOCK, &s, NULL);
        chld_hits = 0;
        c = xfork();
        if (c == 0)
            for (;;)
                pause();
        kill(c, SIGKILL);
        child_status(c);
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        tt_check(chld_hits == 1 && chld_code == CLD_KILLED && chld_pid == c && chld_status == SIGKILL,
                 "a killed child: si_code CLD_KILLED, si_status SIGKILL",
                 "hits %d, si_code %d (want %d), si_pid %s, si_status %d", (int)chld_hits, (int)chld_code, CLD_KILLED,
                 chld_pid == c ? "right" : "wrong", (int)chld_status);
        /* Unblocked: the handler runs while we wait (SA_RESTART keeps wait4 going). */
        chld_hits = 0;
        c = xfork();
        if (c == 0) {
            msleep(20);
            _exit(6);
        }
        st = child_status(c);
        CHECK(WEXITSTATUS(st) == 6 && chld_hits == 1, "the SIGCHLD handler runs when a child exits");
        set_simple(SIGCHLD, SIG_DFL, 0);
        /* Default action of SIGCHLD is to ignore it. */
        c = xfork();
        if (c == 0) {
            raise(SIGCHLD);
            pid_t g = fork();
            if (g == 0)
                _exit(0);
            msleep(20);
            waitpid(g, NULL, 0);
            _exit(0);
        }
        CHECK(exited_with(child_status(c), 0), "SIGCHLD's default action is to ignore it: the child survives");
    }

    /* --- EINTR without SA_RESTART, restart with it; nanosleep is never restarted. --- */
    {
        int fds[2];
        pipe(fds);
        set_simple(SIGUSR1, intr_handler, 0);
        intr_hits = 0;
        pid_t c = nagger(1000);
        char ch;
        errno = 0;
        ssize_t n = read(fds[0], &ch, 1);
        int e = errno;
        *stop_flag = 1;
        child_status(c);
        CHECK(n == -1 && e == EINTR && intr_hits >= 1, "a blocked pipe read interrupted by a handler: EINTR (no SA_RESTART)");

        set_simple(SIGUSR1, intr_handler, SA_RESTART);
        intr_hits = 0;
        c = xfork();
        if (c == 0) {
            for (int i = 0; i < 3; i++) {
                msleep(30);
                kill(getppid(), SIGUSR1);
            }
            msleep(30);
            write(fds[1], "z", 1);
            _exit(0);
        }
        errno = 0;
        n = read(fds[0], &ch, 1);
        child_status(c);
        CHECK(n == 1 && ch == 'z' && intr_hits >= 1, "with SA_RESTART the read restarts and gets the data");

        /* wait4 too. */
        int hold[2];
        pipe(hold);
        pid_t sleeper = xfork();
        if (sleeper == 0) {
            close(hold[1]);
            read(hold[0], &ch, 1);
            _exit(0);
        }
        close(hold[0]);
        set_simple(SIGUSR1, intr_handler, 0);
        c = nagger(1000);
        errno = 0;
        int st;
        pid_t r = waitpid(sleeper, &st, 0);
        e = errno;
        *stop_flag = 1;
        child_status(c);
        CHECK(r == -1 && e == EINTR, "wait4 interrupted by a handler: EINTR (no SA_RESTART)");
        set_simple(SIGUSR1, intr_handler, SA_RESTART);
        c = nagger(3);
        msleep(1); /* (nothing depends on this) */
        pid_t closer = xfork();
        if (closer == 0) {
            msleep(150);
            _exit(0);
        }
        /* The sleeper exits once the write end closes: we hold it, so close it now but
         * only after the nagger's signals had a chance to land in the wait. */
        pid_t r2 = waitpid(closer, &st, 0);
        close(hold[1]);
        r = waitpid(sleeper, &st, 0);
        child_status(c);
        CHECK(r2 == closer && r == sleeper && exited_with(st, 0), "with SA_RESTART wait4 restarts and reaps the child");

        /* nanosleep returns EINTR even with SA_RESTART. */
        intr_hits = 0;
        c = nagger(1000);
        struct timespec ts = {5, 0}, rem = {0, 0};
        errno = 0;
        int rc = nanosleep(&ts, &rem);
        e = errno;
        *stop_flag = 1;
        child_status(c);
        CHECK(rc == -1 && e == EINTR && intr_hits >= 1, "nanosleep interrupted: EINTR even with SA_RESTART");
        CHECK(rem.tv_sec < 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0), "nanosleep reports the remaining time");
        close(fds[0]);
        close(fds[1]);
        signal(SIGUSR1, SIG_IGN);
        msleep(30); /* a last signal from a nagger may still be in flight: ignored */
    }

    /* --- Default actions, in children. --- */
    {
        int fds[2], ready[2];
        pipe(fds);
        pipe(ready);
        static const int sigs[] = {SIGTERM, SIGUSR1, SIGHUP, SIGINT};
        for (int i = 0; i < 4; i++) {
            pid_t c = xfork();
            if (c == 0) {
                signal(sigs[i], SIG_DFL);
                char ch;
                close(fds[1]);
                write(ready[1], "r", 1);
                read(fds[0], &ch, 1);
                _exit(0);
            }
            char ch;
            read(ready[0], &ch, 1);
            kill(c, sigs[i]);
            int st = child_status(c);
            char what[80];
            snprintf(what, sizeof what, "default action of signal %d terminates the child (WTERMSIG %d)", sigs[i], sigs[i]);
            tt_check(killed_by(st, sigs[i]) && !WCOREDUMP(st), what, "status %#x", st);
        }
        close(fds[0]);
        close(fds[1]);
        close(ready[0]);
        close(ready[1]);
        pid_t c = xfork();
        if (c == 0) {
            signal(SIGURG, SIG_DFL);
            signal(SIGWINCH, SIG_DFL);
            signal(SIGCONT, SIG_DFL);
            raise(SIGURG);
            raise(SIGWINCH);
            raise(SIGCONT);
            signal(SIGTERM, SIG_IGN);
            raise(SIGTERM);
            kill(getpid(), SIGTERM);
            _exit(0);
        }
        CHECK(exited_with(child_status(c), 0),
              "SIGURG, SIGWINCH, SIGCONT are ignored by default; SIG_IGN SIGTERM is ignored");
    }

    /* --- fork keeps handlers, mask and ignored signals; execve resets handlers only. --- */
    {
        set_simple(SIGUSR1, intr_handler, 0);
        signal(SIGUSR2, SIG_IGN);
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGTERM);
        sigprocmask(SIG_BLOCK, &s, NULL);
        kill(me, SIGTERM); /* pending in the parent: a child does not inherit it */
        pid_t c = xfork();
        if (c == 0) {
            int bad = 0;
            struct sigaction now;
            sigaction(SIGUSR1, NULL, &now);
            bad |= (now.sa_handler != intr_handler) << 0;
            sigaction(SIGUSR2, NULL, &now);
            bad |= (now.sa_handler != SIG_IGN) << 1;
            bad |= !is_blocked(SIGTERM) << 2;
            bad |= is_pending(SIGTERM) << 3;
            intr_hits = 0;
            raise(SIGUSR1);
            bad |= (intr_hits != 1) << 4;
            _exit(bad);
        }
        int st = child_status(c);
        CHECK(exited_with(st, 0), "fork: the child has the handlers, ignored signals and mask, and no pending signals");
        /* Discard our own pending SIGTERM. */
        signal(SIGTERM, SIG_IGN);
        signal(SIGTERM, SIG_DFL);
        CHECK(!is_pending(SIGTERM), "pending SIGTERM discarded");
        c = xfork();
        if (c == 0) {
            raise(SIGTERM); /* blocked: stays pending across execve */
            char *av[] = {argv[0], "exec-report", NULL};
            exec_self(av);
            _exit(127);
        }
        st = child_status(c);
        CHECK(exited_with(st, 0), "execve: the new program checked its signal state (lines above)");
        unblock_all();
        signal(SIGUSR2, SIG_DFL);
    }

    reap_all();
    return tt_done();
}
