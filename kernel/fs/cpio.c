/*
 * cpio.c - the cpio "newc" parser (see cpio.h for the contract).
 *
 * References: Linux Documentation/driver-api/early-userspace/
 * buffer-format.rst (the initramfs grammar) and cpio(5), "New ASCII Format".
 *
 * Safety argument, in one place: every position is a size_t that is kept
 * <= len, and every "does X more bytes fit" question is asked as
 * `X <= len - pos` (never `pos + X <= len`, which can wrap). Only bytes
 * below len are read.
 */
#include "fs/cpio.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/string.h"

/* The fixed part of a newc header: 6 magic bytes + 13 fields * 8 hex digits
 * (cpio(5): "the c_magic field ... is followed by 13 8-byte hex fields"). */
#define HDR_SIZE 110
#define FIELD_LEN 8

/* Field offsets inside the header, in the order cpio(5) lists them. */
enum {
    F_INO = 6,
    F_MODE = 14,
    F_UID = 22,
    F_GID = 30,
    F_NLINK = 38,
    F_MTIME = 46,
    F_FILESIZE = 54,
    F_DEVMAJOR = 62,
    F_DEVMINOR = 70,
    F_RDEVMAJOR = 78,
    F_RDEVMINOR = 86,
    F_NAMESIZE = 94,
    F_CHECK = 102,
};

static const char trailer_name[] = "TRAILER!!!"; /* buffer-format.rst: cpio_trailer */

/* --- error messages ------------------------------------------------------
 * The caller gets a message with the offset in it, so a bad initrd can be
 * located with `xxd -s OFFSET`. There is no printf here (this file must stay
 * pure and freestanding), so a tiny builder appends pieces to a static
 * buffer. One buffer is enough: the initramfs is unpacked once, at boot. */
static char err_buf[128];

static size_t append(size_t n, const char *s)
{
    while (*s && n < sizeof err_buf - 1)
        err_buf[n++] = *s++;
    err_buf[n] = '\0';
    return n;
}

static size_t append_dec(size_t n, uint64_t v)
{
    char digits[21];
    int i = 0;
    do {
        digits[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char s[22];
    int j = 0;
    while (i)
        s[j++] = digits[--i];
    s[j] = '\0';
    return append(n, s);
}

/* Sets *err to "<what><detail> at offset <off>" and returns -1. */
static int fail(const char **err, const char *what, const char *detail, size_t off)
{
    size_t n = append(0, what);
    n = append(n, detail);
    n = append(n, " at offset ");
    append_dec(n, off);
    *err = err_buf;
    return -1;
}

/* --- header fields ------------------------------------------------------ */

/* Parses the 8 hex digits at p (cpio(5): "8-byte hex fields", either case in
 * practice; GNU cpio writes lowercase, Linux's gen_init_cpio uppercase).
 * Strict: no spaces, no "0x", exactly 8 digits, so a corrupted header is
 * caught here rather than turning into a plausible size. Returns false and
 * sets *bad to the index of the first bad digit. */
static bool parse_hex8(const unsigned char *p, uint32_t *value, size_t *bad)
{
    uint32_t v = 0;
    for (size_t i = 0; i < FIELD_LEN; i++) {
        unsigned char c = p[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else {
            *bad = i;
            return false;
        }
        v = v << 4 | d; /* 8 digits * 4 bits = 32 bits: cannot overflow */
    }
    *value = v;
    return true;
}

/* Bytes of zero padding after position pos so the next thing starts at a
 * multiple of 4 (buffer-format.rst: ALGN(4) before the header, after the
 * name, and implicitly after the data, since the next header is aligned). */
static size_t pad4(size_t pos) { return (4 - (pos & 3)) & 3; }

/* The magic check gives specific messages for the formats someone is likely
 * to hand us by mistake: gzip (Linux accepts compressed initramfs; we do
 * not), "odc" (cpio -H odc, magic 070707) and the old binary format. Only
 * the bytes present (at most 6) are looked at. */
static int check_magic(const unsigned char *p, size_t avail, size_t off, const char **err)
{
    size_t n = avail < 6 ? avail : 6;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return fail(err, "compressed (gzip) archive; unpack it, we read only uncompressed newc", "", off);
    if (n >= 2 && ((p[0] == 0xc7 && p[1] == 0x71) || (p[0] == 0x71 && p[1] == 0xc7)))
        return fail(err, "unsupported cpio format (old binary); use newc (cpio -H newc)", "", off);
    if (n == 6 && memcmp(p, "070707", 6) == 0)
        return fail(err, "unsupported cpio format (odc, magic 070707); use newc (cpio -H newc)", "", off);
    /* "070701" is newc, "070702" the "crc" variant whose c_check we ignore,
     * as Linux does (buffer-format.rst accepts both). A partial header is
     * judged on the bytes it has; its truncation is reported next. */
    if (memcmp(p, "070701", n) != 0 && memcmp(p, "070702", n) != 0)
        return fail(err, "bad magic (expected newc 070701 or 070702)", "", off);
    return 0;
}

static const struct {
    unsigned at;
    const char *name;
} fields[] = {
    {F_INO, "c_ino"},
    {F_MODE, "c_mode"},
    {F_UID, "c_uid"},
    {F_GID, "c_gid"},
    {F_NLINK, "c_nlink"},
    {F_MTIME, "c_mtime"},
    {F_FILESIZE, "c_filesize"},
    {F_DEVMAJOR, "c_devmajor"},
    {F_DEVMINOR, "c_devminor"},
    {F_RDEVMAJOR, "c_rdevmajor"},
    {F_RDEVMINOR, "c_rdevminor"},
    {F_NAMESIZE, "c_namesize"},
    {F_CHECK, "c_check"},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* The name as the rest of the kernel wants it: relative to the archive root.
 * `find . | cpio -o` writes "./sbin/init" and "."; some tools write
 * "/sbin/init"; Linux's gen_init_cpio writes "sbin/init". Strip any run of
 * leading "/" and "./" (so ".//a" and "././a" also become "a"); "." alone,
 * the root itself, becomes "". The name is NUL-terminated (checked before),
 * so p[1] is readable whenever p[0] is not NUL. */
static const char *strip_name(const char *p)
{
    for (;;) {
        if (p[0] == '/')
            p++;
        else if (p[0] == '.' && p[1] == '/')
            p += 2;
        else
            break;
    }
    if (p[0] == '.' && p[1] == '\0')
        p++;
    return p;
}

int cpio_next(const void *archive, size_t len, size_t *offset, struct cpio_entry *out, const char **err)
{
    const unsigned char *base = archive;
    size_t off = *offset;

    if (off > len)
        return fail(err, "offset past end of archive", "", off);
    size_t avail = len - off;
    if (avail == 0)
        return fail(err, "archive ends without a TRAILER!!! entry", "", off);
    if (check_magic(base + off, avail, off, err) < 0)
        return -1;
    if (avail < HDR_SIZE)
        return fail(err, "truncated header", "", off);

    const unsigned char *hdr = base + off;
    uint32_t v[NFIELDS];
    for (size_t i = 0; i < NFIELDS; i++) {
        size_t bad;
        if (!parse_hex8(hdr + fields[i].at, &v[i], &bad))
            return fail(err, "bad hex digit in ", fields[i].name, off + fields[i].at + bad);
    }
    /* v[] is in fields[] order: index = (field offset - 6) / 8. */
#define FIELD(f) v[((f)-F_INO) / FIELD_LEN]
    uint32_t namesize = FIELD(F_NAMESIZE), filesize = FIELD(F_FILESIZE);

    /* c_namesize counts the terminating NUL (cpio(5)), so 0 is impossible. */
    if (namesize == 0)
        return fail(err, "namesize 0", "", off + F_NAMESIZE);
    size_t name_off = off + HDR_SIZE; /* <= len: avail >= HDR_SIZE */
    if (namesize > len - name_off)
        return fail(err, "name past end of archive", "", name_off);
    const char *name = (const char *)base + name_off;
    if (name[namesize - 1] != '\0')
        return fail(err, "name not NUL-terminated", "", name_off);
    /* A NUL before the end would make the C string disagree with
     * c_namesize; a writer that does this is broken, so say so. */
    if (strnlen(name, namesize - 1) != namesize - 1)
        return fail(err, "NUL byte inside name", "", name_off);

    size_t name_end = name_off + namesize; /* <= len */
    if (pad4(name_end) > len - name_end)
        return fail(err, "name padding past end of archive", "", name_end);
    size_t data_off = name_end + pad4(name_end);
    if (filesize > len - data_off)
        return fail(err, "file data past end of archive", "", data_off);
    size_t data_end = data_off + filesize;
    if (pad4(data_end) > len - data_end)
        return fail(err, "file data padding past end of archive", "", data_end);
    size_t next = data_end + pad4(data_end);

    /* buffer-format.rst: cpio_trailer := ALGN(4) + cpio_header +
     * "TRAILER!!!\0" + ALGN(4). Linux compares only the name; so do we. */
    if (namesize == sizeof trailer_name && memcmp(name, trailer_name, sizeof trailer_name) == 0) {
        *offset = next;
        return 0;
    }

    out->name = strip_name(name);
    out->ino = FIELD(F_INO);
    out->mode = FIELD(F_MODE);
    out->uid = FIELD(F_UID);
    out->gid = FIELD(F_GID);
    out->nlink = FIELD(F_NLINK);
    out->mtime = FIELD(F_MTIME); /* 32-bit in newc: wraps in 2106 */
    out->rdev_major = FIELD(F_RDEVMAJOR);
    out->rdev_minor = FIELD(F_RDEVMINOR);
    out->data = base + data_off;
    out->size = filesize;
    *offset = next;
    return 1;
#undef FIELD
}
