/*
 * multiboot.c - reading the boot loader's information. Formats from the
 * Multiboot Specification 0.6.96 (section 3.3, "Boot information format")
 * and Multiboot2 Specification 2.0 (section 3.6, "Boot information").
 * Every length and count is checked before it is used: a malformed map
 * produces an error message, never a wild read.
 */
#include "boot/multiboot.h"

#include <stdbool.h>

#include "lib/string.h"

#define MB1_FLAG_MEM (1u << 0)
#define MB1_FLAG_CMDLINE (1u << 2)
#define MB1_FLAG_MODS (1u << 3)
#define MB1_FLAG_MMAP (1u << 6)
#define MB1_FLAG_LOADER_NAME (1u << 9)

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
} __attribute__((packed));

struct mb1_mmap_entry {
    uint32_t size; /* of the rest of the entry: at least 20 */
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

struct mb1_module {
    uint32_t start, end, cmdline, reserved;
};

#define MAX_STRING 4096

static void reserve(struct boot_info *bi, uint64_t start, uint64_t end)
{
    if (bi->nreserved < BOOT_MAX_RESERVED && end > start)
        bi->reserved[bi->nreserved++] = (struct phys_range){start, end};
}

/* A NUL-terminated string at pa no longer than MAX_STRING, or NULL. */
static const char *read_string(phys_reader phys, uint64_t pa, struct boot_info *bi)
{
    for (uint64_t len = 1; len <= MAX_STRING; len++) {
        const char *s = phys(pa, len);
        if (!s)
            return NULL;
        if (s[len - 1] == '\0') {
            reserve(bi, pa, pa + len);
            return s;
        }
    }
    return NULL;
}

static const char *add_region(struct boot_info *bi, uint64_t base, uint64_t length, uint32_t type)
{
    if (bi->nregions == BOOT_MAX_REGIONS)
        return NULL; /* more regions than we keep: the rest is ignored */
    if (length == 0)
        return NULL;
    if (base + length < base)
        return "malformed Multiboot memory map: region wraps past 2^64";
    bi->regions[bi->nregions++] = (struct mem_region){base, length, type};
    return NULL;
}

static const char *add_module(struct boot_info *bi, uint64_t start, uint64_t end, const char *cmdline)
{
    if (end < start)
        return "malformed Multiboot module: end before start";
    if (bi->nmodules < BOOT_MAX_MODULES)
        bi->modules[bi->nmodules++] = (struct boot_module){start, end, cmdline ? cmdline : ""};
    reserve(bi, start, end);
    return NULL;
}

static const char *parse_mb1(uint64_t info_pa, phys_reader phys, struct boot_info *bi)
{
    const struct mb1_info *info = phys(info_pa, sizeof *info);
    if (!info)
        return "Multiboot information structure unreadable";
    reserve(bi, info_pa, info_pa + sizeof *info);
    bi->protocol = "Multiboot 1";
    if (info->flags & MB1_FLAG_CMDLINE) {
        bi->cmdline = read_string(phys, info->cmdline, bi);
        if (!bi->cmdline)
            return "malformed Multiboot command line (unterminated or unreadable)";
        /* Multiboot 1 loaders (QEMU's -kernel among them) put the kernel's
         * own file name first; options always contain '=' or come after
         * it, so a first word without '=' is that name. */
        const char *p = bi->cmdline;
        while (*p && *p != ' ' && *p != '=')
            p++;
        if (*p != '=') {
            while (*p == ' ')
                p++;
            bi->cmdline = p;
        }
    }
    if (info->flags & MB1_FLAG_LOADER_NAME)
        bi->loader_name = read_string(phys, info->boot_loader_name, bi);
    if (!(info->flags & MB1_FLAG_MMAP))
        return "Multiboot memory map missing (flags bit 6 clear): cannot find RAM";
    if (info->mmap_length == 0)
        return "malformed Multiboot memory map: mmap_length is 0";
    const uint8_t *map = phys(info->mmap_addr, info->mmap_length);
    if (!map)
        return "malformed Multiboot memory map: mmap_addr unreadable";
    reserve(bi, info->mmap_addr, (uint64_t)info->mmap_addr + info->mmap_length);
    /* Each entry starts with its size, which excludes the size field. */
    for (uint32_t off = 0; off < info->mmap_length;) {
        if (info->mmap_length - off < sizeof(struct mb1_mmap_entry))
            return "malformed Multiboot memory map: truncated entry";
        struct mb1_mmap_entry e;
        memcpy(&e, map + off, sizeof e);
        if (e.size < 20 || e.size > info->mmap_length - off - 4)
            return "malformed Multiboot memory map: bad entry size";
        const char *err = add_region(bi, e.base, e.length, e.type);
        if (err)
            return err;
        off += e.size + 4;
    }
    if (info->flags & MB1_FLAG_MODS && info->mods_count) {
        if (info->mods_count > 256)
            return "malformed Multiboot module list: absurd mods_count";
        const struct mb1_module *mods = phys(info->mods_addr, (uint64_t)info->mods_count * sizeof *mods);
        if (!mods)
            return "malformed Multiboot module list: mods_addr unreadable";
        reserve(bi, info->mods_addr, info->mods_addr + (uint64_t)info->mods_count * sizeof *mods);
        for (uint32_t i = 0; i < info->mods_count; i++) {
            const char *cl = mods[i].cmdline ? read_string(phys, mods[i].cmdline, bi) : NULL;
            const char *err = add_module(bi, mods[i].start, mods[i].end, cl);
            if (err)
                return err;
        }
    }
    return NULL;
}

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6

struct mb2_tag {
    uint32_t type, size;
};

/* Returns a pointer to the string in a tag if it is terminated inside it. */
static const char *tag_string(const uint8_t *tag, uint32_t size, uint32_t offset)
{
    if (size <= offset || strnlen((const char *)tag + offset, size - offset) == size - offset)
        return NULL;
    return (const char *)tag + offset;
}

static const char *parse_mb2(uint64_t info_pa, phys_reader phys, struct boot_info *bi)
{
    const uint32_t *hdr = phys(info_pa, 8);
    if (!hdr)
        return "Multiboot2 information structure unreadable";
    uint32_t total = hdr[0];
    if (total < 16 || total > (1u << 20))
        return "malformed Multiboot2 information: bad total_size";
    const uint8_t *info = phys(info_pa, total);
    if (!info)
        return "Multiboot2 information structure unreadable";
    reserve(bi, info_pa, info_pa + total);
    bi->protocol = "Multiboot 2";
    bool have_mmap = false, have_end = false;
    for (uint32_t off = 8; off + sizeof(struct mb2_tag) <= total;) {
        struct mb2_tag t;
        memcpy(&t, info + off, sizeof t);
        if (t.size < 8 || t.size > total - off)
            return "malformed Multiboot2 information: bad tag size";
        const uint8_t *tag = info + off;
        if (t.type == MB2_TAG_END) {
            have_end = true;
            break;
        }
        switch (t.type) {
        case MB2_TAG_CMDLINE:
            bi->cmdline = tag_string(tag, t.size, 8);
            if (!bi->cmdline)
                return "malformed Multiboot2 command line tag";
            break;
        case MB2_TAG_LOADER_NAME:
            bi->loader_name = tag_string(tag, t.size, 8);
            break;
        case MB2_TAG_MODULE: {
            if (t.size < 16)
                return "malformed Multiboot2 module tag";
            uint32_t se[2];
            memcpy(se, tag + 8, sizeof se);
            const char *err = add_module(bi, se[0], se[1], tag_string(tag, t.size, 16));
            if (err)
                return err;
            break;
        }
        case MB2_TAG_MMAP: {
            uint32_t entry_size;
            if (t.size < 16)
                return "malformed Multiboot2 memory map tag";
            memcpy(&entry_size, tag + 8, 4);
            if (entry_size < 24 || entry_size % 8)
                return "malformed Multiboot2 memory map: bad entry_size";
            /* e <= t.size always; e + entry_size could wrap past 2^32 */
            for (uint32_t e = 16; entry_size <= t.size - e; e += entry_size) {
                uint64_t base, len;
                uint32_t type;
                memcpy(&base, tag + e, 8);
                memcpy(&len, tag + e + 8, 8);
                memcpy(&type, tag + e + 16, 4);
                const char *err = add_region(bi, base, len, type);
                if (err)
                    return err;
            }
            have_mmap = true;
            break;
        }
        default:
            break; /* tags we do not use */
        }
        off += (t.size + 7) & ~7u; /* tags are 8-byte aligned */
    }
    if (!have_end)
        return "malformed Multiboot2 information: no end tag";
    if (!have_mmap)
        return "Multiboot2 memory map missing (no tag of type 6): cannot find RAM";
    return NULL;
}

const char *multiboot_parse(uint32_t magic, uint64_t info_pa, phys_reader phys, struct boot_info *bi)
{
    memset(bi, 0, sizeof *bi);
    bi->cmdline = "";
    const char *err;
    if (magic == MULTIBOOT1_BOOTLOADER_MAGIC)
        err = parse_mb1(info_pa, phys, bi);
    else if (magic == MULTIBOOT2_BOOTLOADER_MAGIC)
        err = parse_mb2(info_pa, phys, bi);
    else
        return "not started by a Multiboot loader (bad magic in EAX)";
    if (!bi->cmdline)
        bi->cmdline = "";
    if (err)
        return err;
    bool usable = false;
    for (int i = 0; i < bi->nregions; i++)
        usable |= bi->regions[i].type == MEM_USABLE;
    if (!usable)
        return "Multiboot memory map lists no usable RAM";
    return NULL;
}
