/*
 * proc.c - the process table, kernel stacks, descriptors, the first
 * process, and how processes end.
 */
#include "proc/proc.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/power.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "lib/cmdline.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "proc/exec.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

static struct proc *table[PROC_MAX_DEFAULT];
static int next_pid = 1;

#define KSTACK_PAGES (KERNEL_STACK_SIZE / PAGE_SIZE)

static uint64_t kstack_base(int slot) { return KSTACKS_BASE + (uint64_t)slot * KSTACK_SLOT + KERNEL_STACK_SIZE; }

static void kstack_free(int slot)
{
    for (int i = 0; i < KSTACK_PAGES; i++) {
        uint64_t pa;
        if (paging_unmap(paging_kernel_root(), kstack_base(slot) + (uint64_t)i * PAGE_SIZE, &pa) == 0)
            pmm_free(pa);
    }
}

/* Maps the stack pages of slot; the page-sized hole below them (the lower
 * half of the slot) stays unmapped as the guard. */
static int kstack_alloc(int slot)
{
    for (int i = 0; i < KSTACK_PAGES; i++) {
        uint64_t pa = pmm_alloc();
        if (!pa || paging_map(paging_kernel_root(), kstack_base(slot) + (uint64_t)i * PAGE_SIZE, pa,
                              PTE_W | PTE_G | paging_nx_bit())) {
            if (pa)
                pmm_free(pa);
            kstack_free(slot);
            return -ENOMEM;
        }
    }
    return 0;
}

static bool pid_in_use(int pid)
{
    for (int i = 0; i < PROC_MAX_DEFAULT; i++)
        if (table[i] && table[i]->pid == pid)
            return true;
    return false;
}

struct proc *proc_alloc(void)
{
    int slot = -1;
    for (int i = 0; i < PROC_MAX_DEFAULT && slot < 0; i++)
        if (!table[i])
            slot = i;
    if (slot < 0)
        return NULL;
    struct proc *p = kzalloc(sizeof *p);
    if (!p)
        return NULL;
    if (kstack_alloc(slot)) {
        kfree(p);
        return NULL;
    }
    /* PIDs count up and wrap at Linux's default pid_max, skipping the live
     * ones (and zombies: a PID is reused only after its parent reaped it). */
    do {
        p->pid = next_pid;
        next_pid = next_pid >= 32768 ? 2 : next_pid + 1;
    } while (pid_in_use(p->pid));
    p->slot = slot;
    p->kstack_top = kstack_base(slot) + KERNEL_STACK_SIZE;
    p->state = PROC_READY;
    p->cwd = ramfs_root();
    table[slot] = p;
    return p;
}

int proc_count(void)
{
    int n = 0;
    for (int i = 0; i < PROC_MAX_DEFAULT; i++)
        n += table[i] != NULL;
    return n;
}

static void close_files(struct proc *p)
{
    for (int fd = 0; fd < NOFILE; fd++) {
        if (p->files[fd]) {
            file_put(p->files[fd]);
            p->files[fd] = NULL;
        }
    }
}

void proc_free(struct proc *p)
{
    close_files(p);
    vm_destroy(p->mm);
    kstack_free(p->slot);
    table[p->slot] = NULL;
    kfree(p);
}

int fd_install(struct proc *p, int fd, struct file *f, bool cloexec)
{
    if (fd < 0) {
        for (fd = 0; fd < NOFILE && p->files[fd]; fd++)
            ;
        if (fd == NOFILE)
            return -EMFILE;
    }
    p->files[fd] = f;
    p->cloexec[fd] = cloexec;
    return fd;
}

struct file *fd_get(struct proc *p, int fd)
{
    if (fd < 0 || fd >= NOFILE)
        return NULL;
    return p->files[fd];
}

void trap_enter_user(struct trap_frame *f) __attribute__((noreturn));

static struct file *open_device(const char *path)
{
    struct inode *dev;
    if (ramfs_lookup(NULL, path, 1, &dev))
        panic("no %s", path);
    struct file *f = file_new(dev, dev->fops, O_RDWR);
    if (!f)
        panic("out of memory opening %s", path);
    return f;
}

void proc_start_init(const char *const *paths, const char *const *args, int nargs, const char *errdev)
{
    struct proc *p = proc_alloc();
    if (!p)
        panic("cannot allocate the first process");
    struct file *con = open_device("/dev/console");
    fd_install(p, 0, con, false);
    fd_install(p, 1, file_get(con), false);
    fd_install(p, 2, errdev ? open_device(errdev) : file_get(con), false);
    const char *envp[] = {"HOME=/", "PATH=/bin:/sbin:/usr/bin", "TERM=linux"};
    const char *argv[CMDLINE_MAX_OPTS + 1];
    for (int i = 0; i < nargs && i < CMDLINE_MAX_OPTS; i++)
        argv[i + 1] = args[i];
    int err = -ENOENT;
    const char *path = NULL;
    for (int i = 0; paths[i] && err; i++) {
        path = paths[i];
        argv[0] = path;
        err = exec_program(p, path, argv, nargs + 1, envp, 3, proc_frame(p));
        if (err && err != -ENOENT)
            kprintf("init: cannot run %s (error %d)\n", path, err);
    }
    if (err)
        panic("no init program found (tried %s%s); boot with init=/path or put /sbin/init in the initramfs", paths[0],
              paths[1] ? " and others" : "");
    p->state = PROC_RUNNING;
    this_cpu()->current = p;
    percpu_set_kernel_stack(p->kstack_top);
    vm_activate(p->mm);
    trap_enter_user(proc_frame(p));
}

static const char *signal_name(int sig)
{
    static const char *const names[] = {
        [SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",   [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
        [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",
        [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
        [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
    };
    return sig > 0 && sig < (int)(sizeof names / sizeof names[0]) && names[sig] ? names[sig] : "signal";
}

void proc_exit(int wait_status)
{
    struct proc *p = current();
    cli();
    p->wait_status = wait_status;
    p->state = PROC_ZOMBIE;
    close_files(p);
    if (p->pid == 1) {
        uint64_t before = pmm_free_frames();
        vm_destroy(p->mm);
        p->mm = NULL;
        /* tools/tinyos-run reads this line from the kernel log. */
        if (wait_status & 0x7f)
            kprintf("init killed by signal %d (%s)\n", wait_status & 0x7f, signal_name(wait_status & 0x7f));
        else
            kprintf("init exited with status %d\n", (wait_status >> 8) & 0xff);
        kprintf("free frames after init: %lu (+%lu from its address space)\n", pmm_free_frames(),
                pmm_free_frames() - before);
        machine_exit((wait_status & 0x7f) ? EXIT_INIT_KILLED : ((wait_status >> 8) & 0x7f));
    }
    panic("process %d exited, but only init exists so far", p->pid);
}

void proc_fault_kill(const struct trap_frame *f, int sig, uint64_t addr, const char *what)
{
    struct proc *p = current();
    /* One line, in the spirit of Linux's show_signal_msg(). */
    if (sig == SIGSEGV && what == NULL)
        kprintf("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n", p->name, p->pid, addr, f->rip, f->rsp,
                f->error_code);
    else
        kprintf("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", p->name, p->pid, what, f->rip, f->rsp, f->error_code);
    proc_exit(sig);
}
