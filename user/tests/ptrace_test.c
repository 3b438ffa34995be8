/* ptrace_test.c - ptrace(2) as a small tracer uses it: PTRACE_TRACEME and
 * the signal-delivery-stop the tracer sees with waitpid, PEEKDATA and
 * POKEDATA, POKETEXT into read-only data (a private copy-on-write break:
 * the tracer's own copy is untouched), GETREGS, PEEKUSER, GETSIGINFO,
 * suppressing and injecting signals, PTRACE_SYSCALL with
 * PTRACE_O_TRACESYSGOOD (counting a child's system calls and reading
 * orig_rax at the entry stops), PTRACE_ATTACH / DETACH, PTRACE_KILL,
 * /proc/PID/status TracerPid, and the errors (EPERM, ESRCH, EIO, EINVAL)
 * in Linux's order. Differential. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "tt.h"

#define NR_ptrace 101
#define T_TRACEME 0
#define T_PEEKDATA 2
#define T_PEEKUSER 3
#define T_POKETEXT 4
#define T_POKEDATA 5
#define T_CONT 7
#define T_KILL 8
#define T_GETREGS 12
#define T_ATTACH 16
#define T_DETACH 17
#define T_SYSCALL 24
#define T_SETOPTIONS 0x4200
#define T_GETSIGINFO 0x4202
#define O_TRACESYSGOOD 1

/* struct user_regs_struct's indices used here. */
#define REG_ORIG_RAX 15
#define REG_CS 17
#define REG_SS 20

static long pt(long req, long pid, long addr, long data) { return raw_syscall6(NR_ptrace, req, pid, addr, data, 0, 0); }

static volatile long shared_word = 0x1122334455667788;
static const long ro_word = 42; /* in read-only data */
static volatile int got_usr1;

static void on_usr1(int s)
{
    (void)s;
    got_usr1 = 1;
}

static int wait_stop(pid_t c)
{
    int st = child_status(c);
    return st >= 0 && WIFSTOPPED(st) ? WSTOPSIG(st) : -1;
}

static void traceme_memory_regs(void)
{
    pid_t c = xfork();
    if (c == 0) {
        signal(SIGUSR1, on_usr1);
        if (pt(T_TRACEME, 0, 0, 0))
            _exit(10);
        if (pt(T_TRACEME, 0, 0, 0) != -EPERM) /* once only */
            _exit(11);
        kill(getpid(), SIGUSR1); /* stops for the tracer, which drops it */
        if (got_usr1)
            _exit(12);
        kill(getpid(), SIGSTOP);
        /* The tracer poked these. */
        _exit(shared_word == 7 && *(volatile const long *)&ro_word == 43 ? 0 : 13);
    }
    CHECK_EQ(wait_stop(c), SIGUSR1, "signal-delivery-stop reports SIGUSR1");
    long si[16];
    CHECK_EQ(pt(T_GETSIGINFO, c, 0, (long)si), 0, "GETSIGINFO");
    CHECK_EQ((int)si[0], SIGUSR1, "si_signo of the stop");
    CHECK_EQ(pt(T_GETSIGINFO, c, 0, 8), -EFAULT, "GETSIGINFO to a bad pointer: EFAULT");
    long v = 0;
    CHECK_EQ(pt(T_PEEKDATA, c, (long)&shared_word, (long)&v), 0, "PEEKDATA");
    CHECK(v == 0x1122334455667788, "PEEKDATA reads the child's word");
    CHECK_EQ(pt(T_PEEKDATA, c, 0, (long)&v), -EIO, "PEEKDATA at 0: EIO");
    CHECK_EQ(pt(T_PEEKDATA, c, -1, (long)&v), -EIO, "PEEKDATA at -1: EIO");
    CHECK_EQ(pt(T_POKEDATA, c, (long)&shared_word, 7), 0, "POKEDATA");
    CHECK_EQ(pt(T_POKETEXT, c, (long)&ro_word, 43), 0, "POKETEXT into read-only data");
    CHECK(ro_word == 42 && shared_word == 0x1122334455667788, "the tracer's own copies are unchanged");
    CHECK_EQ(pt(T_PEEKDATA, c, (long)&ro_word, (long)&v), 0, "PEEKDATA of the poked word");
    CHECK_EQ(v, 43, "the child sees the poked word");
    long regs[27];
    CHECK_EQ(pt(T_GETREGS, c, 0, (long)regs), 0, "GETREGS");
    CHECK(regs[REG_CS] == 0x33 && regs[REG_SS] == 0x2b, "user cs and ss");
    CHECK_EQ(pt(T_GETREGS, c, 0, 1), -EFAULT, "GETREGS to a bad pointer: EFAULT");
    long cs = 0;
    CHECK_EQ(pt(T_PEEKUSER, c, 8 * REG_CS, (long)&cs), 0, "PEEKUSER cs");
    CHECK_EQ(cs, 0x33, "PEEKUSER cs value");
    CHECK_EQ(pt(T_PEEKUSER, c, 3, (long)&cs), -EIO, "PEEKUSER unaligned: EIO");
    CHECK_EQ(pt(T_PEEKUSER, c, 928, (long)&cs), -EIO, "PEEKUSER past struct user: EIO");
    CHECK_EQ(pt(T_SETOPTIONS, c, 0, 0x40000000), -EINVAL, "SETOPTIONS unknown option: EINVAL");
    CHECK_EQ(pt(T_CONT, c, 0, 65), -EIO, "CONT with signal 65: EIO");
    CHECK_EQ(pt(T_CONT, c, 0, 0), 0, "CONT dropping SIGUSR1");
    CHECK_EQ(wait_stop(c), SIGSTOP, "signal-delivery-stop reports SIGSTOP");
    CHECK_EQ(pt(T_CONT, c, 0, 0), 0, "CONT dropping SIGSTOP");
    CHECK(exited_with(child_status(c), 0), "child saw the pokes and no SIGUSR1");
}

/* The child makes three getppid calls; the tracer counts their entry and
 * exit stops. */
static void syscall_stops(void)
{
    pid_t c = xfork();
    if (c == 0) {
        pt(T_TRACEME, 0, 0, 0);
        kill(getpid(), SIGSTOP);
        for (int i = 0; i < 3; i++)
            raw_syscall(SYS_getppid, 0, 0, 0);
        raw_syscall(SYS_exit_group, 5, 0, 0);
    }
    CHECK_EQ(wait_stop(c), SIGSTOP, "initial stop");
    CHECK_EQ(pt(T_SETOPTIONS, c, 0, O_TRACESYSGOOD), 0, "SETOPTIONS TRACESYSGOOD");
    int getppid_stops = 0, other = 0, st = 0;
    pt(T_SYSCALL, c, 0, 0);
    for (;;) {
        st = child_status(c);
        if (st < 0 || !WIFSTOPPED(st))
            break;
        if (WSTOPSIG(st) == (SIGTRAP | 0x80)) {
            long nr = 0;
            pt(T_PEEKUSER, c, 8 * REG_ORIG_RAX, (long)&nr);
            if (nr == SYS_getppid)
                getppid_stops++;
            else if (nr != SYS_exit_group)
                other++;
        }
        pt(T_SYSCALL, c, 0, 0);
    }
    CHECK_EQ(getppid_stops, 6, "three getppid calls: six syscall stops");
    CHECK_EQ(other, 0, "no other calls");
    CHECK(exited_with(st, 5), "the traced child exits 5");
}

static int tracer_pid_of(pid_t c)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/status", c);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int tp = -1;
    while (fgets(buf, sizeof buf, f))
        if (sscanf(buf, "TracerPid: %d", &tp) == 1)
            break;
    fclose(f);
    return tp;
}

static void attach_detach_kill(void)
{
    CHECK_EQ(pt(T_ATTACH, getpid(), 0, 0), -EPERM, "ATTACH to self: EPERM");
    pid_t c = xfork();
    if (c == 0) {
        for (;;)
            pause();
    }
    CHECK_EQ(pt(T_PEEKDATA, c, (long)&shared_word, 0), -ESRCH, "PEEKDATA of an untraced child: ESRCH");
    CHECK_EQ(pt(T_ATTACH, c, 0, 0), 0, "ATTACH");
    CHECK_EQ(pt(T_ATTACH, c, 0, 0), -EPERM, "ATTACH twice: EPERM");
    CHECK_EQ(wait_stop(c), SIGSTOP, "ATTACH's SIGSTOP stop");
    CHECK_EQ(tracer_pid_of(c), getpid(), "TracerPid");
    CHECK_EQ(pt(T_DETACH, c, 0, 0), 0, "DETACH");
    CHECK_EQ(tracer_pid_of(c), 0, "TracerPid after DETACH");
    CHECK_EQ(pt(T_KILL, c, 0, 0), -ESRCH, "KILL after DETACH: ESRCH");
    CHECK_EQ(pt(T_ATTACH, c, 0, 0), 0, "ATTACH again");
    CHECK_EQ(wait_stop(c), SIGSTOP, "stopped again");
    CHECK_EQ(pt(T_KILL, c, 0, 0), 0, "KILL");
    CHECK(killed_by(child_status(c), SIGKILL), "PTRACE_KILL kills");
    CHECK_EQ(pt(T_ATTACH, 999999, 0, 0), -ESRCH, "ATTACH to no process: ESRCH");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    traceme_memory_regs();
    syscall_stops();
    attach_detach_kill();
    reap_all();
    return tt_done();
}
