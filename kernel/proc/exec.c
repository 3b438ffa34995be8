/*
 * exec.c - load a static ELF64 executable (ET_EXEC or static-pie ET_DYN)
 * into a fresh address space, build the initial stack the x86-64 psABI
 * (3.4.1) describes, and aim the user frame at the entry point.
 * Validation is elf_check.c's job; the stack layout is user_stack.c's.
 */
#include "proc/exec.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pt_index.h"
#include "mm/vm.h"
#include "proc/elf_check.h"
#include "proc/exec_script.h"
#include "proc/signal.h"
#include "proc/wait.h"
#include "arch/x86_64/fpu.h"
#include "proc/user_stack.h"
#include "uapi/elf.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define MSR_FS_BASE 0xC0000100
#define RFLAGS_IF 0x200
#define RFLAGS_RESERVED 0x2

/* Maps every PT_LOAD segment of img into mm and copies its file bytes;
 * the rest of each segment (.bss) is demand-zero. */
static int load_segments(struct mm *mm, const struct elf_image *img, const char *file)
{
    for (int i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];
        uint64_t start = page_align_down(s->vaddr);
        uint64_t end = page_align_up(s->vaddr + s->memsz);
        int err = vm_map(mm, start, end - start, s->prot, 0);
        if (!err && s->filesz)
            err = vm_write(mm, s->vaddr, file + s->offset, s->filesz);
        if (err)
            return err;
    }
    return 0;
}

/* Bytes the argument block needs on the stack, or 0 if over the limit. */
static uint64_t args_size(const char *const *v, int n, uint64_t *total)
{
    for (int i = 0; i < n; i++) {
        *total += strlen(v[i]) + 1 + sizeof(uint64_t);
        if (*total > EXEC_ARG_MAX)
            return 0;
    }
    return *total;
}

static int build_stack(struct mm *mm, const struct elf_image *img, const char *path, const char *const *argv,
                       int argc, const char *const *envp, int envc, uint64_t *sp)
{
    uint64_t need = 0;
    if (!args_size(argv, argc, &need) || !args_size(envp, envc, &need))
        return -E2BIG;
    /* Strings and pointers, the execfn copy, auxv, alignment slack. */
    uint64_t size = page_align_up(need + strlen(path) + 1 + 64 * 16 + 256);
    int err = vm_map(mm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_MAX, PROT_READ | PROT_WRITE, VMA_STACK);
    if (err)
        return err;
    uint8_t *buf = kzalloc(size); /* all of it reaches user memory: no stale heap bytes */
    if (!buf)
        return -ENOMEM;
    uint32_t a, b, c, d;
    cpuid(1, 0, &a, &b, &c, &d);
    const struct auxv_pair aux[] = {
        {AT_PHDR, img->phdr_vaddr},  {AT_PHENT, img->phentsize}, {AT_PHNUM, img->phnum},
        {AT_PAGESZ, PAGE_SIZE},      {AT_BASE, 0},               {AT_FLAGS, 0},
        {AT_ENTRY, img->entry},      {AT_UID, 0},                {AT_EUID, 0},
        {AT_GID, 0},                 {AT_EGID, 0},               {AT_SECURE, 0},
        {AT_HWCAP, d},               {AT_HWCAP2, 0},             {AT_CLKTCK, 100},
    };
    uint8_t rnd[16];
    random_bytes(rnd, sizeof rnd);
    err = user_stack_build(buf, size, USER_STACK_TOP, argv, argc, envp, envc, path, rnd, aux,
                           (int)(sizeof aux / sizeof aux[0]), sp);
    if (!err)
        err = vm_write(mm, USER_STACK_TOP - size, buf, size);
    if (!err && argc > 0) {
        /* Remember where the argv strings went (/proc/PID/cmdline reads
         * them back): argv[0]'s pointer sits just above argc, and the
         * strings lie one after the other, argv[0] lowest. */
        const uint64_t *uargv = (const uint64_t *)(buf + (*sp - (USER_STACK_TOP - size)) + 8);
        mm->arg_start = uargv[0];
        mm->arg_end = uargv[argc - 1] + strlen(argv[argc - 1]) + 1;
    }
    kfree(buf);
    return err;
}

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

/* Replaces p's program with the ELF file ino. execfn is the name execve
 * was given (AT_EXECFN, the process name): the script's, when ino is
 * its interpreter. */
static int exec_elf(struct proc *p, struct inode *ino, const char *execfn, const char *const *argv, int argc,
                    const char *const *envp, int envc, struct trap_frame *f)
{
    const char *path = execfn;
    int err;
    struct elf_image img;
    err = elf_check(ino->data, ino->size, USER_PIE_BASE, USER_MIN, USER_MMAP_TOP, &img);
    if (err)
        return err;
    struct mm *mm = vm_create();
    if (!mm)
        return -ENOMEM;
    uint64_t sp = 0;
    err = load_segments(mm, &img, ino->data);
    if (!err)
        err = build_stack(mm, &img, path, argv, argc, envp, envc, &sp);
    if (err) {
        vm_destroy(mm);
        return err;
    }
    /* The point of no return: the old program goes. */
    mm->brk_start = mm->brk = img.highest;
    struct mm *old = p->mm;
    p->mm = mm;
    if (p == current())
        vm_activate(mm);
    vm_put(old); /* destroyed unless a vfork parent still uses it */
    set_name(p, path);
    inode_get(ino);
    if (p->exe)
        inode_put(p->exe);
    p->exe = ino;
    for (int fd = 0; fd < p->fdt->nused; fd++) {
        if (p->fdt->fd[fd] && p->fdt->cloexec[fd]) {
            file_put(p->fdt->fd[fd]);
            p->fdt->fd[fd] = NULL;
            p->fdt->cloexec[fd] = 0;
        }
    }
    p->fs_base = 0;
    if (p == current())
        wrmsr(MSR_FS_BASE, 0);
    signal_reset_on_exec(p);
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
    f->rip = img.entry;
    f->rsp = sp;
    f->cs = GDT_USER_CS;
    f->ss = GDT_USER_DS;
    f->rflags = RFLAGS_IF | RFLAGS_RESERVED;
    return 0;
}

/* Linux gives up after this many nested interpreters (ELOOP). */
#define SCRIPT_DEPTH_MAX 4

static int exec_file(struct proc *p, const char *file, const char *execfn, const char *const *argv, int argc,
                     const char *const *envp, int envc, struct trap_frame *f, int depth)
{
    struct inode *ino;
    int err = ramfs_lookup(p->cwd, file, 1, &ino);
    if (err)
        return err;
    if ((ino->mode & S_IFMT) != S_IFREG || !(ino->mode & 0111))
        return -EACCES;
    char *line = kmalloc(SCRIPT_LINE_MAX + 1);
    if (!line)
        return -ENOMEM;
    const char *interp, *arg;
    if (script_parse(ino->data, ino->size, line, &interp, &arg)) {
        kfree(line);
        return exec_elf(p, ino, execfn, argv, argc, envp, envc, f);
    }
    if (depth >= SCRIPT_DEPTH_MAX) {
        kfree(line);
        return -ELOOP;
    }
    /* execve(2), "Interpreter scripts": the interpreter gets its optional
     * argument, then the script's path as execve was given it, then the
     * original argv[1...] (argv[0] is dropped). */
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
    nargv[n++] = file;
    for (int i = skip; i < argc; i++)
        nargv[n++] = argv[i];
    nargv[n] = NULL;
    err = exec_file(p, interp, execfn, nargv, nargc, envp, envc, f, depth + 1);
    kfree(nargv);
    kfree(line);
    return err;
}

int exec_program(struct proc *p, const char *path, const char *const *argv, int argc, const char *const *envp,
                 int envc, struct trap_frame *f)
{
    return exec_file(p, path, path, argv, argc, envp, envc, f, 0);
}
