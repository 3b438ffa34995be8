/* sysv_sem_test.c - System V semaphores: semget's keys and limits,
 * semop/semtimedop (atomic multi-operation calls, IPC_NOWAIT, waiting for
 * a value or for zero, timeouts, E2BIG/EFBIG/ERANGE/EFAULT), waiters
 * completed in order by whoever changes the values, GETNCNT/GETZCNT,
 * SEM_UNDO on exit (and SETVAL clearing it), EIDRM for waiters of a
 * removed set, EINTR (never a restart, even with SA_RESTART or after a
 * stop), semctl's commands and errors, /proc/sysvipc/sem. Differential;
 * every set made is removed.
 * argv[1] = "strict" (Tiny OS): also checks that sets, undo records and
 * waiters leave free memory exactly as it was, and the sem sysctl. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#include "tt.h"

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static long ctl(int id, int num, int cmd, long arg) { return raw_syscall6(SYS_semctl, id, num, cmd, arg, 0, 0); }

static long op(int id, short num, short val, short flg)
{
    struct sembuf b = {(unsigned short)num, val, flg};
    return raw_syscall(SYS_semop, id, (long)&b, 1);
}

static long timed_op(int id, short num, short val, short flg, long ns)
{
    struct sembuf b = {(unsigned short)num, val, flg};
    struct timespec ts = {ns / 1000000000, ns % 1000000000};
    return raw_syscall6(SYS_semtimedop, id, (long)&b, 1, (long)&ts, 0, 0);
}

/* Waits (up to 5 s) until GETNCNT (zero false) or GETZCNT of num is n. */
static int wait_count(int id, int num, bool zero, long n)
{
    for (int i = 0; i < 5000; i++) {
        if (ctl(id, num, zero ? GETZCNT : GETNCNT, 0) == n)
            return 1;
        msleep(1);
    }
    return 0;
}

static void on_usr1(int sig) { (void)sig; }

static long long free_bytes(void)
{
    struct sysinfo si;
    for (int i = 0; i < 5; i++)
        sched_yield();
    return sysinfo(&si) == 0 ? (long long)si.freeram * si.mem_unit : -1;
}

static void basics(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    CHECK(id >= 0, "semget(IPC_PRIVATE, 3)");
    struct semid_ds ds;
    CHECK_EQ(ctl(id, 0, IPC_STAT, (long)&ds), 0, "IPC_STAT");
    CHECK_EQ(ds.sem_nsems, 3, "sem_nsems 3");
    CHECK_EQ(ds.sem_otime, 0, "sem_otime 0 before any semop");
    CHECK(ds.sem_ctime > 0, "sem_ctime set");
    CHECK_EQ(ds.sem_perm.mode, 0600, "mode 0600");
    CHECK(ds.sem_perm.uid == getuid() && ds.sem_perm.cgid == getgid(), "owner and creator are the caller");
    CHECK_EQ(ctl(id, 1, GETVAL, 0), 0, "a new semaphore is 0");
    CHECK_EQ(ctl(id, 1, GETPID, 0), 0, "sempid 0");
    CHECK_EQ(ctl(id, 1, SETVAL, 5), 0, "SETVAL 5");
    CHECK_EQ(ctl(id, 1, GETVAL, 0), 5, "GETVAL 5");
    CHECK_EQ(ctl(id, 1, GETPID, 0), getpid(), "SETVAL sets sempid");
    unsigned short vals[3] = {1, 2, 3}, got[3] = {0};
    CHECK_EQ(ctl(id, 0, SETALL, (long)vals), 0, "SETALL 1 2 3");
    CHECK_EQ(ctl(id, 0, GETALL, (long)got), 0, "GETALL");
    CHECK(got[0] == 1 && got[1] == 2 && got[2] == 3, "the values set");

    struct sembuf two[2] = {{0, -1, 0}, {2, 4, 0}};
    CHECK_EQ(semop(id, two, 2), 0, "semop of two operations");
    CHECK(ctl(id, 0, GETVAL, 0) == 0 && ctl(id, 2, GETVAL, 0) == 7, "both applied");
    ctl(id, 0, IPC_STAT, (long)&ds);
    CHECK(ds.sem_otime > 0, "sem_otime set by semop");
    struct sembuf blocked[2] = {{2, -1, IPC_NOWAIT}, {0, -1, IPC_NOWAIT}};
    CHECK_EQ(raw_syscall(SYS_semop, id, (long)blocked, 2), -EAGAIN, "one would block with IPC_NOWAIT: EAGAIN");
    CHECK_EQ(ctl(id, 2, GETVAL, 0), 7, "and none is applied");
    CHECK_EQ(op(id, 1, 0, IPC_NOWAIT), -EAGAIN, "wait-for-zero of 2 with IPC_NOWAIT: EAGAIN");
    CHECK_EQ(op(id, 0, 0, IPC_NOWAIT), 0, "wait-for-zero of 0 succeeds at once");
    struct sembuf dup[3] = {{1, 2, 0}, {1, -3, 0}, {1, -1, IPC_NOWAIT}};
    CHECK_EQ(semop(id, dup, 3), 0, "the same semaphore thrice (2 + 2 - 3 - 1)");
    CHECK_EQ(ctl(id, 1, GETVAL, 0), 0, "applied in order");

    /* Errors, in Linux's order of checks. */
    struct sembuf big[501];
    memset(big, 0, sizeof big);
    CHECK_EQ(raw_syscall(SYS_semop, id, (long)big, 501), -E2BIG, "501 operations (semopm 500): E2BIG");
    CHECK_EQ(raw_syscall(SYS_semop, id, (long)big, 0), -EINVAL, "0 operations: EINVAL");
    CHECK_EQ(raw_syscall(SYS_semop, id, -1, 1), -EFAULT, "a bad operations address: EFAULT");
    CHECK_EQ(raw_syscall(SYS_semop, -1, (long)big, 1), -EINVAL, "id -1: EINVAL");
    CHECK_EQ(op(id, 3, 1, 0), -EFBIG, "sem_num past the set: EFBIG");
    CHECK_EQ(op(id, -1, 1, SEM_UNDO), -EFBIG, "sem_num 65535 with SEM_UNDO: EFBIG");
    ctl(id, 2, SETVAL, 32767);
    CHECK_EQ(op(id, 2, 1, 0), -ERANGE, "above SEMVMX: ERANGE");
    CHECK_EQ(timed_op(id, 1, -1, 0, 10000000), -EAGAIN, "semtimedop times out: EAGAIN");
    struct sembuf one = {1, -1, 0};
    struct timespec bad = {0, 1000000000};
    CHECK_EQ(raw_syscall6(SYS_semtimedop, id, (long)&one, 1, (long)&bad, 0, 0), -EINVAL, "tv_nsec of 1e9: EINVAL");
    bad.tv_nsec = -1;
    CHECK_EQ(raw_syscall6(SYS_semtimedop, id, (long)&one, 1, (long)&bad, 0, 0), -EINVAL, "tv_nsec -1: EINVAL");
    bad = (struct timespec){0, 0};
    CHECK_EQ(raw_syscall6(SYS_semtimedop, id, (long)&one, 1, (long)&bad, 0, 0), -EAGAIN, "a zero timeout: EAGAIN");
    CHECK_EQ(raw_syscall6(SYS_semtimedop, id, (long)big, 1, -1, 0, 0), -EFAULT, "a bad timeout address: EFAULT");
    CHECK_EQ(raw_syscall6(SYS_semtimedop, id, (long)big, 0, -1, 0, 0), -EFAULT, "the timeout is read first");

    CHECK_EQ(ctl(id, 0, 99, 0), -EINVAL, "an unknown command: EINVAL");
    CHECK_EQ(ctl(id, 3, GETVAL, 0), -EINVAL, "GETVAL past the set: EINVAL");
    CHECK_EQ(ctl(id, -1, SETVAL, 1), -EINVAL, "SETVAL of semaphore -1: EINVAL");
    CHECK_EQ(ctl(id, 0, SETVAL, -1), -ERANGE, "SETVAL -1: ERANGE");
    CHECK_EQ(ctl(id, 0, SETVAL, 32768), -ERANGE, "SETVAL 32768: ERANGE");
    unsigned short huge[3] = {1, 40000, 1};
    CHECK_EQ(ctl(id, 0, SETALL, (long)huge), -ERANGE, "SETALL with 40000: ERANGE");
    CHECK_EQ(ctl(id, 0, GETVAL, 0), 0, "and nothing set");
    CHECK_EQ(ctl(id, 0, GETALL, -1), -EFAULT, "GETALL to a bad address: EFAULT");
    CHECK_EQ(ctl(id, 0, SETALL, -1), -EFAULT, "SETALL from a bad address: EFAULT");
    CHECK_EQ(ctl(id, 0, IPC_STAT, -1), -EFAULT, "IPC_STAT to a bad address: EFAULT");
    CHECK_EQ(ctl(id, 0, IPC_SET, -1), -EFAULT, "IPC_SET from a bad address: EFAULT");
    CHECK_EQ(ctl(-1, 0, IPC_STAT, (long)&ds), -EINVAL, "id -1: EINVAL");

    ds.sem_perm.mode = 0644;
    CHECK_EQ(ctl(id, 0, IPC_SET, (long)&ds), 0, "IPC_SET");
    ctl(id, 0, IPC_STAT, (long)&ds);
    CHECK_EQ(ds.sem_perm.mode, 0644, "the new mode");

    struct seminfo si;
    long top = ctl(id, 0, SEM_INFO, (long)&si);
    CHECK(top >= 0 && si.semusz >= 1 && si.semaem >= 3, "SEM_INFO: sets and semaphores in use");
    int seen = 0;
    for (long i = 0; i <= top; i++)
        if (ctl((int)i, 0, SEM_STAT, (long)&ds) == id)
            seen++;
    CHECK_EQ(seen, 1, "SEM_STAT finds the set at its index");
    CHECK(ctl(id, 0, IPC_INFO, (long)&si) >= 0 && si.semvmx == 32767 && si.semusz == 20 && si.semaem == 32767,
          "IPC_INFO: SEMVMX, SEMUSZ, SEMAEM");
    int msl = 0, mns = 0, opm = 0, mni = 0;
    FILE *f = fopen("/proc/sys/kernel/sem", "r");
    CHECK(f && fscanf(f, "%d %d %d %d", &msl, &mns, &opm, &mni) == 4, "read /proc/sys/kernel/sem");
    if (f)
        fclose(f);
    CHECK(si.semmsl == msl && si.semmns == mns && si.semopm == opm && si.semmni == mni, "IPC_INFO matches it");

    FILE *p = fopen("/proc/sysvipc/sem", "r");
    char line[256];
    int listed = 0;
    while (p && fgets(line, sizeof line, p)) {
        int key, sid, nsems;
        unsigned perms;
        if (sscanf(line, "%d %d %o %d", &key, &sid, &perms, &nsems) == 4 && sid == id)
            listed = perms == 0644 && nsems == 3;
    }
    if (p)
        fclose(p);
    CHECK(listed, "/proc/sysvipc/sem lists the set");

    CHECK_EQ(ctl(id, 0, IPC_RMID, 0), 0, "IPC_RMID");
    CHECK_EQ(ctl(id, 0, GETVAL, 0), -EINVAL, "then the id is EINVAL");
    CHECK_EQ(op(id, 0, 1, 0), -EINVAL, "for semop too");
}

static void keys(void)
{
    key_t key = 0x54500000 | (getpid() & 0xffff);
    int id = semget(key, 3, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(id >= 0, "semget(key, 3, IPC_CREAT|IPC_EXCL)");
    CHECK_EQ(raw_syscall(SYS_semget, key, 3, IPC_CREAT | IPC_EXCL | 0600), -EEXIST, "again: EEXIST");
    CHECK_EQ(semget(key, 2, 0), id, "the key finds it with fewer semaphores");
    CHECK_EQ(semget(key, 0, 0), id, "and with 0");
    CHECK_EQ(raw_syscall(SYS_semget, key, 4, 0), -EINVAL, "more semaphores than it has: EINVAL");
    CHECK_EQ(raw_syscall(SYS_semget, key + 1, 1, 0), -ENOENT, "an unknown key: ENOENT");
    CHECK_EQ(raw_syscall(SYS_semget, IPC_PRIVATE, 0, IPC_CREAT), -EINVAL, "a new set of 0: EINVAL");
    CHECK_EQ(raw_syscall(SYS_semget, IPC_PRIVATE, -1, IPC_CREAT), -EINVAL, "nsems -1: EINVAL");
    CHECK_EQ(raw_syscall(SYS_semget, IPC_PRIVATE, 32001, IPC_CREAT), -EINVAL, "above semmsl: EINVAL");
    ctl(id, 0, IPC_RMID, 0);
    CHECK_EQ(raw_syscall(SYS_semget, key, 1, 0), -ENOENT, "removed: the key is free");
}

static void waiting(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);

    /* A waiter for a value: GETNCNT counts it, an increment completes it. */
    pid_t c = xfork();
    if (c == 0)
        _exit(op(id, 0, -2, 0) == 0 && ctl(id, 0, GETVAL, 0) == 0 ? 0 : 1);
    CHECK(wait_count(id, 0, false, 1), "GETNCNT 1 while a child waits for 2");
    CHECK_EQ(ctl(id, 0, GETZCNT, 0), 0, "GETZCNT 0");
    CHECK_EQ(op(id, 0, 1, 0), 0, "+1: not enough yet");
    CHECK_EQ(ctl(id, 0, GETNCNT, 0), 1, "still waiting");
    CHECK_EQ(op(id, 0, 1, 0), 0, "+1 again");
    CHECK(exited_with(child_status(c), 0), "the waiter took both");
    CHECK_EQ(ctl(id, 0, GETPID, 0), c, "sempid is the waiter's (it did the last operation)");

    /* A waiter for zero is satisfied the moment the value is zero, even
     * if it rises again before the waiter runs. */
    ctl(id, 1, SETVAL, 1);
    c = xfork();
    if (c == 0)
        _exit(op(id, 1, 0, 0) == 0 ? 0 : 1);
    CHECK(wait_count(id, 1, true, 1), "GETZCNT 1");
    CHECK_EQ(op(id, 1, -1, 0), 0, "-1: zero");
    CHECK_EQ(op(id, 1, 1, 0), 0, "+1 at once");
    CHECK(exited_with(child_status(c), 0), "the zero-waiter completed");

    /* All or nothing: a waiter on two semaphores takes neither until both. */
    ctl(id, 0, SETVAL, 1);
    ctl(id, 1, SETVAL, 0);
    c = xfork();
    if (c == 0) {
        struct sembuf both[2] = {{0, -1, 0}, {1, -1, 0}};
        _exit(semop(id, both, 2) == 0 ? 0 : 1);
    }
    CHECK(wait_count(id, 1, false, 1), "GETNCNT counts the operation it waits on");
    CHECK_EQ(ctl(id, 0, GETVAL, 0), 1, "the other semaphore is untouched");
    CHECK_EQ(ctl(id, 1, SETVAL, 1), 0, "SETVAL wakes it");
    CHECK(exited_with(child_status(c), 0), "it took both");
    CHECK(ctl(id, 0, GETVAL, 0) == 0 && ctl(id, 1, GETVAL, 0) == 0, "both are 0");

    /* Removal: EIDRM. */
    c = xfork();
    if (c == 0)
        _exit(op(id, 0, -1, 0) == -EIDRM ? 0 : 1);
    CHECK(wait_count(id, 0, false, 1), "a waiter");
    ctl(id, 0, IPC_RMID, 0);
    CHECK(exited_with(child_status(c), 0), "removing the set fails its waiters with EIDRM");
}

static void signals(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
    sigaction(SIGUSR1, &sa, NULL);
    pid_t c = xfork();
    if (c == 0)
        _exit(op(id, 0, -1, 0) == -EINTR ? 0 : 1);
    CHECK(wait_count(id, 0, false, 1), "a waiter");
    kill(c, SIGUSR1);
    CHECK(exited_with(child_status(c), 0), "a handled signal is EINTR, SA_RESTART or not");
    CHECK_EQ(ctl(id, 0, GETNCNT, 0), 0, "and the waiter is gone from the count");

    c = xfork();
    if (c == 0)
        _exit(timed_op(id, 0, -1, 0, 5000000000L) == -EINTR ? 0 : 1);
    CHECK(wait_count(id, 0, false, 1), "a timed waiter");
    kill(c, SIGUSR1);
    CHECK(exited_with(child_status(c), 0), "semtimedop: EINTR too");

    /* Linux documents semop among the calls that fail with EINTR after a
     * stop and continue, with no handler at all (signal(7)). */
    c = xfork();
    if (c == 0)
        _exit(op(id, 0, -1, 0) == -EINTR ? 0 : 1);
    CHECK(wait_count(id, 0, false, 1), "a waiter");
    kill(c, SIGSTOP);
    int st;
    waitpid(c, &st, WUNTRACED);
    CHECK(WIFSTOPPED(st), "stopped");
    kill(c, SIGCONT);
    CHECK(exited_with(child_status(c), 0), "after SIGSTOP and SIGCONT semop fails with EINTR");
    signal(SIGUSR1, SIG_DFL);
    ctl(id, 0, IPC_RMID, 0);
}

static void undo(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    ctl(id, 0, SETVAL, 5);
    pid_t c = xfork();
    if (c == 0) {
        struct sembuf ops[2] = {{0, -3, SEM_UNDO}, {1, 2, SEM_UNDO}};
        semop(id, ops, 2);
        op(id, 1, 1, SEM_UNDO);
        _exit(ctl(id, 0, GETVAL, 0) == 2 && ctl(id, 1, GETVAL, 0) == 3 ? 0 : 1);
    }
    CHECK(exited_with(child_status(c), 0), "a child's SEM_UNDO operations apply");
    CHECK(ctl(id, 0, GETVAL, 0) == 5 && ctl(id, 1, GETVAL, 0) == 0, "and are undone when it exits");
    CHECK_EQ(ctl(id, 0, GETPID, 0), c, "the undo sets sempid to the exiting process");

    /* SETVAL clears the adjustments of that semaphore. */
    int up[2], down[2];
    pipe(up);
    pipe(down);
    c = xfork();
    if (c == 0) {
        char b = 0;
        op(id, 1, 4, SEM_UNDO);
        write(up[1], &b, 1);
        read(down[0], &b, 1); /* until the parent's SETVAL */
        _exit(0);
    }
    char b;
    read(up[0], &b, 1);
    CHECK_EQ(ctl(id, 1, GETVAL, 0), 4, "a child added 4 with SEM_UNDO");
    ctl(id, 1, SETVAL, 1);
    write(down[1], &b, 1);
    child_status(c);
    CHECK_EQ(ctl(id, 1, GETVAL, 0), 1, "SETVAL dropped its adjustment: nothing undone at its exit");
    close(up[0]);
    close(up[1]);
    close(down[0]);
    close(down[1]);

    /* An undo that would go below zero stops at 0. */
    c = xfork();
    if (c == 0) {
        op(id, 1, 2, SEM_UNDO); /* 3, adjustment -2 */
        op(id, 1, -3, 0);       /* 0 */
        _exit(0);
    }
    child_status(c);
    CHECK_EQ(ctl(id, 1, GETVAL, 0), 0, "an undo below zero is clamped at 0");
    ctl(id, 0, IPC_RMID, 0);
}

static int thread_set;

static void *add_one_undoable(void *arg)
{
    (void)arg;
    return (void *)op(thread_set, 0, 1, SEM_UNDO);
}

/* SEM_UNDO belongs to the process (threads share it, CLONE_SYSVSEM): a
 * thread's exit undoes nothing, the process's does. */
static void threads(void)
{
    thread_set = semget(IPC_PRIVATE, 1, 0600);
    pid_t c = xfork();
    if (c == 0) {
        pthread_t t;
        void *r = (void *)-1;
        pthread_create(&t, NULL, add_one_undoable, NULL);
        pthread_join(t, &r);
        _exit(r == NULL && ctl(thread_set, 0, GETVAL, 0) == 1 ? 0 : 1);
    }
    CHECK(exited_with(child_status(c), 0), "a thread's SEM_UNDO operation outlives the thread");
    CHECK_EQ(ctl(thread_set, 0, GETVAL, 0), 0, "and is undone when its process exits");
    ctl(thread_set, 0, IPC_RMID, 0);
}

/* Tiny OS only: nothing is left behind, and the sem sysctl is obeyed. */
static void strict(void)
{
    long long before = 0;
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            before = free_bytes();
        for (int i = 0; i < 30; i++) {
            int id = semget(IPC_PRIVATE, 100, 0600);
            pid_t c = xfork();
            if (c == 0) {
                op(id, 5, 1, SEM_UNDO);
                _exit(op(id, 7, -1, 0) == -EIDRM ? 0 : 1);
            }
            wait_count(id, 7, false, 1);
            ctl(id, 0, IPC_RMID, 0);
            child_status(c);
        }
    }
    CHECK_EQ(free_bytes(), before, "sets, undo records and waiters leave no memory behind");

    FILE *f = fopen("/proc/sys/kernel/sem", "w");
    CHECK(f && fprintf(f, "10 30 2 3\n") > 0 && fclose(f) == 0, "write sem: 10 30 2 3");
    CHECK_EQ(raw_syscall(SYS_semget, IPC_PRIVATE, 11, 0600), -EINVAL, "semmsl 10: 11 semaphores is EINVAL");
    int a = semget(IPC_PRIVATE, 10, 0600), b = semget(IPC_PRIVATE, 10, 0600), c = semget(IPC_PRIVATE, 10, 0600);
    CHECK(a >= 0 && b >= 0 && c >= 0, "three sets of 10");
    CHECK_EQ(raw_syscall(SYS_semget, IPC_PRIVATE, 1, 0600), -ENOSPC, "semmni 3 (and semmns 30): ENOSPC");
    struct sembuf three[3] = {{0, 1, 0}, {1, 1, 0}, {2, 1, 0}};
    CHECK_EQ(raw_syscall(SYS_semop, a, (long)three, 3), -E2BIG, "semopm 2: 3 operations is E2BIG");
    ctl(a, 0, IPC_RMID, 0);
    ctl(b, 0, IPC_RMID, 0);
    ctl(c, 0, IPC_RMID, 0);
    f = fopen("/proc/sys/kernel/sem", "w");
    fprintf(f, "32000 1024000000 500 32000\n");
    fclose(f);
    f = fopen("/proc/sys/kernel/sem", "w");
    CHECK(f && (fprintf(f, "1 2 3 40000\n"), fclose(f)) != 0, "semmni above 32768 is refused");
}

int main(int argc, char **argv)
{
    basics();
    keys();
    waiting();
    signals();
    undo();
    threads();
    if (argc > 1 && !strcmp(argv[1], "strict"))
        strict();
    return tt_done();
}
