/*
 * strace.h - the `strace` boot option: one line per system call on the
 * kernel log, decoded as strace(1) prints it:
 *
 *   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *   read(3, "root:x:0:0:root:/root:/bin/sh\n"..., 4096) = 52
 *   openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)
 *
 * with "[pid N] " in front while more than one process exists. The option
 * may name a process: `strace=PID` traces that thread only, `strace=NAME`
 * the processes whose program is NAME (its comm). Each process carries
 * SYSCALL_WORK_LOG (proc/ptrace.h) from birth while the option is on, so
 * the only cost when it is off is syscall.S's one test of syscall_work.
 *
 * Lines go to the console (unless quiet) as they are and to the debug
 * console (the kernel log tools/tinyos-run keeps) behind STRACE_LOG_TAG,
 * so a reader can tell them from the rest of the log (tinyos-run
 * --strace prints them on its stderr).
 *
 * The decoding tables: strace_table.c (argument kinds per call, named by
 * uapi/syscall_nr.h), strace_args.c (how each kind prints: strings read
 * with the usercopy functions, flag sets, signal and errno names).
 */
#ifndef DEBUG_STRACE_H
#define DEBUG_STRACE_H

#include <stddef.h>
#include <stdint.h>

#define STRACE_LOG_TAG "strace| "

/* One call in flight: syscall_dispatch_traced keeps it on its stack. */
struct strace_call {
    uint32_t nr;
    uint64_t arg[6];
    char *line;   /* the formatted part (kmalloc'd), NULL when not traced */
    size_t len;
    uint8_t next; /* the first argument not formatted yet */
};

/* The option's value (main.c): "" traces everything. */
void strace_init(const char *filter);
/* Before the call runs: formats the arguments that must be read now
 * (strings, in-structures: execve's vanish with the old image), up to the
 * first output argument; exit and exit_group print their line at once. */
void strace_enter(struct strace_call *c);
/* After it: the rest of the arguments, " = " and the decoded result;
 * prints the line. */
void strace_exit(struct strace_call *c, long ret);

#endif
