/* perm_user_test.c - what an unprivileged user (uid 1000) may do, case by
 * case: one line per case, "NAME: OK" or "NAME: ERRNO", and the test runner
 * compares the whole output with the host's (Linux is the oracle; the
 * host runs it as root too). Root sets up a fresh directory of files,
 * directories and programs of every mode and owner, starts two waiting
 * processes (one of root's, one of uid 1000's), then a child drops to
 * uid 1000 (setgroups {1000, 100}, setgid, setuid, as su does) and tries:
 * opening, creating, unlinking, renaming (a sticky directory too),
 * executing, chmod/chown/utimes, truncate, access with real and effective
 * ids apart, kill, setpriority, sched_setaffinity and the /proc files of
 * the two processes (ptrace access: environ, maps, mem, fd, exe...). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "tt.h" /* tt_remove_tree */

#define D "/tmp/perm_user_test"
#define USER 1000
#define GROUP 1000
#define OTHER_GROUP 100 /* a supplementary group of the user's */
#define RAN 100         /* the exit status of a program that did run */

static const char *errno_name(int e)
{
    static const struct {
        int e;
        const char *name;
    } names[] = {{EPERM, "EPERM"},         {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"},     {EIO, "EIO"},
                 {ENOEXEC, "ENOEXEC"},     {EBADF, "EBADF"},   {EACCES, "EACCES"},   {EFAULT, "EFAULT"},
                 {EBUSY, "EBUSY"},         {EEXIST, "EEXIST"}, {EXDEV, "EXDEV"},     {ENOTDIR, "ENOTDIR"},
                 {EISDIR, "EISDIR"},       {EINVAL, "EINVAL"}, {ETXTBSY, "ETXTBSY"}, {EROFS, "EROFS"},
                 {ENOTEMPTY, "ENOTEMPTY"}, {ELOOP, "ELOOP"},   {ENOSYS, "ENOSYS"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].e == e)
            return names[i].name;
    static char buf[32];
    snprintf(buf, sizeof buf, "errno %d", e);
    return buf;
}

/* "NAME: OK" for r >= 0, else "NAME: ERRNO" (errno as the call left it). */
static void show(const char *name, long r)
{
    printf("%s: %s\n", name, r >= 0 ? "OK" : errno_name(errno));
    fflush(stdout);
}

static long try_open(const char *path, int flags)
{
    int fd = open(path, flags, 0644);
    if (fd >= 0)
        close(fd);
    return fd;
}

static void put_file(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, "data\n", 5) != 5 || fchown(fd, uid, gid) || fchmod(fd, mode)) {
        printf("setup %s failed: %s\n", path, strerror(errno));
        exit(1);
    }
    close(fd);
}

static void put_dir(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
    if (mkdir(path, 0700) || chown(path, uid, gid) || chmod(path, mode)) {
        printf("setup %s failed: %s\n", path, strerror(errno));
        exit(1);
    }
}

/* A copy of this program (the file exec runs), of the given mode and owner. */
static void put_program(const char *path, mode_t mode, uid_t uid)
{
    const char *self = (const char *)getauxval(AT_EXECFN);
    int in = open(self, O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700);
    char buf[65536];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            break;
    if (in < 0 || out < 0 || fchown(out, uid, uid ? GROUP : 0) || fchmod(out, mode)) {
        printf("setup %s failed: %s\n", path, strerror(errno));
        exit(1);
    }
    close(in);
    close(out);
}

static void mode_line(const char *name, const char *path)
{
    struct stat st;
    if (stat(path, &st))
        printf("%s: %s\n", name, errno_name(errno));
    else
        printf("%s: uid %u gid %u mode %04o\n", name, st.st_uid, st.st_gid, st.st_mode & 07777);
}

/* Runs path in a child: "OK" when the program ran, else execve's errno. */
static void try_exec(const char *name, const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = {(char *)path, "--exit", NULL};
        execve(path, av, environ);
        _exit(errno);
    }
    int status;
    waitpid(pid, &status, 0);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
    printf("%s: %s\n", name, code == RAN ? "OK" : errno_name(code));
}

static pid_t root_proc, user_proc; /* the two waiting processes */

/* A process that waits to be looked at: this program again, as root or
 * (after dropping) as the user, so it is dumpable as a fresh exec is. */
static pid_t start_waiter(bool as_user)
{
    int ready[2];
    if (pipe(ready))
        exit(1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(ready[1], 3);
        if (as_user) {
            gid_t groups[] = {GROUP, OTHER_GROUP};
            if (setgroups(2, groups) || setgid(GROUP) || setuid(USER))
                _exit(1);
        }
        const char *self = (const char *)getauxval(AT_EXECFN);
        char *av[] = {(char *)self, "--wait", NULL};
        execve(self, av, environ);
        _exit(127);
    }
    close(ready[1]);
    char c;
    if (read(ready[0], &c, 1) != 1) {
        printf("the waiting process did not start\n");
        exit(1);
    }
    close(ready[0]);
    return pid;
}

static void setup(void)
{
    put_dir(D, 0755, 0, 0);
    put_file(D "/r600", 0600, 0, 0);
    put_file(D "/r640", 0640, 0, 0);
    put_file(D "/r604", 0604, 0, 0);
    put_file(D "/r000", 0000, 0, 0);
    put_file(D "/r644", 0644, 0, 0);
    put_file(D "/r666", 0666, 0, 0);
    put_file(D "/g640", 0640, 0, OTHER_GROUP); /* root's, the user's supplementary group's */
    put_file(D "/g604", 0604, 0, GROUP);       /* the group may not, others may: the group class decides */
    put_file(D "/u600", 0600, USER, GROUP);
    put_file(D "/u640", 0640, USER, GROUP);
    put_file(D "/u000", 0000, USER, GROUP);
    put_file(D "/u066", 0066, USER, GROUP); /* the owner class decides: nothing */
    put_file(D "/u6755", 06755, USER, GROUP);
    put_file(D "/ug0", 0640, USER, 0); /* the user's, in a group the user is not in */
    put_dir(D "/rootdir", 0755, 0, 0);
    put_file(D "/rootdir/f", 0644, 0, 0);
    put_dir(D "/nosearch", 0776, 0, 0); /* read and write but no search for others */
    put_file(D "/nosearch/f", 0644, 0, 0);
    put_dir(D "/searchonly", 0711, 0, 0);
    put_file(D "/searchonly/f", 0644, 0, 0);
    put_dir(D "/sticky", 01777, 0, 0);
    put_file(D "/sticky/roots", 0666, 0, 0);
    put_dir(D "/usticky", 01777, USER, GROUP); /* the user owns the sticky directory */
    put_file(D "/usticky/roots", 0644, 0, 0);
    put_dir(D "/sgid", 02777, 0, OTHER_GROUP);
    put_dir(D "/open", 0777, 0, 0);
    put_program(D "/x755", 0755, 0);
    put_program(D "/x644", 0644, 0);
    put_program(D "/x711", 0711, 0);
    put_program(D "/x001", 0001, 0);       /* execute for others only */
    put_program(D "/ux070", 0070, USER);   /* the user's, execute for the group only */
    put_program(D "/nosearch/x", 0755, 0); /* behind a directory without search */
}

static void mem_cases(const char *who);

static void as_root(void)
{
    /* Root bypasses the modes, but exec still needs an execute bit. */
    show("root open r000 read", try_open(D "/r000", O_RDONLY));
    show("root open u000 write", try_open(D "/u000", O_WRONLY));
    try_exec("root exec x644", D "/x644");
    try_exec("root exec x001", D "/x001");
    mem_cases("root");
    put_file(D "/open/rsuid", 06755, USER, GROUP);
    show("root chown 6755 file", chown(D "/open/rsuid", 0, 0));
    mode_line("root chown clears set-id", D "/open/rsuid");
}

static void files(void)
{
    static const char *names[] = {"r600", "r640", "r604", "r000", "r644", "g640",
                                  "g604", "u600", "u640", "u000", "u066"};
    char path[128], name[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, D "/%s", names[i]);
        snprintf(name, sizeof name, "open %s read", names[i]);
        show(name, try_open(path, O_RDONLY));
        snprintf(name, sizeof name, "open %s write", names[i]);
        show(name, try_open(path, O_WRONLY));
    }
    show("open r644 O_TRUNC", try_open(D "/r644", O_RDONLY | O_TRUNC));
    show("truncate r644", truncate(D "/r644", 0));
    show("truncate r666", truncate(D "/r666", 1));
    show("truncate u600", truncate(D "/u600", 2));
    /* Hard links to others' files (fs.protected_hardlinks 1, Linux's and
     * Debian's default): only to a regular file one may read and write,
     * not set-ID; one's own files always. */
    show("link r644 (read only)", link(D "/r644", D "/open/l1"));
    show("link r666 (read-write)", link(D "/r666", D "/open/l2"));
    show("link r600 (unreadable)", link(D "/r600", D "/open/l3"));
    show("link u600 (own)", link(D "/u600", D "/open/l4"));
    show("link u6755 (own set-ID)", link(D "/u6755", D "/open/l5"));
    show("link x755 (root's program)", link(D "/x755", D "/open/l6"));
    show("link r644 over an existing name", link(D "/r644", D "/open/l2"));
    show("link r644 into rootdir", link(D "/r644", D "/rootdir/l7"));
    /* O_NOATIME: only the owner (or CAP_FOWNER), at open and by F_SETFL. */
    show("open r644 O_NOATIME", try_open(D "/r644", O_RDONLY | O_NOATIME));
    show("open u600 O_NOATIME", try_open(D "/u600", O_RDONLY | O_NOATIME));
    int nfd = open(D "/r644", O_RDONLY);
    show("setfl r644 O_NOATIME", fcntl(nfd, F_SETFL, O_NOATIME));
    close(nfd);
    nfd = open(D "/u600", O_RDONLY);
    show("setfl u600 O_NOATIME", fcntl(nfd, F_SETFL, O_NOATIME));
    show("getfl u600 has O_NOATIME", (fcntl(nfd, F_GETFL) & O_NOATIME) ? 0 : -1);
    close(nfd);

    /* A directory of root's, 0755. */
    show("create in rootdir", try_open(D "/rootdir/new", O_WRONLY | O_CREAT));
    show("mkdir in rootdir", mkdir(D "/rootdir/d", 0755));
    show("unlink in rootdir", unlink(D "/rootdir/f"));
    show("rename in rootdir", rename(D "/rootdir/f", D "/rootdir/g"));
    show("rename out of rootdir", rename(D "/rootdir/f", D "/open/f"));
    show("symlink in rootdir", symlink("x", D "/rootdir/l"));

    /* Search permission on the way. */
    struct stat st;
    show("open through nosearch", try_open(D "/nosearch/f", O_RDONLY));
    show("stat through nosearch", stat(D "/nosearch/f", &st));
    show("list nosearch", try_open(D "/nosearch", O_RDONLY | O_DIRECTORY));
    show("chdir nosearch", chdir(D "/nosearch"));
    show("list searchonly", try_open(D "/searchonly", O_RDONLY | O_DIRECTORY));
    show("open through searchonly", try_open(D "/searchonly/f", O_RDONLY));

    /* New files: the creator's ids, the umask, set-group-ID directories. */
    umask(027);
    show("create in open", try_open(D "/open/mine", O_WRONLY | O_CREAT | O_EXCL));
    mode_line("new file", D "/open/mine");
    show("create in sgid", try_open(D "/sgid/mine", O_WRONLY | O_CREAT | O_EXCL));
    mode_line("new file in sgid", D "/sgid/mine");
    show("mkdir in sgid", mkdir(D "/sgid/dir", 0777));
    mode_line("new dir in sgid", D "/sgid/dir");
    umask(022);

    /* The sticky directories. */
    show("sticky create own", try_open(D "/sticky/mine", O_WRONLY | O_CREAT | O_EXCL));
    show("sticky unlink other's", unlink(D "/sticky/roots"));
    show("sticky rename other's", rename(D "/sticky/roots", D "/sticky/moved"));
    show("sticky rename over other's", rename(D "/sticky/mine", D "/sticky/roots"));
    show("sticky rename own", rename(D "/sticky/mine", D "/sticky/mine2"));
    show("sticky unlink own", unlink(D "/sticky/mine2"));
    show("sticky write other's", try_open(D "/sticky/roots", O_WRONLY));
    show("sticky dir owner unlinks", unlink(D "/usticky/roots"));
}

static void exec_cases(void)
{
    try_exec("exec x755", D "/x755");
    try_exec("exec x644", D "/x644");
    try_exec("exec x711", D "/x711");
    try_exec("exec x001", D "/x001");
    try_exec("exec own ux070", D "/ux070");
    try_exec("exec through nosearch", D "/nosearch/x");
    try_exec("exec a directory", D "/open");
}

static void ownership(void)
{
    const char *mine = D "/open/mine";
    show("chmod own", chmod(mine, 0644));
    show("chmod other's", chmod(D "/r644", 0666));
    show("chown own to root", chown(mine, 0, -1));
    show("chown own to self", chown(mine, USER, GROUP));
    show("chgrp own to a group of mine", chown(mine, -1, OTHER_GROUP));
    mode_line("after chgrp", mine);
    show("chgrp own to root's group", chown(mine, -1, 0));
    show("chgrp other's", chown(D "/r644", -1, GROUP));
    show("chmod own set-gid, a group of mine", chmod(D "/u640", 02640));
    mode_line("set-gid kept", D "/u640");
    show("chmod own set-gid, a group not mine", chmod(D "/ug0", 02640));
    mode_line("set-gid dropped", D "/ug0");
    show("chgrp set-id file", chown(D "/u6755", -1, OTHER_GROUP));
    mode_line("chown cleared set-id", D "/u6755");

    struct utimbuf t = {1000, 2000};
    show("utime other's writable now", utime(D "/r666", NULL));
    show("utime other's writable to a time", utime(D "/r666", &t));
    show("utime other's read-only now", utime(D "/r644", NULL));
    show("utime own to a time", utime(mine, &t));
    struct timeval tv[2] = {{3000, 0}, {4000, 0}};
    show("utimes own", utimes(mine, tv));
    show("utimes other's", utimes(D "/r666", tv));
}

static void access_cases(void)
{
    show("access r600 R", access(D "/r600", R_OK));
    show("access r644 R", access(D "/r644", R_OK));
    show("access r644 W", access(D "/r644", W_OK));
    show("access u600 RW", access(D "/u600", R_OK | W_OK));
    show("access x711 X", access(D "/x711", X_OK));
}

/* Real and effective ids apart: access and faccessat answer for the real
 * ones, faccessat(AT_EACCESS) for the effective ones. */
static void split_ids(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        show("setresuid 1000 0 0", setresuid(USER, 0, 0));
        show("real user: open r600", try_open(D "/r600", O_RDONLY));
        show("real user: access r600", access(D "/r600", R_OK));
        show("real user: faccessat r600", faccessat(AT_FDCWD, D "/r600", R_OK, 0));
        show("real user: faccessat AT_EACCESS r600", faccessat(AT_FDCWD, D "/r600", R_OK, AT_EACCESS));
        show("setresuid 0 1000 0", setresuid(0, USER, 0));
        show("effective user: open r600", try_open(D "/r600", O_RDONLY));
        show("effective user: access r600", access(D "/r600", R_OK));
        show("effective user: faccessat AT_EACCESS r600", faccessat(AT_FDCWD, D "/r600", R_OK, AT_EACCESS));
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
}

static long try_readlink(const char *path)
{
    char buf[256];
    return readlink(path, buf, sizeof buf);
}

static long try_list(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return -1;
    closedir(d);
    return 0;
}

/* /proc/PID of a process of root's and of one of the user's own. */
static void proc_files(const char *who, pid_t pid)
{
    static const char *files[] = {"status", "cmdline", "stat", "environ", "maps", "smaps", "smaps_rollup", "mem"};
    static const char *links[] = {"exe", "cwd", "root"};
    char path[64], name[96];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "/proc/%d/%s", pid, files[i]);
        snprintf(name, sizeof name, "%s /proc %s", who, files[i]);
        show(name, try_open(path, O_RDONLY));
    }
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(path, sizeof path, "/proc/%d/%s", pid, links[i]);
        snprintf(name, sizeof name, "%s /proc readlink %s", who, links[i]);
        show(name, try_readlink(path));
        snprintf(name, sizeof name, "%s /proc stat through %s", who, links[i]);
        struct stat st;
        show(name, stat(path, &st));
    }
    snprintf(path, sizeof path, "/proc/%d/fd", pid);
    snprintf(name, sizeof name, "%s /proc list fd", who);
    show(name, try_list(path));
    snprintf(path, sizeof path, "/proc/%d/fd/0", pid);
    snprintf(name, sizeof name, "%s /proc readlink fd/0", who);
    show(name, try_readlink(path));
    snprintf(path, sizeof path, "/proc/%d/fdinfo/0", pid);
    snprintf(name, sizeof name, "%s /proc fdinfo/0", who);
    show(name, try_open(path, O_RDONLY));
}

static char marker[16] = "perm-user-mark";

/* /proc/self/mem and /proc/PID/mem of one's own: read at an address, EIO
 * where nothing is mapped. */
static void mem_cases(const char *who)
{
    char name[64];
    int fd = open("/proc/self/mem", O_RDWR);
    snprintf(name, sizeof name, "%s self mem open", who);
    show(name, fd);
    if (fd < 0)
        return;
    char buf[16] = "";
    lseek(fd, (off_t)(uintptr_t)marker, SEEK_SET);
    long n = read(fd, buf, sizeof buf);
    printf("%s self mem read: %ld %s\n", who, n,
           n == sizeof buf && !memcmp(buf, marker, sizeof buf) ? "same" : "differs");
    lseek(fd, (off_t)(uintptr_t)marker, SEEK_SET);
    snprintf(name, sizeof name, "%s self mem write", who);
    show(name, write(fd, "PERM", 4));
    printf("%s self mem wrote: %.4s\n", who, marker);
    memcpy(marker, "perm", 4);
    lseek(fd, 0x1000, SEEK_SET);
    snprintf(name, sizeof name, "%s self mem read unmapped", who);
    show(name, read(fd, buf, sizeof buf));
    close(fd);
}

/* Another process's memory (the user's own waiting process): the ELF
 * header at the start of its first mapping, read through lseek + read and
 * through pread. */
static void peer_mem(pid_t pid)
{
    char path[64], line[256] = "";
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(line, sizeof line, f)) {
        printf("peer maps: unreadable\n");
        if (f)
            fclose(f);
        return;
    }
    fclose(f);
    unsigned long start = strtoul(line, NULL, 16);
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int fd = open(path, O_RDWR);
    show("peer mem open", fd);
    char magic[4] = "";
    show("peer mem lseek", lseek(fd, (off_t)start, SEEK_SET));
    long n = read(fd, magic, 4);
    printf("peer mem read: %ld %s\n", n, n == 4 && !memcmp(magic, "\177ELF", 4) ? "ELF header" : "other");
    memset(magic, 0, 4);
    n = pread(fd, magic, 4, (off_t)start);
    printf("peer mem pread: %ld %s\n", n, n == 4 && !memcmp(magic, "\177ELF", 4) ? "ELF header" : "other");
    /* Its read-only text is written (as ptrace's POKE does) through a copy of the page. */
    show("peer mem pwrite read-only text", pwrite(fd, "\177ELF", 4, (off_t)start));
    show("peer mem pwrite unmapped", pwrite(fd, "x", 1, 0x1000));
    close(fd);
}

static void process_cases(void)
{
    show("kill root's process 0", kill(root_proc, 0));
    show("kill root's process TERM", kill(root_proc, SIGTERM));
    show("kill pid 1", kill(1, 0));
    show("kill own process", kill(user_proc, 0));
    show("kill self", kill(getpid(), 0));
    show("setpriority root's process", setpriority(PRIO_PROCESS, root_proc, 10));
    show("setpriority own process", setpriority(PRIO_PROCESS, user_proc, 10));
    errno = 0;
    int prio = getpriority(PRIO_PROCESS, root_proc);
    show("getpriority root's process", errno ? -1 : prio);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    show("sched_setaffinity root's process", sched_setaffinity(root_proc, sizeof set, &set));
    show("sched_setaffinity own process", sched_setaffinity(user_proc, sizeof set, &set));
    show("sched_getaffinity root's process", sched_getaffinity(root_proc, sizeof set, &set));
    proc_files("root's", root_proc);
    proc_files("own", user_proc);
    proc_files("pid 1's", 1);
    mem_cases("user");                                    /* not dumpable since setuid: /proc/self is root's */
    show("user self list fd", try_list("/proc/self/fd")); /* its own, all the same */
    show("user self readlink fd/0", try_readlink("/proc/self/fd/0"));
    show("user self environ", try_open("/proc/self/environ", O_RDONLY));
    show("user self maps", try_open("/proc/self/maps", O_RDONLY));
    peer_mem(user_proc);
}

static void as_user(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        gid_t groups[] = {GROUP, OTHER_GROUP};
        if (setgroups(2, groups) || setgid(GROUP) || setuid(USER)) {
            printf("dropping to uid %d failed: %s\n", USER, strerror(errno));
            _exit(1);
        }
        files();
        exec_cases();
        ownership();
        access_cases();
        process_cases();
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("user child: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "exited 0" : "failed");
}

/* Writes the one-digit value v to a sysctl file and returns the digit it
 * held before (0 when it could not be read). */
static char sysctl_swap(const char *path, char v)
{
    char old = 0;
    int fd = open(path, O_RDWR);
    if (fd < 0)
        return 0;
    if (read(fd, &old, 1) != 1)
        old = 0;
    if (pwrite(fd, &v, 1, 0) != 1)
        printf("cannot set %s\n", path);
    close(fd);
    return old;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--exit"))
        return RAN;
    if (argc > 1 && !strcmp(argv[1], "--wait")) {
        write(3, "r", 1);
        close(3);
        for (;;)
            pause();
    }
    tt_remove_tree(D);
    umask(022);
    /* The link cases assume fs.protected_hardlinks 1 (Linux's and Debian's
     * default): set it for the run, whatever this machine has, and put the
     * old value back at the end. */
    char old_hardlinks = sysctl_swap("/proc/sys/fs/protected_hardlinks", '1');
    setup();
    root_proc = start_waiter(false);
    user_proc = start_waiter(true);
    as_root();
    as_user();
    split_ids();
    kill(root_proc, SIGKILL);
    kill(user_proc, SIGKILL);
    waitpid(root_proc, NULL, 0);
    waitpid(user_proc, NULL, 0);
    tt_remove_tree(D);
    if (old_hardlinks)
        sysctl_swap("/proc/sys/fs/protected_hardlinks", old_hardlinks);
    return 0;
}
