/* pipe_size_test.c - a pipe's capacity and buffers as Linux has them:
 * fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (rounding, EINVAL, EBADF, EBUSY while
 * the data would not fit, data kept across a resize), small writes merged
 * into one page, atomic writes of up to a page, poll's POLLOUT only with a
 * free slot, packet mode (pipe2 O_DIRECT), /proc/sys/fs/pipe-max-size.
 * Differential.
 * argv[1] = "root" (Tiny OS only): what the host sandbox may not do or
 * should not have done to it - writing pipe-max-size, growing a pipe past
 * it as root (the sandbox lacks CAP_SYS_RESOURCE) - and the pages of many
 * big pipes all given back (exact free RAM). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>

#include "tt.h"

static char buf[70000], back[70000];

static int unread(int fd)
{
    int n = -1;
    ioctl(fd, FIONREAD, &n);
    return n;
}

static int can_write(int fd)
{
    struct pollfd p = {fd, POLLOUT, 0};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
}

static long read_sysctl(const char *path)
{
    FILE *f = fopen(path, "r");
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

static int write_sysctl(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return -errno;
    long r = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    return r < 0 ? -e : 0;
}

static void sizes(void)
{
    int p[2];
    CHECK_EQ(pipe(p), 0, "pipe");
    CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536, "a new pipe holds 64 KiB (read end)");
    CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536, "the write end sees the same pipe");
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 5000), 8192, "5000 rounds up to two pages");
    CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 8192, "both ends see the new size");
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 0), 4096, "0 means one page");
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 12288), 16384, "three pages round up to four");
    CHECK_EQ(raw_syscall(SYS_fcntl, p[0], F_SETPIPE_SZ, (1L << 31) + 1), -EINVAL, "past 2 GiB is EINVAL");
    CHECK_EQ(raw_syscall(SYS_fcntl, p[0], F_SETPIPE_SZ, -1), -EINVAL, "-1 (4 GiB - 1 as unsigned) is EINVAL");
    CHECK_EQ(raw_syscall(SYS_fcntl, p[0], F_SETPIPE_SZ, (1L << 32) | 4096), 4096,
             "the size is an unsigned int: high bits are ignored");
    int fd = open("/tmp/pipe_size_file", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(raw_syscall(SYS_fcntl, fd, F_GETPIPE_SZ, 0), -EBADF, "F_GETPIPE_SZ on a file is EBADF");
    CHECK_EQ(raw_syscall(SYS_fcntl, fd, F_SETPIPE_SZ, 4096), -EBADF, "F_SETPIPE_SZ on a file is EBADF");
    close(fd);
    unlink("/tmp/pipe_size_file");
    close(p[0]);
    close(p[1]);
}

static void buffers(void)
{
    int p[2];
    CHECK_EQ(pipe2(p, O_NONBLOCK), 0, "pipe2(O_NONBLOCK)");
    fcntl(p[0], F_SETPIPE_SZ, 4096);
    for (int i = 0; i < 5; i++)
        write(p[1], "x", 1);
    CHECK_EQ(unread(p[0]), 5, "five one-byte writes share the one page");
    CHECK_EQ(write(p[1], buf, 8192) < 0 ? errno : 0, EAGAIN, "8 KiB more: no free slot, EAGAIN");
    CHECK_EQ(write(p[1], buf, 100), 100, "100 bytes still fit in the page");
    CHECK_EQ(write(p[1], buf, 4000) < 0 ? errno : 0, EAGAIN, "4000 would not fit whole: EAGAIN, not a short write");
    CHECK_EQ(unread(p[0]), 105, "FIONREAD counts every byte");
    CHECK(!can_write(p[1]), "poll: no POLLOUT while the only slot is used");
    read(p[0], back, 1);
    CHECK(!can_write(p[1]), "poll: still no POLLOUT with part of the page read");
    read(p[0], back, sizeof back);
    CHECK(can_write(p[1]), "poll: POLLOUT once empty");
    CHECK_EQ(write(p[1], buf, 4096), 4096, "a whole page fills the pipe");
    CHECK_EQ(write(p[1], "x", 1) < 0 ? errno : 0, EAGAIN, "a full pipe: EAGAIN");
    read(p[0], back, sizeof back);

    /* EBUSY counts buffers, not bytes. */
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 16384), 16384, "four slots");
    for (int i = 0; i < 3; i++) {
        memset(buf, 'a' + i, 4096);
        write(p[1], buf, 4096);
    }
    CHECK_EQ(raw_syscall(SYS_fcntl, p[0], F_SETPIPE_SZ, 8192), -EBUSY, "three buffers do not fit in two slots: EBUSY");
    CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 16384, "the size is unchanged after EBUSY");
    CHECK_EQ(read(p[0], back, 4096), 4096, "read one buffer");
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 8192), 8192, "two buffers fit in two slots");
    CHECK_EQ(read(p[0], back, sizeof back), 8192, "both buffers survive the resize");
    CHECK(back[0] == 'b' && back[4095] == 'b' && back[4096] == 'c' && back[8191] == 'c', "in order");
    fcntl(p[0], F_SETPIPE_SZ, 16384);
    CHECK_EQ(write(p[1], buf, 20000), 16384, "a big non-blocking write stops when the pipe is full");
    read(p[0], back, sizeof back);
    close(p[0]);
    close(p[1]);
}

static void packets(void)
{
    int p[2];
    CHECK_EQ(pipe2(p, O_DIRECT), 0, "pipe2(O_DIRECT)");
    CHECK_EQ(fcntl(p[1], F_GETFL) & O_DIRECT, O_DIRECT, "the write end is in packet mode");
    CHECK_EQ(fcntl(p[0], F_GETFL) & O_DIRECT, 0, "the read end is not marked");
    write(p[1], "abc", 3);
    write(p[1], "defg", 4);
    char b[16] = {0};
    CHECK_EQ(read(p[0], b, 2), 2, "a short read of a packet");
    CHECK_EQ(read(p[0], b, sizeof b), 4, "the rest of that packet is gone: the next one");
    CHECK(!memcmp(b, "defg", 4), "the second packet's bytes");
    close(p[0]);
    close(p[1]);
}

static long long free_bytes(void)
{
    struct sysinfo si;
    return sysinfo(&si) == 0 ? (long long)si.freeram * si.mem_unit : -1;
}

/* Tiny OS only: see the top. */
static void as_root(void)
{
    const char *max = "/proc/sys/fs/pipe-max-size";
    CHECK_EQ(write_sysctl(max, "70000\n"), 0, "write pipe-max-size");
    CHECK_EQ(read_sysctl(max), 131072, "kept rounded up to a power-of-two number of pages");
    CHECK_EQ(write_sysctl(max, "0"), 0, "0 is accepted");
    CHECK_EQ(read_sysctl(max), 4096, "and means one page");
    CHECK_EQ(write_sysctl(max, "3000000000"), -EINVAL, "past 2 GiB is EINVAL");
    CHECK_EQ(write_sysctl(max, "-1"), -EINVAL, "a negative size is EINVAL");
    int p[2];
    pipe(p);
    CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536, "a new pipe of root's still holds 64 KiB");
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, 1 << 22), 1 << 22, "root may grow a pipe past pipe-max-size");
    close(p[0]);
    close(p[1]);
    CHECK_EQ(write_sysctl(max, "1048576"), 0, "pipe-max-size back to 1 MiB");

    memset(buf, 'z', sizeof buf);
    long long before = 0;
    int bad = 0;
    for (int round = 0; round < 60; round++) {
        if (round == 10)
            before = free_bytes(); /* after a warm-up */
        int a[2], b[2];
        if (pipe2(a, O_NONBLOCK) || pipe2(b, O_NONBLOCK)) {
            bad++;
            continue;
        }
        fcntl(a[1], F_SETPIPE_SZ, 1 << 20);
        for (int i = 0; i < 16; i++)
            bad += write(a[1], buf, 65536) != 65536;
        bad += tee(a[0], b[1], 1 << 20, 0) != 65536;
        bad += read(a[0], back, 1000) != 1000;
        close(a[0]);
        close(a[1]);
        close(b[0]);
        close(b[1]);
    }
    CHECK_EQ(bad, 0, "50 rounds of a 1 MiB pipe filled and teed");
    CHECK_EQ(free_bytes(), before, "every page of the pipes comes back");
}

int main(int argc, char **argv)
{
    sizes();
    buffers();
    packets();
    long max = read_sysctl("/proc/sys/fs/pipe-max-size");
    CHECK(max >= 4096 && (max & (max - 1)) == 0, "pipe-max-size is a power of two of at least a page");
    CHECK(read_sysctl("/proc/sys/fs/pipe-user-pages-soft") >= 0, "pipe-user-pages-soft is readable");
    int p[2];
    pipe(p);
    CHECK_EQ(fcntl(p[0], F_SETPIPE_SZ, (int)max), max, "any size up to pipe-max-size may be set");
    close(p[0]);
    close(p[1]);
    if (argc > 1 && !strcmp(argv[1], "root"))
        as_root();
    return tt_done();
}
