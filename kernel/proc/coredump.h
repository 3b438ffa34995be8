/*
 * coredump.h - core files, as Linux writes them (fs/coredump.c and
 * fs/binfmt_elf.c's elf_core_dump): a process killed by a signal whose
 * default action is "core" leaves an ELF ET_CORE file that gdb reads.
 *
 * coredump.c decides whether and where (RLIMIT_CORE, dumpability,
 * core_pattern, core_uses_pid, the O_EXCL-like create rules);
 * coredump_elf.c collects the threads' registers and the areas, and
 * writes the file.
 */
#ifndef PROC_COREDUMP_H
#define PROC_COREDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;
struct ksiginfo;
struct trap_frame;
struct core_snapshot;

/* Does sig's default action dump core (signal(7)'s "Core")? */
bool sig_dumps_core(int sig);

/* The current process is being killed by sig (info its siginfo, regs
 * the dying thread's user registers); interrupts are off. Writes the
 * core file if the rules allow, and says whether one was written: the
 * wait status then carries WCOREDUMP (0x80). Returns with interrupts
 * off. */
bool coredump_write(int sig, const struct ksiginfo *info, const struct trap_frame *regs);

/* The sysctls: /proc/sys/kernel/core_pattern, core_uses_pid and
 * /proc/sys/fs/suid_dumpable (read: text into buf; write: the new text). */
long coredump_read_pattern(int pid, char *buf, size_t size);
long coredump_write_pattern(const char *buf, size_t n);
long coredump_read_uses_pid(int pid, char *buf, size_t size);
long coredump_write_uses_pid(const char *buf, size_t n);
long coredump_read_suid_dumpable(int pid, char *buf, size_t size);
long coredump_write_suid_dumpable(const char *buf, size_t n);
/* What exec gives a process that gains privileges (Linux's
 * set_dumpable(suid_dumpable)): 0, 1, or 2 (root-owned cores, only to
 * an absolute core_pattern). */
int coredump_suid_dumpable(void);

/* coredump_elf.c: everything of the process a core holds but its memory
 * (notes, the list of areas), taken while nothing can change it
 * (interrupts off); NULL when out of memory. */
struct core_snapshot *core_snapshot_take(int sig, const struct ksiginfo *info, const struct trap_frame *regs);
/* Writes the core to f, at most limit bytes of it (RLIMIT_CORE: what
 * does not fit is cut off; pages never touched become holes, which do
 * not count), then frees the snapshot. */
void core_snapshot_write(struct core_snapshot *s, struct file *f, uint64_t limit);

#endif
