/*
 * ptrace.h - process tracing (ptrace(2)): the tracee side. A traced
 * thread stops for its tracer (a "ptrace-stop") at signal delivery, at
 * system-call entry and exit when PTRACE_SYSCALL asked, at execve and at
 * the events PTRACE_SETOPTIONS selects; the tracer sees the stop with
 * wait4 and resumes it with a signal to deliver (or none). The requests
 * themselves are syscall/sys_ptrace.c.
 */
#ifndef PROC_PTRACE_H
#define PROC_PTRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/trap_frame.h"

struct proc;
struct ksiginfo;

/* Requests (include/uapi/linux/ptrace.h, arch/x86 ones). */
#define PTRACE_TRACEME 0
#define PTRACE_PEEKTEXT 1
#define PTRACE_PEEKDATA 2
#define PTRACE_PEEKUSR 3
#define PTRACE_POKETEXT 4
#define PTRACE_POKEDATA 5
#define PTRACE_POKEUSR 6
#define PTRACE_CONT 7
#define PTRACE_KILL 8
#define PTRACE_SINGLESTEP 9
#define PTRACE_GETREGS 12
#define PTRACE_SETREGS 13
#define PTRACE_GETFPREGS 14
#define PTRACE_SETFPREGS 15
#define PTRACE_ATTACH 16
#define PTRACE_DETACH 17
#define PTRACE_SYSCALL 24
#define PTRACE_SETOPTIONS 0x4200
#define PTRACE_GETEVENTMSG 0x4201
#define PTRACE_GETSIGINFO 0x4202
#define PTRACE_SETSIGINFO 0x4203
#define PTRACE_SEIZE 0x4206
#define PTRACE_INTERRUPT 0x4207

/* Options (PTRACE_SETOPTIONS, PTRACE_SEIZE's data). */
#define PTRACE_O_TRACESYSGOOD 0x1
#define PTRACE_O_TRACEFORK 0x2
#define PTRACE_O_TRACEVFORK 0x4
#define PTRACE_O_TRACECLONE 0x8
#define PTRACE_O_TRACEEXEC 0x10
#define PTRACE_O_TRACEVFORKDONE 0x20
#define PTRACE_O_TRACEEXIT 0x40
#define PTRACE_O_TRACESECCOMP 0x80
#define PTRACE_O_EXITKILL 0x100000
#define PTRACE_O_SUSPEND_SECCOMP 0x200000
#define PTRACE_O_MASK 0x3000ff

/* Events: a ptrace-event-stop's wait status is SIGTRAP | event << 8. */
#define PTRACE_EVENT_FORK 1
#define PTRACE_EVENT_VFORK 2
#define PTRACE_EVENT_CLONE 3
#define PTRACE_EVENT_EXEC 4
#define PTRACE_EVENT_VFORK_DONE 5
#define PTRACE_EVENT_EXIT 6
#define PTRACE_EVENT_STOP 128

/* proc.ptrace_flags: the options in the low bits, state above them. */
#define PT_SEIZED (1u << 24)     /* PTRACE_SEIZE: no SIGTRAP after execve */
#define PT_STOPPED (1u << 25)    /* in a ptrace-stop: the tracer may inspect and resume it */
#define PT_UNREPORTED (1u << 26) /* the tracer's wait has not seen this stop */
#define PT_FORCED_TF (1u << 27)  /* TF set by PTRACE_SINGLESTEP, not by the program */

/* proc.syscall_work bits. */
#define SYSCALL_WORK_LOG 1    /* the strace boot option: log every call */
#define SYSCALL_WORK_PTRACE 2 /* PTRACE_SYSCALL: stop at entry and exit */

/* The strace boot option (syscall_trace sets it): every new process
 * gets SYSCALL_WORK_LOG. */
extern bool syscall_tracing;

/* May the tracer thread `tracer` attach to p (Linux's ptrace_attach
 * checks, in order): 0, -EPERM. */
int ptrace_may_attach(const struct proc *p);
/* Makes the current thread p's tracer (ATTACH, SEIZE: options, seize)
 * and, for ATTACH, sends p SIGSTOP; a process already stopped by a
 * signal turns into a ptrace-stop at once, as Linux's JOBCTL_TRAP_STOP. */
void ptrace_link(struct proc *p, struct proc *tracer, uint32_t options, bool seize, bool send_stop);
/* Ends tracing of p (DETACH, tracer exit): resumes it from a
 * ptrace-stop with sig (0: none). */
void ptrace_unlink(struct proc *p, int sig);
/* Resumes p from its ptrace-stop with sig. */
void ptrace_resume(struct proc *p, int sig);

/* Signal-delivery-stop: the current (traced) thread is about to take
 * sig with *info; it stops for the tracer. Returns the signal to deliver
 * instead (0: none), *info updated as Linux's ptrace_signal does. */
int ptrace_signal_stop(int sig, struct ksiginfo *info);
/* A traced thread that takes a stop signal: the group stop is reported
 * to the tracer as a ptrace-stop (kept simple: for this thread). */
void ptrace_group_stop(struct proc *p, int sig);
/* System-call entry (entry true) or exit stop, for PTRACE_SYSCALL. */
void ptrace_syscall_stop(bool entry);
/* An event stop (PTRACE_EVENT_*) with message msg, when the tracer's
 * options ask for it; false when they do not. */
bool ptrace_event(int event, uint64_t msg);
/* After a successful execve of the current thread: the exec event, or
 * the legacy SIGTRAP. */
void ptrace_exec(int old_pid);
/* A traced process forked child (clone flags), not yet runnable: the
 * child is traced too when the options say so. Returns the event the
 * parent then reports with ptrace_event (child's pid), or 0. */
int ptrace_fork(struct proc *child, uint64_t clone_flags);
/* PTRACE_INTERRUPT's stop, taken on the way back to user mode. */
void ptrace_interrupt_stop(void);
/* The current thread is exiting: its tracees are detached (killed with
 * PTRACE_O_EXITKILL), and a traced process's tracer learns of the exit. */
void ptrace_thread_exit(struct proc *p);
void ptrace_notify_exit(struct proc *leader);

#endif
