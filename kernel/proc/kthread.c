/* kthread.c - see kthread.h. */
#include "proc/kthread.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "lib/string.h"
#include "fs/mount.h"
#include "mm/vm.h"
#include "proc/wait.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "uapi/errno.h"

/* The first "return" of context_switch into a new kernel thread lands
 * here (proc_alloc's frame layout, with the return address replaced).
 * The stack is where the thread's trap frame would be: not necessarily
 * 16-byte aligned as a call would leave it, hence force_align_arg_pointer. */
__attribute__((force_align_arg_pointer, noreturn)) static void kthread_entry(void)
{
    struct proc *p = current();
    sti(); /* the scheduler switched to us with interrupts off */
    p->kthread_fn(p->kthread_arg);
    for (;;) { /* a kernel thread's function never returns; if it did, park */
        cli();
        sleep_on(p);
    }
}

int kthread_start(const char *name, void (*fn)(void *arg), void *arg)
{
    uint64_t f = irq_save();
    struct proc *p = proc_alloc();
    if (!p) {
        irq_restore(f);
        return -EAGAIN;
    }
    p->state = PROC_BLOCKED; /* not runnable until filled in */
    p->kthread = true;
    p->kthread_fn = fn;
    p->kthread_arg = arg;
    p->cred = cred_get(&root_cred);
    p->mm = vm_create(); /* empty: /proc/PID/maps and cmdline read as nothing */
    fpu_init_area(p->fpu);
    p->root = p->cwd = mount_root_path(); /* /proc/PID/cwd and root name "/" */
    path_get(&p->root);
    path_get(&p->cwd);
    size_t n = strlen(name) < PROC_NAME_LEN - 1 ? strlen(name) : PROC_NAME_LEN - 1;
    memcpy(p->name, name, n);
    p->name[n] = '\0';
    p->pgid = p->sid = 0; /* Linux's kernel threads: session and group 0 */
    uint64_t *ctx = (uint64_t *)p->ctx_rsp;
    ctx[6] = (uint64_t)kthread_entry;
    int pid = p->pid;
    sched_make_ready(p);
    irq_restore(f);
    return pid;
}
