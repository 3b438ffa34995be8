/*
 * user_stack.c - build a new program's initial stack (see user_stack.h).
 *
 * The x86-64 psABI, section 3.4.1, fixes the part a C runtime reads: at
 * process entry %rsp points at argc, followed by argc argument pointers, a
 * NULL, the environment pointers, a NULL, and the auxiliary vector of
 * {type, value} pairs ending with AT_NULL; %rsp is 16-byte aligned. Where
 * the strings and the AT_RANDOM/AT_PLATFORM data go ("information block",
 * unspecified by the psABI) follows Linux: fs/exec.c copies the file name,
 * then the environment, then the arguments, downwards from one pointer below
 * the stack top; create_elf_tables() in fs/binfmt_elf.c aligns to 16, adds
 * the platform string and 16 random bytes, and rounds the final sp down to 16
 * (STACK_ROUND) after reserving the pointer tables.
 *
 * The layout is computed twice by the same walk: a dry run that only checks
 * that everything fits, then the run that writes. So an error writes nothing,
 * and every write of the second run was bounds-checked by the first and is
 * checked again.
 */
#include "proc/user_stack.h"

#include <stdbool.h>
#include <stddef.h>

#include "lib/string.h"
#include "uapi/elf.h"
#include "uapi/errno.h"

/* The auxv pairs this file adds after the caller's: AT_RANDOM, AT_EXECFN,
 * AT_PLATFORM, AT_NULL. */
#define OWN_AUX_PAIRS 4

/* A downward-growing allocation cursor over user addresses [lo, top). */
struct walk {
    uint8_t *buf; /* buf[0] is user address lo */
    uint64_t lo;  /* stack_top - size */
    uint64_t top; /* stack_top */
    uint64_t p;   /* lowest address allocated so far; lo <= p <= top */
    bool write;   /* false: dry run, only check that it fits */
    uint64_t shift; /* arch_align_stack's random drop below the strings */
};

/* Reserves n bytes below p; false if they do not fit (p unchanged). */
static bool take(struct walk *w, uint64_t n)
{
    if (w->p - w->lo < n)
        return false;
    w->p -= n;
    return true;
}

static uint8_t *at(const struct walk *w, uint64_t addr) { return w->buf + (addr - w->lo); }

/* Stores through memcpy: buf has no alignment guarantee. */
static void put_u64(const struct walk *w, uint64_t addr, uint64_t v) { memcpy(at(w, addr), &v, sizeof v); }

/* Reserves (and in the write run copies) the NUL-terminated string s; the
 * length is bounded by the space left, so a huge string costs no more than
 * the buffer to discover. */
static int put_string(struct walk *w, const char *s)
{
    if (!s)
        return -EINVAL;
    uint64_t avail = w->p - w->lo;
    size_t len = strnlen(s, avail);
    if (len >= avail) /* the NUL would not fit either */
        return -E2BIG;
    w->p -= len + 1;
    if (w->write)
        memcpy(at(w, w->p), s, len + 1);
    return 0;
}

/* Length of the string the write run put at addr (it is NUL-terminated below top). */
static uint64_t placed_len(const struct walk *w, uint64_t addr)
{
    return strnlen((const char *)at(w, addr), w->top - addr);
}

/* 8-byte words from argc to AT_NULL: argc, argv[] + NULL, envp[] + NULL,
 * the auxv pairs. Counts are non-negative ints: no uint64_t wrap. */
static uint64_t table_words(int argc, int envc, int naux)
{
    return 1 + ((uint64_t)argc + 1) + ((uint64_t)envc + 1) + 2 * ((uint64_t)naux + OWN_AUX_PAIRS);
}

static int walk(struct walk *w, const char *const *argv, int argc, const char *const *envp, int envc,
                const char *execfn, const uint8_t random16[16], const struct auxv_pair *aux, int naux, uint64_t *sp_out)
{
    w->p = w->top;

    /* Linux starts one pointer below the top (fs/exec.c: bprm->p =
     * vma->vm_end - sizeof(void *)), leaving a zero word at the very top. */
    if (!take(w, sizeof(uint64_t)))
        return -E2BIG;
    if (w->write)
        put_u64(w, w->p, 0);

    /* Strings, in Linux's copy order: the file name, then envp, then argv,
     * each list from its last string down, so that argv[0] ends lowest and
     * all strings are contiguous in index order. */
    int err = put_string(w, execfn);
    if (err)
        return err;
    uint64_t execfn_addr = w->p;
    for (int i = envc - 1; i >= 0 && !err; i--)
        err = put_string(w, envp[i]);
    for (int i = argc - 1; i >= 0 && !err; i--)
        err = put_string(w, argv[i]);
    if (err)
        return err;
    uint64_t strings_lo = w->p; /* argv[0], or envp[0] if argc == 0, or execfn */

    /* create_elf_tables(): p = arch_align_stack(p), which moves p down by
     * the caller's random shift (0 without randomization) and rounds down
     * to 16. */
    if (w->shift > w->p - w->lo)
        return -E2BIG;
    uint64_t aligned = (w->p - w->shift) & ~(uint64_t)15;
    if (aligned < w->lo)
        return -E2BIG;
    if (w->write)
        memset(at(w, aligned), 0, w->p - aligned);
    w->p = aligned;

    if (!take(w, sizeof USER_STACK_PLATFORM))
        return -E2BIG;
    uint64_t platform_addr = w->p;
    if (w->write)
        memcpy(at(w, platform_addr), USER_STACK_PLATFORM, sizeof USER_STACK_PLATFORM);

    if (!take(w, 16))
        return -E2BIG;
    uint64_t random_addr = w->p;
    if (w->write)
        memcpy(at(w, random_addr), random16, 16);

    /* The pointer block. */
    uint64_t words = table_words(argc, envc, naux);
    uint64_t table_end = w->p;
    if (!take(w, words * sizeof(uint64_t)))
        return -E2BIG;
    /* psABI 3.4.1: %rsp is 16-byte aligned at process entry; the padding
     * goes between the table and the random bytes (Linux: STACK_ROUND). */
    uint64_t sp = w->p & ~(uint64_t)15;
    if (sp < w->lo)
        return -E2BIG;
    w->p = sp;
    *sp_out = sp;
    if (!w->write)
        return 0;

    uint64_t q = sp;
    uint64_t table_words_end = sp + words * sizeof(uint64_t);
    memset(at(w, table_words_end), 0, table_end - table_words_end);
    put_u64(w, q, (uint64_t)argc);
    q += 8;
    /* Pointers to the strings just written, walking them upwards from
     * strings_lo: argv[0..argc), then envp[0..envc). */
    uint64_t s = strings_lo;
    for (int i = 0; i < argc; i++, q += 8) {
        put_u64(w, q, s);
        s += placed_len(w, s) + 1;
    }
    put_u64(w, q, 0);
    q += 8;
    for (int i = 0; i < envc; i++, q += 8) {
        put_u64(w, q, s);
        s += placed_len(w, s) + 1;
    }
    put_u64(w, q, 0);
    q += 8;
    for (int i = 0; i < naux; i++, q += 16) {
        put_u64(w, q, aux[i].type);
        put_u64(w, q + 8, aux[i].value);
    }
    const struct auxv_pair own[OWN_AUX_PAIRS] = {
        {AT_RANDOM, random_addr},
        {AT_EXECFN, execfn_addr},
        {AT_PLATFORM, platform_addr},
        {AT_NULL, 0},
    };
    for (int i = 0; i < OWN_AUX_PAIRS; i++, q += 16) {
        put_u64(w, q, own[i].type);
        put_u64(w, q + 8, own[i].value);
    }
    return 0;
}

int user_stack_build(uint8_t *buf, uint64_t size, uint64_t stack_top, const char *const *argv, int argc,
                     const char *const *envp, int envc, const char *execfn, const uint8_t random16[16],
                     const struct auxv_pair *aux, int naux, uint64_t shift, uint64_t *sp_out)
{
    if (argc < 0 || envc < 0 || naux < 0)
        return -E2BIG;
    if ((argc > 0 && !argv) || (envc > 0 && !envp) || (naux > 0 && !aux) || !execfn || !random16 || !sp_out)
        return -EINVAL;
    if (size > stack_top)
        return -EINVAL; /* buf would stand for addresses below 0 */
    /* A lower bound on the space needed (the top word, one NUL per string,
     * the pointer block), checked before argv[] and envp[] are read: with an
     * absurd count, reading the arrays could already go astray. The counts
     * are non-negative ints, so nothing here wraps. */
    uint64_t min_bytes = 8 + 1 + (uint64_t)argc + (uint64_t)envc + table_words(argc, envc, naux) * 8;
    if (min_bytes > size)
        return -E2BIG;
    /* These the function adds itself; a second AT_NULL would cut the vector
     * short, a second AT_RANDOM etc. would point the runtime at the wrong data. */
    for (int i = 0; i < naux; i++)
        if (aux[i].type == AT_NULL || aux[i].type == AT_RANDOM || aux[i].type == AT_EXECFN ||
            aux[i].type == AT_PLATFORM)
            return -EINVAL;

    struct walk w = {.buf = buf, .lo = stack_top - size, .top = stack_top, .write = false, .shift = shift};
    uint64_t sp;
    int err = walk(&w, argv, argc, envp, envc, execfn, random16, aux, naux, &sp);
    if (err)
        return err;
    w.write = true;
    err = walk(&w, argv, argc, envp, envc, execfn, random16, aux, naux, &sp);
    if (err)
        return err; /* only if the strings changed under us */
    *sp_out = sp;
    return 0;
}
