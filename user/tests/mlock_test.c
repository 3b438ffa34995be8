/* mlock_test.c - memory locking as Linux accounts it: mlock brings the
 * pages in (mincore) and counts them in VmLck and smaps' Locked, once
 * even when locked twice; mlock2(MLOCK_ONFAULT) counts without bringing
 * in; MAP_LOCKED and mlockall(MCL_FUTURE) lock new mappings; fork does
 * not inherit locks; RLIMIT_MEMLOCK without CAP_IPC_LOCK (EPERM at 0,
 * ENOMEM / EAGAIN past it); msync(MS_INVALIDATE) of a locked range is
 * EBUSY. Also mmap's errno order (EBADF first, MAP_SHARED_VALIDATE's
 * EOPNOTSUPP), a read-only /dev/zero shared map staying read-only, and
 * mincore of a file mapping reporting the page cache. Differential; run
 * as root (the limit checks drop to uid 65534 in a child). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "tt.h"

#define PG 4096
#define FILE_ "/tmp/tt_mlock_file"

static int err_of(long r) { return r < 0 ? errno : 0; }

/* VmLck of /proc/self/status, in kB (-1 if missing). */
static long vmlck(void)
{
    static char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY);
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    char *p = strstr(buf, "VmLck:");
    return p ? strtol(p + 6, NULL, 10) : -1;
}

/* A field ("Rss:", "Locked:") of addr's area in /proc/self/smaps, kB. */
static long smaps_field(void *addr, const char *name)
{
    static char buf[1 << 17];
    int fd = open("/proc/self/smaps", O_RDONLY);
    long n = 0, r;
    while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    char head[32];
    snprintf(head, sizeof head, "%08lx-", (unsigned long)addr);
    char *p = strstr(buf, head);
    if (!p)
        return -1;
    p = strstr(p, name);
    return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static int resident(void *addr, int pages)
{
    unsigned char vec[64];
    if (mincore(addr, (size_t)pages * PG, vec))
        return -1;
    int n = 0;
    for (int i = 0; i < pages; i++)
        n += vec[i] & 1;
    return n;
}

static void *anon(int pages, int flags)
{
    return mmap(NULL, (size_t)pages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static void locking(void)
{
    long base = vmlck();
    CHECK(base >= 0, "VmLck in /proc/self/status");
    char *m = anon(8, 0);
    CHECK_EQ(resident(m, 8), 0, "untouched pages are not resident");
    CHECK_EQ(mlock(m + 100, 2 * PG), 0, "mlock 2 pages from an unaligned address");
    CHECK_EQ(resident(m, 8), 3, "the 3 pages it covers are resident");
    CHECK_EQ(vmlck() - base, 12, "VmLck counts 12 kB");
    CHECK_EQ(smaps_field(m, "Locked:"), 12, "smaps: the locked part is its own area, Locked 12 kB");
    CHECK_EQ(smaps_field(m, "Rss:"), 12, "smaps: Rss 12 kB");
    CHECK_EQ(smaps_field(m + 3 * PG, "Locked:"), 0, "smaps: the rest is not locked");
    CHECK_EQ(mlock(m, 3 * PG), 0, "mlock the same pages again");
    CHECK_EQ(vmlck() - base, 12, "VmLck does not count them twice");
    CHECK_EQ(err_of(msync(m, PG, MS_INVALIDATE)), EBUSY, "msync MS_INVALIDATE of a locked page: EBUSY");
    CHECK_EQ(msync(m + 3 * PG, PG, MS_INVALIDATE), 0, "msync MS_INVALIDATE of an unlocked page");
    CHECK_EQ(munlock(m, 8 * PG), 0, "munlock all 8");
    CHECK_EQ(vmlck() - base, 0, "VmLck back to what it was");
    munmap(m, 8 * PG);

    m = anon(4, 0);
    m[0] = 1;
    CHECK_EQ(syscall(SYS_mlock2, m, 4 * PG, MLOCK_ONFAULT), 0, "mlock2 MLOCK_ONFAULT");
    CHECK_EQ(vmlck() - base, 16, "on-fault locks count in VmLck");
    CHECK_EQ(resident(m, 4), 1, "but bring nothing in");
    m[PG] = 1;
    CHECK_EQ(resident(m, 4), 2, "a touched page comes in");
    CHECK_EQ(syscall(SYS_mlock2, m, 4 * PG, 0), 0, "mlock2 without MLOCK_ONFAULT");
    CHECK_EQ(resident(m, 4), 4, "brings the rest in");
    CHECK_EQ(vmlck() - base, 16, "and VmLck stays");
    CHECK_EQ(err_of(syscall(SYS_mlock2, m, PG, 2)), EINVAL, "mlock2 with an unknown flag: EINVAL");
    munmap(m, 4 * PG);
    CHECK_EQ(vmlck() - base, 0, "munmap drops the lock");

    m = anon(4, MAP_LOCKED);
    CHECK(m != MAP_FAILED, "mmap MAP_LOCKED");
    CHECK_EQ(resident(m, 4), 4, "MAP_LOCKED pages are resident");
    CHECK_EQ(vmlck() - base, 16, "and locked");
    pid_t pid = fork();
    if (pid == 0)
        _exit(vmlck() == 0 && resident(m, 4) == 4 ? 0 : 1);
    int st;
    waitpid(pid, &st, 0);
    CHECK_EQ(st, 0, "a fork child has the pages but no locks");
    munmap(m, 4 * PG);

    CHECK_EQ(mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT), 0, "mlockall current, future, on fault");
    CHECK(vmlck() - base > 0, "everything is locked");
    m = anon(2, 0);
    CHECK_EQ(smaps_field(m, "Size:"), 8, "a new mapping after MCL_FUTURE");
    CHECK_EQ(resident(m, 2), 0, "on fault: not brought in");
    CHECK_EQ(smaps_field(m, "Locked:"), 0, "smaps Locked counts resident pages only");
    CHECK_EQ(munlockall(), 0, "munlockall");
    CHECK_EQ(vmlck() - base, 0, "nothing locked");
    munmap(m, 2 * PG);
    m = anon(2, 0);
    CHECK_EQ(resident(m, 2), 0, "after munlockall new mappings are not locked");
    munmap(m, 2 * PG);
}

/* Without CAP_IPC_LOCK (uid 65534 in a child): the limit. */
static void limits(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {PG, PG};
        setrlimit(RLIMIT_MEMLOCK, &rl);
        if (setuid(65534))
            _exit(99);
        char *m = anon(4, 0);
        CHECK_EQ(mlock(m, PG), 0, "one page within the limit");
        CHECK_EQ(err_of(mlock(m, 2 * PG)), ENOMEM, "two pages past it: ENOMEM");
        CHECK_EQ(err_of((long)mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0)), EAGAIN,
                 "MAP_LOCKED past it: EAGAIN");
        CHECK_EQ(err_of(mlockall(MCL_CURRENT)), ENOMEM, "mlockall(MCL_CURRENT) past it: ENOMEM");
        CHECK_EQ(munlock(m, 4 * PG), 0, "munlock is always allowed");
        rl.rlim_cur = rl.rlim_max = 0;
        setrlimit(RLIMIT_MEMLOCK, &rl);
        CHECK_EQ(err_of(mlock(m, PG)), EPERM, "limit 0: mlock EPERM");
        CHECK_EQ(err_of(syscall(SYS_mlock2, m, PG, MLOCK_ONFAULT)), EPERM, "limit 0: mlock2 EPERM");
        CHECK_EQ(err_of(mlockall(MCL_FUTURE)), EPERM, "limit 0: mlockall EPERM");
        fflush(stdout);
        _exit(tt_failures);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK_EQ(st, 0, "the unprivileged child's checks");
}

static void mmap_errors(void)
{
    int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char page[PG];
    memset(page, 'x', sizeof page);
    write(fd, page, sizeof page);
    write(fd, page, sizeof page);
    char *f = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK_EQ(resident(f, 2), 2, "mincore of a file mapping: the cached pages are resident");
    munmap(f, 2 * PG);
    CHECK_EQ(err_of((long)mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0)), EOPNOTSUPP,
             "MAP_SHARED_VALIDATE with MAP_SYNC on tmpfs: EOPNOTSUPP");
    close(fd);
    unlink(FILE_);
    CHECK_EQ(err_of((long)mmap(NULL, 0, PROT_WRITE, MAP_SHARED, fd, 0)), EBADF, "a closed fd: EBADF before len 0");
    CHECK_EQ(err_of((long)mmap(NULL, PG, PROT_READ, 0, fd, 0)), EBADF, "a closed fd: EBADF before the type");

    int z = open("/dev/zero", O_RDONLY);
    char *m = mmap(NULL, PG, PROT_READ, MAP_SHARED, z, 0);
    CHECK(m != MAP_FAILED, "shared read-only map of /dev/zero");
    CHECK_EQ(err_of(mprotect(m, PG, PROT_WRITE)), EACCES, "mprotect PROT_WRITE on it: EACCES");
    munmap(m, PG);
    close(z);
}

int main(void)
{
    locking();
    limits();
    mmap_errors();
    return tt_done();
}
