/* Host tests for kernel/fs/cpio.c: the initramfs (cpio newc) parser.
 *
 * Archives are built by hand here, so every malformation can be made on
 * purpose. Every archive handed to the parser lives in a malloc block of
 * exactly its length, so ASan reports any read past the end. (Round trips
 * with archives from tools/mkinitrd are checked by tests/tools/.) */
#include "fs/cpio.c"

#include "unit.h"

/* --- building archives ---------------------------------------------------- */

struct builder {
    unsigned char *buf;
    size_t len, cap;
};

static void emit(struct builder *b, const void *p, size_t n)
{
    if (n == 0)
        return; /* p may be NULL then, which memcpy does not allow */
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->buf = realloc(b->buf, b->cap);
        if (!b->buf)
            abort();
    }
    memcpy(b->buf + b->len, p, n);
    b->len += n;
}

static void emit_pad4(struct builder *b)
{
    static const unsigned char zeros[4];
    emit(b, zeros, (4 - (b->len & 3)) & 3);
}

/* The 13 header fields, in cpio(5) order. */
enum {
    H_INO,
    H_MODE,
    H_UID,
    H_GID,
    H_NLINK,
    H_MTIME,
    H_FILESIZE,
    H_DEVMAJOR,
    H_DEVMINOR,
    H_RDEVMAJOR,
    H_RDEVMINOR,
    H_NAMESIZE,
    H_CHECK,
    H_COUNT
};

/* Writes a header with exactly these fields, then name_len bytes of name,
 * padding, data_len bytes of data, padding. Nothing is checked: the
 * fields may lie about the sizes. */
static void add_raw(struct builder *b, const char *magic, const uint32_t f[H_COUNT], const void *name, size_t name_len,
                    const void *data, size_t data_len)
{
    char hdr[HDR_SIZE + 1];
    memcpy(hdr, magic, 6);
    for (int i = 0; i < H_COUNT; i++)
        snprintf(hdr + 6 + 8 * i, 9, "%08X", f[i]);
    emit(b, hdr, HDR_SIZE);
    emit(b, name, name_len);
    emit_pad4(b);
    emit(b, data, data_len);
    emit_pad4(b);
}

/* A well-formed entry. */
static void add(struct builder *b, uint32_t ino, uint32_t mode, const char *name, const void *data, size_t size)
{
    uint32_t f[H_COUNT] = {0};
    f[H_INO] = ino;
    f[H_MODE] = mode;
    f[H_NLINK] = (mode & 0170000) == 0040000 ? 2 : 1;
    f[H_FILESIZE] = (uint32_t)size;
    f[H_NAMESIZE] = (uint32_t)strlen(name) + 1;
    add_raw(b, "070701", f, name, strlen(name) + 1, data, size);
}

static void add_trailer(struct builder *b)
{
    uint32_t f[H_COUNT] = {0};
    f[H_NLINK] = 1;
    f[H_NAMESIZE] = 11;
    add_raw(b, "070701", f, "TRAILER!!!", 11, NULL, 0);
}

/* An exact-size copy of the first len bytes (the builder's buffer has slack,
 * which would hide over-reads from ASan). malloc(0) is fine with glibc: it
 * returns a unique block in which no byte is addressable. */
static unsigned char *exact_copy(const void *src, size_t len)
{
    unsigned char *p = malloc(len);
    if (!p && len)
        abort();
    if (len)
        memcpy(p, src, len);
    return p;
}

/* A poisoned entry, so a field the parser forgot to set is noticed. */
static void poison(struct cpio_entry *e) { memset(e, 0xA5, sizeof *e); }

/* The message says "at offset N" with this N, at its end. */
static bool err_at(const char *err, size_t off)
{
    char want[64];
    snprintf(want, sizeof want, " at offset %zu", off);
    size_t n = strlen(err), m = strlen(want);
    return n >= m && strcmp(err + n - m, want) == 0;
}

/* Parses a single entry of a copy of b and expects an error mentioning
 * `what` at offset `at`; *offset must be left alone. */
static void expect_error(struct builder *b, size_t start, const char *what, size_t at)
{
    unsigned char *a = exact_copy(b->buf, b->len);
    size_t off = start;
    struct cpio_entry e;
    poison(&e);
    const char *err = NULL;
    int r = cpio_next(a, b->len, &off, &e, &err);
    free(a);
    CHECKF(r < 0, "expected an error about \"%s\", got %d", what, r);
    CHECK(err != NULL);
    CHECKF(strstr(err, what) != NULL, "message \"%s\" does not mention \"%s\"", err, what);
    CHECKF(err_at(err, at), "message \"%s\" does not end with offset %zu", err, at);
    CHECK_EQ_INT(off, start);
}

/* --- well-formed archives --------------------------------------------------- */

/* Every residue of namesize mod 4 (name lengths 0..11, so 110 + namesize
 * hits every alignment three times) against every residue of filesize mod
 * 4 (sizes 0..7): all fields, names and data must come back, with data
 * 4-aligned relative to the archive start. */
TEST(padding_every_name_and_size_residue)
{
    struct builder b = {0};
    char names[12][16];
    unsigned char data[8];
    for (int i = 0; i < 8; i++)
        data[i] = (unsigned char)(0xF0 + i);
    uint32_t ino = 1;
    for (int nl = 0; nl < 12; nl++) {
        for (int k = 0; k < nl; k++)
            names[nl][k] = (char)('a' + (k + nl) % 26);
        names[nl][nl] = '\0';
        for (int sz = 0; sz < 8; sz++)
            add(&b, ino++, 0100644, names[nl], data, (size_t)sz);
    }
    add_trailer(&b);
    unsigned char *a = exact_copy(b.buf, b.len);

    size_t off = 0;
    ino = 1;
    const char *err = "unset";
    for (int nl = 0; nl < 12; nl++) {
        for (int sz = 0; sz < 8; sz++) {
            struct cpio_entry e;
            poison(&e);
            int r = cpio_next(a, b.len, &off, &e, &err);
            CHECKF(r == 1, "entry nl=%d sz=%d: r=%d (%s)", nl, sz, r, r < 0 ? err : "");
            CHECK_STR(e.name, names[nl]);
            CHECK_EQ_INT(e.ino, ino++);
            CHECK_EQ_HEX(e.mode, 0100644);
            CHECK_EQ_INT(e.nlink, 1);
            CHECK_EQ_INT(e.size, sz);
            CHECK(e.data != NULL);
            CHECK_EQ_INT(((const unsigned char *)e.data - a) % 4, 0);
            CHECK((const unsigned char *)e.data + e.size <= a + b.len);
            CHECK(memcmp(e.data, data, (size_t)sz) == 0);
            CHECK_EQ_INT(off % 4, 0);
        }
    }
    struct cpio_entry e;
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    CHECK_EQ_INT(off, b.len);
    free(a);
    free(b.buf);
}

TEST(every_field_and_hex_case)
{
    struct builder b = {0};
    uint32_t f[H_COUNT] = {0x12345678, 0100755, 0xABCDEF01, 0xfedcba98, 3, 0xFFFFFFFF, 4,
                           0x11,       0x22,    0x33,       0x44,       6, 0x5555};
    add_raw(&b, "070701", f, "bin/x", 6, "DATA", 4);
    /* Lowercase hex (GNU cpio writes it) in a second entry. */
    static const char lower[] = "070701"
                                "0000abcd"
                                "000041ed"
                                "00000000"
                                "00000000"
                                "00000002"
                                "00000000"
                                "00000000"
                                "00000000"
                                "00000000"
                                "00000000"
                                "00000000"
                                "00000002"
                                "00000000";
    emit(&b, lower, HDR_SIZE);
    emit(&b, "d", 2);
    emit_pad4(&b);
    add_trailer(&b);
    unsigned char *a = exact_copy(b.buf, b.len);

    size_t off = 0;
    const char *err = NULL;
    struct cpio_entry e;
    poison(&e);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "bin/x");
    CHECK_EQ_HEX(e.ino, 0x12345678);
    CHECK_EQ_HEX(e.mode, 0100755);
    CHECK_EQ_HEX(e.uid, 0xABCDEF01);
    CHECK_EQ_HEX(e.gid, 0xfedcba98);
    CHECK_EQ_INT(e.nlink, 3);
    CHECK_EQ_HEX(e.mtime, 0xFFFFFFFF);
    CHECK_EQ_HEX(e.rdev_major, 0x33);
    CHECK_EQ_HEX(e.rdev_minor, 0x44);
    CHECK_EQ_INT(e.size, 4);
    CHECK(memcmp(e.data, "DATA", 4) == 0);

    poison(&e);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "d");
    CHECK_EQ_HEX(e.ino, 0xabcd);
    CHECK_EQ_HEX(e.mode, 040755);
    CHECK_EQ_INT(e.nlink, 2);
    CHECK_EQ_INT(e.size, 0);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    free(a);
    free(b.buf);
}

TEST(empty_file_directory_and_symlink)
{
    struct builder b = {0};
    add(&b, 1, 040755, "etc", NULL, 0);
    add(&b, 2, 0100600, "etc/empty", NULL, 0);
    add(&b, 3, 0120777, "etc/link", "../bin/sh", 9);
    add_trailer(&b);
    unsigned char *a = exact_copy(b.buf, b.len);
    size_t off = 0;
    const char *err = NULL;
    struct cpio_entry e;

    poison(&e);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "etc");
    CHECK_EQ_HEX(e.mode & 0170000, 0040000);
    CHECK_EQ_INT(e.nlink, 2);
    CHECK_EQ_INT(e.size, 0);
    CHECK((const unsigned char *)e.data >= a && (const unsigned char *)e.data <= a + b.len);

    poison(&e);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "etc/empty");
    CHECK_EQ_HEX(e.mode, 0100600);
    CHECK_EQ_INT(e.size, 0);
    /* An empty file's data pointer is where its data would be: the next
     * header, 4-aligned (etc/empty + NUL = 10 bytes, 110 + 10 -> 120). */
    CHECK(e.data == a + off);

    poison(&e);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "etc/link");
    CHECK_EQ_HEX(e.mode, 0120777);
    CHECK_EQ_INT(e.size, 9);
    CHECK(memcmp(e.data, "../bin/sh", 9) == 0);

    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    CHECK_EQ_INT(off, b.len);
    free(a);
    free(b.buf);
}

TEST(leading_dot_slash_and_slash_stripped)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"./sbin/init", "sbin/init"},
        {"/sbin/init", "sbin/init"},
        {".", ""},
        {"./", ""},
        {"/", ""},
        {"", ""},
        {".//a", "a"},
        {"././b", "b"},
        {"//c", "c"},
        {"./.", ""},
        {".hidden", ".hidden"},
        {"..", ".."},
        {"../x", "../x"},
        {"...", "..."},
        {"a/./b", "a/./b"},
    };
    struct builder b = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        add(&b, (uint32_t)i + 1, 0100644, cases[i].in, "z", 1);
    add_trailer(&b);
    unsigned char *a = exact_copy(b.buf, b.len);
    size_t off = 0;
    const char *err = NULL;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cpio_entry e;
        poison(&e);
        CHECKF(cpio_next(a, b.len, &off, &e, &err) == 1, "case \"%s\"", cases[i].in);
        CHECKF(strcmp(e.name, cases[i].out) == 0, "\"%s\" became \"%s\", expected \"%s\"", cases[i].in, e.name,
               cases[i].out);
        CHECK(memcmp(e.data, "z", 1) == 0); /* stripping does not move the data */
    }
    struct cpio_entry e;
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    free(a);
    free(b.buf);
}

/* 0 at the trailer, *out untouched, *offset past the trailer: a second,
 * concatenated archive (buffer-format.rst allows several) can follow. */
TEST(trailer_ends_and_offset_moves_past_it)
{
    struct builder b = {0};
    add(&b, 1, 0100644, "one", "1", 1);
    add_trailer(&b);
    size_t second = b.len;
    add(&b, 1, 0100644, "two", "22", 2);
    add_trailer(&b);
    unsigned char *a = exact_copy(b.buf, b.len);
    size_t off = 0;
    const char *err = NULL;
    struct cpio_entry e;
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "one");
    poison(&e);
    struct cpio_entry before = e;
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    CHECK(memcmp(&e, &before, sizeof e) == 0);
    CHECK_EQ_INT(off, second);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "two");
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    CHECK_EQ_INT(off, b.len);
    free(a);
    free(b.buf);
}

/* Only the exact name ends the archive, not a prefix or an extension. */
TEST(trailer_name_must_match_exactly)
{
    struct builder b = {0};
    add(&b, 1, 0100644, "TRAILER!!", NULL, 0);
    add(&b, 2, 0100644, "TRAILER!!!x", NULL, 0);
    add(&b, 3, 0100644, "./TRAILER!!!", NULL, 0); /* stripped to TRAILER!!!, but namesize differs */
    add_trailer(&b);
    unsigned char *a = exact_copy(b.buf, b.len);
    size_t off = 0;
    const char *err = NULL;
    struct cpio_entry e;
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "TRAILER!!!");
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    free(a);
    free(b.buf);
}

TEST(crc_magic_070702_accepted_checksum_ignored)
{
    struct builder b = {0};
    uint32_t f[H_COUNT] = {0};
    f[H_INO] = 7;
    f[H_MODE] = 0100644;
    f[H_NLINK] = 1;
    f[H_FILESIZE] = 3;
    f[H_NAMESIZE] = 4;
    f[H_CHECK] = 0xDEADBEEF; /* wrong on purpose: the sum of "abc" is 0x126 */
    add_raw(&b, "070702", f, "crc", 4, "abc", 3);
    uint32_t t[H_COUNT] = {0};
    t[H_NAMESIZE] = 11;
    add_raw(&b, "070702", t, "TRAILER!!!", 11, NULL, 0);
    unsigned char *a = exact_copy(b.buf, b.len);
    size_t off = 0;
    const char *err = NULL;
    struct cpio_entry e;
    poison(&e);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "crc");
    CHECK_EQ_INT(e.ino, 7);
    CHECK(memcmp(e.data, "abc", 3) == 0);
    CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 0);
    free(a);
    free(b.buf);
}

/* --- malformed archives ------------------------------------------------------ */

/* A small archive with a directory, files of several sizes, a symlink, and
 * the trailer, for the truncation and fuzz tests. */
static void sample_archive(struct builder *b)
{
    add(b, 1, 040755, "bin", NULL, 0);
    add(b, 2, 0100755, "bin/sh", "\177ELF....", 8);
    add(b, 3, 0100644, "./etc/motd", "hello, world\n", 13);
    add(b, 4, 0100644, "e", NULL, 0);
    add(b, 5, 0120777, "bin/ls", "sh", 2);
    add_trailer(b);
}

/* Cutting the archive at every length short of the whole: each prefix is
 * parsed to its end in an exact-size block (ASan catches any over-read);
 * the parser must stop with an error (never claim a clean end: the trailer
 * and its padding are the last bytes), after returning exactly the entries
 * that fit whole, with the same contents as in the intact archive. */
TEST(truncation_at_every_byte)
{
    struct builder b = {0};
    sample_archive(&b);
    /* The ends of the whole entries (offset after each, padding included). */
    size_t ends[8];
    int nents = 0;
    {
        size_t off = 0;
        const char *err = NULL;
        struct cpio_entry e;
        while (cpio_next(b.buf, b.len, &off, &e, &err) == 1)
            ends[nents++] = off;
        CHECK_EQ_INT(nents, 5);
        CHECK_EQ_INT(off, b.len);
    }
    for (size_t cut = 0; cut < b.len; cut++) {
        unsigned char *a = exact_copy(b.buf, cut);
        size_t off = 0;
        const char *err = NULL;
        int got = 0, r;
        struct cpio_entry e;
        while ((r = cpio_next(a, cut, &off, &e, &err)) == 1) {
            CHECKF(got < nents, "cut %zu: more entries than the archive has", cut);
            CHECKF(off == ends[got], "cut %zu: entry %d ends at %zu, expected %zu", cut, got, off, ends[got]);
            CHECKF(off <= cut, "cut %zu: offset %zu past the end", cut, off);
            CHECK((const unsigned char *)e.data + e.size <= a + cut);
            got++;
        }
        int whole = 0; /* entries that fit entirely below the cut */
        while (whole < nents && ends[whole] <= cut)
            whole++;
        free(a);
        CHECKF(r < 0, "cut %zu: returned %d, expected an error", cut, r);
        CHECKF(got == whole, "cut %zu: %d entries, expected %d", cut, got, whole);
        CHECKF(err != NULL && strstr(err, " at offset ") != NULL, "cut %zu: message \"%s\"", cut, err ? err : "NULL");
    }
    free(b.buf);
}

TEST(messages_for_truncation)
{
    struct builder b = {0};
    sample_archive(&b);
    size_t full = b.len;
    /* Empty archive: no trailer. */
    b.len = 0;
    expect_error(&b, 0, "without a TRAILER!!!", 0);
    if (UNIT_FAILED())
        return;
    b.len = 50;
    expect_error(&b, 0, "truncated header", 0);
    if (UNIT_FAILED())
        return;
    b.len = 112; /* "bin\0" is 4 bytes at 110 */
    expect_error(&b, 0, "name past end of archive", 110);
    if (UNIT_FAILED())
        return;
    b.len = full;
    /* Entry 2 (bin/sh): header at 116, name "bin/sh\0" (7) at 226..233,
     * padded to 236, 8 bytes of data to 244. */
    b.len = 240;
    expect_error(&b, 116, "file data past end of archive", 236);
    if (UNIT_FAILED())
        return;
    b.len = 234;
    expect_error(&b, 116, "name padding past end of archive", 233);
    if (UNIT_FAILED())
        return;
    /* Entry 3 (./etc/motd, 13 bytes of data ending unaligned). */
    size_t off = 244;
    const char *err = NULL;
    struct cpio_entry e;
    b.len = full;
    CHECK_EQ_INT(cpio_next(b.buf, b.len, &off, &e, &err), 1);
    CHECK_STR(e.name, "etc/motd");
    size_t data_end = (size_t)((const unsigned char *)e.data - b.buf) + 13;
    b.len = data_end + 1;
    expect_error(&b, 244, "file data padding past end of archive", data_end);
    free(b.buf);
}

TEST(offset_past_end)
{
    struct builder b = {0};
    sample_archive(&b);
    expect_error(&b, b.len + 1, "offset past end of archive", b.len + 1);
    if (UNIT_FAILED())
        return;
    expect_error(&b, SIZE_MAX, "offset past end of archive", SIZE_MAX);
    if (UNIT_FAILED())
        return;
    expect_error(&b, b.len, "without a TRAILER!!!", b.len);
    free(b.buf);
}

TEST(bad_magic)
{
    static const char *const magics[] = {"070700", "070703", "170701", "07070l", "\0\0\0\0\0\0", "      "};
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        struct builder b = {0};
        add(&b, 1, 0100644, "ok", "x", 1);
        size_t second = b.len;
        add(&b, 2, 0100644, "bad", "y", 1);
        memcpy(b.buf + second, magics[i], 6);
        add_trailer(&b);
        /* The first entry is fine; the second names its own offset. */
        unsigned char *a = exact_copy(b.buf, b.len);
        size_t off = 0;
        const char *err = NULL;
        struct cpio_entry e;
        CHECK_EQ_INT(cpio_next(a, b.len, &off, &e, &err), 1);
        free(a);
        expect_error(&b, second, "bad magic", second);
        free(b.buf);
        if (UNIT_FAILED())
            return;
    }
    /* A short tail that is not even a magic prefix is a bad magic, not a
     * truncated header; a prefix of a good magic is a truncation. */
    struct builder b = {0};
    emit(&b, "0708", 4);
    expect_error(&b, 0, "bad magic", 0);
    b.len = 0;
    emit(&b, "0707", 4);
    expect_error(&b, 0, "truncated header", 0);
    free(b.buf);
}

/* The formats someone might hand us by mistake get a message that says so. */
TEST(other_formats_named)
{
    struct builder b = {0};
    static const unsigned char gz[] = {0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0};
    emit(&b, gz, sizeof gz);
    expect_error(&b, 0, "gzip", 0);
    if (UNIT_FAILED())
        return;
    b.len = 0;
    add(&b, 1, 0100644, "x", NULL, 0);
    memcpy(b.buf, "070707", 6);
    expect_error(&b, 0, "odc", 0);
    if (UNIT_FAILED())
        return;
    b.buf[0] = 0xc7;
    b.buf[1] = 0x71;
    expect_error(&b, 0, "old binary", 0);
    free(b.buf);
}

/* A bad character in each digit position of each field: the message names
 * the field and the offset of the bad digit. */
TEST(non_hex_digits)
{
    static const char *const names[H_COUNT] = {
        "c_ino",      "c_mode",     "c_uid",       "c_gid",       "c_nlink",    "c_mtime", "c_filesize",
        "c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
    };
    static const char bad[] = {'g', 'G', ' ', 'x', '-', '+', '\0', (char)0xff};
    struct builder b = {0};
    add(&b, 1, 0100644, "first", "abc", 3);
    size_t at = b.len;
    add(&b, 2, 0100644, "second", "defg", 4);
    add_trailer(&b);
    for (int f = 0; f < H_COUNT; f++) {
        for (int d = 0; d < 8; d++) {
            size_t pos = at + 6 + 8 * (size_t)f + (size_t)d;
            unsigned char saved = b.buf[pos];
            b.buf[pos] = (unsigned char)bad[(f + d) % (int)sizeof bad];
            char what[48];
            snprintf(what, sizeof what, "bad hex digit in %s", names[f]);
            expect_error(&b, at, what, pos);
            b.buf[pos] = saved;
            if (UNIT_FAILED())
                return;
        }
    }
    /* "0x" prefixes are not hex digits either (8 digits, no more, no less). */
    memcpy(b.buf + at + 6, "0x000002", 8);
    expect_error(&b, at, "bad hex digit in c_ino", at + 7);
    free(b.buf);
}

TEST(namesize_zero)
{
    struct builder b = {0};
    uint32_t f[H_COUNT] = {0};
    f[H_MODE] = 0100644;
    f[H_NAMESIZE] = 0;
    add_raw(&b, "070701", f, "", 0, NULL, 0);
    add_trailer(&b);
    expect_error(&b, 0, "namesize 0", F_NAMESIZE);
    free(b.buf);
}

TEST(name_not_nul_terminated)
{
    struct builder b = {0};
    uint32_t f[H_COUNT] = {0};
    f[H_MODE] = 0100644;
    f[H_NAMESIZE] = 4;
    add_raw(&b, "070701", f, "abcd", 4, NULL, 0); /* namesize 4 but no NUL */
    add_trailer(&b);
    expect_error(&b, 0, "name not NUL-terminated", HDR_SIZE);
    if (UNIT_FAILED())
        return;
    /* namesize one short of the real name: the byte it ends on is 'c'. */
    b.len = 0;
    f[H_NAMESIZE] = 3;
    add_raw(&b, "070701", f, "abc", 4, NULL, 0);
    add_trailer(&b);
    expect_error(&b, 0, "name not NUL-terminated", HDR_SIZE);
    free(b.buf);
}

TEST(nul_inside_name)
{
    struct builder b = {0};
    uint32_t f[H_COUNT] = {0};
    f[H_MODE] = 0100644;
    f[H_NAMESIZE] = 6;
    add_raw(&b, "070701", f, "ab\0de", 6, NULL, 0);
    add_trailer(&b);
    expect_error(&b, 0, "NUL byte inside name", HDR_SIZE);
    free(b.buf);
}

/* Sizes near 2^32 must not wrap any addition (size_t is 64-bit here, but
 * the checks are written as `x <= len - pos` so they also hold for 32-bit). */
TEST(huge_sizes)
{
    struct builder b = {0};
    uint32_t f[H_COUNT] = {0};
    f[H_MODE] = 0100644;
    f[H_NAMESIZE] = 2;
    f[H_FILESIZE] = 0xffffffff;
    add_raw(&b, "070701", f, "h", 2, "tiny", 4);
    add_trailer(&b);
    expect_error(&b, 0, "file data past end of archive", 112);
    if (UNIT_FAILED())
        return;
    b.len = 0;
    f[H_FILESIZE] = 0;
    f[H_NAMESIZE] = 0xffffffff;
    add_raw(&b, "070701", f, "h", 2, NULL, 0);
    add_trailer(&b);
    expect_error(&b, 0, "name past end of archive", HDR_SIZE);
    if (UNIT_FAILED())
        return;
    /* Just one byte too long, either way. */
    b.len = 0;
    f[H_NAMESIZE] = 2;
    f[H_FILESIZE] = 5;
    add_raw(&b, "070701", f, "h", 2, "four", 4); /* 4 bytes of data + 4 of trailer-less padding: none */
    expect_error(&b, 0, "file data past end of archive", 112);
    free(b.buf);
}

/* The error path writes nothing but *err. */
TEST(error_leaves_offset_and_entry_alone)
{
    struct builder b = {0};
    add(&b, 1, 0100644, "x", "1", 1);
    memcpy(b.buf, "07070X", 6);
    unsigned char *a = exact_copy(b.buf, b.len);
    size_t off = 0;
    struct cpio_entry e, before;
    poison(&e);
    before = e;
    const char *err = NULL;
    CHECK(cpio_next(a, b.len, &off, &e, &err) < 0);
    CHECK_EQ_INT(off, 0);
    CHECK(memcmp(&e, &before, sizeof e) == 0);
    CHECK_STR(err, "bad magic (expected newc 070701 or 070702) at offset 0");
    free(a);
    free(b.buf);
}

/* Random byte flips, inserts and deletes in a valid archive (fixed seed, so
 * a failure reproduces): whatever the parser returns must be consistent
 * (offsets strictly increase and stay 4-aligned, within len; names and
 * data lie inside the block) and ASan must see no stray read. */
TEST(fuzz_mutations)
{
    struct builder orig = {0};
    sample_archive(&orig);
    unit_srand(12345);
    static const unsigned char interesting[] = {'0', '7', 'f', 'F', 'g', '\0', 0xff, '/', '.'};
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = orig.len;
        unsigned char *m = malloc(len + 16);
        memcpy(m, orig.buf, len);
        int nmut = 1 + (int)unit_rand_below(4);
        for (int k = 0; k < nmut && len > 0; k++) {
            size_t pos = unit_rand_below(len);
            switch (unit_rand_below(3)) {
            case 0:
                m[pos] =
                    unit_rand_below(2) ? (unsigned char)unit_rand() : interesting[unit_rand_below(sizeof interesting)];
                break;
            case 1: /* delete a byte */
                memmove(m + pos, m + pos + 1, len - pos - 1);
                len--;
                break;
            default: /* truncate */
                len = pos;
                break;
            }
        }
        unsigned char *a = exact_copy(m, len);
        free(m);
        size_t off = 0;
        const char *err = NULL;
        int r, n = 0;
        struct cpio_entry e;
        while ((r = cpio_next(a, len, &off, &e, &err)) != 0) {
            if (r < 0) {
                CHECKF(err != NULL && strstr(err, " at offset "), "iter %d: bad message", iter);
                break;
            }
            CHECKF(r == 1, "iter %d: returned %d", iter, r);
            CHECKF(off <= len && off % 4 == 0, "iter %d: offset %zu of %zu", iter, off, len);
            const unsigned char *name = (const unsigned char *)e.name;
            CHECKF(name >= a && name + strlen(e.name) < a + len, "iter %d: name outside", iter);
            const unsigned char *d = e.data;
            CHECKF(d >= a && e.size <= (size_t)(a + len - d), "iter %d: data outside", iter);
            CHECKF(++n < 100, "iter %d: no progress", iter);
        }
        free(a);
        if (UNIT_FAILED())
            break;
    }
    free(orig.buf);
}

RUN_TESTS()
