/* cred_test.c - users and permissions: the set*id rules, file modes
 * enforced for a process that is not root (read, write, search, sticky
 * directories, ownership changes, times), the calls only root may make,
 * kill between users, new files' owners (set-group-ID directories),
 * set-user-ID programs and what clears their bit. Starts as root and
 * drops to uid/gid 1000 in children. Differential: Linux (as root) gives
 * the same answers. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <utime.h>

#include "tt.h"

#define DIR_ "/tmp/cred_test"
#define USER 1000
#define GROUP 1000

/* errno of a call that should fail, or 0 when it succeeded. */
#define ERR(call) ((call) < 0 ? errno : 0)

static void put_file(const char *path, uint32_t mode, uid_t uid, gid_t gid)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        write(fd, "data\n", 5);
        close(fd);
    }
    chown(path, uid, gid);
    chmod(path, mode);
}

static uint32_t mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_mode & 07777 : 0xffff;
}

/* Runs fn in a child that becomes uid/gid 1000 with no supplementary
 * groups; its checks count in the child's exit status. */
static void as_user(void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        tt_failures = 0; /* the child reports its own */
        if (setgroups(0, NULL) || setresgid(GROUP, GROUP, GROUP) || setresuid(USER, USER, USER)) {
            printf("not ok - dropping to uid %d: errno %d\n", USER, errno);
            _exit(1);
        }
        fn();
        fflush(stdout);
        _exit(tt_done());
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the unprivileged child's checks passed");
}

static void user_files(void)
{
    CHECK_EQ(getuid(), USER, "getuid");
    CHECK_EQ(geteuid(), USER, "geteuid");
    CHECK_EQ(getgid(), GROUP, "getgid");
    CHECK_EQ(ERR(open(DIR_ "/root600", O_RDONLY)), EACCES, "another user's 0600 file: EACCES");
    int fd = open(DIR_ "/root644", O_RDONLY);
    CHECK(fd >= 0, "another user's 0644 file opens for reading");
    close(fd);
    CHECK_EQ(ERR(open(DIR_ "/root644", O_WRONLY)), EACCES, "but not for writing");
    CHECK_EQ(ERR(open(DIR_ "/root644", O_RDONLY | O_TRUNC)), EACCES, "nor with O_TRUNC");
    CHECK_EQ(ERR(truncate(DIR_ "/root644", 0)), EACCES, "truncate needs write permission");
    CHECK_EQ(ERR(open(DIR_ "/new", O_WRONLY | O_CREAT, 0644)), EACCES, "creating in root's 0755 directory: EACCES");
    CHECK_EQ(ERR(mkdir(DIR_ "/newdir", 0755)), EACCES, "mkdir there: EACCES");
    CHECK_EQ(ERR(unlink(DIR_ "/root644")), EACCES, "unlink there: EACCES");
    CHECK_EQ(ERR(rename(DIR_ "/root644", DIR_ "/moved")), EACCES, "rename there: EACCES");
    CHECK_EQ(ERR(symlink("x", DIR_ "/link")), EACCES, "symlink there: EACCES");
    struct stat st;
    CHECK_EQ(ERR(stat(DIR_ "/private/file", &st)), EACCES, "a path through root's 0700 directory: EACCES");
    CHECK_EQ(ERR(chdir(DIR_ "/private")), EACCES, "chdir into it: EACCES");
    CHECK_EQ(ERR(open(DIR_ "/private", O_RDONLY | O_DIRECTORY)), EACCES, "opening it to list: EACCES");
    CHECK_EQ(ERR(open(DIR_ "/searchonly", O_RDONLY | O_DIRECTORY)), EACCES, "listing a 0711 directory: EACCES");
    CHECK_EQ(ERR(stat(DIR_ "/searchonly/file", &st)), 0, "but a name in it can be reached");

    /* A directory anyone may write. */
    fd = open(DIR_ "/open/mine", O_WRONLY | O_CREAT | O_EXCL, 0444);
    CHECK(fd >= 0, "creating in a 0777 directory (mode 0444 yet open for writing)");
    CHECK_EQ(write(fd, "x", 1), 1, "and writing to it");
    close(fd);
    CHECK(stat(DIR_ "/open/mine", &st) == 0 && st.st_uid == USER && st.st_gid == GROUP,
          "the new file is the creator's");
    CHECK_EQ(ERR(open(DIR_ "/open/mine", O_WRONLY)), EACCES, "its 0444 mode binds its owner too");
    CHECK_EQ(ERR(chmod(DIR_ "/open/mine", 0644)), 0, "the owner may chmod");
    CHECK_EQ(ERR(chown(DIR_ "/open/mine", 0, -1)), EPERM, "but not give the file away");
    CHECK_EQ(ERR(chown(DIR_ "/open/mine", -1, 0)), EPERM, "nor give it a group it is not in");
    CHECK_EQ(ERR(chown(DIR_ "/open/mine", USER, GROUP)), 0, "chown to itself is allowed");
    CHECK_EQ(ERR(chmod(DIR_ "/root644", 0666)), EPERM, "chmod of another's file: EPERM");
    CHECK_EQ(ERR(utime(DIR_ "/open/rootrw", NULL)), 0, "touching another's writable file");
    struct utimbuf ut = {1000, 2000};
    CHECK_EQ(ERR(utime(DIR_ "/open/rootrw", &ut)), EPERM, "but setting its times: EPERM");
    CHECK_EQ(ERR(utime(DIR_ "/root644", NULL)), EACCES, "touching another's read-only file: EACCES");
    CHECK_EQ(ERR(utime(DIR_ "/open/mine", &ut)), 0, "the owner sets times");

    /* The sticky directory: only the owner removes. */
    CHECK_EQ(ERR(unlink(DIR_ "/sticky/roots")), EPERM, "removing another's file from a sticky directory: EPERM");
    CHECK_EQ(ERR(rename(DIR_ "/sticky/roots", DIR_ "/sticky/x")), EPERM, "renaming it: EPERM");
    close(open(DIR_ "/sticky/mine", O_WRONLY | O_CREAT, 0644));
    CHECK_EQ(ERR(unlink(DIR_ "/sticky/mine")), 0, "removing its own file there");

    /* access() answers for the real ids. */
    CHECK_EQ(ERR(access(DIR_ "/root600", R_OK)), EACCES, "access R_OK of a 0600 file: EACCES");
    CHECK_EQ(ERR(access(DIR_ "/root644", R_OK)), 0, "access R_OK of a 0644 file");
    CHECK_EQ(ERR(access(DIR_ "/root644", W_OK)), EACCES, "access W_OK of it: EACCES");

    /* A write clears the set-user-ID bit of a file it changes. */
    CHECK_EQ(mode_of(DIR_ "/open/suidfile"), 04777, "a 04777 file of root's");
    fd = open(DIR_ "/open/suidfile", O_WRONLY);
    CHECK_EQ(write(fd, "y", 1), 1, "written by another user");
    close(fd);
    CHECK_EQ(mode_of(DIR_ "/open/suidfile"), 0777, "loses its set-user-ID bit");
}

static void user_privileged(void)
{
    CHECK_EQ(ERR(setuid(0)), EPERM, "setuid(0): EPERM");
    CHECK_EQ(ERR(seteuid(0)), EPERM, "seteuid(0): EPERM");
    CHECK_EQ(ERR(setgid(0)), EPERM, "setgid(0): EPERM");
    CHECK_EQ(ERR(setgroups(0, NULL)), EPERM, "setgroups: EPERM");
    CHECK_EQ(ERR(setuid(USER)), 0, "setuid to itself");
    CHECK_EQ(ERR(sethostname("x", 1)), EPERM, "sethostname: EPERM");
    CHECK_EQ(ERR(mount("none", "/tmp", "tmpfs", 0, NULL)), EPERM, "mount: EPERM");
    CHECK_EQ(ERR(umount("/proc")), EPERM, "umount: EPERM");
    CHECK_EQ(ERR(chroot("/")), EPERM, "chroot: EPERM");
    CHECK_EQ(ERR(mknod(DIR_ "/open/null", S_IFCHR | 0666, makedev(1, 3))), EPERM, "mknod of a device: EPERM");
    CHECK_EQ(ERR(mknod(DIR_ "/open/fifo", S_IFIFO | 0666, 0)), 0, "mknod of a FIFO is allowed");
    struct rlimit r;
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_max++;
    CHECK_EQ(ERR(setrlimit(RLIMIT_NOFILE, &r)), EPERM, "raising a hard limit: EPERM");
    r.rlim_max -= 2;
    if (r.rlim_cur > r.rlim_max)
        r.rlim_cur = r.rlim_max;
    CHECK_EQ(ERR(setrlimit(RLIMIT_NOFILE, &r)), 0, "lowering it is allowed");
    CHECK_EQ(ERR(setpriority(PRIO_PROCESS, 0, 5)), 0, "nice up");
    CHECK_EQ(ERR(setpriority(PRIO_PROCESS, 0, 0)), EACCES, "nice back down: EACCES");
    CHECK_EQ(ERR(kill(1, 0)), EPERM, "kill(1, 0) of root's init: EPERM");
    CHECK_EQ(ERR(kill(getppid(), SIGUSR1)), EPERM, "signalling root's process: EPERM");
    CHECK_EQ(ERR(kill(getpid(), 0)), 0, "signalling itself");
    CHECK_EQ(ERR(kill(999999, 0)), ESRCH, "a pid nobody has: ESRCH");
}

/* Root with a saved uid of 0 can come back. */
static void saved_root(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        tt_failures = 0;
        CHECK_EQ(ERR(setresuid(USER, USER, 0)), 0, "setresuid(1000, 1000, 0)");
        CHECK_EQ(ERR(open(DIR_ "/root600", O_RDONLY)), EACCES, "now a 0600 file of root's is closed to it");
        CHECK_EQ(ERR(setuid(5)), EPERM, "setuid to a third uid: EPERM");
        CHECK_EQ(ERR(seteuid(0)), 0, "seteuid(0) back (the saved uid)");
        uid_t r, e, s;
        getresuid(&r, &e, &s);
        CHECK(r == USER && e == 0 && s == 0, "real 1000, effective and saved 0");
        int fd = open(DIR_ "/root600", O_RDONLY);
        CHECK(fd >= 0, "root's file opens again");
        close(fd);
        CHECK_EQ(ERR(setreuid(-1, USER)), 0, "setreuid(-1, 1000)");
        getresuid(&r, &e, &s);
        CHECK(r == USER && e == USER && s == 0, "keeps the saved uid (the new effective one is the real one)");
        CHECK_EQ(ERR(seteuid(0)), 0, "so seteuid(0) still works");
        CHECK_EQ(ERR(setreuid(USER, USER)), 0, "setreuid(1000, 1000)");
        getresuid(&r, &e, &s);
        CHECK(r == USER && e == USER && s == USER, "sets the saved uid too (the real one was given)");
        CHECK_EQ(ERR(seteuid(0)), EPERM, "now there is no way back");
        fflush(stdout);
        _exit(tt_done());
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the saved-uid child's checks passed");
}

static void fs_ids(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        tt_failures = 0;
        CHECK_EQ(setfsuid(USER), 0, "setfsuid returns the old file-system uid");
        CHECK_EQ(setfsgid(GROUP), 0, "setfsgid too");
        CHECK_EQ(ERR(open(DIR_ "/root600", O_RDONLY)), EACCES, "a file-system uid of 1000 reads as 1000");
        close(open(DIR_ "/open/byfsuid", O_WRONLY | O_CREAT, 0644));
        struct stat st;
        CHECK(stat(DIR_ "/open/byfsuid", &st) == 0 && st.st_uid == USER && st.st_gid == GROUP,
              "and creates files as 1000");
        CHECK_EQ(ERR(access(DIR_ "/root600", R_OK)), 0, "access() still answers for the real uid 0");
        CHECK_EQ(setfsuid(0), USER, "back to 0");
        fflush(stdout);
        _exit(tt_done());
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the fsuid child's checks passed");
}

static void groups_and_sgid_dir(void)
{
    gid_t set[] = {30, 10, 20};
    CHECK_EQ(ERR(setgroups(3, set)), 0, "setgroups of three");
    gid_t got[8];
    CHECK_EQ(getgroups(0, NULL), 3, "getgroups counts them");
    CHECK_EQ(getgroups(8, got), 3, "and lists them");
    CHECK(got[0] == 10 && got[1] == 20 && got[2] == 30, "sorted");
    CHECK_EQ(ERR(getgroups(1, got)), EINVAL, "into too small a list: EINVAL");
    CHECK_EQ(ERR(setgroups(0, NULL)), 0, "no groups again");

    mkdir(DIR_ "/sgid", 0777);
    chown(DIR_ "/sgid", 0, 1234);
    chmod(DIR_ "/sgid", 02777);
    close(open(DIR_ "/sgid/file", O_WRONLY | O_CREAT, 0644));
    mkdir(DIR_ "/sgid/sub", 0755);
    struct stat st;
    CHECK(stat(DIR_ "/sgid/file", &st) == 0 && st.st_gid == 1234, "a file in a set-group-ID directory gets its group");
    CHECK(stat(DIR_ "/sgid/sub", &st) == 0 && st.st_gid == 1234 && (st.st_mode & S_ISGID),
          "a directory there the group and the bit");

    put_file(DIR_ "/chowned", 06755, 0, 0);
    chown(DIR_ "/chowned", 5, 5);
    CHECK_EQ(mode_of(DIR_ "/chowned"), 0755, "chown clears set-user-ID and set-group-ID (even root's)");
    put_file(DIR_ "/chowned2", 02745, 0, 0);
    chown(DIR_ "/chowned2", 5, 5);
    CHECK_EQ(mode_of(DIR_ "/chowned2"), 02745, "but not set-group-ID without group execute");
}

/* Capabilities: capget/capset, the bounding and ambient sets, keepcaps. */
#define CAPV3 0x20080522
#define C_CHOWN 0
#define C_KILL 5
#define C_SETUID 7
#define C_NET_RAW 13
struct cap_hdr {
    uint32_t version;
    int pid;
};
struct cap_word {
    uint32_t eff, perm, inh;
};

static int cap_in(uint32_t set, int cap) { return (set >> cap) & 1; }

static void caps_child(void)
{
    struct cap_hdr h = {CAPV3, 0};
    struct cap_word d[2];
    CHECK_EQ(raw_syscall(SYS_capget, (long)&h, (long)d, 0), 0, "capget");
    CHECK(cap_in(d[0].eff, C_CHOWN) && cap_in(d[0].perm, C_SETUID) && cap_in(d[0].eff, C_KILL),
          "root holds CAP_CHOWN, CAP_SETUID, CAP_KILL");
    CHECK_EQ(d[0].inh, 0, "and no inheritable ones");
    struct cap_word drop[2] = {d[0], d[1]};
    drop[0].eff &= ~(1u << C_CHOWN);
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)drop, 0), 0, "capset: CAP_CHOWN out of the effective set");
    CHECK_EQ(ERR(chown(DIR_ "/root644", 5, 5)), EPERM, "root without CAP_CHOWN: chown is EPERM");
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)d, 0), 0, "capset: back in (it stayed permitted)");
    CHECK_EQ(ERR(chown(DIR_ "/root644", 0, 0)), 0, "chown works again");
    drop[0] = d[0];
    drop[0].eff &= ~(1u << C_KILL);
    drop[0].perm &= ~(1u << C_KILL);
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)drop, 0), 0, "capset: CAP_KILL out of the permitted set");
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)d, 0), -EPERM, "and it cannot come back: EPERM");
    drop[0].eff |= 1u << C_KILL;
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)drop, 0), -EPERM, "an effective one not permitted: EPERM");
    h.version = 0x12345;
    CHECK_EQ(raw_syscall(SYS_capget, (long)&h, (long)d, 0), -EINVAL, "an unknown version: EINVAL");
    CHECK_EQ(h.version, CAPV3, "and the preferred one written back");
    h.version = 0x12345;
    CHECK_EQ(raw_syscall(SYS_capget, (long)&h, 0, 0), 0, "without data it only asks: 0");
    CHECK_EQ(h.version, CAPV3, "the version is written back too");
    h.version = CAPV3;

    CHECK_EQ(prctl(PR_CAPBSET_READ, C_CHOWN, 0, 0, 0), 1, "CAP_CHOWN is in the bounding set");
    CHECK_EQ(prctl(PR_CAPBSET_DROP, C_CHOWN, 0, 0, 0), 0, "PR_CAPBSET_DROP");
    CHECK_EQ(prctl(PR_CAPBSET_READ, C_CHOWN, 0, 0, 0), 0, "it is gone from it");
    CHECK_EQ(ERR(prctl(PR_CAPBSET_READ, 99, 0, 0, 0)), EINVAL, "capability 99: EINVAL");
    CHECK_EQ(ERR(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_NET_RAW, 0, 0)), EPERM,
             "an ambient capability not inheritable: EPERM");
    raw_syscall(SYS_capget, (long)&h, (long)d, 0);
    d[0].inh |= 1u << C_NET_RAW;
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)d, 0), 0, "CAP_NET_RAW made inheritable");
    CHECK_EQ(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_NET_RAW, 0, 0), 0, "then raised as ambient");
    CHECK_EQ(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, C_NET_RAW, 0, 0), 1, "PR_CAP_AMBIENT_IS_SET");

    CHECK_EQ(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 0, "no securebits at first");
    CHECK_EQ(prctl(PR_SET_SECUREBITS, 0x10 /* SECBIT_KEEP_CAPS */, 0, 0, 0), 0, "SECBIT_KEEP_CAPS set");
    CHECK_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1, "is keep-caps");
    CHECK_EQ(prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), 0, "PR_SET_KEEPCAPS 0");
    CHECK_EQ(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 0, "clears the securebit");
    CHECK_EQ(ERR(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0)), EINVAL, "PR_SET_NO_NEW_PRIVS with arg3: EINVAL");
    CHECK_EQ(ERR(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0)), EINVAL, "PR_GET_NO_NEW_PRIVS with arg2: EINVAL");
    CHECK_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0, "PR_SET_KEEPCAPS");
    CHECK_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1, "PR_GET_KEEPCAPS");
    CHECK_EQ(ERR(setresuid(USER, USER, USER)), 0, "all uids 1000");
    raw_syscall(SYS_capget, (long)&h, (long)d, 0);
    CHECK(cap_in(d[0].perm, C_SETUID) && !cap_in(d[0].eff, C_SETUID), "keepcaps kept them permitted, not effective");
    CHECK_EQ(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, C_NET_RAW, 0, 0), 0, "the ambient set was cleared");
    d[0].eff |= 1u << C_SETUID;
    CHECK_EQ(raw_syscall(SYS_capset, (long)&h, (long)d, 0), 0, "CAP_SETUID made effective again");
    CHECK_EQ(ERR(setuid(0)), 0, "so uid 1000 may setuid(0)");
    raw_syscall(SYS_capget, (long)&h, (long)d, 0);
    CHECK(cap_in(d[0].eff, C_SETUID) && cap_in(d[0].eff, C_CHOWN), "and, as root again, has its permitted set effective");
}

static void caps_dropped_child(void)
{
    CHECK_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0, "keepcaps is off by default");
    struct cap_hdr h = {CAPV3, 0};
    struct cap_word d[2];
    raw_syscall(SYS_capget, (long)&h, (long)d, 0);
    CHECK(d[0].perm == 0 && d[0].eff == 0, "a process that left uid 0 entirely has no capabilities");
    CHECK_EQ(ERR(prctl(PR_SET_SECUREBITS, 0, 0, 0, 0)), EPERM, "securebits without CAP_SETPCAP: EPERM");
}

static void in_child(void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        tt_failures = 0;
        fn();
        fflush(stdout);
        _exit(tt_done());
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the capability child's checks passed");
}

/* The set-user-ID program: this test itself, run as "report". */
static int report(void)
{
    printf("report: uid %d euid %d secure %lu\n", getuid(), geteuid(), getauxval(AT_SECURE));
    return 0;
}

static void setuid_exec(void)
{
    const char *self = (const char *)getauxval(AT_EXECFN);
    int in = open(self, O_RDONLY), out = open(DIR_ "/prog", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char buf[65536];
    long n;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        write(out, buf, (size_t)n);
    close(in);
    close(out);
    chown(DIR_ "/prog", 4321, 0);
    chmod(DIR_ "/prog", 04755);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setresuid(USER, USER, USER);
        execl(DIR_ "/prog", "prog", "report", (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the set-user-ID program ran");
    chmod(DIR_ "/prog", 0700);
    pid = fork();
    if (pid == 0) {
        setresuid(USER, USER, USER);
        execl(DIR_ "/prog", "prog", "report", (char *)NULL);
        _exit(errno == EACCES ? 3 : 4);
    }
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "a 0700 program of another user's: EACCES");
}

static void cleanup(void)
{
    const char *files[] = {"root600", "root644", "private/file", "searchonly/file", "open/mine", "open/rootrw",
                           "open/suidfile", "open/fifo", "open/byfsuid", "sticky/roots", "sgid/file", "chowned",
                           "chowned2", "prog", NULL};
    for (int i = 0; files[i]; i++) {
        char p[256];
        snprintf(p, sizeof p, DIR_ "/%s", files[i]);
        unlink(p);
    }
    const char *dirs[] = {"private", "searchonly", "open", "sticky", "sgid/sub", "sgid", "", NULL};
    for (int i = 0; dirs[i]; i++) {
        char p[256];
        snprintf(p, sizeof p, DIR_ "/%s", dirs[i]);
        rmdir(p);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "report"))
        return report();
    CHECK_EQ(getuid(), 0, "root to begin with");
    cleanup();
    mkdir(DIR_, 0755);
    put_file(DIR_ "/root600", 0600, 0, 0);
    put_file(DIR_ "/root644", 0644, 0, 0);
    mkdir(DIR_ "/private", 0700);
    put_file(DIR_ "/private/file", 0644, 0, 0);
    mkdir(DIR_ "/searchonly", 0711);
    put_file(DIR_ "/searchonly/file", 0644, 0, 0);
    mkdir(DIR_ "/open", 0777);
    chmod(DIR_ "/open", 0777);
    put_file(DIR_ "/open/rootrw", 0666, 0, 0);
    put_file(DIR_ "/open/suidfile", 04777, 0, 0);
    mkdir(DIR_ "/sticky", 0777);
    chmod(DIR_ "/sticky", 01777);
    put_file(DIR_ "/sticky/roots", 0666, 0, 0);

    as_user(user_files);
    as_user(user_privileged);
    saved_root();
    fs_ids();
    groups_and_sgid_dir();
    setuid_exec();
    in_child(caps_child);
    as_user(caps_dropped_child);
    cleanup();
    return tt_done();
}
