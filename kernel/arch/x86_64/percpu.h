/*
 * percpu.h - the per-CPU area, reached through the GS base in ring 0.
 *
 * In ring 3 the GS base belongs to the user (IA32_GS_BASE holds whatever
 * the program set; IA32_KERNEL_GS_BASE holds &percpu). Every entry from
 * ring 3 runs swapgs first, every exit to ring 3 runs it last (isr.S,
 * syscall.S), so in ring 0 %gs:0 is always this structure.
 * The offsets are used by assembly; keep them in step with the struct.
 */
#ifndef ARCH_X86_64_PERCPU_H
#define ARCH_X86_64_PERCPU_H

#define PERCPU_KERNEL_RSP 0 /* top of the current thread's kernel stack */
#define PERCPU_USER_RSP 8   /* the user RSP while syscall.S builds its frame */
#define PERCPU_SELF 16
#define PERCPU_CURRENT 24   /* the system-call exit tests the running process's signal state */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

struct percpu {
    uint64_t kernel_rsp;
    uint64_t user_rsp;
    struct percpu *self;
    struct proc *current; /* the running process, NULL before the first */
    bool irq_from_user;   /* the interrupt being handled came from ring 3 */
    bool no_user_faults;  /* usercopy's *_nofault: a fault on user memory fails at once */
};

_Static_assert(__builtin_offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, self) == PERCPU_SELF, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, current) == PERCPU_CURRENT, "percpu layout");

/* Points GS at the per-CPU area (one CPU: a single static instance). */
void percpu_init(void);

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__("movq %%gs:" "16" ", %0" : "=r"(p));
    return p;
}

/* The kernel stack the next entry from ring 3 will use: the syscall path
 * reads it from here, interrupts from TSS.RSP0. */
void percpu_set_kernel_stack(uint64_t top);
#endif

#endif
