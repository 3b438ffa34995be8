/* sendfile_splice_test.c - moving data between descriptors without user
 * buffers: sendfile (file to file, pipe, socket, /dev/null; the offset
 * argument versus the file position), splice (file <-> pipe with and
 * without offsets, pipe to pipe, pipe <-> socket, /proc and /dev/zero
 * into a pipe), tee (copies without consuming), vmsplice (both
 * directions), copy_file_range; and Linux's errno for each bad argument,
 * in Linux's order. Differential. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tt.h"

#define IN "/tmp/ss_in"
#define OUT "/tmp/ss_out"
#define SIZE 10000

/* Page aligned: vmsplice makes a pipe buffer per user page it touches. */
static char data[SIZE] __attribute__((aligned(4096)));
static char buf[70000];

static int unread(int fd)
{
    int n = -1;
    ioctl(fd, FIONREAD, &n);
    return n;
}

static off_t pos_of(int fd) { return lseek(fd, 0, SEEK_CUR); }

/* Does the file at path hold data[from, from + n) at offset at? */
static int file_has(const char *path, off_t at, int from, int n)
{
    int fd = open(path, O_RDONLY);
    int ok = fd >= 0 && pread(fd, buf, (size_t)n, at) == n && !memcmp(buf, data + from, (size_t)n);
    close(fd);
    return ok;
}

static int fresh_out(int flags)
{
    return open(OUT, O_WRONLY | O_CREAT | O_TRUNC | flags, 0644);
}

static void test_sendfile(int in)
{
    int out = fresh_out(0);
    off_t off = 100;
    CHECK_EQ(sendfile(out, in, &off, 500), 500, "sendfile 500 bytes from offset 100");
    CHECK_EQ(off, 600, "the offset argument moves");
    CHECK_EQ(pos_of(in), 0, "the input's position does not");
    CHECK_EQ(pos_of(out), 500, "the output's position does");
    CHECK(file_has(OUT, 0, 100, 500), "the bytes arrived");
    CHECK_EQ(sendfile(out, in, NULL, 1 << 30), SIZE, "without an offset: up to the end of the file");
    CHECK_EQ(pos_of(in), SIZE, "and the input's position moves");
    CHECK_EQ(sendfile(out, in, NULL, 100), 0, "at the end: 0");
    close(out);

    int p[2];
    pipe(p);
    off = 0;
    CHECK_EQ(sendfile(p[1], in, &off, 5000), 5000, "sendfile into a pipe");
    CHECK_EQ(unread(p[0]), 5000, "the pipe holds it");
    CHECK(read(p[0], buf, 5000) == 5000 && !memcmp(buf, data, 5000), "the bytes");
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    fcntl(p[1], F_SETPIPE_SZ, 4096);
    write(p[1], data, 4096);
    off = 0;
    CHECK_EQ(sendfile(p[1], in, &off, 10) < 0 ? errno : 0, EAGAIN, "into a full non-blocking pipe: EAGAIN");
    close(p[0]);
    close(p[1]);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    off = 1000;
    CHECK_EQ(sendfile(sv[0], in, &off, 3000), 3000, "sendfile into a socket");
    CHECK(recv(sv[1], buf, 3000, MSG_WAITALL) == 3000 && !memcmp(buf, data + 1000, 3000), "the peer reads it");
    close(sv[0]);
    close(sv[1]);
    int null = open("/dev/null", O_WRONLY);
    off = 0;
    CHECK_EQ(sendfile(null, in, &off, 1 << 20), SIZE, "sendfile to /dev/null");
    close(null);

    /* The errors, in Linux's order: input first. */
    int rd = open(IN, O_RDONLY), wr = fresh_out(0), app = fresh_out(O_APPEND);
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, 99, 0, 10, 0, 0), -EBADF, "a bad input descriptor is EBADF");
    CHECK_EQ(raw_syscall6(SYS_sendfile, 99, rd, 0, 10, 0, 0), -EBADF, "a bad output descriptor is EBADF");
    CHECK_EQ(raw_syscall6(SYS_sendfile, rd, rd, 0, 10, 0, 0), -EBADF, "an output not open for writing is EBADF");
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, wr, 0, 10, 0, 0), -EBADF, "an input not open for reading is EBADF");
    pipe(p);
    write(p[1], "abc", 3);
    off = 0;
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, p[0], (long)&off, 3, 0, 0), -ESPIPE, "an offset for a pipe is ESPIPE");
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, p[0], 0, 3, 0, 0), -EINVAL, "a pipe into a file is EINVAL");
    CHECK_EQ(raw_syscall6(SYS_sendfile, app, rd, 0, 3, 0, 0), -EINVAL, "into an O_APPEND file is EINVAL");
    off = -1;
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, rd, (long)&off, 3, 0, 0), -EINVAL, "a negative offset is EINVAL");
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, rd, 1, 3, 0, 0), -EFAULT, "a bad offset pointer is EFAULT");
    CHECK_EQ(raw_syscall6(SYS_sendfile, 99, rd, 1, 3, 0, 0), -EFAULT, "the offset is read before the descriptors");
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, rd, 0, -1L, 0, 0), -EINVAL, "a count past SSIZE_MAX is EINVAL");
    off = 0x7ffffffffffffff0LL;
    CHECK_EQ(raw_syscall6(SYS_sendfile, wr, rd, (long)&off, 100, 0, 0), -EINVAL,
             "an offset the count would overflow is EINVAL");
    close(p[0]);
    close(p[1]);
    close(rd);
    close(wr);
    close(app);
}

static void test_splice(int in)
{
    int p[2], q[2];
    pipe(p);
    loff_t off = 200;
    CHECK_EQ(splice(in, &off, p[1], NULL, 3000, 0), 3000, "splice a file into a pipe at an offset");
    CHECK_EQ(off, 3200, "the offset argument moves");
    CHECK_EQ(pos_of(in), 0, "the file's position does not");
    int out = fresh_out(0);
    loff_t oo = 10;
    CHECK_EQ(splice(p[0], NULL, out, &oo, 5000, 0), 3000, "splice the pipe into a file at an offset");
    CHECK_EQ(oo, 3010, "the output offset moves");
    CHECK(file_has(OUT, 10, 200, 3000), "the bytes arrived where asked");
    CHECK_EQ(splice(in, NULL, p[1], NULL, 100, 0), 100, "without an offset");
    CHECK_EQ(pos_of(in), 100, "the file's position moves");
    CHECK_EQ(splice(p[0], NULL, out, NULL, 100, 0), 100, "pipe to file without an offset");
    CHECK_EQ(pos_of(out), 100, "the output's position moves");
    lseek(in, 0, SEEK_SET);

    /* Pipe to pipe: whole buffers move, a part of one is shared. */
    pipe(q);
    write(p[1], data, 6000);
    CHECK_EQ(splice(p[0], NULL, q[1], NULL, 5000, 0), 5000, "pipe to pipe");
    CHECK_EQ(unread(p[0]), 1000, "the rest stays in the first pipe");
    CHECK_EQ(unread(q[0]), 5000, "the second holds what moved");
    CHECK(read(q[0], buf, 5000) == 5000 && !memcmp(buf, data, 5000) && read(p[0], buf, 1000) == 1000 &&
              !memcmp(buf, data + 5000, 1000),
          "in order, nothing lost");
    CHECK_EQ(splice(p[0], NULL, q[1], NULL, 10, SPLICE_F_NONBLOCK) < 0 ? errno : 0, EAGAIN,
             "an empty pipe with SPLICE_F_NONBLOCK: EAGAIN");

    /* tee copies without consuming. */
    write(p[1], data, 3000);
    CHECK_EQ(tee(p[0], q[1], 10000, 0), 3000, "tee copies what there is");
    CHECK_EQ(unread(p[0]), 3000, "the source keeps its data");
    CHECK_EQ(unread(q[0]), 3000, "the copy");
    CHECK(read(q[0], buf, 3000) == 3000 && !memcmp(buf, data, 3000), "the copy's bytes");
    CHECK_EQ(tee(p[0], q[1], 1000, 0), 1000, "tee a part");
    CHECK(read(p[0], buf, 3000) == 3000 && !memcmp(buf, data, 3000), "the source still reads whole");
    CHECK(read(q[0], buf, 1000) == 1000 && !memcmp(buf, data, 1000), "the part's bytes");
    CHECK_EQ(tee(p[0], q[1], 10, SPLICE_F_NONBLOCK) < 0 ? errno : 0, EAGAIN, "tee from an empty pipe: EAGAIN");
    CHECK_EQ(tee(p[0], p[1], 10, 0) < 0 ? errno : 0, EINVAL, "tee within one pipe is EINVAL");
    CHECK_EQ(tee(in, q[1], 10, 0) < 0 ? errno : 0, EINVAL, "tee from a file is EINVAL");
    CHECK_EQ(raw_syscall6(SYS_tee, 98, 99, 0, 0x10, 0, 0), -EINVAL, "tee checks its flags before a zero length");
    CHECK_EQ(raw_syscall6(SYS_tee, 98, 99, 0, 0, 0, 0), 0, "tee of 0 bytes is 0");

    /* Sockets, /proc and /dev/zero. */
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    write(p[1], data, SIZE);
    CHECK_EQ(splice(p[0], NULL, sv[0], NULL, SIZE, 0), SIZE, "pipe into a socket");
    long got = 0, r;
    while (got < SIZE && (r = splice(sv[1], NULL, q[1], NULL, (size_t)(SIZE - got), 0)) > 0) {
        got += r;
        read(q[0], buf + got - r, (size_t)r);
    }
    CHECK(got == SIZE && !memcmp(buf, data, SIZE), "socket into a pipe");
    close(sv[0]);
    CHECK_EQ(splice(sv[1], NULL, q[1], NULL, 10, 0), 0, "a socket whose peer closed: 0");
    close(sv[1]);
    int proc = open("/proc/sys/fs/pipe-max-size", O_RDONLY);
    r = splice(proc, NULL, q[1], NULL, 100, 0);
    CHECK(r > 1 && read(q[0], buf, 100) == r && buf[r - 1] == '\n', "a /proc/sys file into a pipe");
    close(proc);
    int zero = open("/dev/zero", O_RDONLY);
    memset(buf, 1, 100);
    CHECK(splice(zero, NULL, q[1], NULL, 100, 0) == 100 && read(q[0], buf, 100) == 100 && !buf[0] && !buf[99],
          "/dev/zero into a pipe");
    close(zero);

    /* The errors, in Linux's order. */
    int rd = open(IN, O_RDONLY), wr = fresh_out(0), app = open(OUT, O_RDWR | O_APPEND);
    write(p[1], "abcdef", 6);
    CHECK_EQ(raw_syscall6(SYS_splice, 98, 0, 99, 0, 0, 0), 0, "a zero length is 0 before anything else");
    CHECK_EQ(raw_syscall6(SYS_splice, p[0], 0, wr, 0, 10, 0x10), -EINVAL, "unknown flags are EINVAL");
    CHECK_EQ(raw_syscall6(SYS_splice, 99, 0, p[1], 0, 10, 0), -EBADF, "a bad input is EBADF");
    CHECK_EQ(raw_syscall6(SYS_splice, p[0], 0, 99, 0, 10, 0), -EBADF, "a bad output is EBADF");
    CHECK_EQ(raw_syscall6(SYS_splice, p[0], (long)&off, wr, 0, 10, 0), -ESPIPE, "an offset for the input pipe");
    CHECK_EQ(raw_syscall6(SYS_splice, rd, 0, p[1], (long)&off, 10, 0), -ESPIPE, "an offset for the output pipe");
    CHECK_EQ(raw_syscall6(SYS_splice, p[1], 0, wr, 0, 10, 0), -EBADF, "an input not open for reading");
    CHECK_EQ(raw_syscall6(SYS_splice, p[0], 0, rd, 0, 10, 0), -EBADF, "an output not open for writing");
    CHECK_EQ(raw_syscall6(SYS_splice, p[0], 0, app, 0, 10, 0), -EINVAL, "into an O_APPEND file");
    CHECK_EQ(raw_syscall6(SYS_splice, rd, 0, wr, 0, 10, 0), -EINVAL, "no pipe on either side");
    CHECK_EQ(raw_syscall6(SYS_splice, p[0], 0, p[1], 0, 10, 0), -EINVAL, "a pipe into itself");
    CHECK_EQ(raw_syscall6(SYS_splice, rd, 1, p[1], 0, 10, 0), -EFAULT, "a bad offset pointer is EFAULT");
    off = -1;
    CHECK_EQ(raw_syscall6(SYS_splice, rd, (long)&off, p[1], 0, 10, 0), -EINVAL, "a negative offset is EINVAL");
    int efd = open("/dev/zero", O_WRONLY);
    CHECK_EQ(raw_syscall6(SYS_splice, rd, 0, efd, 0, 10, 0), -EINVAL, "no pipe: EINVAL even for /dev/zero");
    close(efd);
    close(p[1]);
    read(p[0], buf, sizeof buf);
    CHECK_EQ(splice(p[0], NULL, wr, NULL, 10, 0), 0, "an empty pipe without writers: 0");
    close(p[0]);
    close(q[0]);
    close(q[1]);
    close(rd);
    close(wr);
    close(app);
}

static void test_vmsplice(void)
{
    int p[2];
    pipe(p);
    struct iovec iv[2] = {{data, 3000}, {data + 3000, 2000}};
    CHECK_EQ(vmsplice(p[1], iv, 2, 0), 5000, "vmsplice user memory into a pipe");
    CHECK(read(p[0], buf, 5000) == 5000 && !memcmp(buf, data, 5000), "the pipe reads it back");
    write(p[1], data, 4000);
    char a[1500], b[2500];
    struct iovec ov[2] = {{a, sizeof a}, {b, sizeof b}};
    CHECK_EQ(vmsplice(p[0], ov, 2, 0), 4000, "vmsplice from the read end fills user memory");
    CHECK(!memcmp(a, data, sizeof a) && !memcmp(b, data + sizeof a, sizeof b), "across both buffers");
    CHECK_EQ(unread(p[0]), 0, "what it took left the pipe");
    CHECK_EQ(vmsplice(p[0], ov, 2, SPLICE_F_NONBLOCK) < 0 ? errno : 0, EAGAIN, "from an empty pipe: EAGAIN");
    fcntl(p[1], F_SETPIPE_SZ, 4096);
    struct iovec one = {data, 4096};
    CHECK_EQ(vmsplice(p[1], &one, 1, 0), 4096, "a page fills a one-page pipe");
    CHECK_EQ(vmsplice(p[1], &one, 1, SPLICE_F_NONBLOCK) < 0 ? errno : 0, EAGAIN, "a full pipe: EAGAIN");
    read(p[0], buf, sizeof buf);
    struct iovec odd = {data + 100, 4096};
    CHECK_EQ(vmsplice(p[1], &odd, 1, 0), 3996, "an unaligned page-sized range takes two slots: the first fits");
    read(p[0], buf, sizeof buf);
    int fd = open(IN, O_RDONLY);
    CHECK_EQ(raw_syscall6(SYS_vmsplice, fd, (long)&one, 1, 0, 0, 0), -EBADF, "a file is EBADF");
    CHECK_EQ(raw_syscall6(SYS_vmsplice, 99, (long)&one, 1, 0, 0, 0), -EBADF, "a bad descriptor is EBADF");
    CHECK_EQ(raw_syscall6(SYS_vmsplice, fd, (long)&one, 1025, 0, 0, 0), -EINVAL,
             "more than IOV_MAX segments is EINVAL, before the file is looked at");
    CHECK_EQ(raw_syscall6(SYS_vmsplice, p[1], (long)&one, 1, 0x10, 0, 0), -EINVAL, "unknown flags are EINVAL");
    CHECK_EQ(raw_syscall6(SYS_vmsplice, p[1], (long)&one, 0, 0, 0, 0), 0, "no segments: 0");
    CHECK_EQ(raw_syscall6(SYS_vmsplice, p[1], 1, 1, 0, 0, 0), -EFAULT, "a bad iovec pointer is EFAULT");
    close(fd);
    close(p[0]);
    close(p[1]);
}

static void test_copy_file_range(void)
{
    int in = open(IN, O_RDONLY), out = open(OUT, O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t a = 1000, b = 50;
    CHECK_EQ(copy_file_range(in, &a, out, &b, 4000, 0), 4000, "copy_file_range with offsets");
    CHECK(a == 5000 && b == 4050, "both offsets move");
    CHECK(pos_of(in) == 0 && pos_of(out) == 0, "the positions do not");
    CHECK(file_has(OUT, 50, 1000, 4000), "the bytes arrived");
    CHECK_EQ(copy_file_range(in, NULL, out, NULL, 1 << 20, 0), SIZE, "without offsets: up to the end");
    CHECK(pos_of(in) == SIZE && pos_of(out) == SIZE, "the positions move");
    a = SIZE + 5;
    CHECK_EQ(copy_file_range(in, &a, out, NULL, 10, 0), 0, "past the end: 0");
    a = 0, b = 100;
    CHECK_EQ(copy_file_range(out, &a, out, &b, 200, 0) < 0 ? errno : 0, EINVAL, "overlapping ranges of one file");
    a = 0, b = 300;
    CHECK_EQ(copy_file_range(out, &a, out, &b, 200, 0), 200, "ranges of one file that do not overlap");
    a = -1;
    CHECK_EQ(copy_file_range(in, &a, out, NULL, 10, 0) < 0 ? errno : 0, EOVERFLOW, "a negative offset: EOVERFLOW");
    CHECK_EQ(copy_file_range(in, NULL, out, NULL, 10, 1) < 0 ? errno : 0, EINVAL, "flags must be 0");
    CHECK_EQ(copy_file_range(in, NULL, in, NULL, 10, 0) < 0 ? errno : 0, EBADF, "an output not open for writing");
    int app = open(OUT, O_WRONLY | O_APPEND), dir = open("/tmp", O_RDONLY), p[2];
    pipe(p);
    CHECK_EQ(copy_file_range(in, NULL, app, NULL, 10, 0) < 0 ? errno : 0, EBADF, "an O_APPEND output is EBADF");
    CHECK_EQ(copy_file_range(in, NULL, dir, NULL, 10, 0) < 0 ? errno : 0, EISDIR, "a directory is EISDIR");
    CHECK_EQ(copy_file_range(in, NULL, p[1], NULL, 10, 0) < 0 ? errno : 0, EINVAL, "a pipe is EINVAL");
    CHECK_EQ(copy_file_range(99, NULL, out, NULL, 10, 0) < 0 ? errno : 0, EBADF, "a bad descriptor is EBADF");
    CHECK_EQ(raw_syscall6(SYS_copy_file_range, in, 1, out, 0, 10, 0), -EFAULT, "a bad offset pointer is EFAULT");
    int proc = open("/proc/self/status", O_RDONLY);
    CHECK_EQ(copy_file_range(proc, NULL, out, NULL, 10, 0) < 0 ? errno : 0, EXDEV,
             "from another file system: EXDEV");
    close(proc);
    close(app);
    close(dir);
    close(p[0]);
    close(p[1]);
    close(in);
    close(out);
}

int main(void)
{
    for (int i = 0; i < SIZE; i++)
        data[i] = (char)(i * 7 + i / 251);
    int fd = open(IN, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(write(fd, data, SIZE), SIZE, "write the input file");
    close(fd);
    int in = open(IN, O_RDONLY);
    test_sendfile(in);
    lseek(in, 0, SEEK_SET);
    test_splice(in);
    close(in);
    test_vmsplice();
    test_copy_file_range();
    unlink(IN);
    unlink(OUT);
    return tt_done();
}
