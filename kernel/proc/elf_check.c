/*
 * elf_check.c - validate an ELF64 executable or ELF interpreter (see
 * elf_check.h).
 *
 * References: System V gABI "Object Files" chapter (ELF header, program
 * header), the x86-64 psABI (EM_X86_64, 4 KiB pages), and Linux's
 * fs/binfmt_elf.c load_elf_binary(), whose behaviour we follow where the
 * specifications leave room, and tighten where a hobby kernel gains from
 * refusing odd files instead of mapping them (noted below as "stricter").
 *
 * The file is untrusted: every header field is checked before use, every
 * sum is checked for wrap-around, and headers are copied out with memcpy
 * (the file buffer, and e_phoff inside it, need not be aligned).
 */
#include "proc/elf_check.h"

#include "lib/string.h"
#include "uapi/elf.h"
#include "uapi/errno.h"

#define PAGE_MASK (ELF_PAGE_SIZE - 1)

/* *sum = a + b; false if that wraps. */
static bool add_ok(uint64_t a, uint64_t b, uint64_t *sum) { return !__builtin_add_overflow(a, b, sum); }

/* True if [off, off + len) lies inside a file of size bytes. */
static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
    uint64_t end;
    return add_ok(off, len, &end) && end <= size;
}

static uint32_t prot_of(uint32_t p_flags)
{
    return ((p_flags & PF_R) ? ELF_PROT_READ : 0) | ((p_flags & PF_W) ? ELF_PROT_WRITE : 0) |
           ((p_flags & PF_X) ? ELF_PROT_EXEC : 0);
}

/* The ELF header checks that say "this is not for us" (-ENOEXEC), as Linux's
 * load_elf_binary() does before it looks at anything else. */
static int check_ident(const Elf64_Ehdr *eh)
{
    if (eh->e_ident[EI_MAG0] != ELFMAG0 || eh->e_ident[EI_MAG1] != ELFMAG1 || eh->e_ident[EI_MAG2] != ELFMAG2 ||
        eh->e_ident[EI_MAG3] != ELFMAG3)
        return -ENOEXEC;
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return -ENOEXEC;
    /* gABI: EV_CURRENT (1) is the only version, in e_ident and e_version. */
    if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return -ENOEXEC;
    if (eh->e_machine != EM_X86_64)
        return -ENOEXEC;
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return -ENOEXEC;
    return 0;
}

/*
 * Checks one PT_LOAD (bias not yet applied) against the file. The checks that
 * need the bias and the other segments are in add_load().
 */
static int check_load_in_file(const Elf64_Phdr *ph, uint64_t size)
{
    /* W^X: no page is ever both writable and executable, so code injected
     * through a data bug can never run. Linux allows RWX segments; we refuse
     * them (stricter). Toolchains have not emitted them for static x86-64
     * programs in years (GNU ld warns "LOAD segment with RWX permissions"). */
    if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
        return -EINVAL;
    /* gABI: "p_filesz may not be larger than p_memsz". */
    if (ph->p_filesz > ph->p_memsz)
        return -EINVAL;
    /* gABI: p_align is 0 or 1 (no alignment) or a positive power of two. */
    if (ph->p_align & (ph->p_align - 1))
        return -EINVAL;
    /* gABI: "loadable process segments must have congruent values for p_vaddr
     * and p_offset, modulo the page size", which is what lets a file page be
     * mapped at a page. (The unsigned difference is modular by design.) */
    if ((ph->p_vaddr - ph->p_offset) & PAGE_MASK)
        return -EINVAL;
    /* The bytes copied from the file must be in it. A segment with no file
     * bytes (pure .bss) reads nothing, so its p_offset is not checked; some
     * linkers put it past the end of the file. */
    if (ph->p_filesz && !in_file(ph->p_offset, ph->p_filesz, size))
        return -EINVAL;
    return 0;
}

/* Adds a non-empty PT_LOAD to out->segs with the bias applied, after the
 * address checks. */
static int add_load(const Elf64_Phdr *ph, uint64_t bias, uint64_t user_lo, uint64_t user_hi, struct elf_image *out)
{
    uint64_t vaddr, end, span_end;
    if (!add_ok(ph->p_vaddr, bias, &vaddr) || !add_ok(vaddr, ph->p_memsz, &end) || !add_ok(end, PAGE_MASK, &span_end))
        return -EINVAL;
    uint64_t span_start = vaddr & ~PAGE_MASK;
    span_end &= ~PAGE_MASK;
    if (span_start < user_lo || span_end > user_hi)
        return -EINVAL;
    /* gABI: "Loadable segment entries in the program header table appear in
     * ascending order, sorted on the p_vaddr member." Linux does not check and
     * lets a later mmap(MAP_FIXED) silently replace the pages of an earlier
     * segment; we refuse overlap at page granularity (stricter), so every page
     * has one owner and one protection. Real linkers start each PT_LOAD on a
     * new page (GNU ld's DATA_SEGMENT_ALIGN, lld's alignTo(maxPageSize)). */
    if (out->nsegs > 0 && span_start < out->highest)
        return -EINVAL;
    if (out->nsegs == ELF_MAX_SEGMENTS)
        return -ENOEXEC;
    if (out->nsegs == 0)
        out->lowest = span_start;
    out->highest = span_end;
    out->segs[out->nsegs++] = (struct elf_segment){
        .vaddr = vaddr,
        .memsz = ph->p_memsz,
        .offset = ph->p_offset,
        .filesz = ph->p_filesz,
        .prot = prot_of(ph->p_flags),
    };
    return 0;
}

int elf_check(const void *head, uint64_t head_len, uint64_t size, uint64_t dyn_base, uint64_t user_lo,
              uint64_t user_hi, struct elf_image *out)
{
    const uint8_t *bytes = head;
    Elf64_Ehdr eh;

    memset(out, 0, sizeof *out);
    if (head_len > size)
        return -EINVAL; /* the caller's mistake */
    if (head_len < sizeof eh)
        return -ENOEXEC; /* too short to be an ELF file (Linux: short read -> -ENOEXEC) */
    memcpy(&eh, bytes, sizeof eh);
    int err = check_ident(&eh);
    if (err)
        return err;

    /* Linux (elf_read_phdrs) refuses e_phentsize != sizeof(struct elf_phdr)
     * with -ENOEXEC; we call it malformed. */
    if (eh.e_phentsize != sizeof(Elf64_Phdr))
        return -EINVAL;
    /* The table must be inside the file. e_phnum <= 0xffff and the entry size
     * is 56, so the product cannot wrap; the sum with e_phoff can. e_phnum
     * == PN_XNUM (extended numbering) is not supported, as in Linux: such a
     * table is 3.5 MiB long and is refused here or for having too many
     * segments. */
    uint64_t ph_size = (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr);
    if (!in_file(eh.e_phoff, ph_size, size))
        return -EINVAL;
    if (!in_file(eh.e_phoff, ph_size, head_len))
        return -ENOEXEC; /* inside the file but past what the caller read: too odd to run */

    /* ET_EXEC is linked at its final address. ET_DYN without PT_INTERP is a
     * static-pie, linked at 0 and moved by the bias as a whole (Linux:
     * load_bias for ET_DYN; we take the caller's base instead of a random one). */
    uint64_t bias = 0;
    if (eh.e_type == ET_DYN) {
        if (dyn_base & PAGE_MASK)
            return -EINVAL; /* the caller's mistake: the bias must keep p_vaddr == p_offset mod page */
        bias = dyn_base;
    }
    out->bias = bias;
    out->type = eh.e_type;

    bool have_pt_phdr = false;
    uint64_t pt_phdr_vaddr = 0;
    for (uint16_t i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, bytes + eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
        switch (ph.p_type) {
        case PT_INTERP:
            /* Dynamically linked: the path of its ELF interpreter (ld.so),
             * which exec loads too. Linux's checks (load_elf_binary): 2 to
             * PATH_MAX bytes in the file, NUL-terminated (exec reads it). */
            if (out->interp_len)
                break; /* Linux uses the first */
            if (ph.p_filesz < 2 || ph.p_filesz > ELF_INTERP_MAX || !in_file(ph.p_offset, ph.p_filesz, size))
                return -ENOEXEC;
            out->interp_off = ph.p_offset;
            out->interp_len = ph.p_filesz;
            break;
        case PT_LOAD:
            err = check_load_in_file(&ph, size);
            if (err)
                return err;
            /* Linux's elf_map() maps nothing for p_memsz == 0; neither do we,
             * so an empty segment takes no page and no slot. */
            if (ph.p_memsz == 0)
                break;
            err = add_load(&ph, bias, user_lo, user_hi, out);
            if (err)
                return err;
            if (ph.p_align > out->align)
                out->align = ph.p_align; /* a power of two (check_load_in_file) */
            break;
        case PT_PHDR:
            /* gABI: at most one, and it says where the table is in memory. */
            if (!have_pt_phdr) {
                have_pt_phdr = true;
                pt_phdr_vaddr = ph.p_vaddr;
            }
            break;
        case PT_GNU_STACK:
            /* Without PT_GNU_STACK, 64-bit Linux (since 5.8) gives a
             * non-executable stack: the default false is right. */
            out->exec_stack = (ph.p_flags & PF_X) != 0;
            break;
        default:
            /* PT_TLS, PT_DYNAMIC, PT_NOTE, PT_GNU_RELRO, ...: for the
             * program's own start code (musl/glibc find PT_TLS through
             * AT_PHDR), nothing for the kernel to do. */
            break;
        }
    }
    if (out->nsegs == 0)
        return -ENOEXEC; /* nothing to load */

    /* The entry point must be code we map: inside an executable segment
     * (Linux does not check; a bad entry would fault at the first
     * instruction; we refuse it up front, stricter). */
    uint64_t entry;
    if (!add_ok(eh.e_entry, bias, &entry))
        return -EINVAL;
    bool entry_ok = false;
    for (int i = 0; i < out->nsegs; i++) {
        const struct elf_segment *s = &out->segs[i];
        /* s->vaddr + s->memsz was checked in add_load(). */
        if ((s->prot & ELF_PROT_EXEC) && entry >= s->vaddr && entry - s->vaddr < s->memsz)
            entry_ok = true;
    }
    if (!entry_ok)
        return -EINVAL;
    out->entry = entry;

    /* AT_PHDR: the C runtime reads the program headers through it (musl and
     * glibc look for PT_TLS, static-pie for PT_DYNAMIC). PT_PHDR gives the
     * address directly (gABI). Otherwise, as Linux's load_elf_binary() does,
     * find the PT_LOAD whose file bytes contain the table: the table is then
     * mapped at p_vaddr + (e_phoff - p_offset). We want the whole table inside
     * the file bytes, not only its first byte as Linux checks. If neither
     * exists the program cannot find its headers: that is its problem, and
     * AT_PHDR is 0. */
    out->phnum = eh.e_phnum;
    out->phentsize = eh.e_phentsize;
    if (have_pt_phdr) {
        if (!add_ok(pt_phdr_vaddr, bias, &out->phdr_vaddr))
            return -EINVAL;
    } else {
        for (int i = 0; i < out->nsegs; i++) {
            const struct elf_segment *s = &out->segs[i];
            /* s->offset + s->filesz <= size was checked: no wrap. */
            if (s->offset <= eh.e_phoff && eh.e_phoff + ph_size <= s->offset + s->filesz) {
                out->phdr_vaddr = s->vaddr + (eh.e_phoff - s->offset); /* < s->vaddr + s->filesz: no wrap */
                break;
            }
        }
    }
    return 0;
}
