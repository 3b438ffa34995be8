/*
 * proc_offsets.h - where the system-call exit (arch/x86_64/syscall.S)
 * finds the fields of struct proc it tests on every call. proc.h checks
 * them against the struct at compile time; the fields sit at the start of
 * the struct so that other edits to it leave them alone.
 */
#ifndef PROC_PROC_OFFSETS_H
#define PROC_PROC_OFFSETS_H

#define PROC_LEADER 8
#define PROC_SIG_PENDING 16
#define PROC_SHARED_PENDING 24
#define PROC_EXIT_FLAGS 32
#define PROC_SYSCALL_WORK 35

#endif
