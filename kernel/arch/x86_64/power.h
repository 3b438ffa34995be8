/*
 * power.h - leaving the machine. Under QEMU with
 * "-device isa-debug-exit,iobase=0xf4,iosize=0x04", writing v to port 0xf4
 * makes QEMU exit with status (v << 1) | 1; tests decode that.
 */
#ifndef ARCH_X86_64_POWER_H
#define ARCH_X86_64_POWER_H

#define EXIT_OK 0        /* QEMU exits with 1   */
#define EXIT_FAILED 1    /* QEMU exits with 3   */
#define EXIT_PANIC 0x7F  /* QEMU exits with 255 */
/* When init exits with status N, QEMU exits with code (N & 0x7f) * 2 + 1;
 * killed by a signal: EXIT_INIT_KILLED. The kernel log line "init exited
 * with status N" / "init killed by signal S" carries the exact value. */
#define EXIT_INIT_KILLED 0x7E

/* Exits QEMU with code through isa-debug-exit, else powers off through
 * ACPI (QEMU's PM1a control port), else halts forever. */
__attribute__((noreturn)) void machine_exit(int code);
/* Restarts the machine (a hard reset); falls back to halting. */
__attribute__((noreturn)) void machine_reset(void);
/* Stops this CPU for good, interrupts off. */
__attribute__((noreturn)) void machine_halt(void);

#endif
