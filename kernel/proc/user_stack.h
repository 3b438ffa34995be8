/*
 * user_stack.h - lay out a new program's initial stack: argc, argv, envp,
 * auxv and the strings they point at, as the x86-64 psABI section 3.4.1
 * ("Initial Stack and Register State", figure "Initial Process Stack") and
 * Linux's fs/exec.c + fs/binfmt_elf.c create_elf_tables() place them.
 *
 * Pure and freestanding: it fills a kernel buffer that stands for the top of
 * the new user stack; exec copies or maps that buffer into the new address
 * space. Resulting layout, from stack_top down:
 *
 *   stack_top - 8   8 zero bytes (Linux: bprm->p starts one pointer below the top)
 *                   execfn string                          <- AT_EXECFN
 *                   envp strings, argv strings (argv[0] lowest, each
 *                   string directly after the previous one, like Linux)
 *                   0..15 zero bytes: 16-byte alignment
 *                   "x86_64\0"                             <- AT_PLATFORM
 *                   16 random bytes                        <- AT_RANDOM
 *                   0..15 zero bytes: so that sp is 16-byte aligned
 *                   auxv: the caller's pairs, AT_RANDOM, AT_EXECFN,
 *                         AT_PLATFORM, AT_NULL
 *                   NULL, envp[envc-1] .. envp[0]
 *                   NULL, argv[argc-1] .. argv[0]
 *   sp ->           argc (8 bytes)
 *
 * (platform string above the random bytes as in Linux's create_elf_tables(),
 * which also moves the area down by a random amount: the caller's shift,
 * taken before the 16-byte alignment below the strings.)
 */
#ifndef PROC_USER_STACK_H
#define PROC_USER_STACK_H

#include <stdint.h>

struct auxv_pair {
    uint64_t type, value;
};

/* The string AT_PLATFORM points at (Linux's ELF_PLATFORM on x86-64). */
#define USER_STACK_PLATFORM "x86_64"

/*
 * buf stands for user memory [stack_top - size, stack_top); stack_top should
 * be page-aligned and at least size. argv/envp are argc/envc NUL-terminated
 * strings (in kernel memory, not changing during the call); execfn is the
 * path execve was given; random16 the bytes for AT_RANDOM; shift how many
 * bytes lower than the strings the rest begins (Linux's arch_align_stack:
 * random below 8192 with ASLR, else 0). aux holds naux
 * pairs (AT_PHDR, AT_PAGESZ, ...) to put first, in the order given (Linux's
 * order starts AT_SYSINFO_EHDR, AT_MINSIGSTKSZ, AT_HWCAP, AT_PAGESZ,
 * AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID,
 * AT_EUID, AT_GID, AT_EGID, AT_SECURE); this function appends AT_RANDOM,
 * AT_EXECFN, AT_PLATFORM and the terminating AT_NULL.
 *
 * Returns 0 and sets *sp_out to the user address of argc (16-byte aligned:
 * the psABI's requirement on %rsp at process entry). Only [*sp_out, stack_top)
 * of the buffer is written, every byte of it (padding is zeroed, so no kernel
 * data leaks); the part of buf below *sp_out is not touched.
 * Errors (nothing is written then):
 *   -E2BIG   the layout does not fit in size bytes, or argc/envc/naux < 0.
 *            Counts too large for size are refused before argv[]/envp[]
 *            are read, so an absurd count cannot make this read far.
 *   -EINVAL  NULL argv (with argc > 0), envp (with envc > 0), aux (with
 *            naux > 0), execfn, random16 or sp_out; a NULL argv[i] or
 *            envp[i]; size > stack_top; a caller pair of type AT_NULL,
 *            AT_RANDOM, AT_EXECFN or AT_PLATFORM (this function adds those).
 */
int user_stack_build(uint8_t *buf, uint64_t size, uint64_t stack_top, const char *const *argv, int argc,
                     const char *const *envp, int envc, const char *execfn, const uint8_t random16[16],
                     const struct auxv_pair *aux, int naux, uint64_t shift, uint64_t *sp_out);

#endif
