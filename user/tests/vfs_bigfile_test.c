/* vfs_bigfile_test.c - file data lives in pages, not in one buffer: a
 * 100 MiB file on tmpfs in 256 MiB of RAM (more than the old contiguous
 * buffer could ever get), read back at every MiB; a sparse file of 1 GiB
 * holds only the pages written; unlinking gives all the memory back, and
 * so do mounting, filling and unmounting a tmpfs, making and removing a
 * thousand files and links, and mapping files.
 * Tiny OS only: the figures come from /proc/meminfo and the run's RAM. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

#define MIB (1024 * 1024)

static long mem_free_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static char chunk[MIB];

int main(void)
{
    memset(chunk, 1, MIB); /* the buffer's own pages, before counting */
    long before = mem_free_kb();
    int fd = open("/tmp/big", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK(fd >= 0, "create /tmp/big");
    int written = 0;
    for (int i = 0; i < 100; i++) {
        memset(chunk, 'A' + i % 26, MIB);
        memcpy(chunk, &i, sizeof i);
        if (write(fd, chunk, MIB) != MIB)
            break;
        written++;
    }
    CHECK_EQ(written, 100, "write 100 MiB, 1 MiB at a time");
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 100L * MIB, "its size is 100 MiB");
    CHECK_EQ(st.st_blocks, 100L * MIB / 512, "and it holds 100 MiB of pages");
    CHECK(mem_free_kb() < before - 100 * 1024, "MemFree went down by the file's size");
    int good = 0;
    for (int i = 0; i < 100; i++) {
        int tag = -1;
        char c = 0;
        if (pread(fd, &tag, sizeof tag, (off_t)i * MIB) == sizeof tag && pread(fd, &c, 1, (off_t)i * MIB + MIB - 1) == 1 &&
            tag == i && c == 'A' + i % 26)
            good++;
    }
    CHECK_EQ(good, 100, "every MiB reads back");
    close(fd);
    CHECK_EQ(unlink("/tmp/big"), 0, "unlink it");
    long after = mem_free_kb();
    CHECK(after > before - 512, "the memory comes back (within 512 KiB)");

    fd = open("/tmp/sparse", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK_EQ(pwrite(fd, "z", 1, 1L << 30), 1, "write one byte at 1 GiB");
    CHECK(fstat(fd, &st) == 0 && st.st_size == (1L << 30) + 1, "the size is 1 GiB + 1");
    CHECK_EQ(st.st_blocks, 8, "but it holds one page");
    char buf[16];
    memset(buf, 1, sizeof buf);
    CHECK(pread(fd, buf, sizeof buf, 12345678) == sizeof buf && buf[0] == 0 && buf[15] == 0, "the hole reads as zeros");
    CHECK_EQ(st.st_blocks, 8, "and reading it takes no memory");
    CHECK_EQ(ftruncate(fd, 10), 0, "truncate it to 10 bytes");
    CHECK(fstat(fd, &st) == 0 && st.st_size == 10 && st.st_blocks == 0, "no pages left");
    close(fd);
    unlink("/tmp/sparse");

    /* Nothing the VFS makes may stay behind once it is let go. */
    mkdir("/tmp/m", 0755);
    long start = mem_free_kb();
    for (int round = 0; round < 20; round++) {
        mount("none", "/tmp/m", "tmpfs", 0, "size=2m");
        fd = open("/tmp/m/f", O_CREAT | O_RDWR, 0644);
        write(fd, chunk, MIB);
        char *m = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) {
            m[5] = 1;
            munmap(m, MIB);
        }
        close(fd);
        mkdir("/tmp/m/d", 0755);
        symlink("f", "/tmp/m/l");
        link("/tmp/m/f", "/tmp/m/h");
        umount("/tmp/m");
    }
    for (int i = 0; i < 1000; i++) {
        char name[32], other[32];
        snprintf(name, sizeof name, "/tmp/n%d", i);
        snprintf(other, sizeof other, "/tmp/o%d", i);
        fd = open(name, O_CREAT | O_WRONLY, 0644);
        write(fd, "x", 1);
        close(fd);
        link(name, other);
        rename(other, name); /* two names of one file: nothing happens */
        unlink(name);
        unlink(other);
        mkfifo(name, 0600);
        unlink(name);
    }
    CHECK(mem_free_kb() > start - 64, "mounts, files, links, FIFOs and mappings leave nothing behind (64 KiB)");
    rmdir("/tmp/m");
    return tt_done();
}
