/*
 * elf_check.h - validate an ELF64 executable (or ELF interpreter) and
 * compute where it goes.
 *
 * Pure and freestanding: it reads the file image from memory and fills in a
 * plan (struct elf_image); it maps nothing. exec uses the plan to map the
 * segments, and to fill in AT_PHDR, AT_PHNUM, AT_PHENT and AT_ENTRY.
 *
 * What runs: ET_EXEC (fixed address) and ET_DYN (PIE, static-pie, or an
 * interpreter such as ld.so), x86-64, little endian. A PT_INTERP header
 * names the program's interpreter; exec loads it as well (exec.c).
 */
#ifndef PROC_ELF_CHECK_H
#define PROC_ELF_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16
#define ELF_INTERP_MAX 4096 /* PATH_MAX: the longest PT_INTERP Linux takes */
#define ELF_PAGE_SIZE 4096ull

/* Segment protections, the values of mmap's PROT_READ, PROT_WRITE, PROT_EXEC. */
#define ELF_PROT_READ 1u
#define ELF_PROT_WRITE 2u
#define ELF_PROT_EXEC 4u

/*
 * One PT_LOAD segment, load bias applied. Memory [vaddr, vaddr + memsz) holds
 * file bytes [offset, offset + filesz), then zeros up to memsz (.bss).
 * The mapping covers whole pages: [vaddr & ~0xfff, round_up(vaddr + memsz))
 * (the "page span"). Spans of different segments never share a page, so each
 * page gets exactly one protection; the loader can zero a fresh page and
 * copy in the file bytes that belong to it. Bytes in a span but outside
 * [vaddr, vaddr + filesz) are zero (Linux would show neighbouring file bytes
 * there; no program may rely on that).
 */
struct elf_segment {
    uint64_t vaddr, memsz, offset, filesz;
    uint32_t prot; /* ELF_PROT_* */
};

struct elf_image {
    uint64_t entry;      /* with load bias applied */
    uint64_t bias;       /* 0 for ET_EXEC; the chosen base for ET_DYN (static-pie) */
    uint64_t phdr_vaddr; /* user address of the program headers (AT_PHDR), bias applied; 0 if not mapped */
    uint16_t phnum, phentsize;
    uint64_t lowest, highest; /* page-aligned span of all PT_LOAD segments, bias applied */
    int nsegs;
    struct elf_segment segs[ELF_MAX_SEGMENTS]; /* ascending vaddr, bias applied */
    bool exec_stack;                           /* PT_GNU_STACK has PF_X */
    uint16_t type;                             /* ET_EXEC or ET_DYN */
    uint64_t interp_off, interp_len;           /* PT_INTERP's bytes in the file (len 0: none) */
    uint64_t align;                            /* the largest PT_LOAD p_align (Linux's maximum_alignment) */
};

/*
 * head[0..head_len) is the start of an executable of size bytes (the
 * caller reads at least the ELF header and the program headers; all of it
 * may be given). dyn_base is the load bias for ET_DYN
 * (e.g. 0x555555554000; must be page-aligned, else -EINVAL). Segments must lie
 * in [user_lo, user_hi) after the bias is applied.
 *
 * Returns 0 and fills *out, or a negative errno (*out is then unspecified):
 *   -ENOEXEC  not an ELF we can run: bad magic, not ELFCLASS64, not little
 *             endian, wrong version, not EM_X86_64, not ET_EXEC/ET_DYN,
 *             a PT_INTERP shorter than 2 or longer than ELF_INTERP_MAX bytes
 *             or outside the file, no non-empty PT_LOAD, more than
 *             ELF_MAX_SEGMENTS of them, file shorter than an ELF header, or
 *             program headers beyond head_len.
 *   -EINVAL   a malformed or hostile file: see the checks in elf_check.c.
 * Every sum is overflow-checked and nothing outside head[0..head_len) is
 * read. head needs no particular alignment.
 */
int elf_check(const void *head, uint64_t head_len, uint64_t size, uint64_t dyn_base, uint64_t user_lo,
              uint64_t user_hi, struct elf_image *out);

#endif
