/* coredump_test.c - core files (core(5)): which deaths dump core and set
 * WCOREDUMP / CLD_DUMPED, RLIMIT_CORE, PR_SET_DUMPABLE, the rules for an
 * existing "core", and the ELF file itself (ET_CORE, NT_PRSTATUS with the
 * pid and signal, NT_PRPSINFO, NT_AUXV, a PT_LOAD with the process's
 * anonymous memory). Differential: Linux with core_pattern "core" is the
 * oracle. With "strict" (Tiny OS alone: it writes the sysctls), also
 * core_pattern's %p %e %s %%, core_uses_pid, and a '|' pattern (no dump). */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tt.h"

static char *page; /* an anonymous page the child writes before dying */
static volatile int *volatile bad = (volatile int *)8; /* a fault's address */

static void set_core_limit(rlim_t cur)
{
    struct rlimit r;
    getrlimit(RLIMIT_CORE, &r);
    r.rlim_cur = cur;
    if (r.rlim_max != RLIM_INFINITY && r.rlim_max < cur)
        r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_CORE, &r);
}

/* Forks a child that dies of sig (after not being dumpable, if asked);
 * returns its wait status. */
static int die_of(int sig, int dumpable)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (!dumpable)
            prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        strcpy(page, "written by the child");
        if (sig == SIGSEGV)
            *bad = 1;
        if (sig == SIGABRT)
            abort();
        kill(getpid(), sig);
        _exit(99);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static off_t file_size(const char *name)
{
    struct stat st;
    if (lstat(name, &st))
        return -1;
    return st.st_size;
}

/* Reads the core and checks its structure: the child died of sig. */
static void check_core(const char *name, int sig)
{
    int fd = open(name, O_RDONLY);
    CHECK(fd >= 0, "the core opens");
    off_t size = file_size(name);
    char *buf = malloc((size_t)size + 1);
    CHECK_EQ(read(fd, buf, (size_t)size), size, "the core reads whole");
    close(fd);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    CHECK(!memcmp(eh->e_ident, ELFMAG, SELFMAG), "ELF magic");
    CHECK_EQ(eh->e_ident[EI_CLASS], ELFCLASS64, "ELFCLASS64");
    CHECK_EQ(eh->e_type, ET_CORE, "ET_CORE");
    CHECK_EQ(eh->e_machine, EM_X86_64, "EM_X86_64");
    CHECK_EQ(eh->e_phentsize, sizeof(Elf64_Phdr), "e_phentsize");
    Elf64_Phdr *ph = (Elf64_Phdr *)(buf + eh->e_phoff);
    CHECK_EQ(ph[0].p_type, PT_NOTE, "the first segment is PT_NOTE");
    int prstatus = 0, prpsinfo = 0, auxv_pagesz = 0, siginfo = 0, cursig = 0;
    for (size_t off = ph[0].p_offset; off + 12 <= ph[0].p_offset + ph[0].p_filesz;) {
        Elf64_Nhdr *n = (Elf64_Nhdr *)(buf + off);
        char *nm = (char *)(n + 1);
        char *desc = nm + ((n->n_namesz + 3) & ~3u);
        if (n->n_type == NT_PRSTATUS && !strcmp(nm, "CORE")) {
            if (!prstatus++)
                cursig = *(short *)(desc + 12);
        } else if (n->n_type == NT_PRPSINFO && !strcmp(nm, "CORE")) {
            prpsinfo = !strcmp(desc + 40, "coredump_test");
        } else if (n->n_type == NT_AUXV) {
            for (uint64_t *a = (uint64_t *)desc; (char *)a < desc + n->n_descsz; a += 2)
                if (a[0] == AT_PAGESZ)
                    auxv_pagesz = (int)a[1];
        } else if (n->n_type == NT_SIGINFO) {
            siginfo = ((siginfo_t *)desc)->si_signo;
        }
        off = (size_t)(desc - buf) + ((n->n_descsz + 3) & ~3u);
    }
    CHECK_EQ(prstatus, 1, "one NT_PRSTATUS (one thread)");
    CHECK_EQ(cursig, sig, "pr_cursig is the signal");
    CHECK_EQ(siginfo, sig, "NT_SIGINFO's si_signo");
    CHECK(prpsinfo, "NT_PRPSINFO names the program");
    CHECK_EQ(auxv_pagesz, 4096, "NT_AUXV has AT_PAGESZ");
    int found = 0;
    for (int i = 1; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_vaddr > (uint64_t)page ||
            ph[i].p_vaddr + ph[i].p_memsz <= (uint64_t)page)
            continue;
        uint64_t at = ph[i].p_offset + ((uint64_t)page - ph[i].p_vaddr);
        found = ph[i].p_filesz > (uint64_t)page - ph[i].p_vaddr && at + 32 <= (uint64_t)size &&
                !strcmp(buf + at, "written by the child");
        CHECK_EQ(ph[i].p_flags, PF_R | PF_W, "the page's segment is rw-");
    }
    CHECK(found, "a PT_LOAD holds what the child wrote");
    free(buf);
}

static void strict_checks(void)
{
    int fd = open("/proc/sys/kernel/core_pattern", O_WRONLY | O_TRUNC);
    CHECK(fd >= 0, "core_pattern opens for writing");
    CHECK_EQ(write(fd, "c.%p.%e.%s%%\n", 13), 13, "core_pattern written");
    close(fd);
    char got[64] = {0};
    fd = open("/proc/sys/kernel/core_pattern", O_RDONLY);
    CHECK(read(fd, got, sizeof got - 1) > 0, "core_pattern reads back");
    close(fd);
    CHECK(!strcmp(got, "c.%p.%e.%s%%\n"), "core_pattern reads back as written");
    pid_t pid = fork();
    if (pid == 0) {
        *bad = 1;
        _exit(1);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WCOREDUMP(status), "dumped through the pattern");
    char name[64];
    snprintf(name, sizeof name, "c.%d.coredump_test.11%%", pid);
    CHECK(file_size(name) > 0, "the pattern names the file");
    unlink(name);

    fd = open("/proc/sys/kernel/core_pattern", O_WRONLY | O_TRUNC);
    write(fd, "core", 4);
    close(fd);
    fd = open("/proc/sys/kernel/core_uses_pid", O_WRONLY | O_TRUNC);
    CHECK_EQ(write(fd, "1\n", 2), 2, "core_uses_pid written");
    close(fd);
    pid = fork();
    if (pid == 0)
        abort();
    waitpid(pid, &status, 0);
    snprintf(name, sizeof name, "core.%d", pid);
    CHECK(WCOREDUMP(status) && file_size(name) > 0, "core_uses_pid appends .PID");
    unlink(name);
    fd = open("/proc/sys/kernel/core_uses_pid", O_WRONLY | O_TRUNC);
    write(fd, "0", 1);
    close(fd);

    fd = open("/proc/sys/kernel/core_pattern", O_WRONLY | O_TRUNC);
    write(fd, "|/bin/true", 10);
    close(fd);
    status = die_of(SIGQUIT, 1);
    CHECK(WIFSIGNALED(status) && !WCOREDUMP(status), "a pipe pattern: no core (not supported)");
    fd = open("/proc/sys/kernel/core_pattern", O_WRONLY | O_TRUNC);
    write(fd, "core", 4);
    close(fd);
    fd = open("/proc/sys/fs/suid_dumpable", O_WRONLY | O_TRUNC);
    CHECK_EQ(write(fd, "3", 1), -1, "suid_dumpable 3 is refused");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    close(fd);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/coredump_testXXXXXX";
    CHECK(mkdtemp(dir) != NULL, "a scratch directory");
    CHECK_EQ(chdir(dir), 0, "chdir into it");
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    set_core_limit(0);
    int status = die_of(SIGABRT, 1);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "abort: killed by SIGABRT");
    CHECK(!WCOREDUMP(status), "RLIMIT_CORE 0: no core bit");
    CHECK_EQ(file_size("core"), -1, "RLIMIT_CORE 0: no file");
    set_core_limit(4095);
    status = die_of(SIGABRT, 1);
    CHECK(!WCOREDUMP(status), "RLIMIT_CORE below a page: no core");
    CHECK_EQ(file_size("core"), -1, "RLIMIT_CORE below a page: no file");

    set_core_limit(RLIM_INFINITY);
    status = die_of(SIGSEGV, 1);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "SIGSEGV kills");
    CHECK(WCOREDUMP(status), "SIGSEGV dumps core");
    struct stat st;
    CHECK_EQ(stat("core", &st), 0, "the file is there");
    CHECK(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600, "a regular file, mode 0600");
    CHECK_EQ(st.st_uid, getuid(), "owned by the process's fsuid");
    check_core("core", SIGSEGV);

    /* MADV_DONTDUMP leaves the area out of the core (LTP madvise08);
     * ranges with a hole are ENOMEM. */
    CHECK_EQ(madvise(page, 4096, MADV_DODUMP), 0, "MADV_DODUMP");
    char *hole = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole + 4096, 4096);
    CHECK(madvise(hole, 8192, MADV_DONTDUMP) == -1 && errno == ENOMEM, "MADV_DONTDUMP over a hole: ENOMEM");
    munmap(hole, 4096);
    CHECK_EQ(madvise(page, 4096, MADV_DONTDUMP), 0, "MADV_DONTDUMP");
    unlink("core");
    status = die_of(SIGSEGV, 1);
    CHECK(WCOREDUMP(status), "a core with the page left out");
    int fd = open("core", O_RDONLY);
    off_t csize = file_size("core");
    char *cbuf = csize > 0 ? malloc((size_t)csize) : NULL;
    CHECK(fd >= 0 && cbuf && read(fd, cbuf, (size_t)csize) == csize, "read the core");
    CHECK(cbuf && !memmem(cbuf, (size_t)csize, "written by the child", 20), "the MADV_DONTDUMP page is not in it");
    free(cbuf);
    close(fd);
    CHECK_EQ(madvise(page, 4096, MADV_DODUMP), 0, "MADV_DODUMP puts it back");

    /* An old core is replaced (unlinked, then created afresh). */
    status = die_of(SIGQUIT, 1);
    CHECK(WCOREDUMP(status), "SIGQUIT dumps core over an old one");
    check_core("core", SIGQUIT);
    unlink("core");

    int fatal[] = {SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSYS, SIGXCPU, SIGXFSZ};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        status = die_of(fatal[i], 1);
        char what[64];
        snprintf(what, sizeof what, "signal %d dumps core", fatal[i]);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == fatal[i] && WCOREDUMP(status), what);
        unlink("core");
    }
    int plain[] = {SIGTERM, SIGKILL, SIGHUP, SIGUSR1, SIGALRM};
    for (unsigned i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        status = die_of(plain[i], 1);
        char what[64];
        snprintf(what, sizeof what, "signal %d: no core", plain[i]);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == plain[i] && !WCOREDUMP(status), what);
        CHECK_EQ(file_size("core"), -1, "and no file");
    }

    status = die_of(SIGABRT, 0);
    CHECK(WIFSIGNALED(status) && !WCOREDUMP(status), "PR_SET_DUMPABLE 0: no core");
    CHECK_EQ(file_size("core"), -1, "PR_SET_DUMPABLE 0: no file");

    /* waitid says CLD_DUMPED. */
    pid_t pid = fork();
    if (pid == 0)
        abort();
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK_EQ(waitid(P_PID, pid, &si, WEXITED), 0, "waitid");
    CHECK_EQ(si.si_code, CLD_DUMPED, "waitid: CLD_DUMPED");
    CHECK_EQ(si.si_status, SIGABRT, "waitid: si_status SIGABRT");
    unlink("core");

    /* "core" is a directory: it cannot be replaced, no core. */
    mkdir("core", 0700);
    status = die_of(SIGABRT, 1);
    CHECK(WIFSIGNALED(status) && !WCOREDUMP(status), "core is a directory: no core");
    rmdir("core");

    /* A small limit cuts the file short, yet the core bit is set. */
    set_core_limit(8192);
    status = die_of(SIGSEGV, 1);
    CHECK(WCOREDUMP(status), "RLIMIT_CORE 8192: core bit set");
    CHECK(file_size("core") > 0, "a truncated core is written");
    unlink("core");
    set_core_limit(RLIM_INFINITY);

    if (argc > 1 && !strcmp(argv[1], "strict"))
        strict_checks();
    chdir("/");
    CHECK_EQ(rmdir(dir), 0, "the scratch directory is left empty");
    return tt_done();
}
