/*
 * coredump_elf.c - the ELF core file (fs/binfmt_elf.c elf_core_dump, and
 * gdb's reading of it): an ET_CORE header, one PT_NOTE segment, one
 * PT_LOAD per area. The notes, in Linux's order: the dying thread's
 * NT_PRSTATUS, NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_FILE, then the other
 * threads' NT_PRSTATUS. (No NT_FPREGSET/NT_X86_XSTATE yet: gdb then shows
 * no floating-point registers.)
 *
 * Everything but the memory is snapshotted first, with interrupts off:
 * writing the file may sleep, and the other threads (not stopped, unlike
 * Linux's zap_threads) could unmap areas meanwhile. The memory itself is
 * read page by page through vm_read, which is safe whatever changed.
 */
#include "proc/coredump.h"

#include "arch/x86_64/signal_frame.h"
#include "arch/x86_64/syscall_vector.h"
#include "fs/file.h"
#include "fs/inode.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "uapi/elf.h"
#include "uapi/mman.h"

#define PAGE 4096ul
#define NT_PRSTATUS 1
#define NT_PRPSINFO 3
#define NT_AUXV 6
#define NT_SIGINFO 0x53494749
#define NT_FILE 0x46494c45
#define AUXV_MAX 1024 /* bytes of auxv kept (exec places about 22 pairs) */
#define FILE_NOTE_MAX 16384 /* NT_FILE is left out past this */

/* coredump_filter bits (Linux's MMF_DUMP_*). */
#define DUMP_ANON_PRIVATE 0x1
#define DUMP_ANON_SHARED 0x2
#define DUMP_MAPPED_PRIVATE 0x4
#define DUMP_MAPPED_SHARED 0x8
#define DUMP_ELF_HEADERS 0x10

/* struct elf_prstatus (x86-64: 336 bytes), registers in user_regs_struct order. */
struct elf_prstatus {
    int32_t si_signo, si_code, si_errno;
    int16_t cursig;
    uint16_t pad0;
    uint64_t sigpend, sighold;
    int32_t pid, ppid, pgrp, sid;
    struct {
        int64_t sec, usec;
    } utime, stime, cutime, cstime;
    uint64_t reg[27];
    int32_t fpvalid;
    int32_t pad1;
};
_Static_assert(sizeof(struct elf_prstatus) == 336, "elf_prstatus");

/* struct elf_prpsinfo (x86-64: 136 bytes). */
struct elf_prpsinfo {
    char state, sname, zomb, nice;
    uint32_t pad0;
    uint64_t flag;
    uint32_t uid, gid;
    int32_t pid, ppid, pgrp, sid;
    char fname[16];
    char psargs[80];
};
_Static_assert(sizeof(struct elf_prpsinfo) == 136, "elf_prpsinfo");

struct core_area {
    uint64_t start, end, dump; /* dump: bytes from start that go to the file */
    uint32_t flags;            /* PF_* */
    bool file_backed;          /* pages not present are read in (Linux's get_dump_page) */
};

struct core_snapshot {
    struct mm *mm;
    uint8_t *notes;
    size_t notes_len, notes_cap;
    struct core_area *areas;
    int nareas;
};

/* Appends one note: header, "CORE" (or "LINUX") name, desc, 4-aligned. */
static void note(struct core_snapshot *s, uint32_t type, const void *desc, size_t len)
{
    size_t need = 12 + 8 + ((len + 3) & ~3ul);
    if (s->notes_len + need > s->notes_cap)
        return; /* sized in advance: cannot happen */
    uint8_t *p = s->notes + s->notes_len;
    uint32_t hdr[3] = {5, (uint32_t)len, type};
    memcpy(p, hdr, 12);
    memcpy(p + 12, "CORE\0\0\0", 8);
    memcpy(p + 20, desc, len);
    memset(p + 20 + len, 0, need - 20 - len);
    s->notes_len += need;
}

static void timeval_of(uint64_t ticks, int64_t *sec, int64_t *usec)
{
    *sec = (int64_t)(ticks / 100); /* 10 ms ticks */
    *usec = (int64_t)(ticks % 100) * 10000;
}

static void prstatus(struct core_snapshot *s, struct proc *t, int sig, const struct ksiginfo *info,
                     const struct trap_frame *f)
{
    struct elf_prstatus st;
    memset(&st, 0, sizeof st);
    st.cursig = (int16_t)sig;
    st.si_signo = sig;
    st.si_code = info ? info->code : 0;
    st.sigpend = t->sig_pending;
    st.sighold = t->sig_blocked;
    st.pid = t->pid;
    st.ppid = t->leader->parent ? t->leader->parent->pid : 0;
    st.pgrp = t->leader->pgid;
    st.sid = t->leader->sid;
    timeval_of(t->utime, &st.utime.sec, &st.utime.usec);
    timeval_of(t->stime, &st.stime.sec, &st.stime.usec);
    timeval_of(t->leader->cutime, &st.cutime.sec, &st.cutime.usec);
    timeval_of(t->leader->cstime, &st.cstime.sec, &st.cstime.usec);
    /* orig_rax: the system call it is in, else -1 (Linux's). */
    uint64_t orig = f->vector == SYSCALL_VECTOR ? f->error_code : (uint64_t)-1;
    const uint64_t r[27] = {f->r15, f->r14, f->r13, f->r12, f->rbp,  f->rbx,      f->r11,     f->r10, f->r9,
                            f->r8,  f->rax, f->rcx, f->rdx, f->rsi,  f->rdi,      orig,       f->rip, f->cs,
                            f->rflags, f->rsp, f->ss, t->fs_base, t->gs_base, 0, 0, 0, 0};
    memcpy(st.reg, r, sizeof r);
    note(s, NT_PRSTATUS, &st, sizeof st);
}

static void prpsinfo(struct core_snapshot *s, struct proc *p)
{
    struct proc *l = p->leader;
    struct elf_prpsinfo ps;
    memset(&ps, 0, sizeof ps);
    ps.state = 0;
    ps.sname = 'R';
    ps.nice = (char)l->nice;
    ps.uid = p->cred->uid;
    ps.gid = p->cred->gid;
    ps.pid = l->pid;
    ps.ppid = l->parent ? l->parent->pid : 0;
    ps.pgrp = l->pgid;
    ps.sid = l->sid;
    memcpy(ps.fname, p->name, sizeof ps.fname);
    ps.fname[sizeof ps.fname - 1] = 0;
    /* The command line, NULs as spaces (Linux's fill_psinfo). */
    struct mm *mm = p->mm;
    if (mm->arg_end > mm->arg_start) {
        uint64_t len = mm->arg_end - mm->arg_start;
        size_t n = vm_read(mm, ps.psargs, mm->arg_start, len < sizeof ps.psargs - 1 ? len : sizeof ps.psargs - 1);
        for (size_t i = 0; i + 1 < n; i++)
            if (!ps.psargs[i])
                ps.psargs[i] = ' ';
    }
    note(s, NT_PRPSINFO, &ps, sizeof ps);
}

/* NT_FILE: count, page size, then {start, end, file page} per file
 * mapping, then their NUL-terminated paths. */
static void file_note(struct core_snapshot *s)
{
    uint8_t *buf = kmalloc(FILE_NOTE_MAX);
    if (!buf)
        return;
    uint64_t count = 0;
    for (struct vma *v = s->mm->vmas; v; v = v->next)
        if (v->file && ((struct file *)v->file)->path.dentry)
            count++;
    size_t off = 16 + count * 24, pos = 16;
    bool fits = off < FILE_NOTE_MAX;
    for (struct vma *v = s->mm->vmas; v && fits; v = v->next) {
        struct file *f = v->file;
        if (!f || !f->path.dentry)
            continue;
        long n = path_to_string(&f->path, (char *)buf + off, FILE_NOTE_MAX - off, true);
        if (n < 0) {
            fits = false;
            break;
        }
        const uint64_t e[3] = {v->start, v->end, v->pgoff};
        memcpy(buf + pos, e, sizeof e);
        pos += sizeof e;
        off += strlen((char *)buf + off) + 1;
    }
    if (fits) {
        const uint64_t h[2] = {count, 1}; /* page size in units of the file offsets: pages */
        memcpy(buf, h, sizeof h);
        note(s, NT_FILE, buf, off);
    }
    kfree(buf);
}

/* How much of area v goes to the file (Linux's vma_dump_size). */
static uint64_t dump_size(const struct vma *v, uint32_t filter)
{
    uint64_t whole = v->end - v->start;
    struct file *f = v->file;
    if (v->flags & VMA_DONTDUMP)
        return 0; /* madvise(MADV_DONTDUMP) */
    if (v->flags & VMA_SHARED) {
        bool anon = !f || (f->inode && f->inode->nlink == 0);
        return (filter & (anon ? DUMP_ANON_SHARED : DUMP_MAPPED_SHARED)) ? whole : 0;
    }
    /* Private: Linux asks whether the area has anonymous pages (copies);
     * a writable area is taken to have them. */
    if (!f || (v->prot & PROT_WRITE))
        return (filter & DUMP_ANON_PRIVATE) ? whole : 0;
    if (filter & DUMP_MAPPED_PRIVATE)
        return whole;
    /* The first page of a mapped ELF file: gdb finds the build-id there. */
    if ((filter & DUMP_ELF_HEADERS) && v->pgoff == 0 && (v->prot & PROT_READ)) {
        char magic[4];
        if (vm_read(v->mm, magic, v->start, 4) == 4 && !memcmp(magic, ELFMAG, 4))
            return PAGE;
    }
    return 0;
}

struct core_snapshot *core_snapshot_take(int sig, const struct ksiginfo *info, const struct trap_frame *regs)
{
    struct proc *p = current();
    struct core_snapshot *s = kzalloc(sizeof *s);
    if (!s)
        return NULL;
    s->mm = p->mm;
    int threads = 0;
    for_each_thread(t, p) if (t->state != PROC_ZOMBIE) threads++;
    for (struct vma *v = s->mm->vmas; v; v = v->next)
        s->nareas++;
    s->notes_cap = (size_t)threads * (20 + sizeof(struct elf_prstatus)) + 20 + sizeof(struct elf_prpsinfo) + 20 +
                   sizeof(struct siginfo64) + 20 + AUXV_MAX + 20 + FILE_NOTE_MAX;
    s->notes = kmalloc(s->notes_cap);
    s->areas = kmalloc(sizeof *s->areas * (size_t)(s->nareas ? s->nareas : 1));
    if (!s->notes || !s->areas) {
        kfree(s->notes);
        kfree(s->areas);
        kfree(s);
        return NULL;
    }
    prstatus(s, p, sig, info, regs);
    prpsinfo(s, p);
    struct siginfo64 si;
    signal_fill_siginfo(&si, sig, info);
    note(s, NT_SIGINFO, &si, sizeof si);
    uint64_t alen = s->mm->auxv_end - s->mm->auxv_start;
    if (s->mm->auxv_end > s->mm->auxv_start && alen <= AUXV_MAX) {
        uint8_t auxv[AUXV_MAX];
        size_t n = vm_read(s->mm, auxv, s->mm->auxv_start, alen);
        note(s, NT_AUXV, auxv, n & ~15ul);
    }
    file_note(s);
    for_each_thread(t, p) if (t != p && t->state != PROC_ZOMBIE) prstatus(s, t, sig, NULL, proc_frame(t));
    int i = 0;
    for (struct vma *v = s->mm->vmas; v; v = v->next, i++) {
        s->areas[i] = (struct core_area){
            .start = v->start,
            .end = v->end,
            .dump = dump_size(v, s->mm->coredump_filter),
            .flags = ((v->prot & PROT_READ) ? PF_R : 0) | ((v->prot & PROT_WRITE) ? PF_W : 0) |
                     ((v->prot & PROT_EXEC) ? PF_X : 0),
            .file_backed = v->file != NULL,
        };
    }
    return s;
}

/* The file being written: bytes go at pos; holes only move pos and do
 * not count against the limit (Linux's dump_emit / dump_skip). */
struct core_out {
    struct file *f;
    uint64_t pos, written, limit;
    bool failed;
};

static bool emit(struct core_out *o, const void *buf, size_t n)
{
    if (o->failed || o->written + n > o->limit) {
        o->failed = true;
        return false;
    }
    uint64_t pos = o->pos;
    long r = o->f->ops->splice_write(o->f, &pos, buf, n, false);
    if (r != (long)n) {
        o->failed = true;
        return false;
    }
    o->pos += n;
    o->written += n;
    return true;
}

/* An area's pages: present ones (or, for file mappings, ones that can be
 * read in) are written, the others left as holes. */
static void dump_area(struct core_out *o, struct mm *mm, const struct core_area *a, uint8_t *page)
{
    for (uint64_t addr = a->start; addr < a->start + a->dump && !o->failed; addr += PAGE) {
        size_t n = vm_read(mm, page, addr, PAGE);
        if (n == 0 && a->file_backed && vm_fault(mm, addr, false, false) == 0)
            n = vm_read(mm, page, addr, PAGE);
        if (n == 0) {
            o->pos += PAGE;
            continue;
        }
        memset(page + n, 0, PAGE - n);
        emit(o, page, PAGE);
    }
}

void core_snapshot_write(struct core_snapshot *s, struct file *f, uint64_t limit)
{
    struct core_out o = {.f = f, .limit = limit};
    uint64_t phnum = (uint64_t)s->nareas + 1;
    uint64_t off = sizeof(Elf64_Ehdr) + phnum * sizeof(Elf64_Phdr);
    Elf64_Ehdr eh;
    memset(&eh, 0, sizeof eh);
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[4] = ELFCLASS64;
    eh.e_ident[5] = ELFDATA2LSB;
    eh.e_ident[6] = EV_CURRENT;
    eh.e_type = ET_CORE;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = phnum < PN_XNUM ? (uint16_t)phnum : PN_XNUM;
    uint8_t *page = f ? kmalloc(PAGE) : NULL;
    if (!page || phnum >= PN_XNUM) /* no extended numbering (section 0) yet */
        goto out;
    emit(&o, &eh, sizeof eh);
    Elf64_Phdr ph = {.p_type = PT_NOTE, .p_offset = off, .p_filesz = s->notes_len};
    emit(&o, &ph, sizeof ph);
    uint64_t data = (off + s->notes_len + PAGE - 1) & ~(PAGE - 1);
    for (int i = 0; i < s->nareas; i++) {
        const struct core_area *a = &s->areas[i];
        ph = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = a->flags, .p_offset = data, .p_vaddr = a->start,
                          .p_filesz = a->dump, .p_memsz = a->end - a->start, .p_align = PAGE};
        emit(&o, &ph, sizeof ph);
        data += a->dump;
    }
    emit(&o, s->notes, s->notes_len);
    o.pos = (o.pos + PAGE - 1) & ~(PAGE - 1);
    for (int i = 0; i < s->nareas && !o.failed; i++)
        dump_area(&o, s->mm, &s->areas[i], page);
    /* A trailing hole: the size says where the file ends (dump_truncate). */
    if (!o.failed && f->inode->size < o.pos) {
        struct iattr at = {.valid = ATTR_SIZE, .size = o.pos};
        vfs_setattr_file(f, &at);
    }
out:
    kfree(page);
    kfree(s->notes);
    kfree(s->areas);
    kfree(s);
}
