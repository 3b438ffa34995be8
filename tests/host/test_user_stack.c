/*
 * test_user_stack.c - host tests of kernel/proc/user_stack.c.
 *
 * Each test builds a stack into a host buffer standing for user memory
 * [STACK_TOP - size, STACK_TOP), then reads it back the way a C runtime's
 * start code does (psABI 3.4.1: argc at %rsp, argv, NULL, envp, NULL, auxv),
 * translating user addresses into the buffer with bounds checks. Buffers are
 * malloc'd with the exact size so AddressSanitizer catches any stray write.
 */
#include "unit.h"

#include "proc/user_stack.c"

#define STACK_TOP 0x7ffffffff000ull
#define SIZE 8192u

static const uint8_t rnd[16] = {0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87,
                                0x98, 0xa9, 0xba, 0xcb, 0xdc, 0xed, 0xfe, 0x0f};
static const struct auxv_pair base_aux[] = {
    {AT_PAGESZ, 4096}, {AT_PHDR, 0x400040}, {AT_PHENT, 56}, {AT_PHNUM, 4}, {AT_ENTRY, 0x401000}, {AT_SECURE, 0},
};
#define NBASE_AUX ((int)(sizeof base_aux / sizeof base_aux[0]))

/* What a C runtime sees. */
#define MAX_ITEMS 64
struct seen {
    uint64_t argc;
    const char *argv[MAX_ITEMS];
    uint64_t argv_addr[MAX_ITEMS];
    int envc;
    const char *envp[MAX_ITEMS];
    uint64_t envp_addr[MAX_ITEMS];
    int naux;
    struct auxv_pair aux[MAX_ITEMS];
};

struct mem {
    const uint8_t *buf;
    uint64_t lo, top;
};

/* Host pointer for [addr, addr + n) of user memory, or NULL if outside. */
static const uint8_t *xlate(const struct mem *m, uint64_t addr, uint64_t n)
{
    if (addr < m->lo || addr > m->top || m->top - addr < n)
        return NULL;
    return m->buf + (addr - m->lo);
}

static bool read_u64(const struct mem *m, uint64_t addr, uint64_t *v)
{
    const uint8_t *p = xlate(m, addr, 8);
    if (!p)
        return false;
    memcpy(v, p, 8);
    return true;
}

/* A NUL-terminated string at addr entirely inside the buffer, or NULL. */
static const char *read_str(const struct mem *m, uint64_t addr)
{
    const uint8_t *p = xlate(m, addr, 1);
    if (!p)
        return NULL;
    uint64_t max = m->top - addr;
    return memchr(p, 0, max) ? (const char *)p : NULL;
}

/* Parses the stack at sp; a failed check if it is malformed. */
static void parse(const struct mem *m, uint64_t sp, struct seen *s)
{
    memset(s, 0, sizeof *s);
    uint64_t q = sp, v;
    CHECKF(read_u64(m, q, &s->argc), "argc outside buffer");
    CHECKF(s->argc < MAX_ITEMS, "argc %llu", (unsigned long long)s->argc);
    q += 8;
    for (uint64_t i = 0; i < s->argc; i++, q += 8) {
        CHECKF(read_u64(m, q, &v), "argv[%llu] outside buffer", (unsigned long long)i);
        s->argv_addr[i] = v;
        s->argv[i] = read_str(m, v);
        CHECKF(s->argv[i], "argv[%llu] = %#llx is not a string in the buffer", (unsigned long long)i,
               (unsigned long long)v);
    }
    CHECKF(read_u64(m, q, &v) && v == 0, "argv[argc] is not NULL");
    q += 8;
    for (;; q += 8) {
        CHECKF(read_u64(m, q, &v), "envp outside buffer");
        if (!v)
            break;
        CHECK(s->envc < MAX_ITEMS);
        s->envp_addr[s->envc] = v;
        s->envp[s->envc] = read_str(m, v);
        CHECKF(s->envp[s->envc], "envp[%d] is not a string in the buffer", s->envc);
        s->envc++;
    }
    q += 8;
    for (;; q += 16) {
        CHECK(s->naux < MAX_ITEMS);
        struct auxv_pair *a = &s->aux[s->naux++];
        CHECKF(read_u64(m, q, &a->type) && read_u64(m, q + 8, &a->value), "auxv outside buffer");
        if (a->type == AT_NULL)
            break;
    }
}

/* The value of auxv entry type, or false if absent. */
static bool aux_get(const struct seen *s, uint64_t type, uint64_t *value)
{
    for (int i = 0; i < s->naux; i++)
        if (s->aux[i].type == type) {
            *value = s->aux[i].value;
            return true;
        }
    return false;
}

static int build(uint8_t *buf, uint64_t size, const char *const *argv, int argc, const char *const *envp, int envc,
                 const char *execfn, uint64_t *sp)
{
    return user_stack_build(buf, size, STACK_TOP, argv, argc, envp, envc, execfn, rnd, base_aux, NBASE_AUX, 0, sp);
}

/* Builds, parses and checks everything a runtime relies on. */
static void build_and_check(const char *const *argv, int argc, const char *const *envp, int envc, const char *execfn)
{
    uint8_t *buf = malloc(SIZE);
    CHECK(buf);
    memset(buf, 0xa5, SIZE);
    uint64_t sp = 0;
    int rc = build(buf, SIZE, argv, argc, envp, envc, execfn, &sp);
    CHECKF(rc == 0, "argc %d envc %d: rc %d", argc, envc, rc);
    struct mem m = {buf, STACK_TOP - SIZE, STACK_TOP};
    struct seen s;
    parse(&m, sp, &s);
    if (UNIT_FAILED()) {
        free(buf);
        return;
    }
    /* psABI 3.4.1: %rsp 16-byte aligned at entry. */
    CHECKF(sp % 16 == 0, "argc %d envc %d: sp %#llx", argc, envc, (unsigned long long)sp);
    CHECK(sp >= STACK_TOP - SIZE && sp < STACK_TOP);
    CHECK_EQ_INT(s.argc, argc);
    for (int i = 0; i < argc; i++)
        CHECK_STR(s.argv[i], argv[i]);
    CHECK_EQ_INT(s.envc, envc);
    for (int i = 0; i < envc; i++)
        CHECK_STR(s.envp[i], envp[i]);

    /* auxv: the caller's pairs first, in order, then AT_RANDOM, AT_EXECFN,
     * AT_PLATFORM, and AT_NULL last. */
    CHECK_EQ_INT(s.naux, NBASE_AUX + 4);
    for (int i = 0; i < NBASE_AUX; i++) {
        CHECK_EQ_INT(s.aux[i].type, base_aux[i].type);
        CHECK_EQ_HEX(s.aux[i].value, base_aux[i].value);
    }
    CHECK_EQ_INT(s.aux[NBASE_AUX].type, AT_RANDOM);
    CHECK_EQ_INT(s.aux[NBASE_AUX + 1].type, AT_EXECFN);
    CHECK_EQ_INT(s.aux[NBASE_AUX + 2].type, AT_PLATFORM);
    CHECK_EQ_INT(s.aux[NBASE_AUX + 3].type, AT_NULL);
    CHECK_EQ_HEX(s.aux[NBASE_AUX + 3].value, 0);
    uint64_t v;
    CHECK(aux_get(&s, AT_PAGESZ, &v) && v == 4096);
    CHECK(aux_get(&s, AT_PHDR, &v) && v == 0x400040);

    uint64_t random_addr, execfn_addr, platform_addr;
    CHECK(aux_get(&s, AT_RANDOM, &random_addr));
    const uint8_t *r = xlate(&m, random_addr, 16);
    CHECKF(r, "AT_RANDOM %#llx outside buffer", (unsigned long long)random_addr);
    CHECK(memcmp(r, rnd, 16) == 0);
    CHECK(aux_get(&s, AT_EXECFN, &execfn_addr));
    CHECK_STR(read_str(&m, execfn_addr), execfn);
    CHECK(aux_get(&s, AT_PLATFORM, &platform_addr));
    CHECK_STR(read_str(&m, platform_addr), "x86_64");

    /* Linux's placement of the information block: the pointer table ends
     * below the random bytes, the platform string is above them, the strings
     * are contiguous in index order (argv, envp, execfn) ending 8 bytes
     * below the top, and the top word is zero. */
    uint64_t table_end = sp + 8 * (1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + 2 * (uint64_t)s.naux);
    CHECK(table_end <= random_addr && random_addr - table_end < 16);
    CHECK_EQ_HEX(platform_addr, random_addr + 16);
    /* The platform string ends at the strings' start rounded down to 16. */
    uint64_t next = argc ? s.argv_addr[0] : envc ? s.envp_addr[0] : execfn_addr;
    CHECK((platform_addr + 7) % 16 == 0);
    CHECK(next >= platform_addr + 7 && next - (platform_addr + 7) < 16);
    for (int i = 0; i < argc; i++) {
        CHECK_EQ_HEX(s.argv_addr[i], next);
        next += strlen(argv[i]) + 1;
    }
    for (int i = 0; i < envc; i++) {
        CHECK_EQ_HEX(s.envp_addr[i], next);
        next += strlen(envp[i]) + 1;
    }
    CHECK_EQ_HEX(execfn_addr, next);
    next += strlen(execfn) + 1;
    CHECK_EQ_HEX(next, STACK_TOP - 8);
    CHECK(read_u64(&m, STACK_TOP - 8, &v) && v == 0);

    /* Nothing below sp was written (output_independent_of_old_contents
     * checks that everything from sp up was). */
    for (uint64_t a = STACK_TOP - SIZE; a < sp; a++)
        CHECKF(buf[a - (STACK_TOP - SIZE)] == 0xa5, "byte at %#llx below sp was written", (unsigned long long)a);
    free(buf);
}

static const char *const args[] = {"/bin/prog", "-x", "", "a longer argument with spaces", "5"};
static const char *const envs[] = {"HOME=/", "PATH=/bin:/usr/bin", "TERM=vt100", "X=", "LONGER_ONE=0123456789abcdef"};

TEST(all_argc_envc_combinations)
{
    /* Odd and even counts, and string lengths that move every alignment. */
    for (int argc = 0; argc <= 5; argc++)
        for (int envc = 0; envc <= 5; envc++) {
            build_and_check(args, argc, envs, envc, "/bin/prog");
            CHECKF(!UNIT_FAILED(), "argc %d envc %d", argc, envc);
        }
}

TEST(execfn_lengths_move_alignment)
{
    char name[40];
    for (int len = 1; len < 34; len++) {
        memset(name, 'n', sizeof name);
        name[0] = '/';
        name[len] = '\0';
        build_and_check(args, 2, envs, 1, name);
        CHECKF(!UNIT_FAILED(), "execfn length %d", len);
    }
}

TEST(argc_zero) { build_and_check(NULL, 0, NULL, 0, "/bin/prog"); }

TEST(argc_zero_envp_present) { build_and_check(NULL, 0, envs, 3, "/x"); }

TEST(empty_execfn) { build_and_check(args, 1, envs, 1, ""); }

TEST(no_caller_aux)
{
    uint8_t *buf = malloc(SIZE);
    CHECK(buf);
    uint64_t sp;
    CHECK_EQ_INT(user_stack_build(buf, SIZE, STACK_TOP, args, 1, envs, 1, "/p", rnd, NULL, 0, 0, &sp), 0);
    struct mem m = {buf, STACK_TOP - SIZE, STACK_TOP};
    struct seen s;
    parse(&m, sp, &s);
    if (!UNIT_FAILED()) {
        CHECK_EQ_INT(s.naux, 4);
        CHECK_EQ_INT(s.aux[0].type, AT_RANDOM);
        CHECK_EQ_INT(s.aux[3].type, AT_NULL);
    }
    free(buf);
}

/* The smallest buffer that works: the same layout as in a big buffer, since
 * addresses are computed from the top. */
static uint64_t needed_size(const char *const *argv, int argc, const char *const *envp, int envc)
{
    uint8_t *buf = malloc(SIZE);
    uint64_t sp = 0;
    int rc = build(buf, SIZE, argv, argc, envp, envc, "/bin/prog", &sp);
    free(buf);
    return rc ? 0 : STACK_TOP - sp;
}

static void every_size(int argc, int envc)
{
    uint64_t need = needed_size(args, argc, envs, envc);
    CHECK(need > 0 && need <= SIZE);
    uint64_t sp_big = STACK_TOP - need;
    for (uint64_t size = 0; size <= need + 32; size++) {
        /* Exactly size bytes, so ASan flags any write outside; filled with a
         * pattern to check that a failure writes nothing. */
        uint8_t *buf = malloc(size ? size : 1);
        CHECK(buf);
        memset(buf, 0x5a, size);
        uint64_t sp = 0;
        int rc = build(buf, size, args, argc, envs, envc, "/bin/prog", &sp);
        if (size < need) {
            CHECKF(rc == -E2BIG, "argc %d envc %d size %llu: rc %d", argc, envc, (unsigned long long)size, rc);
            for (uint64_t i = 0; i < size; i++)
                CHECKF(buf[i] == 0x5a, "size %llu: byte %llu written on failure", (unsigned long long)size,
                       (unsigned long long)i);
        } else {
            CHECKF(rc == 0, "argc %d envc %d size %llu: rc %d", argc, envc, (unsigned long long)size, rc);
            CHECK_EQ_HEX(sp, sp_big);
            struct mem m = {buf, STACK_TOP - size, STACK_TOP};
            struct seen s;
            parse(&m, sp, &s);
            if (!UNIT_FAILED())
                CHECK_EQ_INT(s.argc, argc);
        }
        free(buf);
        if (UNIT_FAILED())
            return;
    }
}

TEST(too_small_every_size)
{
    for (int argc = 0; argc <= 3; argc++)
        for (int envc = 0; envc <= 2; envc++) {
            every_size(argc, envc);
            CHECKF(!UNIT_FAILED(), "argc %d envc %d", argc, envc);
        }
}

TEST(absurd_counts)
{
    uint8_t *buf = malloc(SIZE);
    CHECK(buf);
    uint64_t sp;
    /* The arrays hold 5 entries; the counts are refused before reading them. */
    CHECK_EQ_INT(build(buf, SIZE, args, 0x7fffffff, envs, 1, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(build(buf, SIZE, args, 1, envs, 0x7fffffff, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(build(buf, SIZE, args, -1, envs, 1, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(build(buf, SIZE, args, 1, envs, -5, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(user_stack_build(buf, SIZE, STACK_TOP, args, 1, envs, 1, "/p", rnd, base_aux, -1, 0, &sp), -E2BIG);
    CHECK_EQ_INT(user_stack_build(buf, SIZE, STACK_TOP, args, 1, envs, 1, "/p", rnd, base_aux, 0x7fffffff, 0, &sp),
                 -E2BIG);
    /* 1024 empty strings need 1024 * 9 bytes at least: more than 8 KiB. */
    static const char *many[1024];
    for (int i = 0; i < 1024; i++)
        many[i] = "";
    CHECK_EQ_INT(build(buf, SIZE, many, 1024, NULL, 0, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(build(buf, SIZE, many, 700, NULL, 0, "/p", &sp), 0);
    free(buf);
}

TEST(string_longer_than_buffer)
{
    uint8_t *buf = malloc(SIZE);
    char *huge = malloc(3 * SIZE);
    CHECK(buf && huge);
    memset(huge, 'h', 3 * SIZE - 1);
    huge[3 * SIZE - 1] = '\0';
    uint64_t sp;
    const char *a[] = {"/p", huge};
    CHECK_EQ_INT(build(buf, SIZE, a, 2, NULL, 0, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(build(buf, SIZE, a, 1, a + 1, 1, "/p", &sp), -E2BIG);
    CHECK_EQ_INT(build(buf, SIZE, a, 1, NULL, 0, huge, &sp), -E2BIG);
    huge[SIZE - 8 - 1] = '\0'; /* exactly fills the space above the top word */
    CHECK_EQ_INT(build(buf, SIZE, NULL, 0, NULL, 0, huge, &sp), -E2BIG);
    free(huge);
    free(buf);
}

TEST(bad_arguments)
{
    uint8_t *buf = malloc(SIZE);
    CHECK(buf);
    uint64_t sp;
    CHECK_EQ_INT(build(buf, SIZE, NULL, 1, envs, 1, "/p", &sp), -EINVAL);
    CHECK_EQ_INT(build(buf, SIZE, args, 1, NULL, 1, "/p", &sp), -EINVAL);
    CHECK_EQ_INT(build(buf, SIZE, args, 1, envs, 1, NULL, &sp), -EINVAL);
    CHECK_EQ_INT(build(buf, SIZE, args, 1, envs, 1, "/p", NULL), -EINVAL);
    CHECK_EQ_INT(user_stack_build(buf, SIZE, STACK_TOP, args, 1, envs, 1, "/p", NULL, NULL, 0, 0, &sp), -EINVAL);
    CHECK_EQ_INT(user_stack_build(buf, SIZE, STACK_TOP, args, 1, envs, 1, "/p", rnd, NULL, 2, 0, &sp), -EINVAL);
    const char *with_null[] = {"/p", NULL, "x"};
    CHECK_EQ_INT(build(buf, SIZE, with_null, 3, NULL, 0, "/p", &sp), -EINVAL);
    CHECK_EQ_INT(build(buf, SIZE, args, 1, with_null, 3, "/p", &sp), -EINVAL);
    /* The buffer may not stand for addresses below 0. */
    CHECK_EQ_INT(user_stack_build(buf, SIZE, SIZE - 1, args, 1, envs, 1, "/p", rnd, NULL, 0, 0, &sp), -EINVAL);
    /* The pairs this function adds itself. */
    static const uint64_t reserved[] = {AT_NULL, AT_RANDOM, AT_EXECFN, AT_PLATFORM};
    for (unsigned i = 0; i < 4; i++) {
        struct auxv_pair a[2] = {{AT_PAGESZ, 4096}, {reserved[i], 1}};
        CHECK_EQ_INT(user_stack_build(buf, SIZE, STACK_TOP, args, 1, envs, 1, "/p", rnd, a, 2, 0, &sp), -EINVAL);
    }
    free(buf);
}

TEST(unaligned_buffer_and_top)
{
    /* A buffer that is not 8-aligned (UBSan flags misaligned stores), and a
     * stack top that is not 16-aligned: sp must still be. */
    uint8_t *block = malloc(SIZE + 1);
    CHECK(block);
    uint8_t *buf = block + 1;
    static const uint64_t tops[] = {STACK_TOP, STACK_TOP - 8, STACK_TOP - 3, 0x10000 + SIZE};
    for (unsigned t = 0; t < 4; t++) {
        uint64_t sp;
        int rc = user_stack_build(buf, SIZE, tops[t], args, 3, envs, 2, "/bin/prog", rnd, base_aux, NBASE_AUX, 0, &sp);
        CHECK_EQ_INT(rc, 0);
        CHECK(sp % 16 == 0);
        struct mem m = {buf, tops[t] - SIZE, tops[t]};
        struct seen s;
        parse(&m, sp, &s);
        if (!UNIT_FAILED()) {
            CHECK_EQ_INT(s.argc, 3);
            CHECK_STR(s.argv[2], args[2]);
            CHECK_STR(s.envp[1], envs[1]);
        }
    }
    free(block);
}

TEST(output_independent_of_old_contents)
{
    /* Padding is zeroed: no old (kernel) bytes leak into the new stack. */
    uint8_t *a = malloc(SIZE), *b = malloc(SIZE);
    CHECK(a && b);
    memset(a, 0x00, SIZE);
    memset(b, 0xff, SIZE);
    uint64_t spa, spb;
    CHECK_EQ_INT(build(a, SIZE, args, 3, envs, 2, "/bin/prog", &spa), 0);
    CHECK_EQ_INT(build(b, SIZE, args, 3, envs, 2, "/bin/prog", &spb), 0);
    CHECK_EQ_HEX(spa, spb);
    uint64_t off = spa - (STACK_TOP - SIZE);
    CHECK(memcmp(a + off, b + off, SIZE - off) == 0);
    free(a);
    free(b);
}

TEST(shift_moves_tables_below_strings)
{
    /* arch_align_stack's random drop: the strings stay at the top, the
     * platform string, AT_RANDOM and the tables move down by the shift
     * (rounded to 16), sp stays 16-byte aligned, and a shift that does
     * not fit is E2BIG. */
    uint8_t *a = malloc(SIZE), *b = malloc(SIZE);
    CHECK(a && b);
    uint64_t spa, spb;
    CHECK_EQ_INT(user_stack_build(a, SIZE, STACK_TOP, args, 3, envs, 2, "/p", rnd, base_aux, NBASE_AUX, 0, &spa), 0);
    CHECK_EQ_INT(user_stack_build(b, SIZE, STACK_TOP, args, 3, envs, 2, "/p", rnd, base_aux, NBASE_AUX, 4000, &spb), 0);
    CHECK(spb % 16 == 0);
    CHECK(spa - spb >= 3984 && spa - spb <= 4016);
    struct mem ma = {a, STACK_TOP - SIZE, STACK_TOP}, mb = {b, STACK_TOP - SIZE, STACK_TOP};
    struct seen sa, sb;
    parse(&ma, spa, &sa);
    parse(&mb, spb, &sb);
    CHECK_EQ_INT(sb.argc, 3);
    for (int i = 0; i < 3; i++)
        CHECK_STR(sb.argv[i], args[i]);
    uint64_t ra = 0, rb = 0;
    CHECK(aux_get(&sa, AT_RANDOM, &ra) && aux_get(&sb, AT_RANDOM, &rb));
    CHECK(ra - rb >= 3984 && ra - rb <= 4016);
    CHECK_EQ_INT(user_stack_build(b, SIZE, STACK_TOP, args, 3, envs, 2, "/p", rnd, base_aux, NBASE_AUX, SIZE, &spb),
                 -E2BIG);
    free(a);
    free(b);
}

RUN_TESTS()
