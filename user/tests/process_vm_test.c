/*
 * process_vm_test.c - process_vm_readv/process_vm_writev between a
 * parent and its fork child (the same addresses in both): scattered and
 * gathered copies, a transfer cut short by a hole (the bytes so far),
 * read-only memory refused to writes, the argument errors in Linux's
 * order, and the ptrace-style permission check. Differential.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static char buf[64] = "hello from the child's memory";
static const char ro[16] = "read-only bytes";

static long pvr(int pid, struct iovec *l, long lc, struct iovec *r, long rc, long flags)
{
    return raw_syscall6(SYS_process_vm_readv, pid, (long)l, lc, (long)r, rc, flags);
}
static long pvw(int pid, struct iovec *l, long lc, struct iovec *r, long rc, long flags)
{
    return raw_syscall6(SYS_process_vm_writev, pid, (long)l, lc, (long)r, rc, flags);
}

int main(void)
{
    int go[2], back[2];
    pipe(go);
    pipe(back);
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(page + 4096 - 8, "edge-of-", 8);
    munmap(page + 4096, 4096); /* a hole right after the first page */
    pid_t c = fork();
    if (c == 0) {
        strcpy(buf, "the child's own text");
        char ch;
        write(back[1], "r", 1);
        read(go[0], &ch, 1); /* the parent writes into us meanwhile */
        _exit(strcmp(buf, "WRITTENld's own text") == 0 ? 0 : 1);
    }
    char ch;
    read(back[0], &ch, 1);

    char a[8], b[32];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    struct iovec local[2] = {{a, 4}, {b, 16}};
    struct iovec remote[1] = {{buf, 20}};
    CHECK_EQ(pvr(c, local, 2, remote, 1, 0), 20, "readv moves 20 bytes");
    CHECK(!memcmp(a, "the ", 4) && !memcmp(b, "child's own text", 16), "scattered into two local buffers");
    struct iovec r2[2] = {{buf + 4, 3}, {buf, 3}};
    struct iovec l1 = {b, 32};
    memset(b, 0, sizeof b);
    CHECK_EQ(pvr(c, &l1, 1, r2, 2, 0), 6, "gathered from two remote ranges");
    CHECK(!memcmp(b, "chithe", 6), "in the remote order");

    /* A hole cuts the transfer: the bytes before it count. */
    struct iovec rh = {page + 4096 - 8, 16};
    memset(b, 0, sizeof b);
    CHECK_EQ(pvr(c, &l1, 1, &rh, 1, 0), 8, "a hole after 8 bytes: 8");
    CHECK(!memcmp(b, "edge-of-", 8), "the bytes before the hole");
    struct iovec rhole = {page + 4096, 8};
    CHECK_EQ(pvr(c, &l1, 1, &rhole, 1, 0), -EFAULT, "only a hole: EFAULT");
    struct iovec rlist[2] = {{buf, 4}, {page + 4096, 4}};
    CHECK_EQ(pvr(c, &l1, 1, rlist, 2, 0), 4, "a hole in the second range: the first's bytes");

    /* Errors, in Linux's order. */
    CHECK_EQ(pvr(c, &l1, 1, remote, 1, 1), -EINVAL, "flags: EINVAL");
    CHECK_EQ(pvr(c, &l1, 1025, remote, 1, 0), -EINVAL, "more than UIO_MAXIOV local: EINVAL");
    CHECK_EQ(pvr(c, &l1, 1, remote, 1025, 0), -EINVAL, "more than UIO_MAXIOV remote: EINVAL");
    CHECK_EQ(pvr(c, (struct iovec *)8, 1, remote, 1, 0), -EFAULT, "a bad local iovec array: EFAULT");
    struct iovec lbad = {(void *)8, 8};
    CHECK_EQ(pvr(c, &lbad, 1, remote, 1, 0), -EFAULT, "a bad local buffer: EFAULT");
    struct iovec lneg = {b, (size_t)-1};
    CHECK_EQ(pvr(c, &lneg, 1, remote, 1, 0), -EINVAL, "a negative local length: EINVAL");
    struct iovec lzero = {b, 0};
    CHECK_EQ(pvr(-1, &lzero, 1, remote, 1, 0), 0, "nothing to move: 0 before the pid is looked at");
    CHECK_EQ(pvr(c, &l1, 1, (struct iovec *)8, 1, 0), -EFAULT, "a bad remote iovec array: EFAULT");
    CHECK_EQ(pvr(4000000, &l1, 1, remote, 1, 0), -ESRCH, "no such pid: ESRCH");
    CHECK_EQ(pvr(c, &l1, 1, remote, 0, 0), 0, "no remote ranges: 0");

    /* Writes. */
    struct iovec wl = {"WRITTEN", 7}, wr = {buf, 7};
    CHECK_EQ(pvw(c, &wl, 1, &wr, 1, 0), 7, "writev moves 7 bytes");
    CHECK(!strcmp(buf, "hello from the child's memory"), "the parent's copy is untouched (copy-on-write)");
    struct iovec wro = {(void *)ro, 4};
    CHECK_EQ(pvw(c, &wl, 1, &wro, 1, 0), -EFAULT, "read-only memory: EFAULT");
    write(go[1], "g", 1);
    int st;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child sees the write");

    /* Our own memory, and a process of another user. */
    char mine[8] = "";
    struct iovec lm = {mine, 5}, rm = {buf, 5};
    CHECK_EQ(pvr(getpid(), &lm, 1, &rm, 1, 0), 5, "read our own memory");
    CHECK(!memcmp(mine, "hello", 5), "our own bytes");
    pid_t parent = getpid();
    c = fork();
    if (c == 0) {
        if (setuid(1000))
            _exit(9);
        char x[8];
        struct iovec l = {x, 5}, r = {buf, 5};
        _exit(pvr(parent, &l, 1, &r, 1, 0) == -EPERM ? 0 : 1);
    }
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "another user's process: EPERM");
    return tt_done();
}
