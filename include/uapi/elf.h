/*
 * uapi/elf.h - the ELF64 file format (System V gABI, "Object Files" chapter,
 * with the x86-64 psABI supplement) and the auxiliary vector tags of
 * Linux's include/uapi/linux/auxvec.h and include/uapi/linux/elf.h. Names and
 * values are Linux's (and glibc's <elf.h>), so code and comments read the
 * same as there. Shared by kernel and user; only <stdint.h> is needed.
 *
 * Only what a static-executable loader and its tests need is here: the file
 * header, the program headers, and the AT_* tags. Section headers, symbols
 * and relocations are not (a static-pie relocates itself: its start code
 * walks its own _DYNAMIC; the kernel never does).
 */
#ifndef UAPI_ELF_H
#define UAPI_ELF_H

#include <stdint.h>

/* gABI "Data Representation", 64-bit types. All little endian on x86-64. */
typedef uint64_t Elf64_Addr;
typedef uint64_t Elf64_Off;
typedef uint16_t Elf64_Half;
typedef uint32_t Elf64_Word;
typedef int32_t Elf64_Sword;
typedef uint64_t Elf64_Xword;
typedef int64_t Elf64_Sxword;

/* e_ident[] indexes and values (gABI "ELF Identification"). */
#define EI_NIDENT 16
#define EI_MAG0 0
#define EI_MAG1 1
#define EI_MAG2 2
#define EI_MAG3 3
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_OSABI 7
#define EI_ABIVERSION 8
#define EI_PAD 9

#define ELFMAG0 0x7f
#define ELFMAG1 'E'
#define ELFMAG2 'L'
#define ELFMAG3 'F'
#define ELFMAG "\177ELF"
#define SELFMAG 4

#define ELFCLASSNONE 0
#define ELFCLASS32 1
#define ELFCLASS64 2

#define ELFDATANONE 0
#define ELFDATA2LSB 1 /* little endian: the only one x86-64 uses */
#define ELFDATA2MSB 2

#define EV_NONE 0
#define EV_CURRENT 1

#define ELFOSABI_NONE 0 /* Linux ignores EI_OSABI; so do we */
#define ELFOSABI_LINUX 3

/* e_type */
#define ET_NONE 0
#define ET_REL 1
#define ET_EXEC 2 /* fixed-address executable */
#define ET_DYN 3  /* shared object or position-independent executable (PIE, static-pie) */
#define ET_CORE 4

/* e_machine */
#define EM_386 3
#define EM_X86_64 62

typedef struct {
    unsigned char e_ident[EI_NIDENT];
    Elf64_Half e_type;
    Elf64_Half e_machine;
    Elf64_Word e_version;
    Elf64_Addr e_entry; /* virtual address of the entry point */
    Elf64_Off e_phoff;  /* file offset of the program header table */
    Elf64_Off e_shoff;
    Elf64_Word e_flags;
    Elf64_Half e_ehsize;
    Elf64_Half e_phentsize; /* size of one program header: 56 for ELF64 */
    Elf64_Half e_phnum;
    Elf64_Half e_shentsize;
    Elf64_Half e_shnum;
    Elf64_Half e_shstrndx;
} Elf64_Ehdr;

/* gABI: e_phnum == PN_XNUM means the real count is in section header 0's
 * sh_info. Linux's loader does not support that; neither do we. */
#define PN_XNUM 0xffff

typedef struct {
    Elf64_Word p_type;
    Elf64_Word p_flags;
    Elf64_Off p_offset;   /* file offset of the segment's first byte */
    Elf64_Addr p_vaddr;   /* virtual address of that byte */
    Elf64_Addr p_paddr;   /* unused on x86-64 */
    Elf64_Xword p_filesz; /* bytes taken from the file ... */
    Elf64_Xword p_memsz;  /* ... and in memory; the rest is zero (.bss) */
    Elf64_Xword p_align;  /* 0 or 1: none; else a power of two, p_vaddr == p_offset mod p_align */
} Elf64_Phdr;

/* p_type (gABI "Program Header"; the GNU ones from Linux's uapi/linux/elf.h). */
#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3 /* path of the dynamic linker: the program is dynamically linked */
#define PT_NOTE 4
#define PT_SHLIB 5
#define PT_PHDR 6 /* the program header table itself, in memory */
#define PT_TLS 7  /* the thread-local storage template */
#define PT_LOOS 0x60000000
#define PT_HIOS 0x6fffffff
#define PT_LOPROC 0x70000000
#define PT_HIPROC 0x7fffffff
#define PT_GNU_EH_FRAME 0x6474e550
#define PT_GNU_STACK 0x6474e551 /* p_flags say whether the stack is executable */
#define PT_GNU_RELRO 0x6474e552
#define PT_GNU_PROPERTY 0x6474e553

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

/*
 * Auxiliary vector tags (Linux include/uapi/linux/auxvec.h; the x86-64 psABI
 * section 3.4.3 "Auxiliary Vector" defines the first ones with the same
 * numbers). The kernel puts {tag, value} pairs after envp's NULL on the
 * initial stack; the list ends with AT_NULL.
 */
#define AT_NULL 0           /* end of the vector */
#define AT_IGNORE 1         /* entry to be ignored */
#define AT_EXECFD 2         /* file descriptor of the program (binfmt_misc) */
#define AT_PHDR 3           /* user address of the program headers */
#define AT_PHENT 4          /* size of one program header */
#define AT_PHNUM 5          /* number of program headers */
#define AT_PAGESZ 6         /* system page size */
#define AT_BASE 7           /* base address of the interpreter (0: none) */
#define AT_FLAGS 8          /* flags (0) */
#define AT_ENTRY 9          /* entry point of the program */
#define AT_NOTELF 10        /* program is not ELF */
#define AT_UID 11           /* real uid */
#define AT_EUID 12          /* effective uid */
#define AT_GID 13           /* real gid */
#define AT_EGID 14          /* effective gid */
#define AT_PLATFORM 15      /* user address of a string naming the CPU: "x86_64" */
#define AT_HWCAP 16         /* CPU capabilities (x86: CPUID.1:EDX) */
#define AT_CLKTCK 17        /* frequency of times(): 100 */
#define AT_SECURE 23        /* nonzero for setuid-like execution */
#define AT_BASE_PLATFORM 24 /* a string naming the real platform */
#define AT_RANDOM 25        /* user address of 16 random bytes (stack protector, pointer guard) */
#define AT_HWCAP2 26        /* more CPU capabilities */
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN 28
#define AT_EXECFN 31       /* user address of the file name given to execve */
#define AT_SYSINFO_EHDR 33 /* address of the vDSO's ELF header */
#define AT_MINSIGSTKSZ 51  /* minimal signal stack size for the current CPU state */

#endif
