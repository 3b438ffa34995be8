/*
 * exec.c - execve: what to run (an ELF program, or the interpreter of a
 * "#!" script), and the point of no return: the process gets the new
 * address space exec_load.c built, its descriptors marked close-on-exec
 * go, its signal handlers reset, and its user frame is aimed at the
 * entry point. The program's segments are private mappings of the file
 * (its page cache): nothing is copied at exec, pages come in as they are
 * touched, and every process running a program shares its unwritten pages.
 */
#include "proc/exec.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/msr.h"
#include "fs/permission.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "proc/coredump.h"
#include "proc/cred.h"
#include "proc/itimer.h"
#include "proc/ptrace.h"
#include "proc/exec_load.h"
#include "proc/futex.h"
#include "security/keys/keys.h"
#include "proc/exec_script.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "arch/x86_64/fpu.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define RFLAGS_IF 0x200
#define RFLAGS_RESERVED 0x2

static void set_name(struct proc *p, const char *path)
{
    const char *base = path;
    for (const char *s = path; *s; s++)
        if (*s == '/' && s[1])
            base = s + 1;
    size_t n = strnlen(base, PROC_NAME_LEN - 1);
    memcpy(p->name, base, n);
    p->name[n] = '\0';
}

/* Replaces p's program with the ELF file file, whose first head_len
 * bytes are in head. execfn is the name execve was given (AT_EXECFN, the
 * process name): the script's, when file is its interpreter. */
/* The credentials the program will run with (Linux's bprm_fill_uid and
 * cap_bprm_creds_from_file): a set-user-ID file makes its owner the
 * effective uid, a set-group-ID one with group execute its group the
 * effective gid (not on a nosuid mount, nor under no_new_privs); then the
 * saved and file-system ids become the effective ones. A new reference. */
static struct cred *exec_creds(const struct proc *p, const struct file *file)
{
    const struct cred *old = p->cred;
    struct cred *c = cred_copy(old, old->ngroups);
    if (!c)
        return NULL;
    const struct inode *inode = file->inode;
    bool allowed = !(file->path.mnt->flags & MS_NOSUID) && !p->no_new_privs;
    if (allowed && (inode->mode & S_ISUID))
        c->euid = inode->uid;
    if (allowed && (inode->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
        c->egid = inode->gid;
    c->suid = c->fsuid = c->euid;
    c->sgid = c->fsgid = c->egid;
    cred_exec_caps(old, c);
    return c;
}

static int exec_elf(struct proc *p, struct file *file, const char *head, size_t head_len, const char *execfn,
                    const char *const *argv, int argc, const char *const *envp, int envc, struct trap_frame *f)
{
    const char *path = execfn;
    struct exec_image ex;
    struct cred *cred = exec_creds(p, file);
    if (!cred)
        return -ENOMEM;
    int err = exec_load_elf(p, file, head, head_len, execfn, argv, argc, envp, envc, cred, &ex);
    if (err) {
        cred_put(cred);
        return err;
    }
    p->personality = exec_personality(p, cred); /* computed before p->cred changes below */
    p->membarrier = 0; /* registrations belong to the old address space (Linux's membarrier_exec_mmap) */
    if (p == current())
        cred_install(cred);
    else {
        cred_put(p->cred);
        p->cred = cred;
    }
    /* Linux's begin_new_exec, after the new ids are in place: the new
     * program is dumpable unless it runs with effective ids other than its
     * real ones or its caller could not read it (would_dump: /proc/PID/mem
     * must not show what the file's mode hides); then suid_dumpable. */
    p->dumpable = exec_secure(cred) || inode_permission(file->inode, MAY_READ) ? coredump_suid_dumpable() : 1;
    struct mm *mm = ex.mm;
    /* The point of no return: the old program goes. */
    futex_exit_robust(p); /* its robust futexes die with it (Linux's exec_mm_release) */
    keys_exec(p);         /* no thread or process keyring survives (Linux's prepare_exec_creds) */
    struct mm *old = p->mm;
    p->mm = mm;
    if (p == current())
        vm_activate(mm);
    vm_put(old); /* destroyed unless a vfork parent still uses it */
    set_name(p, path);
    proc_set_exe(p, &file->path);
    for (int fd = 0; fd < p->fdt->nused; fd++) {
        if (p->fdt->fd[fd] && p->fdt->cloexec[fd]) {
            file_close(p->fdt->fd[fd]);
            p->fdt->fd[fd] = NULL;
            p->fdt->cloexec[fd] = 0;
        }
    }
    p->fs_base = 0;
    if (p == current())
        wrmsr(MSR_FS_BASE, 0);
    signal_reset_on_exec(p);
    proc_timers_exec(p);
    p->did_exec = true;
    if (p->vfork_parent) { /* the vfork parent may go on now */
        p->vfork_parent->vfork_done = true;
        wakeup(&p->vfork_parent->vfork_done);
        p->vfork_parent = NULL;
    }
    if (p->fpu)
        fpu_init_area(p->fpu);
    if (p == current())
        fpu_restore(fpu_clean_area());
    memset(f, 0, sizeof *f);
    f->rip = ex.entry;
    f->rsp = ex.sp;
    f->cs = GDT_USER_CS;
    f->ss = GDT_USER_DS;
    f->rflags = RFLAGS_IF | RFLAGS_RESERVED;
    if (p->tracer) /* PTRACE_EVENT_EXEC, or the SIGTRAP a tracer expects */
        ptrace_exec(p->pid);
    return 0;
}

/* Linux gives up after this many nested interpreters (ELOOP). */
#define SCRIPT_DEPTH_MAX 4

/* Runs t's program (an ELF file, or a script's interpreter, depth deep:
 * then t holds the interpreter's path and execfn stays the script's). */
static int exec_file(struct proc *p, const struct exec_target *t, const char *const *argv, int argc,
                     const char *const *envp, int envc, struct trap_frame *f, int depth)
{
    const char *execfn = t->execfn;
    struct file *prog;
    int err = exec_open(p, t->start, t->path, t->open_flags, &prog);
    if (err)
        return err;
    char *head = NULL;
    size_t head_len = 0;
    err = exec_read_head(prog->inode, &head, &head_len);
    if (err) {
        file_put(prog);
        return err;
    }
    char *line = kmalloc(SCRIPT_LINE_MAX + 1);
    if (!line) {
        kfree(head);
        file_put(prog);
        return -ENOMEM;
    }
    const char *interp, *arg;
    if (script_parse(head, head_len, line, &interp, &arg)) {
        kfree(line);
        err = exec_elf(p, prog, head, head_len, execfn, argv, argc, envp, envc, f);
        kfree(head);
        file_put(prog); /* the mappings hold their own references */
        return err;
    }
    kfree(head);
    file_put(prog);
    if (t->path_inaccessible) {
        kfree(line); /* the interpreter could not open the script (Linux's BINPRM_FLAGS_PATH_INACCESSIBLE) */
        return -ENOENT;
    }
    if (depth >= SCRIPT_DEPTH_MAX) {
        kfree(line);
        return -ELOOP;
    }
    /* execve(2), "Interpreter scripts": the interpreter gets its optional
     * argument, then the script's path as execve was given it (execfn;
     * for a nested script, its interpreter's path), then the original
     * argv[1...] (argv[0] is dropped). */
    int skip = argc > 0 ? 1 : 0;
    int nargc = (arg ? 2 : 1) + 1 + argc - skip;
    const char **nargv = kmalloc(sizeof(char *) * (size_t)(nargc + 1));
    if (!nargv) {
        kfree(line);
        return -ENOMEM;
    }
    int n = 0;
    nargv[n++] = interp;
    if (arg)
        nargv[n++] = arg;
    nargv[n++] = depth ? t->path : execfn;
    for (int i = skip; i < argc; i++)
        nargv[n++] = argv[i];
    nargv[n] = NULL;
    struct exec_target it = {NULL, interp, 0, execfn, false};
    err = exec_file(p, &it, nargv, nargc, envp, envc, f, depth + 1);
    kfree(nargv);
    kfree(line);
    return err;
}

int exec_program(struct proc *p, const char *path, const char *const *argv, int argc, const char *const *envp,
                 int envc, struct trap_frame *f)
{
    struct exec_target t = {NULL, path, 0, path, false};
    return exec_file(p, &t, argv, argc, envp, envc, f, 0);
}

int exec_program_at(struct proc *p, const struct exec_target *t, const char *const *argv, int argc,
                    const char *const *envp, int envc, struct trap_frame *f)
{
    return exec_file(p, t, argv, argc, envp, envc, f, 0);
}
