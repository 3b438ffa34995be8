/* memfd_test.c - memfd_create and file sealing: what a memfd looks like
 * (fstat, F_GETFL, its /proc/self/fd link and maps line "/memfd:NAME
 * (deleted)"), data through write, read and shared mappings, opening it
 * again through /proc/self/fd, running a program from it, the flags
 * (MFD_CLOEXEC, MFD_ALLOW_SEALING, MFD_NOEXEC_SEAL, MFD_EXEC), each seal
 * against write, pwrite, sendfile, ftruncate, O_TRUNC, fallocate, mmap,
 * mprotect and chmod, and the errno of every bad argument. Differential.
 * argv[1] = "strict" (Tiny OS): memfds give all their pages back (exact
 * free RAM, which the host cannot show). argv[1] = "child": the program
 * run from a memfd. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>

#include "tt.h"

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#define MFD_EXEC 0x0010U
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

static int mfd(const char *name, unsigned flags) { return (int)raw_syscall(SYS_memfd_create, name, flags, 0); }

static int seals(int fd) { return fcntl(fd, F_GET_SEALS); }
static int err_of(long r) { return r < 0 ? errno : 0; }

static void link_of(int fd, char *out, size_t n)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t r = readlink(path, out, n - 1);
    out[r > 0 ? r : 0] = '\0';
}

static int maps_show(const char *what)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        found |= strstr(line, what) != NULL;
    if (f)
        fclose(f);
    return found;
}

static void basics(void)
{
    int fd = mfd("tt_memfd", 0);
    CHECK(fd >= 0, "memfd_create");
    char link[300];
    link_of(fd, link, sizeof link);
    tt_check(!strcmp(link, "/memfd:tt_memfd (deleted)"), "its fd link reads /memfd:NAME (deleted)", "%s", link);
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(st.st_mode, S_IFREG | 0777, "a regular file, mode 0777");
    CHECK_EQ(st.st_nlink, 0, "in no directory");
    CHECK_EQ(st.st_size, 0, "empty");
    CHECK_EQ(fcntl(fd, F_GETFL), 0100002, "open O_RDWR | O_LARGEFILE");
    CHECK_EQ(fcntl(fd, F_GETFD), 0, "not close-on-exec");
    CHECK_EQ(seals(fd), F_SEAL_SEAL, "sealing is not allowed: F_SEAL_SEAL");
    CHECK_EQ(err_of(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), EPERM, "adding a seal is EPERM");
    CHECK_EQ(write(fd, "hello world", 11), 11, "write");
    char b[32] = {0};
    CHECK(pread(fd, b, sizeof b, 6) == 5 && !memcmp(b, "world", 5), "read it back");
    CHECK_EQ(ftruncate(fd, 8192), 0, "ftruncate to two pages");
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED && !memcmp(m, "hello", 5), "a shared mapping shows the data");
    memcpy(m + 4096, "mapped", 6);
    CHECK(pread(fd, b, 6, 4096) == 6 && !memcmp(b, "mapped", 6), "a store through it is in the file");
    CHECK(maps_show("/memfd:tt_memfd (deleted)"), "/proc/self/maps names the mapping /memfd:NAME (deleted)");
    munmap(m, 8192);

    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    int again = open(path, O_RDWR);
    struct stat st2;
    fstat(again, &st2);
    CHECK(again >= 0 && st2.st_ino == st.st_ino, "/proc/self/fd/N opens the same file again");
    CHECK(pread(again, b, 5, 0) == 5 && !memcmp(b, "hello", 5), "with the same data");
    CHECK_EQ(lseek(again, 0, SEEK_CUR), 0, "and its own position");
    close(again);
    close(fd);

    int ce = mfd("cloexec", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    CHECK_EQ(fcntl(ce, F_GETFD), FD_CLOEXEC, "MFD_CLOEXEC");
    CHECK_EQ(seals(ce), 0, "MFD_ALLOW_SEALING: no seals yet");
    close(ce);
    int empty = mfd("", 0);
    link_of(empty, link, sizeof link);
    tt_check(!strcmp(link, "/memfd: (deleted)"), "an empty name", "%s", link);
    close(empty);
}

static void sealing(void)
{
    int fd = mfd("sealed", MFD_ALLOW_SEALING);
    ftruncate(fd, 8192);
    char *ro = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    CHECK_EQ(err_of(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), EBUSY,
             "F_SEAL_WRITE with a shared mapping that could be made writable: EBUSY");
    munmap(ro, 8192);
    char *priv = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0, "F_SEAL_GROW");
    munmap(priv, 8192);
    static char big[20000];
    CHECK_EQ(pwrite(fd, "x", 1, 8191), 1, "a write inside the file");
    CHECK_EQ(pwrite(fd, "xy", 2, 8191), 1, "a write across the end stops at it");
    CHECK_EQ(pwrite(fd, big, sizeof big, 100), 8092, "a long one stops at the end too");
    CHECK_EQ(err_of(pwrite(fd, "x", 1, 8192)), EPERM, "a write at the end is EPERM");
    CHECK_EQ(err_of(ftruncate(fd, 9000)), EPERM, "growing by ftruncate is EPERM");
    CHECK_EQ(err_of(fallocate(fd, 0, 0, 9000)), EPERM, "growing by fallocate is EPERM");
    CHECK_EQ(err_of(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 9000)), EPERM, "even with FALLOC_FL_KEEP_SIZE");
    CHECK_EQ(fallocate(fd, 0, 0, 100), 0, "fallocate inside the file");
    CHECK_EQ(ftruncate(fd, 6000), 0, "shrinking is allowed");
    CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), 0, "F_SEAL_SHRINK");
    CHECK_EQ(err_of(ftruncate(fd, 5000)), EPERM, "shrinking by ftruncate is EPERM");
    CHECK_EQ(ftruncate(fd, 6000), 0, "the same size is fine");
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    CHECK_EQ(err_of(open(path, O_RDWR | O_TRUNC)), EPERM, "O_TRUNC is EPERM");
    CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0, "F_SEAL_WRITE with no shared mapping");
    CHECK_EQ(seals(fd), F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_WRITE, "the seals add up");
    CHECK_EQ(err_of(write(fd, "a", 1)), EPERM, "write is EPERM");
    int src = mfd("src", 0);
    write(src, "data", 4);
    off_t off = 0;
    CHECK_EQ(err_of(sendfile(fd, src, &off, 4)), EPERM, "sendfile into it is EPERM");
    close(src);
    CHECK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EPERM,
          "a shared writable mapping is EPERM");
    char *r2 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(r2 != MAP_FAILED, "a shared read-only mapping is allowed");
    CHECK_EQ(err_of(mprotect(r2, 4096, PROT_READ | PROT_WRITE)), EACCES, "but can never be made writable");
    char *p2 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p2 != MAP_FAILED, "a private writable mapping is allowed");
    if (p2 != MAP_FAILED)
        p2[0] = 'Q';
    char z = 1;
    CHECK(pread(fd, &z, 1, 0) == 1 && z == 0, "its stores stay private");
    CHECK_EQ(err_of(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 100)), EPERM,
             "punching a hole is EPERM");
    CHECK_EQ(err_of(fcntl(fd, F_ADD_SEALS, 0x40)), EINVAL, "an unknown seal is EINVAL");
    CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL), 0, "F_SEAL_SEAL");
    CHECK_EQ(err_of(fcntl(fd, F_ADD_SEALS, 0)), EPERM, "then even no seal is EPERM");
    int rd = open(path, O_RDONLY);
    CHECK_EQ(seals(rd), F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_WRITE | F_SEAL_SEAL, "another open file sees them");
    CHECK_EQ(err_of(fcntl(rd, F_ADD_SEALS, 0)), EPERM, "F_ADD_SEALS needs a file open for writing");
    close(rd);
    close(fd);

    int fu = mfd("future", MFD_ALLOW_SEALING);
    ftruncate(fu, 4096);
    char *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fu, 0);
    CHECK_EQ(fcntl(fu, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), 0, "F_SEAL_FUTURE_WRITE despite a writable mapping");
    w[0] = 'z';
    char c = 0;
    CHECK(pread(fu, &c, 1, 0) == 1 && c == 'z', "the existing mapping still writes");
    CHECK_EQ(err_of(write(fu, "a", 1)), EPERM, "write is EPERM");
    CHECK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fu, 0) == MAP_FAILED && errno == EPERM,
          "a new shared writable mapping is EPERM");
    CHECK_EQ(err_of(fcntl(fu, F_ADD_SEALS, F_SEAL_WRITE)), EBUSY, "F_SEAL_WRITE now is EBUSY");
    munmap(w, 4096);
    close(fu);
}

static void exec_seals(void)
{
    int nx = mfd("noexec", MFD_NOEXEC_SEAL);
    struct stat st;
    fstat(nx, &st);
    CHECK_EQ(st.st_mode, S_IFREG | 0666, "MFD_NOEXEC_SEAL: mode 0666");
    CHECK_EQ(seals(nx), F_SEAL_EXEC, "and F_SEAL_EXEC, sealing allowed");
    CHECK_EQ(err_of(fchmod(nx, 0755)), EPERM, "the exec bits may not change");
    CHECK_EQ(fchmod(nx, 0644), 0, "the others may");
    close(nx);
    int ex = mfd("exec", MFD_EXEC | MFD_ALLOW_SEALING);
    CHECK_EQ(fcntl(ex, F_ADD_SEALS, F_SEAL_EXEC), 0, "F_SEAL_EXEC on an executable memfd");
    CHECK_EQ(seals(ex), F_SEAL_EXEC | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE,
             "seals it against writes too");
    close(ex);
}

static void errors(void)
{
    CHECK_EQ(raw_syscall(SYS_memfd_create, 0, 0, 0), -EFAULT, "a NULL name is EFAULT");
    char name[300];
    memset(name, 'n', sizeof name);
    name[249] = '\0';
    int fd = mfd(name, 0);
    CHECK(fd >= 0, "a name of 249 bytes");
    close(fd);
    name[249] = 'n';
    name[250] = '\0';
    CHECK_EQ(raw_syscall(SYS_memfd_create, name, 0, 0), -EINVAL, "250 bytes is EINVAL");
    CHECK_EQ(raw_syscall(SYS_memfd_create, "x", 0x100, 0), -EINVAL, "an unknown flag is EINVAL");
    CHECK_EQ(raw_syscall(SYS_memfd_create, "x", ~0u, 0), -EINVAL, "all flags is EINVAL");
    CHECK_EQ(raw_syscall(SYS_memfd_create, "x", 21u << 26, 0), -EINVAL, "a huge page size without MFD_HUGETLB");
    CHECK_EQ(raw_syscall(SYS_memfd_create, "x", MFD_EXEC | MFD_NOEXEC_SEAL, 0), -EINVAL,
             "MFD_EXEC with MFD_NOEXEC_SEAL is EINVAL");
    int p[2];
    pipe(p);
    CHECK_EQ(raw_syscall(SYS_fcntl, p[1], F_GET_SEALS, 0), -EINVAL, "F_GET_SEALS on a pipe is EINVAL");
    CHECK_EQ(raw_syscall(SYS_fcntl, p[0], F_ADD_SEALS, 1), -EPERM, "F_ADD_SEALS on a read end is EPERM");
    CHECK_EQ(raw_syscall(SYS_fcntl, p[1], F_ADD_SEALS, 1), -EINVAL, "F_ADD_SEALS on a write end is EINVAL");
    close(p[0]);
    close(p[1]);
}

/* A program run from a memfd (fexecve's way: through /proc/self/fd). */
static void exec_from_memfd(char *self)
{
    int src = open("/proc/self/exe", O_RDONLY);
    int fd = mfd("prog", MFD_CLOEXEC);
    off_t off = 0;
    struct stat st;
    fstat(src, &st);
    CHECK_EQ(sendfile(fd, src, &off, (size_t)st.st_size), st.st_size, "copy this program into a memfd");
    close(src);
    pid_t c = xfork();
    if (c == 0) {
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        char *av[] = {self, "child", NULL};
        execve(path, av, environ);
        _exit(99);
    }
    CHECK(exited_with(child_status(c), 42), "the memfd runs as a program");
    close(fd);
}

static long long free_bytes(void)
{
    struct sysinfo si;
    return sysinfo(&si) == 0 ? (long long)si.freeram * si.mem_unit : -1;
}

static void no_leak(void)
{
    static char page[4096];
    long long before = 0;
    int bad = 0;
    for (int i = 0; i < 110; i++) {
        if (i == 10)
            before = free_bytes();
        int fd = mfd("leak", MFD_ALLOW_SEALING);
        bad += ftruncate(fd, 65536) != 0;
        bad += pwrite(fd, page, sizeof page, 8192) != sizeof page;
        char *m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        bad += m == MAP_FAILED;
        if (m != MAP_FAILED) {
            memset(m, 'q', 65536);
            munmap(m, 65536);
        }
        bad += fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) != 0;
        close(fd);
    }
    CHECK_EQ(bad, 0, "100 memfds filled, mapped and sealed");
    CHECK_EQ(free_bytes(), before, "every page comes back when they close");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child"))
        return 42;
    basics();
    sealing();
    exec_seals();
    errors();
    exec_from_memfd(argv[0]);
    if (argc > 1 && !strcmp(argv[1], "strict"))
        no_leak();
    return tt_done();
}
