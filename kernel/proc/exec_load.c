/*
 * exec_load.c - a new program's address space: the ELF program mapped
 * from its file, the ELF interpreter it names (PT_INTERP, glibc's ld.so)
 * mapped beside it, and the initial stack with argv, envp and the
 * auxiliary vector. Nothing of the calling process changes here: exec.c
 * commits the result (see exec_load.h).
 *
 * Where things go, as Linux x86_64 does (the random parts from
 * mm/aslr.h, zero when randomization is off for the program):
 *   - the stack's 8 MiB below a stack top up to 16 GiB under
 *     USER_STACK_TOP, its tables 0..8191 bytes below the strings;
 *   - mm->mmap_base below the stack's gap, 1 TiB of choice lower; the
 *     interpreter, a static-pie (an ET_DYN without PT_INTERP: ld.so run
 *     directly too) and every mmap without a place go top-down below it;
 *   - ET_EXEC programs at their own addresses; PIE programs (ET_DYN with
 *     PT_INTERP) at ELF_ET_DYN_BASE (0x555555554000, two thirds of the
 *     47-bit space) plus 1 TiB of choice, aligned as their segments ask;
 *   - the heap (brk) right after the program's last segment, 0..1 GiB
 *     higher with randomize_va_space 2 (a static-pie's at ELF_ET_DYN_BASE
 *     then, away from the mmap area, as Linux).
 * The validation is elf_check.c's, the stack layout user_stack.c's.
 */
#include "proc/exec_load.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/signal_frame.h"
#include "fs/memfd.h"
#include "fs/vfs.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/aslr.h"
#include "mm/kmalloc.h"
#include "mm/pt_index.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/elf_check.h"
#include "proc/exec.h"
#include "proc/rlimit.h"
#include "proc/user_stack.h"
#include "uapi/elf.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/personality.h"

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
static bool args_size(const char *const *v, int n, uint64_t *total)
{
    for (int i = 0; i < n; i++) {
        *total += strlen(v[i]) + 1 + sizeof(uint64_t);
        if (*total > EXEC_ARG_MAX)
            return false;
    }
    return true; /* an empty list too (a zero total is no error) */
}

/* build_stack's auxiliary-vector values from the program (and its
 * interpreter, when it has one). */
struct aux_values {
    uint64_t base; /* AT_BASE: where the interpreter was loaded (0: none) */
    uint64_t stack_top, shift; /* the stack's top and the tables' drop below the strings */
    const struct cred *cred; /* the ids the program runs with (AT_UID ... AT_SECURE) */
};

static int build_stack(struct mm *mm, const struct elf_image *img, const struct aux_values *av, const char *path,
                       const char *const *argv, int argc, const char *const *envp, int envc, uint64_t *sp)
{
    uint64_t need = 0;
    if (!args_size(argv, argc, &need) || !args_size(envp, envc, &need))
        return -E2BIG;
    /* Strings and pointers, the execfn copy, auxv, alignment slack. */
    uint64_t size = page_align_up(need + strlen(path) + 1 + 64 * 16 + 256 + av->shift);
    uint64_t top = av->stack_top;
    int err = vm_map(mm, top - USER_STACK_MAX, USER_STACK_MAX, PROT_READ | PROT_WRITE, VMA_STACK, NULL);
    if (err)
        return err;
    uint8_t *buf = kzalloc(size); /* all of it reaches user memory: no stale heap bytes */
    if (!buf)
        return -ENOMEM;
    uint32_t a, b, c, d;
    cpuid(1, 0, &a, &b, &c, &d);
    /* Linux's order (create_elf_tables); no AT_SYSINFO_EHDR: there is no
     * vDSO, and the C libraries then make real system calls. */
    const struct auxv_pair aux[] = {
        {AT_MINSIGSTKSZ, sigframe_max_size()},
        {AT_HWCAP, d},               {AT_PAGESZ, PAGE_SIZE},     {AT_CLKTCK, 100},
        {AT_PHDR, img->phdr_vaddr},  {AT_PHENT, img->phentsize}, {AT_PHNUM, img->phnum},
        {AT_BASE, av->base},         {AT_FLAGS, 0},              {AT_ENTRY, img->entry},
        {AT_UID, av->cred->uid},     {AT_EUID, av->cred->euid},  {AT_GID, av->cred->gid},
        {AT_EGID, av->cred->egid},   {AT_SECURE, exec_secure(av->cred)},
        {AT_HWCAP2, 0},
    };
    uint8_t rnd[16];
    random_bytes(rnd, sizeof rnd);
    err = user_stack_build(buf, size, top, argv, argc, envp, envc, path, rnd, aux,
                           (int)(sizeof aux / sizeof aux[0]), av->shift, sp);
    if (!err)
        err = vm_write(mm, top - size, buf, size);
    if (!err && argc > 0) {
        /* Remember where the argv strings went (/proc/PID/cmdline reads
         * them back): argv[0]'s pointer sits just above argc, and the
         * strings lie one after the other, argv[0] lowest. */
        const uint64_t *uargv = (const uint64_t *)(buf + (*sp - (top - size)) + 8);
        mm->arg_start = uargv[0];
        mm->arg_end = uargv[argc - 1] + strlen(argv[argc - 1]) + 1;
    }
    if (!err) { /* the pairs follow argc, argv[] and envp[] with their NULLs */
        int npairs = (int)(sizeof aux / sizeof aux[0]) + 4; /* + AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_NULL */
        mm->auxv_start = *sp + 8 + ((uint64_t)argc + 1 + (uint64_t)envc + 1) * 8;
        mm->auxv_end = mm->auxv_start + (uint64_t)npairs * 16;
    }
    kfree(buf);
    return err;
}

/* The bytes of a program's start exec reads: the ELF header and program
 * headers (or a script's "#!" line): 1 KiB holds them for every usual
 * program; headers past it are read too, up to HEAD_MAX. */
#define HEAD_FIRST 1024
#define HEAD_MAX 65536

/* Reads the head of the program file: *head (kmalloc'd) and its length. */
int exec_read_head(struct inode *inode, char **head, size_t *len)
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

/* Opens the program at path for execve: a regular file the caller may
 * execute (root: one with an execute bit), on a mount that allows it
 * (EACCES otherwise, as Linux answers). Read permission is not needed. */
int exec_open(struct proc *p, const struct path *start, const char *path, int open_flags, struct file **out)
{
    struct file *f;
    int err = vfs_open(start ? start : &p->cwd, path, O_RDONLY | VFS_OPEN_EXEC | open_flags, 0, &f);
    if (err)
        return err;
    if (!inode_is_reg(f->inode) || !(f->inode->mode & 0111) || (f->path.mnt->flags & MS_NOEXEC)) {
        file_put(f);
        return -EACCES;
    }
    err = inode_is_memfd(f->inode) ? 0 : inode_exec_allowed(f->inode); /* ETXTBSY: open for writing */
    if (err) {
        file_put(f);
        return err;
    }
    *out = f;
    return 0;
}


/* The interpreter's path from PT_INTERP (kmalloc'd): Linux's rules, a
 * NUL at its end, or ENOEXEC. */
static int interp_path(struct file *prog, const struct elf_image *img, char **out)
{
    char *path = kmalloc(img->interp_len);
    if (!path)
        return -ENOMEM;
    long n = kernel_read(prog->inode, img->interp_off, path, img->interp_len);
    if (n != (long)img->interp_len || path[img->interp_len - 1] != '\0') {
        kfree(path);
        return n < 0 ? (int)n : -ENOEXEC;
    }
    *out = path;
    return 0;
}

/* Checks an ET_DYN image again so that its lowest page lands at `at`
 * (img: a first check's result, at any base); -ENOMEM when at is 0 (no
 * room) or lower than the image's own first page. */
static int place_dyn(const char *head, size_t len, uint64_t size, uint64_t at, uint64_t hi, struct elf_image *img)
{
    uint64_t first = img->lowest - img->bias; /* the first page's offset in the image */
    if (!at || at < first)
        return -ENOMEM;
    return elf_check(head, len, size, at - first, USER_MIN, hi, img);
}

/* Opens and checks the interpreter path for p: *out the open file and
 * *iimg its image, loaded at a base chosen in mm. Linux's answers: what
 * opening it says (ENOENT, EACCES), EIO when it is shorter than an ELF
 * header, ELIBBAD when it is no ELF interpreter for this machine (Linux
 * finds some of these only after the point of no return and kills the
 * process; here execve fails and the caller goes on). */
static int load_interp(struct proc *p, struct mm *mm, const char *path, uint64_t hi, struct file **out,
                       struct elf_image *iimg)
{
    struct file *f;
    int err = exec_open(p, NULL, path, 0, &f);
    if (err)
        return err;
    char *head;
    size_t len;
    err = exec_read_head(f->inode, &head, &len);
    if (!err && len < sizeof(Elf64_Ehdr))
        err = -EIO;
    if (!err) {
        /* Once to learn its span (any valid base would do), then at a
         * free place below the mmap base. */
        err = elf_check(head, len, f->inode->size, USER_PIE_BASE, USER_MIN, hi, iimg);
        if (!err && iimg->type == ET_DYN)
            err = place_dyn(head, len, f->inode->size, vm_get_unmapped(mm, iimg->highest - iimg->lowest), hi, iimg);
        if (err && err != -ENOMEM)
            err = -ELIBBAD;
    }
    if (!err)
        err = load_segments(mm, iimg, f);
    kfree(head);
    if (err) {
        file_put(f);
        return err;
    }
    *out = f;
    return 0;
}

bool exec_secure(const struct cred *c) { return c->euid != c->uid || c->egid != c->gid; }

bool exec_ids_change(const struct proc *p, const struct cred *cred)
{
    return exec_secure(cred) || cred->euid != p->cred->euid || cred->egid != p->cred->egid;
}

uint32_t exec_personality(const struct proc *p, const struct cred *cred)
{
    uint32_t pers = p->personality & ~READ_IMPLIES_EXEC; /* a 64-bit program (Linux's set_personality_64bit) */
    if (exec_ids_change(p, cred))
        pers &= ~PER_CLEAR_ON_SETID; /* Linux's bprm->per_clear: no ADDR_NO_RANDOMIZE for a set-ID program */
    return pers;
}

/* Where the program goes: an ET_DYN with PT_INTERP (PIE) at
 * ELF_ET_DYN_BASE plus the random offset, aligned to its segments'
 * largest p_align (at most 1 GiB: a hostile value must not empty the
 * bias); one without (static-pie, ld.so itself) top-down in the mmap
 * area. *img is a first check's result; ET_EXEC stays where it is. */
static int place_program(struct mm *mm, const char *head, size_t len, uint64_t size, bool rnd, uint64_t hi,
                         struct elf_image *img)
{
    if (img->type != ET_DYN)
        return 0;
    uint64_t at;
    if (img->interp_len) {
        at = USER_PIE_BASE + (rnd ? aslr_pages(ASLR_MMAP_RND_BITS) : 0);
        if (img->align > PAGE_SIZE && img->align <= (1ull << 30))
            at &= ~(img->align - 1);
    } else {
        at = vm_get_unmapped(mm, img->highest - img->lowest);
    }
    return place_dyn(head, len, size, at, hi, img);
}

int exec_load_elf(struct proc *p, struct file *prog, const char *head, size_t head_len, const char *execfn,
                  const char *const *argv, int argc, const char *const *envp, int envc, const struct cred *cred,
                  struct exec_image *out)
{
    /* The layout first (Linux's order: the stack, then mmap_base, then
     * the program): the program must end below the stack. */
    bool rnd = aslr_enabled(exec_personality(p, cred));
    uint64_t stack_top = USER_STACK_TOP - (rnd ? aslr_pages(ASLR_STACK_RND_BITS) : 0);
    uint64_t stack_range = rnd ? ((1ull << ASLR_STACK_RND_BITS) - 1) * PAGE_SIZE : 0;
    uint64_t mmap_base = aslr_mmap_base(USER_TOP, rlimit_cur(p, RLIMIT_STACK), stack_range,
                                        rnd ? aslr_pages(ASLR_MMAP_RND_BITS) : 0);
    uint64_t hi = stack_top - USER_STACK_MAX;
    struct elf_image img, iimg;
    int err = elf_check(head, head_len, prog->inode->size, USER_PIE_BASE, USER_MIN, hi, &img);
    if (err)
        return err;
    char *ipath = NULL;
    if (img.interp_len) {
        err = interp_path(prog, &img, &ipath);
        if (err)
            return err;
    }
    struct mm *mm = vm_create();
    if (!mm) {
        kfree(ipath);
        return -ENOMEM;
    }
    mm->mmap_base = mmap_base;
    if (p->mm) /* the core dump filter survives execve, as Linux's mm flags do */
        mm->coredump_filter = p->mm->coredump_filter;
    struct file *interp = NULL;
    struct aux_values av = {.cred = cred, .stack_top = stack_top, .shift = rnd ? random_below(ASLR_STACK_SHIFT_MAX) : 0};
    err = place_program(mm, head, head_len, prog->inode->size, rnd, hi, &img);
    if (!err)
        err = load_segments(mm, &img, prog);
    if (!err && ipath) {
        err = load_interp(p, mm, ipath, hi, &interp, &iimg);
        if (!err)
            av.base = iimg.bias;
    }
    uint64_t sp = 0;
    if (!err)
        err = build_stack(mm, &img, &av, execfn, argv, argc, envp, envc, &sp);
    kfree(ipath);
    if (interp)
        file_put(interp); /* its mappings hold their own references */
    if (err) {
        vm_destroy(mm);
        return err;
    }
    /* Linux's arch_randomize_brk (randomize_va_space 2 only): up to
     * 1 GiB higher, page granular; a program without interpreter that
     * lives in the mmap area gets its heap at ELF_ET_DYN_BASE instead. */
    uint64_t brk = img.highest;
    if (rnd && randomize_va_space > 1) {
        if (img.type == ET_DYN && !img.interp_len)
            brk = USER_PIE_BASE;
        brk += random_below(ASLR_BRK_RANGE / PAGE_SIZE) * PAGE_SIZE;
    }
    mm->brk_start = mm->brk = brk;
    *out = (struct exec_image){.mm = mm, .entry = interp ? iimg.entry : img.entry, .sp = sp};
    return 0;
}
