/*
 * sched.h - the scheduler. Which thread runs next is sched_policy.h's
 * choice (policies, priorities, queue order). A thread runs until it
 * blocks, yields, its turn ends or a higher one becomes runnable: the
 * timer interrupt (every 10 ms) or the wake-up asks
 * for a reschedule, which happens when the process is about to return to
 * ring 3 (the kernel itself is not preempted). The scheduler loop runs on
 * the boot stack; when nothing is runnable it halts the CPU.
 */
#ifndef PROC_SCHED_H
#define PROC_SCHED_H

#include <stdbool.h>

#include "arch/x86_64/trap_frame.h"

struct proc;

#define SCHED_SLICE_TICKS 1 /* one 10 ms tick */

/* The scheduler loop: never returns. */
__attribute__((noreturn)) void scheduler(void);
/* Gives up the CPU; the caller stays runnable. */
void yield(void);
/* Switches to the scheduler. Interrupts off; the caller set its state. */
void sched(void);
/* Makes p runnable. */
void sched_make_ready(struct proc *p);
/* Makes the CPU's rdtsc policy p's (PR_SET_TSC): called when p starts to
 * run, and by prctl when the running thread changes it. */
void sched_tsc_apply(const struct proc *p);

/* Set by the timer when the running process's slice is over; the ring-3
 * exits (return_to_user, and syscall.S's own test) then yield. */
extern volatile bool need_resched;

/* Work due before returning to ring 3 through frame f: a pending
 * reschedule and pending signals. Called by the syscall and interrupt
 * exit paths. */
void return_to_user(struct trap_frame *f);


#endif
