/*
 * test_elf_check.c - host tests of kernel/proc/elf_check.c.
 *
 * Valid images are built in memory (an ET_EXEC and a static-pie ET_DYN, each
 * with an RX and an RW PT_LOAD and a PT_GNU_STACK), then broken one field at
 * a time: each refusal has its own test and exact errno. Every call goes
 * through run(), which copies the image into a malloc'd block of exactly the
 * given length, so AddressSanitizer reports any read past the end.
 *
 * A real executable can be checked too: pass its path as the first argument
 * or in TINYOS_TEST_ELF, e.g.
 *     TINYOS_TEST_ELF=/path/to/static-prog ./build/host/test_elf_check
 */
#include "unit.h"

#include "proc/elf_check.c"

_Static_assert(sizeof(Elf64_Ehdr) == 64, "gABI: the ELF64 header is 64 bytes");
_Static_assert(sizeof(Elf64_Phdr) == 56, "gABI: an ELF64 program header is 56 bytes");

#define USER_LO 0x400000ull
#define USER_HI 0x7ffffffff000ull
#define DYN_BASE 0x555555554000ull

/*
 * The test image (offsets in the file; ET_EXEC adds 0x400000 to vaddrs):
 *   0x0000  ELF header
 *   0x0040  4 program headers
 *   0x0000..0x1800  RX PT_LOAD at vaddr 0x0000, memsz 0x1800 (headers + "code")
 *   0x1810..0x1910  RW PT_LOAD at vaddr 0x2810, memsz 0x2000 (.data + .bss)
 *   0x1910..0x1a10  trailing bytes no segment uses (like section headers)
 * The RX span is [0, 0x2000), the RW span [0x2000, 0x5000).
 */
#define IMG_SIZE 0x1a10u
#define IMG_NEEDED 0x1910u /* the shortest file that still holds everything */
#define NPH 4
#define RX_VADDR 0x0ull
#define RX_SIZE 0x1800ull
#define RW_VADDR 0x2810ull
#define RW_OFFSET 0x1810ull
#define RW_FILESZ 0x100ull
#define RW_MEMSZ 0x2000ull
#define ENTRY_OFF 0x100ull

static uint8_t img[IMG_SIZE] __attribute__((aligned(16)));
static Elf64_Ehdr *const eh = (Elf64_Ehdr *)img;
static Elf64_Phdr *const ph = (Elf64_Phdr *)(img + 0x40);
/* Indexes of the interesting headers in ph[], per image type. */
static int rx, rw, stk, spare;

static void build(uint16_t type)
{
    memset(img, 0, sizeof img);
    for (unsigned i = 0; i < sizeof img; i++)
        if (i >= 0x40 + NPH * sizeof(Elf64_Phdr))
            img[i] = (uint8_t)(i * 7 + 1); /* something other than zeros */
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    uint64_t base = type == ET_EXEC ? 0x400000 : 0;
    eh->e_entry = base + RX_VADDR + ENTRY_OFF;
    eh->e_phoff = 0x40;
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = NPH;

    /* gABI: PT_PHDR, if present, precedes every loadable segment entry. */
    if (type == ET_DYN) {
        spare = 0;
        rx = 1, rw = 2, stk = 3;
        ph[spare] = (Elf64_Phdr){.p_type = PT_PHDR,
                                 .p_flags = PF_R,
                                 .p_offset = 0x40,
                                 .p_vaddr = 0x40,
                                 .p_filesz = NPH * sizeof(Elf64_Phdr),
                                 .p_memsz = NPH * sizeof(Elf64_Phdr),
                                 .p_align = 8};
    } else {
        rx = 0, rw = 1, stk = 2, spare = 3;
        ph[spare] = (Elf64_Phdr){.p_type = PT_NOTE,
                                 .p_flags = PF_R,
                                 .p_offset = 0x200,
                                 .p_vaddr = base + 0x200,
                                 .p_filesz = 0x20,
                                 .p_memsz = 0x20,
                                 .p_align = 4};
    }
    ph[rx] = (Elf64_Phdr){.p_type = PT_LOAD,
                          .p_flags = PF_R | PF_X,
                          .p_offset = 0,
                          .p_vaddr = base + RX_VADDR,
                          .p_filesz = RX_SIZE,
                          .p_memsz = RX_SIZE,
                          .p_align = 0x1000};
    ph[rw] = (Elf64_Phdr){.p_type = PT_LOAD,
                          .p_flags = PF_R | PF_W,
                          .p_offset = RW_OFFSET,
                          .p_vaddr = base + RW_VADDR,
                          .p_filesz = RW_FILESZ,
                          .p_memsz = RW_MEMSZ,
                          .p_align = 0x1000};
    ph[stk] = (Elf64_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W, .p_align = 16};
}

static struct elf_image out;

/* elf_check() on the first len bytes of data, copied to the end of a malloc'd
 * block so that the byte after them is outside the block. Every other call
 * starts the copy one byte into the block, so the file is not even 2-aligned:
 * elf_check must not depend on alignment (UBSan checks). */
static int run_buf(const uint8_t *data, uint64_t len, uint64_t dyn_base, uint64_t lo, uint64_t hi)
{
    static unsigned calls;
    size_t skew = calls++ & 1;
    uint8_t *block = malloc(len + skew ? len + skew : 1);
    if (!block) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(block + skew, data, len);
    int rc = elf_check(block + skew, len, len, dyn_base, lo, hi, &out);
    free(block);
    return rc;
}

static int run_len(uint64_t len) { return run_buf(img, len, DYN_BASE, USER_LO, USER_HI); }
static int run(void) { return run_len(IMG_SIZE); }

/* ---- valid images ---------------------------------------------------- */

TEST(exec_valid)
{
    build(ET_EXEC);
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.bias, 0);
    CHECK_EQ_HEX(out.entry, 0x400100);
    CHECK_EQ_HEX(out.phdr_vaddr, 0x400040); /* no PT_PHDR: found in the RX segment's file bytes */
    CHECK_EQ_INT(out.phnum, NPH);
    CHECK_EQ_INT(out.phentsize, 56);
    CHECK_EQ_HEX(out.lowest, 0x400000);
    CHECK_EQ_HEX(out.highest, 0x405000);
    CHECK_EQ_INT(out.nsegs, 2);
    CHECK_EQ_HEX(out.segs[0].vaddr, 0x400000);
    CHECK_EQ_HEX(out.segs[0].memsz, RX_SIZE);
    CHECK_EQ_HEX(out.segs[0].offset, 0);
    CHECK_EQ_HEX(out.segs[0].filesz, RX_SIZE);
    CHECK_EQ_INT(out.segs[0].prot, ELF_PROT_READ | ELF_PROT_EXEC);
    CHECK_EQ_HEX(out.segs[1].vaddr, 0x402810);
    CHECK_EQ_HEX(out.segs[1].memsz, RW_MEMSZ);
    CHECK_EQ_HEX(out.segs[1].offset, RW_OFFSET);
    CHECK_EQ_HEX(out.segs[1].filesz, RW_FILESZ);
    CHECK_EQ_INT(out.segs[1].prot, ELF_PROT_READ | ELF_PROT_WRITE);
    CHECK(!out.exec_stack);
}

TEST(dyn_valid_bias_applied)
{
    build(ET_DYN);
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.bias, DYN_BASE);
    CHECK_EQ_HEX(out.entry, DYN_BASE + 0x100);
    CHECK_EQ_HEX(out.phdr_vaddr, DYN_BASE + 0x40); /* from PT_PHDR */
    CHECK_EQ_INT(out.phnum, NPH);
    CHECK_EQ_HEX(out.lowest, DYN_BASE);
    CHECK_EQ_HEX(out.highest, DYN_BASE + 0x5000);
    CHECK_EQ_INT(out.nsegs, 2);
    CHECK_EQ_HEX(out.segs[0].vaddr, DYN_BASE);
    CHECK_EQ_HEX(out.segs[1].vaddr, DYN_BASE + RW_VADDR);
    CHECK_EQ_HEX(out.segs[1].offset, RW_OFFSET); /* offsets are not biased */
    CHECK(!out.exec_stack);
}

TEST(dyn_other_base)
{
    build(ET_DYN);
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, 0x10000000, USER_LO, USER_HI), 0);
    CHECK_EQ_HEX(out.entry, 0x10000100);
    CHECK_EQ_HEX(out.segs[1].vaddr, 0x10002810);
}

TEST(exec_ignores_dyn_base)
{
    build(ET_EXEC);
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, 0x123, USER_LO, USER_HI), 0); /* even a misaligned one */
    CHECK_EQ_HEX(out.bias, 0);
    CHECK_EQ_HEX(out.entry, 0x400100);
}

TEST(pt_phdr_preferred)
{
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_PHDR,
                             .p_flags = PF_R,
                             .p_offset = 0x40,
                             .p_vaddr = 0x400040,
                             .p_filesz = NPH * 56,
                             .p_memsz = NPH * 56,
                             .p_align = 8};
    ph[spare].p_vaddr = 0x401000; /* a lie, but the one PT_PHDR tells */
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.phdr_vaddr, 0x401000);
}

TEST(dyn_without_pt_phdr_found_in_load)
{
    build(ET_DYN);
    ph[spare].p_type = PT_NULL;
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.phdr_vaddr, DYN_BASE + 0x40);
}

TEST(phdr_not_mapped_gives_zero)
{
    build(ET_EXEC);
    /* Move the table to the trailing bytes, which no segment maps. */
    memcpy(img + IMG_NEEDED, ph, NPH * sizeof(Elf64_Phdr));
    eh->e_phoff = IMG_NEEDED;
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.phdr_vaddr, 0);
}

TEST(phdr_partly_in_load_gives_zero)
{
    build(ET_EXEC);
    /* The table starts in the RW segment's file bytes but runs past them. */
    eh->e_phoff = RW_OFFSET + RW_FILESZ - 8;
    memcpy(img + eh->e_phoff, ph, NPH * sizeof(Elf64_Phdr));
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.phdr_vaddr, 0);
}

TEST(phdr_in_second_load)
{
    build(ET_EXEC);
    ph[rw].p_filesz = 0x100;
    memcpy(img + RW_OFFSET + 0x10, ph, NPH * sizeof(Elf64_Phdr));
    eh->e_phoff = RW_OFFSET + 0x10;
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.phdr_vaddr, 0x400000 + RW_VADDR + 0x10);
}

TEST(exec_stack_flag)
{
    build(ET_EXEC);
    ph[stk].p_flags = PF_R | PF_W | PF_X;
    CHECK_EQ_INT(run(), 0);
    CHECK(out.exec_stack);
    ph[stk].p_type = PT_NULL; /* no PT_GNU_STACK: non-executable, as on 64-bit Linux */
    CHECK_EQ_INT(run(), 0);
    CHECK(!out.exec_stack);
}

TEST(empty_load_is_skipped)
{
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0x123000, .p_vaddr = 0x123000};
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_INT(out.nsegs, 2);
}

TEST(bss_only_segment_offset_not_checked)
{
    build(ET_EXEC);
    /* A third segment with no file bytes, its p_offset past the end of file. */
    ph[spare] = (Elf64_Phdr){.p_type = PT_LOAD,
                             .p_flags = PF_R | PF_W,
                             .p_offset = 0x9000,
                             .p_vaddr = 0x409000,
                             .p_filesz = 0,
                             .p_memsz = 0x3000,
                             .p_align = 0x1000};
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_INT(out.nsegs, 3);
    CHECK_EQ_HEX(out.highest, 0x40c000);
    CHECK_EQ_INT(out.segs[2].prot, ELF_PROT_READ | ELF_PROT_WRITE);
}

TEST(align_zero_and_one_allowed)
{
    build(ET_EXEC);
    ph[rx].p_align = 0;
    ph[rw].p_align = 1;
    CHECK_EQ_INT(run(), 0);
    ph[rw].p_align = 0x200000; /* larger than a page is fine too */
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.align, 0x200000); /* the largest: exec aligns a PIE's random base to it */
}

TEST(other_segment_types_ignored)
{
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_TLS,
                             .p_flags = PF_R,
                             .p_offset = RW_OFFSET,
                             .p_vaddr = 0x402810,
                             .p_filesz = 8,
                             .p_memsz = 0x40,
                             .p_align = 8};
    CHECK_EQ_INT(run(), 0);
    ph[spare].p_type = PT_GNU_RELRO;
    CHECK_EQ_INT(run(), 0);
    ph[spare].p_type = 0x12345678; /* unknown types are ignored, as in Linux */
    CHECK_EQ_INT(run(), 0);
}

TEST(user_range_edges)
{
    build(ET_EXEC);
    /* The spans are [0x400000, 0x402000) and [0x402000, 0x405000). */
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, 0, 0x400000, 0x405000), 0);
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, 0, 0x400001, 0x405000), -EINVAL);
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, 0, 0x400000, 0x404fff), -EINVAL);
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, 0, 0x401000, USER_HI), -EINVAL);
}

/* 16 segments fit; the 17th is refused. Each segment takes one page. */
static int run_many(int n)
{
    static uint8_t big[0x40 + 20 * 56 + 0x1000];
    memset(big, 0, sizeof big);
    Elf64_Ehdr *e = (Elf64_Ehdr *)big;
    memcpy(e, eh, sizeof *e);
    e->e_phnum = (uint16_t)n;
    e->e_entry = 0x400080;
    Elf64_Phdr *p = (Elf64_Phdr *)(big + 0x40);
    for (int i = 0; i < n; i++)
        p[i] = (Elf64_Phdr){.p_type = PT_LOAD,
                            .p_flags = i == 0 ? PF_R | PF_X : PF_R,
                            .p_offset = 0,
                            .p_vaddr = 0x400000 + 0x1000 * (uint64_t)i,
                            .p_filesz = 0x100,
                            .p_memsz = 0x100,
                            .p_align = 0x1000};
    return run_buf(big, sizeof big, 0, USER_LO, USER_HI);
}

TEST(max_segments)
{
    build(ET_EXEC);
    CHECK_EQ_INT(run_many(ELF_MAX_SEGMENTS), 0);
    CHECK_EQ_INT(out.nsegs, ELF_MAX_SEGMENTS);
    CHECK_EQ_HEX(out.highest, 0x400000 + 0x1000 * ELF_MAX_SEGMENTS);
    CHECK_EQ_INT(run_many(ELF_MAX_SEGMENTS + 1), -ENOEXEC);
}

/* ---- -ENOEXEC: not for us --------------------------------------------- */

TEST(bad_magic)
{
    for (int i = 0; i < SELFMAG; i++) {
        build(ET_EXEC);
        img[i] ^= 0x20;
        CHECK_EQ_INT(run(), -ENOEXEC);
    }
}

TEST(class_32)
{
    build(ET_EXEC);
    img[EI_CLASS] = ELFCLASS32;
    CHECK_EQ_INT(run(), -ENOEXEC);
    img[EI_CLASS] = ELFCLASSNONE;
    CHECK_EQ_INT(run(), -ENOEXEC);
}

TEST(big_endian)
{
    build(ET_EXEC);
    img[EI_DATA] = ELFDATA2MSB;
    CHECK_EQ_INT(run(), -ENOEXEC);
}

TEST(wrong_version)
{
    build(ET_EXEC);
    img[EI_VERSION] = EV_NONE;
    CHECK_EQ_INT(run(), -ENOEXEC);
    build(ET_EXEC);
    eh->e_version = 2;
    CHECK_EQ_INT(run(), -ENOEXEC);
    eh->e_version = EV_NONE;
    CHECK_EQ_INT(run(), -ENOEXEC);
}

TEST(wrong_machine)
{
    build(ET_EXEC);
    eh->e_machine = EM_386;
    CHECK_EQ_INT(run(), -ENOEXEC);
    eh->e_machine = 183; /* EM_AARCH64 */
    CHECK_EQ_INT(run(), -ENOEXEC);
}

TEST(wrong_type)
{
    static const uint16_t types[] = {ET_NONE, ET_REL, ET_CORE, 0xfe00};
    for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++) {
        build(ET_EXEC);
        eh->e_type = types[i];
        CHECK_EQ_INT(run(), -ENOEXEC);
    }
}

TEST(interp_found)
{
    /* PT_INTERP names the interpreter: its bytes in the file are reported. */
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_INTERP, .p_offset = 0x100, .p_filesz = 28};
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_HEX(out.interp_off, 0x100);
    CHECK_EQ_HEX(out.interp_len, 28);
    CHECK_EQ_INT(out.type, ET_EXEC);
    build(ET_DYN);
    ph[stk] = (Elf64_Phdr){.p_type = PT_INTERP, .p_offset = 0x100, .p_filesz = 28};
    CHECK_EQ_INT(run(), 0);
    CHECK_EQ_INT(out.type, ET_DYN);
    /* Linux's limits: 2 bytes at least, PATH_MAX at most, inside the file. */
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_INTERP, .p_offset = 0x100, .p_filesz = 1};
    CHECK_EQ_INT(run(), -ENOEXEC);
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_INTERP, .p_offset = 0x100, .p_filesz = 4097};
    CHECK_EQ_INT(run(), -ENOEXEC);
    build(ET_EXEC);
    ph[spare] = (Elf64_Phdr){.p_type = PT_INTERP, .p_offset = ~0ull - 4, .p_filesz = 28};
    CHECK_EQ_INT(run(), -ENOEXEC);
}

TEST(no_load)
{
    build(ET_EXEC);
    ph[rx].p_type = PT_NULL;
    ph[rw].p_type = PT_NOTE;
    CHECK_EQ_INT(run(), -ENOEXEC);
    build(ET_EXEC);
    eh->e_phnum = 0;
    CHECK_EQ_INT(run(), -ENOEXEC);
    /* Only empty PT_LOADs: nothing to map either. */
    build(ET_EXEC);
    ph[rx].p_filesz = ph[rx].p_memsz = 0;
    ph[rw].p_filesz = ph[rw].p_memsz = 0;
    CHECK_EQ_INT(run(), -ENOEXEC);
}

/* ---- -EINVAL: malformed or hostile ------------------------------------ */

TEST(bad_phentsize)
{
    static const uint16_t sizes[] = {0, 32, 55, 57, 64, 0xffff};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        build(ET_EXEC);
        eh->e_phentsize = sizes[i];
        CHECK_EQ_INT(run(), -EINVAL);
    }
}

TEST(phdrs_outside_file)
{
    build(ET_EXEC);
    eh->e_phoff = IMG_SIZE - NPH * 56 + 1; /* last byte one past the end */
    CHECK_EQ_INT(run(), -EINVAL);
    eh->e_phoff = IMG_SIZE;
    CHECK_EQ_INT(run(), -EINVAL);
    eh->e_phoff = 1ull << 40;
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(phoff_overflow)
{
    build(ET_EXEC);
    eh->e_phoff = 0xffffffffffffffc0ull; /* + 4 * 56 wraps to a small number */
    CHECK_EQ_INT(run(), -EINVAL);
    eh->e_phoff = UINT64_MAX;
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(phnum_xnum)
{
    build(ET_EXEC);
    eh->e_phnum = PN_XNUM; /* 0xffff * 56 bytes: far beyond the file */
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_EXEC);
    eh->e_phnum = NPH + 1;
    eh->e_phoff = IMG_SIZE - NPH * 56; /* one header too many for the file */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(filesz_gt_memsz)
{
    build(ET_EXEC);
    ph[rw].p_memsz = RW_FILESZ - 1;
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_EXEC);
    ph[rw].p_memsz = 0; /* even when that would make it an empty segment */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(segment_outside_file)
{
    build(ET_EXEC);
    ph[rw].p_filesz = IMG_SIZE - RW_OFFSET + 1;
    CHECK_EQ_INT(run(), -EINVAL);
    ph[rw].p_filesz = IMG_SIZE - RW_OFFSET; /* up to the last byte: fine */
    CHECK_EQ_INT(run(), 0);
    build(ET_EXEC);
    ph[rw].p_offset += 0x10000;
    ph[rw].p_vaddr += 0x10000; /* still congruent, but past the end */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(offset_filesz_overflow)
{
    build(ET_EXEC);
    ph[rw].p_offset = 0xfffffffffffff810ull; /* congruent with p_vaddr mod 4096 */
    ph[rw].p_filesz = 0x1000;
    CHECK_EQ_INT(run(), -EINVAL);
    ph[rw].p_filesz = 0x7f0; /* ends at exactly 2^64: no wrap to 0, still outside */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(offset_vaddr_misaligned)
{
    build(ET_EXEC);
    ph[rw].p_offset = RW_OFFSET + 1;
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_EXEC);
    ph[rw].p_vaddr += 8;
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(align_not_power_of_two)
{
    static const uint64_t aligns[] = {3, 0x1800, 0x1001, UINT64_MAX};
    for (unsigned i = 0; i < sizeof aligns / sizeof aligns[0]; i++) {
        build(ET_EXEC);
        ph[rw].p_align = aligns[i];
        CHECK_EQ_INT(run(), -EINVAL);
    }
}

TEST(segment_below_user_lo)
{
    build(ET_EXEC);
    /* Move everything down one page: the RX span starts at 0x3ff000. */
    ph[rx].p_vaddr -= 0x1000;
    ph[rw].p_vaddr -= 0x1000;
    eh->e_entry -= 0x1000;
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_EXEC);
    ph[rx].p_vaddr = 0;
    ph[rx].p_offset = 0;
    eh->e_entry = 0x100; /* at address 0: never */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(segment_above_user_hi)
{
    build(ET_EXEC);
    ph[rw].p_vaddr = USER_HI - 0x1000 + 0x810; /* span ends at 0x7ffffffff000 + 0x1000 */
    ph[rw].p_memsz = 0x1000;
    CHECK_EQ_INT(run(), -EINVAL);
    ph[rw].p_memsz = 0x7f0; /* ends exactly at USER_HI */
    CHECK_EQ_INT(run(), 0);
    ph[rw].p_vaddr = 0xffff800000000810ull; /* kernel half */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(huge_memsz)
{
    build(ET_EXEC);
    ph[rw].p_memsz = 0xffffffffffff0000ull; /* vaddr + memsz wraps */
    CHECK_EQ_INT(run(), -EINVAL);
    ph[rw].p_memsz = USER_HI; /* no wrap, but ends far above user space */
    CHECK_EQ_INT(run(), -EINVAL);
    ph[rw].p_memsz = UINT64_MAX - 0x402810 - 5; /* end does not wrap, rounding up to a page does */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(vaddr_near_top_wraps)
{
    build(ET_EXEC);
    ph[rw].p_vaddr = 0xfffffffffffff810ull;
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(bias_overflow)
{
    build(ET_DYN);
    ph[rw].p_vaddr = 0xffffffff00000810ull;
    ph[rw].p_offset = RW_OFFSET;
    CHECK_EQ_INT(run(), -EINVAL); /* + DYN_BASE wraps */
    build(ET_DYN);
    eh->e_entry = UINT64_MAX - 0x10;
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_DYN);
    ph[spare].p_vaddr = UINT64_MAX - 0x10; /* PT_PHDR + bias wraps */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(dyn_base_misaligned)
{
    build(ET_DYN);
    CHECK_EQ_INT(run_buf(img, IMG_SIZE, DYN_BASE + 0x10, USER_LO, USER_HI), -EINVAL);
}

TEST(overlapping_segments)
{
    build(ET_EXEC);
    /* Byte-disjoint, but the RW segment starts in the RX span's last page
     * (0x401000..0x402000): the page would need two protections. */
    ph[rw].p_vaddr = 0x401810;
    CHECK_EQ_INT(run(), -EINVAL);
    /* Overlapping bytes. */
    ph[rw].p_vaddr = 0x400810;
    CHECK_EQ_INT(run(), -EINVAL);
    /* The same address. */
    ph[rw].p_vaddr = 0x400000 + RW_OFFSET;
    CHECK_EQ_INT(run(), -EINVAL);
    /* The next page after the RX span: fine. */
    ph[rw].p_vaddr = 0x402000 + (RW_OFFSET & 0xfff);
    CHECK_EQ_INT(run(), 0);
}

TEST(descending_order)
{
    build(ET_EXEC);
    Elf64_Phdr t = ph[rx];
    ph[rx] = ph[rw];
    ph[rw] = t;
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(entry_not_in_exec_segment)
{
    build(ET_EXEC);
    eh->e_entry = 0x402900; /* in the RW segment */
    CHECK_EQ_INT(run(), -EINVAL);
    eh->e_entry = 0x400000 + RX_SIZE; /* one past the RX segment's bytes (still in its page) */
    CHECK_EQ_INT(run(), -EINVAL);
    eh->e_entry = 0x400000 + RX_SIZE - 1; /* its last byte: fine */
    CHECK_EQ_INT(run(), 0);
    eh->e_entry = 0x3fffff;
    CHECK_EQ_INT(run(), -EINVAL);
    eh->e_entry = 0;
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_DYN);
    eh->e_entry = 0x400100; /* the ET_EXEC address in a PIE: bias + that is unmapped */
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_EXEC);
    ph[rx].p_flags = PF_R; /* no executable segment at all */
    CHECK_EQ_INT(run(), -EINVAL);
}

TEST(writable_and_executable)
{
    build(ET_EXEC);
    ph[rx].p_flags = PF_R | PF_W | PF_X;
    CHECK_EQ_INT(run(), -EINVAL);
    build(ET_EXEC);
    ph[rw].p_flags = PF_W | PF_X;
    CHECK_EQ_INT(run(), -EINVAL);
}

/* ---- truncation and fuzzing -------------------------------------------- */

static void truncate_all(uint16_t type)
{
    build(type);
    for (uint64_t len = 0; len <= IMG_SIZE; len++) {
        int rc = run_len(len);
        int want = len < sizeof(Elf64_Ehdr) ? -ENOEXEC : len < IMG_NEEDED ? -EINVAL : 0;
        CHECKF(rc == want, "length %#llx: got %d, expected %d", (unsigned long long)len, rc, want);
    }
}

TEST(truncated_exec) { truncate_all(ET_EXEC); }
TEST(truncated_dyn) { truncate_all(ET_DYN); }

/* Properties any accepted image must have, checked independently. */
static void check_invariants(uint64_t size, uint64_t lo, uint64_t hi)
{
    CHECK(out.nsegs >= 1 && out.nsegs <= ELF_MAX_SEGMENTS);
    CHECK(out.lowest % 4096 == 0 && out.highest % 4096 == 0);
    CHECK(out.lowest >= lo && out.highest <= hi && out.lowest < out.highest);
    bool entry_ok = false;
    uint64_t prev_end = 0;
    for (int i = 0; i < out.nsegs; i++) {
        const struct elf_segment *s = &out.segs[i];
        CHECK(s->memsz > 0 && s->filesz <= s->memsz);
        CHECK(s->vaddr + s->memsz > s->vaddr); /* no wrap */
        uint64_t start = s->vaddr & ~0xfffull, end = (s->vaddr + s->memsz + 0xfff) & ~0xfffull;
        CHECK(start >= lo && end <= hi && end > start);
        CHECK(i == 0 || start >= prev_end);
        CHECK(i != 0 || start == out.lowest);
        CHECK(i != out.nsegs - 1 || end == out.highest);
        prev_end = end;
        CHECK(s->filesz == 0 || (s->offset + s->filesz >= s->offset && s->offset + s->filesz <= size));
        CHECK((s->vaddr - s->offset) % 4096 == 0);
        CHECK(!((s->prot & ELF_PROT_WRITE) && (s->prot & ELF_PROT_EXEC)));
        CHECK((s->prot & ~7u) == 0);
        if ((s->prot & ELF_PROT_EXEC) && out.entry >= s->vaddr && out.entry < s->vaddr + s->memsz)
            entry_ok = true;
    }
    CHECK(entry_ok);
}

TEST(fuzz_headers)
{
    static const uint64_t interesting[] = {0,
                                           1,
                                           0x40,
                                           0xfff,
                                           0x1000,
                                           0x1810,
                                           IMG_SIZE,
                                           IMG_SIZE + 1,
                                           0x400000,
                                           0x7ffffffff000,
                                           1ull << 47,
                                           1ull << 63,
                                           UINT64_MAX,
                                           UINT64_MAX - 0xfff,
                                           0xffffffffffff0000ull};
    const uint64_t hdr_bytes = 0x40 + NPH * sizeof(Elf64_Phdr);
    unit_srand(12345);
    int accepted = 0;
    for (int iter = 0; iter < 40000; iter++) {
        build(iter & 1 ? ET_DYN : ET_EXEC);
        int nmut = 1 + (int)unit_rand_below(3);
        for (int m = 0; m < nmut; m++) {
            uint64_t r = unit_rand_below(3);
            if (r == 0) { /* flip a random byte of the headers */
                img[unit_rand_below(hdr_bytes)] ^= (uint8_t)(1 + unit_rand_below(255));
            } else { /* set an aligned 8-byte field to an interesting or random value */
                uint64_t off = 8 * unit_rand_below(hdr_bytes / 8);
                uint64_t v = unit_rand_below(2) ? interesting[unit_rand_below(sizeof interesting / 8)] : unit_rand();
                if (r == 2)
                    v += (uint64_t)unit_rand_below(0x3000) - 0x1800; /* near an interesting value */
                memcpy(img + off, &v, 8);
            }
        }
        uint64_t len = unit_rand_below(8) ? IMG_SIZE : unit_rand_below(IMG_SIZE + 1);
        int rc = run_len(len);
        CHECKF(rc == 0 || rc == -EINVAL || rc == -ENOEXEC, "iteration %d: rc %d", iter, rc);
        if (rc == 0) {
            accepted++;
            check_invariants(len, USER_LO, USER_HI);
            CHECKF(!UNIT_FAILED(), "iteration %d", iter);
        }
    }
    CHECKF(accepted > 1000, "only %d mutants accepted: the fuzzer is not exercising success", accepted);
}

/* ---- a real executable, if given ---------------------------------------- */

static const char *arg_path;

/* glibc calls ELF constructors with (argc, argv, envp); unit.h's main() takes
 * no arguments, so this is how the test sees its command line. */
__attribute__((constructor)) static void grab_args(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc > 1)
        arg_path = argv[1];
}

/* Real programs are checked against Linux's floor rather than USER_LO: lld
 * links static programs at 0x200000 (its default image base), below the
 * synthetic images' 0x400000. 0x10000 is Linux's default vm.mmap_min_addr. */
#define REAL_USER_LO 0x10000ull

static void check_real(const char *path, const uint8_t *data, uint64_t size)
{
    /* An independent reading of the headers, to know what to expect. */
    CHECK(size >= sizeof(Elf64_Ehdr));
    Elf64_Ehdr e;
    memcpy(&e, data, sizeof e);
    CHECK(e.e_phentsize == sizeof(Elf64_Phdr) && e.e_phoff + e.e_phnum * 56ull <= size);
    bool interp = false;
    int nload = 0;
    for (int i = 0; i < e.e_phnum; i++) {
        Elf64_Phdr p;
        memcpy(&p, data + e.e_phoff + 56ull * i, sizeof p);
        interp |= p.p_type == PT_INTERP;
        nload += p.p_type == PT_LOAD && p.p_memsz > 0;
    }
    int rc = run_buf(data, size, DYN_BASE, REAL_USER_LO, USER_HI);
    CHECKF(rc == 0, "%s: elf_check returned %d", path, rc);
    CHECKF((out.interp_len != 0) == interp, "%s: PT_INTERP %s", path, interp ? "missed" : "invented");
    uint64_t bias = e.e_type == ET_DYN ? DYN_BASE : 0;
    CHECK_EQ_HEX(out.bias, bias);
    CHECK_EQ_HEX(out.entry, e.e_entry + bias);
    CHECK_EQ_INT(out.nsegs, nload);
    CHECK_EQ_INT(out.phnum, e.e_phnum);
    check_invariants(size, REAL_USER_LO, USER_HI);
    if (UNIT_FAILED())
        return;
    /* AT_PHDR must point at the program headers as they will be in memory. */
    CHECKF(out.phdr_vaddr != 0, "%s: AT_PHDR not found", path);
    bool found = false;
    for (int i = 0; i < out.nsegs; i++) {
        const struct elf_segment *s = &out.segs[i];
        if (out.phdr_vaddr >= s->vaddr && out.phdr_vaddr - s->vaddr + e.e_phnum * 56ull <= s->filesz) {
            found = true;
            CHECK(memcmp(data + s->offset + (out.phdr_vaddr - s->vaddr), data + e.e_phoff, e.e_phnum * 56ull) == 0);
        }
    }
    CHECKF(found, "AT_PHDR %#llx is not inside a segment's file bytes", (unsigned long long)out.phdr_vaddr);
    fprintf(stderr, "real_file: %s: %d segments, entry %#llx, AT_PHDR %#llx\n", path, out.nsegs,
            (unsigned long long)out.entry, (unsigned long long)out.phdr_vaddr);

    /* Truncations: every length up to 8 KiB, then a sample, then around the
     * shortest length that works; only lengths that keep every segment's
     * file bytes may succeed. */
    uint64_t needed = e.e_phoff + e.e_phnum * 56ull;
    for (int i = 0; i < out.nsegs; i++)
        if (out.segs[i].filesz && out.segs[i].offset + out.segs[i].filesz > needed)
            needed = out.segs[i].offset + out.segs[i].filesz;
    uint64_t step = size / 256 > 4093 ? size / 256 : 4093; /* big files: ~256 samples, each a full copy */
    for (uint64_t len = 0; len <= size; len += len < 8192 ? 1 : step + unit_rand_below(64)) {
        int r = run_buf(data, len, DYN_BASE, REAL_USER_LO, USER_HI);
        int want = len < sizeof(Elf64_Ehdr) ? -ENOEXEC : len < needed ? -EINVAL : 0;
        CHECKF(r == want, "length %llu: got %d, expected %d", (unsigned long long)len, r, want);
    }
    for (uint64_t len = needed > 2 ? needed - 2 : 0; len <= size && len <= needed + 2; len++) {
        int r = run_buf(data, len, DYN_BASE, REAL_USER_LO, USER_HI);
        CHECKF(r == (len < needed ? -EINVAL : 0), "length %llu: got %d", (unsigned long long)len, r);
    }
}

TEST(real_file)
{
    const char *path = arg_path ? arg_path : getenv("TINYOS_TEST_ELF");
    if (!path || !*path)
        return; /* optional */
    FILE *f = fopen(path, "rb");
    CHECKF(f, "cannot open %s", path);
    uint8_t *data = NULL;
    long fsize = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (fsize = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (data = malloc(fsize > 0 ? (size_t)fsize : 1)) && fread(data, 1, (size_t)fsize, f) == (size_t)fsize) {
        fclose(f);
        check_real(path, data, (uint64_t)fsize);
        free(data);
        return;
    }
    fclose(f);
    free(data);
    CHECKF(false, "cannot read %s", path);
}

RUN_TESTS()
