/* Host tests for kernel/boot/multiboot.c: Multiboot 1 and 2 information,
 * valid and malformed, in a fake physical memory.
 *
 * Physical memory is PHYS_SIZE bytes at PHYS_BASE, a malloc block of
 * exactly that size: the phys reader refuses ranges outside it, and ASan
 * reports any read past it that the reader did not hand out. */
#include "boot/multiboot.c"

#include "unit.h"

#define PHYS_BASE 0x10000u
#define PHYS_SIZE 0x10000u
#define PHYS_END (PHYS_BASE + PHYS_SIZE)

static uint8_t *mem;

static const void *reader(uint64_t pa, uint64_t len)
{
    if (pa < PHYS_BASE || len > PHYS_SIZE || pa - PHYS_BASE > PHYS_SIZE - len)
        return NULL;
    return mem + (pa - PHYS_BASE);
}

static void reset_mem(void)
{
    if (!mem)
        mem = malloc(PHYS_SIZE);
    memset(mem, 0, PHYS_SIZE);
}

static __attribute__((destructor)) void free_mem(void) { free(mem); }

static uint8_t *at(uint32_t pa) { return mem + (pa - PHYS_BASE); }
static void put32(uint32_t pa, uint32_t v) { memcpy(at(pa), &v, 4); }
static void put64(uint32_t pa, uint64_t v) { memcpy(at(pa), &v, 8); }
static void putstr(uint32_t pa, const char *s) { memcpy(at(pa), s, strlen(s) + 1); }

static struct boot_info bi;

static bool has_reserved(uint64_t start, uint64_t end)
{
    for (int i = 0; i < bi.nreserved; i++)
        if (bi.reserved[i].start == start && bi.reserved[i].end == end)
            return true;
    return false;
}

/* An error message is returned, contains `part`, and bi is still sane. */
#define CHECK_ERROR(err, part)                                                  \
    do {                                                                        \
        const char *e_ = (err);                                                 \
        CHECKF(e_ != NULL, "expected an error containing \"%s\", got success", part); \
        CHECKF(strstr(e_, part) != NULL, "error \"%s\" does not contain \"%s\"", e_, part); \
        CHECK(bi.cmdline != NULL);                                              \
        CHECK(bi.nregions >= 0 && bi.nregions <= BOOT_MAX_REGIONS);             \
        CHECK(bi.nmodules >= 0 && bi.nmodules <= BOOT_MAX_MODULES);             \
        CHECK(bi.nreserved >= 0 && bi.nreserved <= BOOT_MAX_RESERVED);          \
    } while (0)

/* ------------------------------------------------------------------ MB1 */

#define MB1 MULTIBOOT1_BOOTLOADER_MAGIC
#define INFO PHYS_BASE           /* the 68-byte information structure */
#define CMDLINE (PHYS_BASE + 0x100)
#define LOADER (PHYS_BASE + 0x200)
#define MMAP (PHYS_BASE + 0x300)
#define MODS (PHYS_BASE + 0x800)
#define MODSTR (PHYS_BASE + 0x900)

enum { F_FLAGS = 0, F_CMDLINE = 16, F_MODS_COUNT = 20, F_MODS_ADDR = 24, F_MMAP_LENGTH = 44, F_MMAP_ADDR = 48,
       F_LOADER = 64 };

static uint32_t mmap_len; /* bytes of entries written so far */

static void mb1_entry(uint32_t size, uint64_t base, uint64_t length, uint32_t type)
{
    put32(MMAP + mmap_len, size);
    put64(MMAP + mmap_len + 4, base);
    put64(MMAP + mmap_len + 12, length);
    put32(MMAP + mmap_len + 20, type);
    mmap_len += size + 4;
    put32(INFO + F_MMAP_LENGTH, mmap_len);
}

static void mb1_flags(uint32_t set, uint32_t clear)
{
    uint32_t f;
    memcpy(&f, at(INFO + F_FLAGS), 4);
    put32(INFO + F_FLAGS, (f | set) & ~clear);
}

static void mb1_module(int i, uint32_t start, uint32_t end, uint32_t cmdline)
{
    put32(MODS + 16 * i, start);
    put32(MODS + 16 * i + 4, end);
    put32(MODS + 16 * i + 8, cmdline);
    put32(MODS + 16 * i + 12, 0);
}

/* What QEMU -kernel passes: command line, loader name, a three-entry map,
 * two modules (the second without a command line). */
static void mb1_standard(void)
{
    reset_mem();
    mmap_len = 0;
    put32(INFO + F_FLAGS, MB1_FLAG_MEM | MB1_FLAG_CMDLINE | MB1_FLAG_MODS | MB1_FLAG_MMAP | MB1_FLAG_LOADER_NAME);
    put32(INFO + F_CMDLINE, CMDLINE);
    putstr(CMDLINE, "kernel.elf a=1 quiet");
    put32(INFO + F_LOADER, LOADER);
    putstr(LOADER, "qemu");
    put32(INFO + F_MMAP_ADDR, MMAP);
    mb1_entry(20, 0, 0x9fc00, MEM_USABLE);
    mb1_entry(20, 0x9fc00, 0x400, MEM_RESERVED);
    mb1_entry(20, 0x100000, 0x7ee0000, MEM_USABLE);
    put32(INFO + F_MODS_COUNT, 2);
    put32(INFO + F_MODS_ADDR, MODS);
    mb1_module(0, 0x200000, 0x210000, MODSTR);
    putstr(MODSTR, "initrd.cpio");
    mb1_module(1, 0x300000, 0x300100, 0);
}

static const char *parse1(void) { return multiboot_parse(MB1, INFO, reader, &bi); }

TEST(mb1_valid)
{
    mb1_standard();
    const char *err = parse1();
    CHECKF(err == NULL, "error: %s", err);
    CHECK_STR(bi.protocol, "Multiboot 1");
    CHECK_STR(bi.loader_name, "qemu");
    CHECK_STR(bi.cmdline, "a=1 quiet");
    CHECK_EQ_INT(bi.nregions, 3);
    CHECK_EQ_HEX(bi.regions[0].base, 0);
    CHECK_EQ_HEX(bi.regions[0].length, 0x9fc00);
    CHECK_EQ_INT(bi.regions[0].type, MEM_USABLE);
    CHECK_EQ_HEX(bi.regions[1].base, 0x9fc00);
    CHECK_EQ_INT(bi.regions[1].type, MEM_RESERVED);
    CHECK_EQ_HEX(bi.regions[2].base, 0x100000);
    CHECK_EQ_HEX(bi.regions[2].length, 0x7ee0000);
    CHECK_EQ_INT(bi.regions[2].type, MEM_USABLE);
    CHECK_EQ_INT(bi.nmodules, 2);
    CHECK_EQ_HEX(bi.modules[0].start, 0x200000);
    CHECK_EQ_HEX(bi.modules[0].end, 0x210000);
    CHECK_STR(bi.modules[0].cmdline, "initrd.cpio");
    CHECK_EQ_HEX(bi.modules[1].start, 0x300000);
    CHECK_EQ_HEX(bi.modules[1].end, 0x300100);
    CHECK_STR(bi.modules[1].cmdline, "");
}

TEST(mb1_reserved_ranges_cover_boot_data)
{
    mb1_standard();
    CHECK(parse1() == NULL);
    CHECK(has_reserved(INFO, INFO + 68));                                /* the info structure */
    CHECK(has_reserved(CMDLINE, CMDLINE + sizeof "kernel.elf a=1 quiet")); /* strings, with the NUL */
    CHECK(has_reserved(LOADER, LOADER + sizeof "qemu"));
    CHECK(has_reserved(MMAP, MMAP + 3 * 24));                            /* the map */
    CHECK(has_reserved(MODS, MODS + 2 * 16));                            /* the module list */
    CHECK(has_reserved(0x200000, 0x210000));                             /* the modules */
    CHECK(has_reserved(0x300000, 0x300100));
    CHECK(has_reserved(MODSTR, MODSTR + sizeof "initrd.cpio"));
    for (int i = 0; i < bi.nreserved; i++)
        CHECK(bi.reserved[i].end > bi.reserved[i].start);
}

static const char *mb1_cmdline(const char *cmdline)
{
    mb1_standard();
    putstr(CMDLINE, cmdline);
    const char *err = parse1();
    return err ? err : bi.cmdline;
}

TEST(mb1_cmdline_drops_kernel_file_name)
{
    CHECK_STR(mb1_cmdline("kernel.elf a=1 quiet"), "a=1 quiet");
    CHECK_STR(mb1_cmdline("/boot/tinyos.elf   init=/bin/sh"), "init=/bin/sh");
    CHECK_STR(mb1_cmdline("kernel.elf"), "");
    CHECK_STR(mb1_cmdline("kernel.elf "), "");
    CHECK_STR(mb1_cmdline("kernel.elf quiet"), "quiet");
}

TEST(mb1_cmdline_without_file_name_kept)
{
    CHECK_STR(mb1_cmdline("a=1"), "a=1");
    CHECK_STR(mb1_cmdline("a=1 quiet b=2"), "a=1 quiet b=2");
    CHECK_STR(mb1_cmdline(""), "");
    CHECK_STR(mb1_cmdline("=x y"), "=x y");
}

TEST(mb1_no_cmdline_flag)
{
    mb1_standard();
    mb1_flags(0, MB1_FLAG_CMDLINE);
    put32(INFO + F_CMDLINE, 0xdeadbeef); /* not read when the flag is clear */
    CHECK(parse1() == NULL);
    CHECK_STR(bi.cmdline, "");
}

TEST(mb1_no_loader_name_flag)
{
    mb1_standard();
    mb1_flags(0, MB1_FLAG_LOADER_NAME);
    CHECK(parse1() == NULL);
    CHECK(bi.loader_name == NULL);
}

TEST(mb1_no_modules)
{
    mb1_standard();
    mb1_flags(0, MB1_FLAG_MODS);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nmodules, 0);
    mb1_standard();
    put32(INFO + F_MODS_COUNT, 0);
    put32(INFO + F_MODS_ADDR, 0xdeadbeef); /* count 0: address not read */
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nmodules, 0);
}

TEST(mb1_missing_mmap_flag)
{
    mb1_standard();
    mb1_flags(0, MB1_FLAG_MMAP);
    CHECK_ERROR(parse1(), "memory map missing");
}

TEST(mb1_mmap_length_zero)
{
    mb1_standard();
    put32(INFO + F_MMAP_LENGTH, 0);
    CHECK_ERROR(parse1(), "mmap_length is 0");
}

TEST(mb1_truncated_entry)
{
    static const uint32_t lengths[] = {1, 10, 23, 24 + 23, 72 - 1, 72 - 4};
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        mb1_standard();
        put32(INFO + F_MMAP_LENGTH, lengths[i]);
        const char *err = parse1();
        CHECKF(err && (strstr(err, "truncated") || strstr(err, "bad entry size")), "mmap_length %u: %s",
               lengths[i], err ? err : "no error");
    }
}

TEST(mb1_entry_size_too_small)
{
    mb1_standard();
    put32(MMAP + 24, 16); /* the second entry */
    CHECK_ERROR(parse1(), "bad entry size");
    mb1_standard();
    put32(MMAP, 0); /* size 0 would loop forever on 4-byte steps */
    CHECK_ERROR(parse1(), "bad entry size");
    mb1_standard();
    put32(MMAP, 19);
    CHECK_ERROR(parse1(), "bad entry size");
}

TEST(mb1_entry_size_past_map_end)
{
    mb1_standard();
    put32(MMAP + 48, 21); /* the last entry claims one byte more than there is */
    CHECK_ERROR(parse1(), "bad entry size");
    mb1_standard();
    put32(MMAP, 0xfffffff0); /* would wrap the offset */
    CHECK_ERROR(parse1(), "bad entry size");
}

TEST(mb1_larger_entries_are_stepped_over)
{
    /* entries may be larger than 24 bytes: size says where the next starts */
    mb1_standard();
    mmap_len = 0;
    mb1_entry(28, 0x100000, 0x100000, MEM_USABLE);
    mb1_entry(20, 0x300000, 0x1000, MEM_ACPI_NVS);
    mb1_entry(36, 0x400000, 0x2000, MEM_USABLE);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nregions, 3);
    CHECK_EQ_HEX(bi.regions[1].base, 0x300000);
    CHECK_EQ_INT(bi.regions[1].type, MEM_ACPI_NVS);
    CHECK_EQ_HEX(bi.regions[2].base, 0x400000);
    CHECK_EQ_HEX(bi.regions[2].length, 0x2000);
    CHECK(has_reserved(MMAP, MMAP + 32 + 24 + 40));
}

TEST(mb1_unreadable_mmap)
{
    mb1_standard();
    put32(INFO + F_MMAP_ADDR, 0x1000); /* below our memory */
    CHECK_ERROR(parse1(), "unreadable");
    mb1_standard();
    put32(INFO + F_MMAP_ADDR, PHYS_END - 48); /* runs past its end */
    CHECK_ERROR(parse1(), "unreadable");
    mb1_standard();
    put32(INFO + F_MMAP_LENGTH, 0xffffffff);
    CHECK(parse1() != NULL);
}

TEST(mb1_map_ending_exactly_at_memory_end)
{
    /* the reader hands out exactly the map: nothing past it may be read */
    mb1_standard();
    uint32_t map = PHYS_END - 2 * 24;
    memcpy(at(map), at(MMAP + 24), 48); /* the last two entries */
    put32(INFO + F_MMAP_ADDR, map);
    put32(INFO + F_MMAP_LENGTH, 48);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nregions, 2);
    CHECK_EQ_HEX(bi.regions[1].base, 0x100000);
}

TEST(mb1_wrapping_region)
{
    mb1_standard();
    mmap_len = 48;
    mb1_entry(20, 0xfffffffffffff000ull, 0x2000, MEM_RESERVED);
    CHECK_ERROR(parse1(), "wraps");
    mb1_standard();
    mmap_len = 0;
    mb1_entry(20, 0xffffffffffff0000ull, 0xffff, MEM_USABLE); /* ends just below 2^64: fine */
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nregions, 1);
}

TEST(mb1_zero_length_regions_ignored)
{
    mb1_standard();
    mmap_len = 0;
    mb1_entry(20, 0x1000, 0, MEM_USABLE);
    mb1_entry(20, 0x100000, 0x100000, MEM_USABLE);
    mb1_entry(20, 0x5000, 0, MEM_RESERVED);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nregions, 1);
    CHECK_EQ_HEX(bi.regions[0].base, 0x100000);
}

TEST(mb1_no_usable_region)
{
    mb1_standard();
    mmap_len = 0;
    mb1_entry(20, 0, 0x9fc00, MEM_RESERVED);
    mb1_entry(20, 0x100000, 0x100000, MEM_ACPI_RECLAIMABLE);
    mb1_entry(20, 0x200000, 0, MEM_USABLE); /* usable, but empty */
    CHECK_ERROR(parse1(), "no usable RAM");
}

TEST(mb1_too_many_regions_kept_to_limit)
{
    mb1_standard();
    mmap_len = 0;
    for (int i = 0; i < BOOT_MAX_REGIONS + 10; i++)
        mb1_entry(20, 0x100000 + (uint64_t)i * 0x10000, 0x10000, MEM_USABLE);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nregions, BOOT_MAX_REGIONS);
    CHECK_EQ_HEX(bi.regions[BOOT_MAX_REGIONS - 1].base, 0x100000 + (uint64_t)(BOOT_MAX_REGIONS - 1) * 0x10000);
}

TEST(mb1_bad_magic)
{
    mb1_standard();
    CHECK_ERROR(multiboot_parse(0x12345678, INFO, reader, &bi), "bad magic");
    CHECK_ERROR(multiboot_parse(0, INFO, reader, &bi), "bad magic");
    CHECK_STR(bi.cmdline, "");
    CHECK_EQ_INT(bi.nregions, 0);
}

TEST(mb1_info_unreadable)
{
    mb1_standard();
    CHECK_ERROR(multiboot_parse(MB1, 0x100, reader, &bi), "unreadable");
    CHECK_ERROR(multiboot_parse(MB1, PHYS_END - 20, reader, &bi), "unreadable");
}

TEST(mb1_mods_count_absurd)
{
    mb1_standard();
    put32(INFO + F_MODS_COUNT, 100000);
    CHECK_ERROR(parse1(), "absurd mods_count");
    mb1_standard();
    put32(INFO + F_MODS_COUNT, 0xffffffff);
    CHECK_ERROR(parse1(), "absurd mods_count");
}

TEST(mb1_mods_unreadable)
{
    mb1_standard();
    put32(INFO + F_MODS_ADDR, 0x100);
    CHECK_ERROR(parse1(), "unreadable");
    mb1_standard();
    put32(INFO + F_MODS_COUNT, 256); /* plausible count, but 4 KiB of list past the end */
    put32(INFO + F_MODS_ADDR, PHYS_END - 64);
    CHECK_ERROR(parse1(), "unreadable");
}

TEST(mb1_module_end_before_start)
{
    mb1_standard();
    mb1_module(1, 0x300100, 0x300000, 0);
    CHECK_ERROR(parse1(), "end before start");
}

TEST(mb1_module_cmdline_unreadable_is_empty)
{
    mb1_standard();
    mb1_module(0, 0x200000, 0x210000, 0x50); /* outside memory */
    CHECK(parse1() == NULL);
    CHECK_STR(bi.modules[0].cmdline, "");
}

TEST(mb1_many_modules_kept_to_limit)
{
    mb1_standard();
    put32(INFO + F_MODS_COUNT, BOOT_MAX_MODULES + 4);
    for (int i = 0; i < BOOT_MAX_MODULES + 4; i++)
        mb1_module(i, 0x1000000 + (uint32_t)i * 0x1000, 0x1000000 + (uint32_t)i * 0x1000 + 0x800, 0);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nmodules, BOOT_MAX_MODULES);
    CHECK_EQ_HEX(bi.modules[BOOT_MAX_MODULES - 1].start, 0x1000000 + (BOOT_MAX_MODULES - 1) * 0x1000);
    CHECK_EQ_INT(bi.nreserved, BOOT_MAX_RESERVED); /* more ranges than slots: capped, no overflow */
}

TEST(mb1_unterminated_cmdline)
{
    mb1_standard();
    uint32_t s = PHYS_END - 10;
    memset(at(s), 'x', 10); /* runs into the end of memory without a NUL */
    put32(INFO + F_CMDLINE, s);
    CHECK_ERROR(parse1(), "command line");
    CHECK_STR(bi.cmdline, "");
    mb1_standard();
    memset(at(CMDLINE), 'y', 0x5000); /* longer than any command line may be */
    CHECK_ERROR(parse1(), "command line");
}

TEST(mb1_unterminated_loader_name_ignored)
{
    mb1_standard();
    uint32_t s = PHYS_END - 4;
    memset(at(s), 'q', 4);
    put32(INFO + F_LOADER, s);
    CHECK(parse1() == NULL);
    CHECK(bi.loader_name == NULL);
}

TEST(mb1_reparse_clears_previous_result)
{
    mb1_standard();
    CHECK(parse1() == NULL);
    mb1_standard();
    mb1_flags(0, MB1_FLAG_MODS | MB1_FLAG_LOADER_NAME | MB1_FLAG_CMDLINE);
    mmap_len = 0;
    mb1_entry(20, 0x100000, 0x1000, MEM_USABLE);
    CHECK(parse1() == NULL);
    CHECK_EQ_INT(bi.nregions, 1);
    CHECK_EQ_INT(bi.nmodules, 0);
    CHECK(bi.loader_name == NULL);
    CHECK_STR(bi.cmdline, "");
}

/* ------------------------------------------------------------------ MB2 */

#define MB2 MULTIBOOT2_BOOTLOADER_MAGIC

/* Built in a local buffer, then copied into memory wherever a test wants
 * it (at the very end, to let ASan see reads past it). */
struct mb2 {
    uint8_t buf[4096];
    uint32_t len;
};

static void mb2_begin(struct mb2 *m)
{
    memset(m, 0, sizeof *m);
    m->len = 8; /* total_size, reserved */
}

static void mb2_raw32(struct mb2 *m, uint32_t v)
{
    memcpy(m->buf + m->len, &v, 4);
    m->len += 4;
}

/* A tag with the given size field and payload, padded to 8 bytes. */
static void mb2_tag_sized(struct mb2 *m, uint32_t type, uint32_t size, const void *payload, uint32_t plen)
{
    uint32_t start = m->len;
    mb2_raw32(m, type);
    mb2_raw32(m, size);
    if (plen)
        memcpy(m->buf + m->len, payload, plen);
    m->len = start + ((8 + plen + 7) & ~7u);
}

static void mb2_tag(struct mb2 *m, uint32_t type, const void *payload, uint32_t plen)
{
    mb2_tag_sized(m, type, 8 + plen, payload, plen);
}

static void mb2_string_tag(struct mb2 *m, uint32_t type, const char *s) { mb2_tag(m, type, s, (uint32_t)strlen(s) + 1); }

static void mb2_module(struct mb2 *m, uint32_t start, uint32_t end, const char *s)
{
    uint8_t p[64];
    memcpy(p, &start, 4);
    memcpy(p + 4, &end, 4);
    strcpy((char *)p + 8, s);
    mb2_tag(m, MB2_TAG_MODULE, p, 8 + (uint32_t)strlen(s) + 1);
}

struct mb2_entry {
    uint64_t base, length;
    uint32_t type, reserved;
};

static void mb2_mmap(struct mb2 *m, uint32_t entry_size, const struct mb2_entry *e, int n)
{
    uint8_t p[1024] = {0};
    memcpy(p, &entry_size, 4); /* entry_version stays 0 */
    for (int i = 0; i < n; i++)
        memcpy(p + 8 + (size_t)i * entry_size, &e[i], sizeof *e);
    mb2_tag(m, MB2_TAG_MMAP, p, 8 + (uint32_t)n * entry_size);
}

static const struct mb2_entry std_map[] = {
    {0, 0x9fc00, MEM_USABLE, 0},
    {0xf0000, 0x10000, MEM_RESERVED, 0},
    {0x100000, 0x7ee0000, MEM_USABLE, 0},
};

static void mb2_end(struct mb2 *m) { mb2_tag(m, MB2_TAG_END, NULL, 0); }

/* Copies the info to pa with total_size = its length (unless total given). */
static const char *mb2_parse_at(struct mb2 *m, uint32_t pa, uint32_t total)
{
    reset_mem();
    uint32_t t = total ? total : m->len;
    memcpy(m->buf, &t, 4);
    memcpy(at(pa), m->buf, m->len);
    return multiboot_parse(MB2, pa, reader, &bi);
}

static const char *mb2_parse(struct mb2 *m) { return mb2_parse_at(m, PHYS_BASE + 0x1000, 0); }
/* At the very end of memory: a read past the info is an ASan report. */
static const char *mb2_parse_at_end(struct mb2 *m) { return mb2_parse_at(m, PHYS_END - m->len, 0); }

static void mb2_standard(struct mb2 *m, bool end)
{
    mb2_begin(m);
    mb2_string_tag(m, MB2_TAG_CMDLINE, "quiet init=/bin/sh");
    mb2_string_tag(m, MB2_TAG_LOADER_NAME, "GRUB 2.06");
    mb2_module(m, 0x200000, 0x280000, "initrd.cpio");
    mb2_mmap(m, 24, std_map, 3);
    if (end)
        mb2_end(m);
}

TEST(mb2_valid)
{
    struct mb2 m;
    mb2_standard(&m, true);
    const char *err = mb2_parse_at_end(&m);
    CHECKF(err == NULL, "error: %s", err);
    CHECK_STR(bi.protocol, "Multiboot 2");
    CHECK_STR(bi.cmdline, "quiet init=/bin/sh"); /* no file name to drop in MB2 */
    CHECK_STR(bi.loader_name, "GRUB 2.06");
    CHECK_EQ_INT(bi.nregions, 3);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_HEX(bi.regions[i].base, std_map[i].base);
        CHECK_EQ_HEX(bi.regions[i].length, std_map[i].length);
        CHECK_EQ_INT(bi.regions[i].type, std_map[i].type);
    }
    CHECK_EQ_INT(bi.nmodules, 1);
    CHECK_EQ_HEX(bi.modules[0].start, 0x200000);
    CHECK_EQ_HEX(bi.modules[0].end, 0x280000);
    CHECK_STR(bi.modules[0].cmdline, "initrd.cpio");
    CHECK(has_reserved(PHYS_END - m.len, PHYS_END)); /* the whole info */
    CHECK(has_reserved(0x200000, 0x280000));
}

TEST(mb2_cmdline_kept_whole)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_string_tag(&m, MB2_TAG_CMDLINE, "kernel.elf a=1");
    mb2_mmap(&m, 24, std_map, 3);
    mb2_end(&m);
    CHECK(mb2_parse(&m) == NULL);
    CHECK_STR(bi.cmdline, "kernel.elf a=1");
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_end(&m);
    CHECK(mb2_parse(&m) == NULL);
    CHECK_STR(bi.cmdline, ""); /* no tag */
    CHECK(bi.loader_name == NULL);
}

TEST(mb2_unknown_tags_skipped)
{
    struct mb2 m;
    mb2_begin(&m);
    uint8_t junk[37];
    memset(junk, 0xee, sizeof junk);
    mb2_tag(&m, 21, junk, 4);          /* size 12: padded to 16 */
    mb2_tag(&m, 4, junk, 8);           /* basic meminfo */
    mb2_tag(&m, 0x7fffffff, junk, 37); /* unknown, odd size */
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag(&m, 8, junk, 13);
    mb2_end(&m);
    CHECK(mb2_parse_at_end(&m) == NULL);
    CHECK_EQ_INT(bi.nregions, 3);
}

TEST(mb2_tags_after_end_ignored)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 1);
    mb2_end(&m);
    mb2_string_tag(&m, MB2_TAG_CMDLINE, "after=end");
    CHECK(mb2_parse(&m) == NULL);
    CHECK_STR(bi.cmdline, "");
}

TEST(mb2_missing_mmap)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_string_tag(&m, MB2_TAG_CMDLINE, "a=1");
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "missing");
}

TEST(mb2_no_end_tag)
{
    struct mb2 m;
    mb2_standard(&m, false);
    CHECK_ERROR(mb2_parse_at_end(&m), "no end tag");
    /* total_size cutting off the end tag */
    mb2_standard(&m, true);
    CHECK_ERROR(mb2_parse_at(&m, PHYS_BASE, m.len - 8), "no end tag");
}

TEST(mb2_tag_size_too_small)
{
    static const uint32_t sizes[] = {0, 1, 7};
    for (size_t i = 0; i < 3; i++) {
        struct mb2 m;
        mb2_begin(&m);
        mb2_mmap(&m, 24, std_map, 3);
        mb2_tag_sized(&m, 21, sizes[i], "", 0); /* size 0 would loop forever */
        mb2_end(&m);
        CHECK_ERROR(mb2_parse_at_end(&m), "bad tag size");
    }
}

TEST(mb2_tag_size_past_total)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag_sized(&m, 21, 17, "12345678", 8); /* one byte more than the rest */
    CHECK_ERROR(mb2_parse_at_end(&m), "bad tag size");
    mb2_begin(&m);
    mb2_tag_sized(&m, MB2_TAG_MMAP, 0xfffffff8, "", 0);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "bad tag size");
}

TEST(mb2_end_tag_bad_size)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag_sized(&m, MB2_TAG_END, 4, "", 0);
    CHECK_ERROR(mb2_parse_at_end(&m), "bad tag size");
}

TEST(mb2_bad_total_size)
{
    struct mb2 m;
    mb2_standard(&m, true);
    CHECK_ERROR(mb2_parse_at(&m, PHYS_BASE, 8), "bad total_size");
    CHECK_ERROR(mb2_parse_at(&m, PHYS_BASE, 15), "bad total_size");
    CHECK_ERROR(mb2_parse_at(&m, PHYS_BASE, 0xffffffff), "bad total_size");
    CHECK_ERROR(mb2_parse_at(&m, PHYS_BASE, (1u << 20) + 8), "bad total_size");
    /* plausible, but larger than what can be read */
    CHECK_ERROR(mb2_parse_at(&m, PHYS_END - m.len, m.len + 8), "unreadable");
    /* 16 bytes: room for the end tag only; no map */
    mb2_begin(&m);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "missing");
}

TEST(mb2_info_unreadable)
{
    struct mb2 m;
    mb2_standard(&m, true);
    mb2_parse(&m); /* put it in memory */
    CHECK_ERROR(multiboot_parse(MB2, 0x100, reader, &bi), "unreadable");
    CHECK_ERROR(multiboot_parse(MB2, PHYS_END - 4, reader, &bi), "unreadable");
}

TEST(mb2_bad_entry_size)
{
    static const uint32_t sizes[] = {0, 8, 16, 20, 23, 25, 28, 36};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        struct mb2 m;
        mb2_begin(&m);
        mb2_mmap(&m, 24, std_map, 3);
        memcpy(m.buf + 16, &sizes[i], 4); /* the entry_size of the tag at offset 8 */
        mb2_end(&m);
        CHECK_ERROR(mb2_parse_at_end(&m), "bad entry_size");
    }
}

TEST(mb2_larger_entry_size_stepped_over)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 32, std_map, 3);
    mb2_end(&m);
    CHECK(mb2_parse_at_end(&m) == NULL);
    CHECK_EQ_INT(bi.nregions, 3);
    CHECK_EQ_HEX(bi.regions[2].base, 0x100000);
    CHECK_EQ_HEX(bi.regions[2].length, 0x7ee0000);
}

TEST(mb2_huge_entry_size_reads_nothing_past_the_tag)
{
    /* entry_size near 2^32: offset + entry_size must not wrap around and
     * let an entry be read past the end of the tag (and of memory) */
    static const uint32_t sizes[] = {0xfffffff0, 0xfffffff8, 0x80000000};
    for (size_t i = 0; i < 3; i++) {
        struct mb2 m;
        mb2_begin(&m);
        mb2_mmap(&m, 24, std_map, 1);
        /* a second map tag, with no entries (16 bytes), ends the info:
         * no end tag, so that the memory ends right after it */
        uint8_t p[8] = {0};
        memcpy(p, &sizes[i], 4);
        mb2_tag(&m, MB2_TAG_MMAP, p, 8);
        const char *err = mb2_parse_at_end(&m);
        CHECK(err != NULL); /* no end tag now */
        CHECK_EQ_INT(bi.nregions, 1);
    }
}

TEST(mb2_mmap_tag_too_small)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_tag(&m, MB2_TAG_MMAP, "\x18\0\0\0", 4); /* size 12: no entry_version */
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "memory map tag");
}

TEST(mb2_mmap_partial_entry_ignored)
{
    struct mb2 m;
    mb2_begin(&m);
    uint8_t p[8 + 24 + 10] = {24};
    memcpy(p + 8, &std_map[2], 24);
    memset(p + 32, 0xff, 10);
    mb2_tag(&m, MB2_TAG_MMAP, p, sizeof p);
    mb2_end(&m);
    CHECK(mb2_parse_at_end(&m) == NULL);
    CHECK_EQ_INT(bi.nregions, 1);
    CHECK_EQ_HEX(bi.regions[0].base, 0x100000);
}

TEST(mb2_empty_mmap_means_no_ram)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 0);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "no usable RAM");
}

TEST(mb2_no_usable_region)
{
    static const struct mb2_entry map[] = {{0, 0x9fc00, MEM_RESERVED, 0}, {0x100000, 0x1000, MEM_BAD, 0}};
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, map, 2);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "no usable RAM");
}

TEST(mb2_wrapping_region)
{
    static const struct mb2_entry map[] = {{0x100000, 0x1000, MEM_USABLE, 0}, {~0ull - 5, 10, MEM_RESERVED, 0}};
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, map, 2);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "wraps");
}

TEST(mb2_unterminated_cmdline)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag(&m, MB2_TAG_CMDLINE, "abcdefgh", 8); /* no NUL within the tag's size */
    mb2_end(&m);
    /* the padding after a tag is zero, but it is not part of the tag */
    CHECK_ERROR(mb2_parse_at_end(&m), "command line");
    CHECK_STR(bi.cmdline, "");
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag(&m, MB2_TAG_CMDLINE, "abc", 3);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "command line");
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag(&m, MB2_TAG_CMDLINE, NULL, 0); /* size 8: no string at all */
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "command line");
}

TEST(mb2_unterminated_cmdline_at_end_of_memory)
{
    /* the unterminated string is the last thing in memory */
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_end(&m);
    m.len -= 8;
    mb2_tag(&m, MB2_TAG_CMDLINE, "abcdefgh", 8);
    CHECK_ERROR(mb2_parse_at_end(&m), "command line");
}

TEST(mb2_unterminated_loader_name_ignored)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag(&m, MB2_TAG_LOADER_NAME, "GRUBGRUB", 8);
    mb2_end(&m);
    CHECK(mb2_parse_at_end(&m) == NULL);
    CHECK(bi.loader_name == NULL);
}

TEST(mb2_module_tags)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_module(&m, 0x400000, 0x400000, "");       /* empty module */
    mb2_tag(&m, MB2_TAG_MODULE, "\0\0\x50\0\0\0\x60\0", 8); /* no string at all */
    mb2_tag(&m, MB2_TAG_MODULE, "\0\0\x70\0\0\0\x80\0xyz", 11); /* unterminated */
    mb2_mmap(&m, 24, std_map, 3);
    mb2_end(&m);
    CHECK(mb2_parse_at_end(&m) == NULL);
    CHECK_EQ_INT(bi.nmodules, 3);
    CHECK_STR(bi.modules[0].cmdline, "");
    CHECK_EQ_HEX(bi.modules[1].start, 0x500000);
    CHECK_EQ_HEX(bi.modules[1].end, 0x600000);
    CHECK_STR(bi.modules[1].cmdline, "");
    CHECK_STR(bi.modules[2].cmdline, "");
    CHECK(has_reserved(0x500000, 0x600000));
    CHECK(!has_reserved(0x400000, 0x400000)); /* empty ranges are not kept */
}

TEST(mb2_module_tag_too_small)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_tag(&m, MB2_TAG_MODULE, "\0\0\x50\0", 4);
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "module tag");
}

TEST(mb2_module_end_before_start)
{
    struct mb2 m;
    mb2_begin(&m);
    mb2_mmap(&m, 24, std_map, 3);
    mb2_module(&m, 0x300000, 0x200000, "bad");
    mb2_end(&m);
    CHECK_ERROR(mb2_parse_at_end(&m), "end before start");
}

TEST(mb2_many_regions_and_modules_capped)
{
    struct mb2 m;
    mb2_begin(&m);
    struct mb2_entry map[BOOT_MAX_REGIONS + 5];
    for (int i = 0; i < BOOT_MAX_REGIONS + 5; i++)
        map[i] = (struct mb2_entry){0x100000 + (uint64_t)i * 0x1000, 0x1000, MEM_USABLE, 0};
    /* two tags of up to 35 entries each: the tag payload buffer holds 42 */
    mb2_mmap(&m, 24, map, 35);
    mb2_mmap(&m, 24, map + 35, BOOT_MAX_REGIONS + 5 - 35);
    for (int i = 0; i < BOOT_MAX_MODULES + 3; i++)
        mb2_module(&m, 0x1000000 + (uint32_t)i * 0x10000, 0x1000000 + (uint32_t)i * 0x10000 + 0x100, "m");
    mb2_end(&m);
    CHECK(mb2_parse_at_end(&m) == NULL);
    CHECK_EQ_INT(bi.nregions, BOOT_MAX_REGIONS);
    CHECK_EQ_INT(bi.nmodules, BOOT_MAX_MODULES);
    CHECK(bi.nreserved <= BOOT_MAX_RESERVED);
}

RUN_TESTS()
