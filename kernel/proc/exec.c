/*
 * exec.c - load a static ELF64 executable (ET_EXEC or static-pie ET_DYN)
 * into a fresh address space, build the initial stack the x86-64 psABI
 * (3.4.1) describes, and aim the user frame at the entry point.
 * Validation is elf_check.c's job; the stack layout is user_stack.c's.
 * The program's segments are private mappings of the file (its page
 * cache): nothing is copied at exec, pages come in as they are touched,
 * and every process running a program shares its unwritten pages.
 */
#include "proc/exec.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/msr.h"
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
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define RFLAGS_IF 0x200
#define RFLAGS_RESERVED 0x2

/* Maps every PT_LOAD segment of img into mm: the file bytes as a private
 * mapping of f, the rest of each segment (.bss) as zeros: the tail of the
 * last file page cleared (a private copy of that page), whole pages past
 * it anonymous memory. */
static int load_segments(struct mm *mm, const struct elf_image *img, struct file *f)
{
    for (int i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];
        uint64_t start = page_align_down(s->vaddr);
        uint64_t file_end = s->vaddr + s->filesz, map_end = page_align_up(file_end);
        uint64_t mem_end = page_align_up(s->vaddr + s->memsz);
        int err = 0;
        if (s->filesz) {
            struct vma_file vf = {.file = f, .pgoff = page_align_down(s->offset) / PAGE_SIZE};
            err = f->ops->mmap ? f->ops->mmap(f, &vf) : -ENOEXEC;
            if (!err)
                err = vm_map(mm, start, map_end - start, s->prot, 0, &vf);
            if (!err && s->memsz > s->filesz && file_end % PAGE_SIZE)
                err = vm_write(mm, file_end, NULL, map_end - file_end);
        } else {
            map_end = start;
        }
        if (!err && mem_end > map_end)
            err = vm_map(mm, map_end, mem_end - map_end, s->prot, 0, NULL);
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
    int err = vm_map(mm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_MAX, PROT_READ | PROT_WRITE, VMA_STACK, NULL);
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

/* Replaces p's program with the ELF file file, whose first head_len
 * bytes are in head. execfn is the name execve was given (AT_EXECFN, the
 * process name): the script's, when file is its interpreter. */
static int exec_elf(struct proc *p, struct file *file, const char *head, size_t head_len, const char *execfn,
                    const char *const *argv, int argc, const char *const *envp, int envc, struct trap_frame *f)
{
    const char *path = execfn;
    int err;
    struct elf_image img;
    err = elf_check(head, head_len, file->inode->size, USER_PIE_BASE, USER_MIN, USER_MMAP_TOP, &img);
    if (err)
        return err;
    struct mm *mm = vm_create();
    if (!mm)
        return -ENOMEM;
    uint64_t sp = 0;
    err = load_segments(mm, &img, file);
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
    path_put(&p->exe);
    p->exe = file->path;
    path_get(&p->exe);
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

/* The bytes of a program's start exec reads: the ELF header and program
 * headers (or a script's "#!" line): 1 KiB holds them for every usual
 * program; headers past it are read too, up to HEAD_MAX. */
#define HEAD_FIRST 1024
#define HEAD_MAX 65536

/* Reads the head of the program file: *head (kmalloc'd) and its length. */
static int read_head(struct inode *inode, char **head, size_t *len)
{
    size_t want = inode->size < HEAD_FIRST ? inode->size : HEAD_FIRST;
    char *buf = kmalloc(HEAD_FIRST);
    if (!buf)
        return -ENOMEM;
    long n = kernel_read(inode, 0, buf, want);
    if (n >= 64 && !memcmp(buf, "\177ELF", 4)) {
        /* Program headers beyond the first page (e_phoff at 32, e_phnum at
         * 56): read up to their end. elf_check checks them. */
        uint64_t phoff;
        uint16_t phnum;
        memcpy(&phoff, buf + 32, 8);
        memcpy(&phnum, buf + 56, 2);
        uint64_t end = phoff + (uint64_t)phnum * 56;
        if (phoff < HEAD_MAX && end > (uint64_t)n && end <= HEAD_MAX && end <= inode->size) {
            char *big = kmalloc(end);
            if (!big) {
                kfree(buf);
                return -ENOMEM;
            }
            kfree(buf);
            buf = big;
            n = kernel_read(inode, 0, buf, end);
        }
    }
    if (n < 0) {
        kfree(buf);
        return (int)n;
    }
    *head = buf;
    *len = (size_t)n;
    return 0;
}

/* Opens the program at path for execve: a regular file with an execute
 * bit, on a mount that allows it (EACCES otherwise, as Linux answers). */
static int open_program(struct proc *p, const char *path, struct file **out)
{
    struct file *f;
    int err = vfs_open(&p->cwd, path, O_RDONLY, 0, &f);
    if (err)
        return err;
    if (!inode_is_reg(f->inode) || !(f->inode->mode & 0111) || (f->path.mnt->flags & MS_NOEXEC)) {
        file_put(f);
        return -EACCES;
    }
    *out = f;
    return 0;
}

/* Linux gives up after this many nested interpreters (ELOOP). */
#define SCRIPT_DEPTH_MAX 4

static int exec_file(struct proc *p, const char *file, const char *execfn, const char *const *argv, int argc,
                     const char *const *envp, int envc, struct trap_frame *f, int depth)
{
    struct file *prog;
    int err = open_program(p, file, &prog);
    if (err)
        return err;
    char *head = NULL;
    size_t head_len = 0;
    err = read_head(prog->inode, &head, &head_len);
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
