/* sysv_shm_test.c - System V shared memory: shmget's keys and limits,
 * shmat/shmdt (addresses, SHM_RND, SHM_REMAP, SHM_RDONLY), sharing across
 * fork, shm_nattch through fork, exec, exit, munmap and mprotect, IPC_RMID
 * of an attached segment, stale ids, shmctl's commands and errors,
 * /proc/self/maps and /proc/sysvipc/shm. Differential: only what Linux
 * defines is printed, and every segment made is removed.
 * argv[1] = "strict" (Tiny OS): also checks that 100 segments made,
 * attached, touched and removed leave free memory exactly as it was, and
 * that /proc/sys/kernel/shmmax and shmmni are obeyed.
 * argv[1] = "exit-now": the exec target, exits 0 at once. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#include "tt.h"

static char *self_argv[3];

static int stat_of(int id, struct shmid_ds *ds) { return (int)raw_syscall(SYS_shmctl, id, IPC_STAT, (long)ds); }

static long nattch(int id)
{
    struct shmid_ds ds;
    return stat_of(id, &ds) == 0 ? (long)ds.shm_nattch : -1;
}

/* The /proc/self/maps line of the area at addr, or "" */
static void maps_line(void *addr, char *out, size_t size)
{
    char want[32], line[512];
    snprintf(want, sizeof want, "%lx-", (unsigned long)addr);
    out[0] = '\0';
    FILE *f = fopen("/proc/self/maps", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, want, strlen(want)))
            snprintf(out, size, "%s", line);
    if (f)
        fclose(f);
}

/* The line of /proc/sysvipc/shm for id: fields size and nattch, or -1. */
static int sysvipc_line(int id, unsigned long *size, unsigned long *natt, unsigned *perms)
{
    FILE *f = fopen("/proc/sysvipc/shm", "r");
    char line[512];
    int found = -1;
    if (!f)
        return -1;
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        int key, sid, cpid, lpid;
        if (sscanf(line, "%d %d %o %lu %d %d %lu", &key, &sid, perms, size, &cpid, &lpid, natt) == 7 && sid == id)
            found = 0;
        if (found == 0)
            break;
    }
    fclose(f);
    return found;
}

static long long free_bytes(void)
{
    struct sysinfo si;
    for (int i = 0; i < 5; i++)
        sched_yield();
    return sysinfo(&si) == 0 ? (long long)si.freeram * si.mem_unit : -1;
}

static void basics(void)
{
    int id = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0600);
    CHECK(id >= 0, "shmget(IPC_PRIVATE, 5000)");
    struct shmid_ds ds;
    memset(&ds, 0xa5, sizeof ds);
    CHECK_EQ(stat_of(id, &ds), 0, "IPC_STAT");
    CHECK_EQ(ds.shm_segsz, 5000, "shm_segsz is the size asked for");
    CHECK_EQ(ds.shm_nattch, 0, "no attach yet");
    CHECK_EQ(ds.shm_cpid, getpid(), "shm_cpid is the creator");
    CHECK_EQ(ds.shm_lpid, 0, "shm_lpid 0 before any attach");
    CHECK_EQ(ds.shm_atime, 0, "shm_atime 0");
    CHECK_EQ(ds.shm_dtime, 0, "shm_dtime 0");
    CHECK(ds.shm_ctime > 0, "shm_ctime set");
    CHECK_EQ(ds.shm_perm.mode, 0600, "mode 0600");
    CHECK_EQ(ds.shm_perm.__key, 0, "key IPC_PRIVATE");
    CHECK(ds.shm_perm.uid == getuid() && ds.shm_perm.cuid == getuid(), "owner and creator uid are the caller's");
    CHECK(ds.shm_perm.gid == getgid() && ds.shm_perm.cgid == getgid(), "owner and creator gid are the caller's");

    char *p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1, "shmat(NULL)");
    CHECK_EQ((unsigned long)p % SHMLBA, 0, "the address is SHMLBA-aligned");
    CHECK_EQ(nattch(id), 1, "nattch 1 after shmat");
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_lpid, getpid(), "shm_lpid is the attacher");
    CHECK(ds.shm_atime > 0, "shm_atime set");
    CHECK(p[0] == 0 && p[4999] == 0 && p[8191] == 0, "a new segment reads zeros, to the end of its last page");
    strcpy(p, "parent");

    char line[512], want[64];
    maps_line(p, line, sizeof line);
    snprintf(want, sizeof want, " %d ", id);
    CHECK(strstr(line, "rw-s 00000000 ") != NULL, "maps: rw-s at offset 0");
    CHECK(strstr(line, want) != NULL, "maps: the inode column is the shmid");
    CHECK(strstr(line, "/SYSV00000000 (deleted)\n") != NULL, "maps: /SYSV00000000 (deleted)");

    unsigned long size = 0, natt = 0;
    unsigned perms = 0;
    CHECK_EQ(sysvipc_line(id, &size, &natt, &perms), 0, "/proc/sysvipc/shm lists the segment");
    CHECK(size == 5000 && natt == 1 && perms == 0600, "/proc/sysvipc/shm: size 5000, nattch 1, perms 600");

    /* fork shares the pages (not copy-on-write) and counts an attach. */
    pid_t c = xfork();
    if (c == 0) {
        int ok = !strcmp(p, "parent") && nattch(id) == 2;
        strcpy(p, "child");
        _exit(ok ? 0 : 1);
    }
    CHECK(exited_with(child_status(c), 0), "the child sees the data and nattch 2");
    CHECK(!strcmp(p, "child"), "the parent sees the child's store");
    CHECK_EQ(nattch(id), 1, "nattch back to 1 after the child's exit");

    /* exec detaches too. */
    c = xfork();
    if (c == 0) {
        exec_self(self_argv);
        _exit(127);
    }
    CHECK(exited_with(child_status(c), 0), "a child execs");
    CHECK_EQ(nattch(id), 1, "nattch back to 1 after the child's exec");

    /* A second attach is another view of the same pages. */
    char *q = shmat(id, NULL, SHM_RDONLY);
    CHECK(q != (void *)-1 && q != p, "a second, read-only attach");
    CHECK(!strcmp(q, "child"), "it shows the same data");
    CHECK_EQ(nattch(id), 2, "nattch 2");
    maps_line(q, line, sizeof line);
    CHECK(strstr(line, " r--s ") != NULL, "maps: r--s");
    CHECK_EQ(mprotect(q, 4096, PROT_READ | PROT_WRITE) == 0 ? 0 : errno, EACCES,
             "mprotect(PROT_WRITE) of a read-only attach is EACCES");
    c = xfork();
    if (c == 0) {
        signal(SIGSEGV, SIG_DFL);
        q[0] = 'x';
        _exit(0);
    }
    CHECK(killed_by(child_status(c), SIGSEGV), "storing into a read-only attach is SIGSEGV");
    CHECK_EQ(shmdt(q), 0, "shmdt the second attach");
    CHECK_EQ(nattch(id), 1, "nattch 1");

    /* IPC_RMID while attached: SHM_DEST, no key, id still valid. */
    CHECK_EQ(shmctl(id, IPC_RMID, NULL), 0, "IPC_RMID while attached");
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_perm.mode, 0600 | SHM_DEST, "mode gains SHM_DEST");
    CHECK_EQ(ds.shm_nattch, 1, "still attached once");
    CHECK(!strcmp(p, "child"), "the memory is still there");
    CHECK_EQ(shmdt(p), 0, "the last shmdt");
    CHECK_EQ(raw_syscall(SYS_shmctl, id, IPC_STAT, (long)&ds), -EINVAL, "then the segment is gone: EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmat, id, 0, 0), -EINVAL, "shmat of a removed id is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmdt, (long)p, 0, 0), -EINVAL, "shmdt of a detached address is EINVAL");
}

static void addresses(void)
{
    int id = shmget(IPC_PRIVATE, 3 * 4096, 0600);
    char *base = shmat(id, NULL, 0);
    CHECK(base != (void *)-1, "attach 3 pages");
    CHECK_EQ(shmdt(base), 0, "detach: the range is free again");
    char *p = shmat(id, base + 100, SHM_RND);
    CHECK(p == base, "SHM_RND rounds the address down");
    CHECK_EQ(raw_syscall(SYS_shmat, id, (long)base + 100, 0), -EINVAL,
             "an unaligned address without SHM_RND is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmat, id, (long)base, 0), -EINVAL,
             "attaching over a mapping without SHM_REMAP is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmat, id, 0, SHM_REMAP), -EINVAL, "SHM_REMAP with no address is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmat, id, 1, SHM_RND | SHM_REMAP), -EINVAL, "SHM_RND|SHM_REMAP rounding to 0 is EINVAL");
    p[0] = 'A';
    char *r = shmat(id, base, SHM_REMAP);
    CHECK(r == base && r[0] == 'A', "SHM_REMAP replaces the mapping there");
    CHECK_EQ(nattch(id), 1, "the replaced attach is gone: nattch 1");
    CHECK_EQ(raw_syscall(SYS_shmdt, (long)base + 1, 0, 0), -EINVAL, "shmdt of an unaligned address is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmdt, (long)base + 4096, 0, 0), -EINVAL, "shmdt inside an attach is EINVAL");

    /* Pieces of an attach: each area is an attach, shmdt takes them all. */
    CHECK_EQ(mprotect(base + 4096, 4096, PROT_READ), 0, "mprotect the middle page");
    CHECK_EQ(nattch(id), 3, "split into 3 areas: nattch 3");
    CHECK_EQ(munmap(base + 2 * 4096, 4096), 0, "munmap the last page");
    CHECK_EQ(nattch(id), 2, "nattch 2");
    CHECK_EQ(shmdt(base), 0, "shmdt of the first piece's address");
    CHECK_EQ(nattch(id), 0, "takes every piece");

    /* SHM_REMAP over the last attach of a removed segment keeps it alive. */
    int gone = shmget(IPC_PRIVATE, 4096, 0600);
    char *g = shmat(gone, NULL, 0);
    g[0] = 'G';
    shmctl(gone, IPC_RMID, NULL);
    CHECK(shmat(gone, g, SHM_REMAP) == g && g[0] == 'G', "re-attaching a removed segment over its last attach");
    CHECK_EQ(nattch(gone), 1, "nattch 1");
    shmdt(g);
    CHECK_EQ(nattch(gone), -1, "the last detach destroys it");

    /* A mapping that is not a segment is not detached. */
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK_EQ(raw_syscall(SYS_shmdt, (long)m, 0, 0), -EINVAL, "shmdt of an anonymous mapping is EINVAL");
    munmap(m, 4096);
    shmctl(id, IPC_RMID, NULL);
}

static void keys(void)
{
    key_t key = 0x54490000 | (getpid() & 0xffff);
    int id = shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0640);
    CHECK(id >= 0, "shmget(key, IPC_CREAT|IPC_EXCL)");
    CHECK_EQ(raw_syscall(SYS_shmget, key, 8192, IPC_CREAT | IPC_EXCL | 0640), -EEXIST, "again: EEXIST");
    CHECK_EQ(shmget(key, 4096, 0), id, "the key finds it (a smaller size)");
    CHECK_EQ(shmget(key, 0, IPC_CREAT), id, "size 0 finds it too");
    CHECK_EQ(raw_syscall(SYS_shmget, key, 8193, 0), -EINVAL, "a larger size is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmget, key + 1, 4096, 0), -ENOENT, "no such key without IPC_CREAT: ENOENT");
    CHECK_EQ(raw_syscall(SYS_shmget, IPC_PRIVATE, 0, IPC_CREAT), -EINVAL, "size 0 for a new segment is EINVAL");
    struct shmid_ds ds;
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_perm.__key, key, "IPC_STAT shows the key");
    CHECK_EQ(ds.shm_perm.mode, 0640, "mode 0640");
    ds.shm_perm.mode = 0604;
    CHECK_EQ(shmctl(id, IPC_SET, &ds), 0, "IPC_SET");
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_perm.mode, 0604, "the new mode");
    CHECK_EQ(shmctl(id, SHM_LOCK, NULL), 0, "SHM_LOCK");
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_perm.mode, 0604 | SHM_LOCKED, "SHM_LOCKED set");
    CHECK_EQ(shmctl(id, SHM_UNLOCK, NULL), 0, "SHM_UNLOCK");
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_perm.mode, 0604, "SHM_LOCKED clear");

    /* Removed while attached: the key no longer finds it. */
    char *p = shmat(id, NULL, 0);
    shmctl(id, IPC_RMID, NULL);
    stat_of(id, &ds);
    CHECK_EQ(ds.shm_perm.__key, 0, "once removed the key reads IPC_PRIVATE");
    CHECK_EQ(raw_syscall(SYS_shmget, key, 4096, 0), -ENOENT, "and shmget(key) is ENOENT");
    int id2 = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(id2 >= 0 && id2 != id, "the key makes a new segment");
    shmdt(p);
    shmctl(id2, IPC_RMID, NULL);
    CHECK_EQ(raw_syscall(SYS_shmctl, id + 32768, IPC_STAT, (long)&ds), -EINVAL,
             "the same index with another seq: EINVAL");
}

static void ctl_errors(void)
{
    int id = shmget(IPC_PRIVATE, 4096, 0600);
    struct shmid_ds ds;
    CHECK_EQ(raw_syscall(SYS_shmctl, id, 99, (long)&ds), -EINVAL, "an unknown command is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmctl, id, -1, (long)&ds), -EINVAL, "command -1 is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmctl, -1, IPC_STAT, (long)&ds), -EINVAL, "id -1 is EINVAL");
    CHECK_EQ(raw_syscall(SYS_shmctl, id, IPC_STAT, -1), -EFAULT, "IPC_STAT to a bad address is EFAULT");
    CHECK_EQ(raw_syscall(SYS_shmctl, id, IPC_SET, -1), -EFAULT, "IPC_SET from a bad address is EFAULT");
    CHECK_EQ(raw_syscall(SYS_shmctl, id, IPC_STAT | 0x100, (long)&ds), -EINVAL,
             "IPC_64 in the command is EINVAL on x86_64");

    struct shminfo info;
    long maxidx = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
    CHECK(maxidx >= 0, "IPC_INFO returns the highest index");
    CHECK_EQ(info.shmmin, 1, "shmmin 1");
    unsigned long shmmax = 0, shmall = 0, shmmni = 0;
    FILE *f = fopen("/proc/sys/kernel/shmmax", "r");
    CHECK(f && fscanf(f, "%lu", &shmmax) == 1, "read /proc/sys/kernel/shmmax");
    if (f)
        fclose(f);
    f = fopen("/proc/sys/kernel/shmall", "r");
    CHECK(f && fscanf(f, "%lu", &shmall) == 1, "read /proc/sys/kernel/shmall");
    if (f)
        fclose(f);
    f = fopen("/proc/sys/kernel/shmmni", "r");
    CHECK(f && fscanf(f, "%lu", &shmmni) == 1, "read /proc/sys/kernel/shmmni");
    if (f)
        fclose(f);
    CHECK(info.shmmax == shmmax && info.shmall == shmall && info.shmmni == shmmni, "IPC_INFO matches /proc/sys/kernel");

    struct shm_info si;
    long top = shmctl(0, SHM_INFO, (struct shmid_ds *)&si);
    CHECK(top >= 0 && si.used_ids >= 1, "SHM_INFO counts the segments");
    /* SHM_STAT takes an index and returns the id: ours is among them. */
    int seen = 0;
    for (long i = 0; i <= top; i++)
        if (shmctl((int)i, SHM_STAT, &ds) == id || shmctl((int)i, SHM_STAT_ANY, &ds) == id)
            seen++;
    CHECK_EQ(seen, 1, "SHM_STAT finds the segment at its index");
    CHECK_EQ(raw_syscall(SYS_shmctl, id, SHM_INFO, -1), -EFAULT, "SHM_INFO to a bad address is EFAULT");
    shmctl(id, IPC_RMID, NULL);
}

/* strict (Tiny OS only): exact memory accounting and the tunables. */
static void strict(void)
{
    long long before = 0;
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            before = free_bytes();
        for (int i = 0; i < 50; i++) {
            int id = shmget(IPC_PRIVATE, 3 * 4096 + 7, 0600);
            char *p = shmat(id, NULL, 0);
            memset(p, i, 3 * 4096);
            pid_t c = xfork();
            if (c == 0)
                _exit(p[4096] == (char)i ? 0 : 1);
            child_status(c);
            shmctl(id, IPC_RMID, NULL);
            shmdt(p);
        }
    }
    CHECK_EQ(free_bytes(), before, "segments made, shared, removed and detached leave no memory behind");

    FILE *f = fopen("/proc/sys/kernel/shmmax", "w");
    CHECK(f && fprintf(f, "8192\n") > 0 && fclose(f) == 0, "write shmmax 8192");
    CHECK_EQ(raw_syscall(SYS_shmget, IPC_PRIVATE, 8193, 0600), -EINVAL, "a segment above shmmax is EINVAL");
    int id = shmget(IPC_PRIVATE, 8192, 0600);
    CHECK(id >= 0, "one of shmmax bytes is fine");
    shmctl(id, IPC_RMID, NULL);
    f = fopen("/proc/sys/kernel/shmmax", "w");
    fprintf(f, "18446744073692774399\n");
    fclose(f);
    f = fopen("/proc/sys/kernel/shmmni", "w");
    CHECK(f && fprintf(f, "2\n") > 0 && fclose(f) == 0, "write shmmni 2");
    int a = shmget(IPC_PRIVATE, 4096, 0600), b = shmget(IPC_PRIVATE, 4096, 0600);
    CHECK(a >= 0 && b >= 0, "two segments");
    CHECK_EQ(raw_syscall(SYS_shmget, IPC_PRIVATE, 4096, 0600), -ENOSPC, "a third is ENOSPC");
    shmctl(a, IPC_RMID, NULL);
    shmctl(b, IPC_RMID, NULL);
    f = fopen("/proc/sys/kernel/shmmni", "w");
    fprintf(f, "4096\n");
    fclose(f);
    /* shm_rmid_forced: writing 1 destroys orphaned unattached segments,
     * and from then on a segment goes with its last detach. */
    pid_t c = xfork();
    if (c == 0)
        _exit(shmget(0x54520000 | (getpid() & 0xffff), 4096, IPC_CREAT | 0600) < 0);
    int orphan = -1;
    if (exited_with(child_status(c), 0))
        orphan = shmget(0x54520000 | (c & 0xffff), 4096, 0);
    CHECK(orphan >= 0, "a segment whose creator exited stays");
    int kept = shmget(IPC_PRIVATE, 4096, 0600);
    char *k = shmat(kept, NULL, 0);
    f = fopen("/proc/sys/kernel/shm_rmid_forced", "w");
    CHECK(f && fprintf(f, "1\n") > 0 && fclose(f) == 0, "write shm_rmid_forced 1");
    CHECK_EQ(nattch(orphan), -1, "the orphan is destroyed");
    CHECK_EQ(nattch(kept), 1, "an attached segment stays");
    shmdt(k);
    CHECK_EQ(nattch(kept), -1, "until its last detach");
    f = fopen("/proc/sys/kernel/shm_rmid_forced", "w");
    fprintf(f, "0\n");
    fclose(f);

    f = fopen("/proc/sys/kernel/shm_next_id", "w");
    CHECK(f && fprintf(f, "%d\n", 32768 * 3 + 17) > 0 && fclose(f) == 0, "write shm_next_id");
    id = shmget(IPC_PRIVATE, 4096, 0600);
    CHECK_EQ(id, 32768 * 3 + 17, "the next segment gets that id");
    shmctl(id, IPC_RMID, NULL);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exit-now"))
        return 0;
    self_argv[0] = argv[0];
    self_argv[1] = "exit-now";
    basics();
    addresses();
    keys();
    ctl_errors();
    if (argc > 1 && !strcmp(argv[1], "strict"))
        strict();
    return tt_done();
}
