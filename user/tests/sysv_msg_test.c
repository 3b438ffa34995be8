/* sysv_msg_test.c - System V message queues: msgget's keys, msgsnd and
 * msgrcv by type (0, >0, <0, MSG_EXCEPT), MSG_NOERROR, E2BIG, MSG_COPY,
 * IPC_NOWAIT, a full queue, waiting receivers (a message goes straight to
 * the one that wants it) and senders, EIDRM when the queue is removed,
 * EINTR with a handler (SA_RESTART or not) and a transparent restart
 * after a stop, msgctl's commands and errors, /proc/sysvipc/msg.
 * Differential; every queue made is removed.
 * argv[1] = "strict" (Tiny OS): also checks that queued and received
 * messages leave free memory exactly as it was, and the msg sysctls. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#include "tt.h"

#ifndef MSG_COPY
#define MSG_COPY 040000 /* Linux's; musl's header lacks it */
#endif

struct mbuf {
    long type;
    char text[64];
};

static long snd(int id, long type, const char *text, size_t n, int flg)
{
    struct mbuf m = {type, ""};
    memcpy(m.text, text, n);
    return raw_syscall6(SYS_msgsnd, id, (long)&m, (long)n, flg, 0, 0);
}

static long rcv(int id, struct mbuf *m, size_t n, long type, int flg)
{
    memset(m, 0, sizeof *m);
    return raw_syscall6(SYS_msgrcv, id, (long)m, (long)n, type, flg, 0);
}

static struct msqid_ds stat_of(int id)
{
    struct msqid_ds ds;
    memset(&ds, 0, sizeof ds);
    raw_syscall(SYS_msgctl, id, IPC_STAT, (long)&ds);
    return ds;
}

/* Waits until process c sleeps (its /proc state is S). */
static void wait_sleeping(pid_t c)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/stat", c);
    for (int i = 0; i < 5000; i++) {
        FILE *f = fopen(path, "r");
        char *s = f && fgets(buf, sizeof buf, f) ? strrchr(buf, ')') : NULL;
        if (f)
            fclose(f);
        if (s && s[2] == 'S')
            return;
        msleep(1);
    }
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
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    CHECK(id >= 0, "msgget(IPC_PRIVATE)");
    struct msqid_ds ds = stat_of(id);
    CHECK(ds.msg_qnum == 0 && ds.msg_cbytes == 0, "an empty queue");
    CHECK(ds.msg_stime == 0 && ds.msg_rtime == 0 && ds.msg_ctime > 0, "times: only ctime");
    CHECK(ds.msg_lspid == 0 && ds.msg_lrpid == 0, "no sender or receiver yet");
    int mnb = 0;
    FILE *f = fopen("/proc/sys/kernel/msgmnb", "r");
    CHECK(f && fscanf(f, "%d", &mnb) == 1, "read /proc/sys/kernel/msgmnb");
    if (f)
        fclose(f);
    CHECK_EQ(ds.msg_qbytes, mnb, "msg_qbytes is msgmnb");
    CHECK_EQ(ds.msg_perm.mode, 0600, "mode 0600");

    CHECK_EQ(snd(id, 1, "one", 4, 0), 0, "send type 1");
    CHECK_EQ(snd(id, 3, "three", 6, 0), 0, "send type 3");
    CHECK_EQ(snd(id, 2, "two", 4, 0), 0, "send type 2");
    CHECK_EQ(snd(id, 3, "THREE", 6, 0), 0, "send type 3 again");
    ds = stat_of(id);
    CHECK(ds.msg_qnum == 4 && ds.msg_cbytes == 20, "4 messages, 20 bytes");
    CHECK(ds.msg_lspid == getpid() && ds.msg_stime > 0, "msg_lspid and msg_stime");

    struct mbuf m;
    CHECK_EQ(rcv(id, &m, 64, 3, 0), 6, "receive type 3: 6 bytes");
    CHECK(m.type == 3 && !strcmp(m.text, "three"), "the first of type 3");
    CHECK_EQ(rcv(id, &m, 64, -3, 0), 4, "receive type <= 3");
    CHECK(m.type == 1 && !strcmp(m.text, "one"), "the lowest type first");
    CHECK_EQ(rcv(id, &m, 64, 2, MSG_EXCEPT), 6, "MSG_EXCEPT 2");
    CHECK(m.type == 3 && !strcmp(m.text, "THREE"), "the first not of type 2");
    ds = stat_of(id);
    CHECK(ds.msg_lrpid == getpid() && ds.msg_rtime > 0 && ds.msg_qnum == 1, "msg_lrpid, msg_rtime, 1 left");
    CHECK_EQ(rcv(id, &m, 2, 0, 0), -E2BIG, "a buffer too small: E2BIG");
    CHECK_EQ(stat_of(id).msg_qnum, 1, "and the message stays");
    CHECK_EQ(rcv(id, &m, 2, 0, MSG_NOERROR), 2, "MSG_NOERROR: truncated to 2");
    CHECK(m.type == 2 && !memcmp(m.text, "tw", 2) && m.text[2] == 0, "the first 2 bytes");
    CHECK_EQ(stat_of(id).msg_qnum, 0, "the rest is dropped");
    CHECK_EQ(rcv(id, &m, 64, 0, IPC_NOWAIT), -ENOMSG, "empty with IPC_NOWAIT: ENOMSG");
    CHECK_EQ(snd(id, 7, "", 0, 0), 0, "an empty message");
    CHECK_EQ(rcv(id, &m, 0, 7, 0), 0, "is received with size 0");

    /* MSG_COPY: the n-th message, left in the queue. */
    snd(id, 5, "five", 5, 0);
    snd(id, 6, "six", 4, 0);
    CHECK_EQ(rcv(id, &m, 64, 1, MSG_COPY | IPC_NOWAIT), 4, "MSG_COPY of message 1");
    CHECK(m.type == 6 && !strcmp(m.text, "six"), "a copy of the second message");
    CHECK_EQ(stat_of(id).msg_qnum, 2, "both still queued");
    CHECK_EQ(rcv(id, &m, 64, 2, MSG_COPY | IPC_NOWAIT), -ENOMSG, "MSG_COPY past the end: ENOMSG");
    CHECK_EQ(rcv(id, &m, 64, 0, MSG_COPY), -EINVAL, "MSG_COPY without IPC_NOWAIT: EINVAL");
    CHECK_EQ(rcv(id, &m, 64, 0, MSG_COPY | IPC_NOWAIT | MSG_EXCEPT), -EINVAL, "MSG_COPY with MSG_EXCEPT: EINVAL");
    CHECK_EQ(rcv(id, &m, 2, 0, MSG_COPY | IPC_NOWAIT), -E2BIG, "MSG_COPY into too small a buffer: E2BIG");

    /* Errors. */
    CHECK_EQ(snd(id, 0, "x", 1, 0), -EINVAL, "type 0: EINVAL");
    CHECK_EQ(snd(id, -1, "x", 1, 0), -EINVAL, "type -1: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_msgsnd, id, (long)&m, -1, 0, 0, 0), -EINVAL, "size -1: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_msgsnd, id, (long)&m, 8193, 0, 0, 0), -EINVAL, "above msgmax: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_msgsnd, id, 0, 1, 0, 0, 0), -EFAULT, "a bad buffer: EFAULT");
    CHECK_EQ(raw_syscall6(SYS_msgsnd, -1, (long)&m, 1, 0, 0, 0), -EINVAL, "id -1: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_msgrcv, id, (long)&m, -1, 0, 0, 0), -EINVAL, "receive size -1: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_msgrcv, -1, (long)&m, 8, 0, 0, 0), -EINVAL, "receive on id -1: EINVAL");
    CHECK_EQ(raw_syscall6(SYS_msgrcv, id, 0, 8, 0, 0, 0), -EFAULT, "receive into a bad buffer: EFAULT");
    CHECK_EQ(stat_of(id).msg_qnum, 1, "which still took the message (as Linux)");
    CHECK_EQ(raw_syscall(SYS_msgctl, id, 99, (long)&ds), -EINVAL, "an unknown command: EINVAL");
    CHECK_EQ(raw_syscall(SYS_msgctl, id, IPC_STAT, -1), -EFAULT, "IPC_STAT to a bad address: EFAULT");
    CHECK_EQ(raw_syscall(SYS_msgctl, id, IPC_SET, -1), -EFAULT, "IPC_SET from a bad address: EFAULT");

    /* A full queue. */
    ds = stat_of(id);
    ds.msg_qbytes = 10;
    CHECK_EQ(msgctl(id, IPC_SET, &ds), 0, "IPC_SET msg_qbytes 10");
    CHECK_EQ(stat_of(id).msg_qbytes, 10, "msg_qbytes 10");
    CHECK_EQ(snd(id, 1, "123456", 7, IPC_NOWAIT), -EAGAIN, "4 + 7 bytes do not fit: EAGAIN");
    CHECK_EQ(snd(id, 1, "12345", 6, IPC_NOWAIT), 0, "4 + 6 do");

    struct msginfo mi;
    long top = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
    CHECK(top >= 0 && mi.msgpool >= 1 && mi.msgmap >= 2 && mi.msgtql >= 10, "MSG_INFO: queues, messages, bytes");
    int seen = 0;
    for (long i = 0; i <= top; i++)
        if (msgctl((int)i, MSG_STAT, &ds) == id)
            seen++;
    CHECK_EQ(seen, 1, "MSG_STAT finds the queue at its index");
    CHECK(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0 && mi.msgssz == 16 && mi.msgseg == 0xffff,
          "IPC_INFO: msgssz 16, msgseg 65535");

    FILE *p = fopen("/proc/sysvipc/msg", "r");
    char line[256];
    int listed = 0;
    while (p && fgets(line, sizeof line, p)) {
        int key, qid;
        unsigned perms;
        unsigned long cbytes, qnum;
        if (sscanf(line, "%d %d %o %lu %lu", &key, &qid, &perms, &cbytes, &qnum) == 5 && qid == id)
            listed = cbytes == 10 && qnum == 2;
    }
    if (p)
        fclose(p);
    CHECK(listed, "/proc/sysvipc/msg lists the queue");

    CHECK_EQ(msgctl(id, IPC_RMID, NULL), 0, "IPC_RMID");
    CHECK_EQ(snd(id, 1, "x", 1, 0), -EINVAL, "then its id is EINVAL");
}

static void keys(void)
{
    key_t key = 0x54510000 | (getpid() & 0xffff);
    int id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(id >= 0, "msgget(key, IPC_CREAT|IPC_EXCL)");
    CHECK_EQ(raw_syscall(SYS_msgget, key, IPC_CREAT | IPC_EXCL, 0), -EEXIST, "again: EEXIST");
    CHECK_EQ(msgget(key, 0), id, "the key finds it");
    CHECK_EQ(raw_syscall(SYS_msgget, key + 1, 0, 0), -ENOENT, "an unknown key: ENOENT");
    struct msqid_ds ds = stat_of(id);
    CHECK_EQ(ds.msg_perm.__key, key, "IPC_STAT shows the key");
    msgctl(id, IPC_RMID, NULL);
    CHECK_EQ(raw_syscall(SYS_msgget, key, 0, 0), -ENOENT, "removed: the key is free");
}

static void waiting(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct mbuf m;

    /* A receiver waiting for type 5 lets type 4 queue up, takes type 5
     * straight from the sender. */
    pid_t c = xfork();
    if (c == 0)
        _exit(rcv(id, &m, 64, 5, 0) == 5 && !strcmp(m.text, "five") ? 0 : 1);
    wait_sleeping(c);
    snd(id, 4, "four", 5, 0);
    snd(id, 5, "five", 5, 0);
    CHECK(exited_with(child_status(c), 0), "a waiting receiver gets the type it asked for");
    struct msqid_ds ds = stat_of(id);
    CHECK(ds.msg_qnum == 1 && ds.msg_lrpid == c, "the other stays queued; msg_lrpid is the receiver");
    rcv(id, &m, 64, 0, 0);

    /* A message too large for a waiting receiver: E2BIG for it, and the
     * message is queued. */
    c = xfork();
    if (c == 0)
        _exit(rcv(id, &m, 3, 0, 0) == -E2BIG ? 0 : 1);
    wait_sleeping(c);
    snd(id, 1, "toolong", 8, 0);
    CHECK(exited_with(child_status(c), 0), "a receiver whose buffer is too small gets E2BIG");
    CHECK_EQ(stat_of(id).msg_qnum, 1, "and the message is queued");
    rcv(id, &m, 64, 0, 0);

    /* A sender waiting for room. */
    ds = stat_of(id);
    ds.msg_qbytes = 8;
    msgctl(id, IPC_SET, &ds);
    snd(id, 1, "1234567", 8, 0);
    c = xfork();
    if (c == 0)
        _exit(snd(id, 2, "abc", 4, 0) == 0 ? 0 : 1);
    wait_sleeping(c);
    CHECK_EQ(stat_of(id).msg_qnum, 1, "the sender waits");
    CHECK_EQ(rcv(id, &m, 64, 1, 0), 8, "receiving makes room");
    CHECK(exited_with(child_status(c), 0), "the sender completes");
    CHECK_EQ(rcv(id, &m, 64, 0, IPC_NOWAIT), 4, "its message is there");

    /* Removal: EIDRM for waiting receivers and senders. */
    snd(id, 1, "1234567", 8, 0);
    pid_t r = xfork();
    if (r == 0)
        _exit(rcv(id, &m, 64, 9, 0) == -EIDRM ? 0 : 1);
    pid_t s = xfork();
    if (s == 0)
        _exit(snd(id, 2, "abc", 4, 0) == -EIDRM ? 0 : 1);
    wait_sleeping(r);
    wait_sleeping(s);
    msgctl(id, IPC_RMID, NULL);
    CHECK(exited_with(child_status(r), 0), "removing the queue fails a waiting receiver with EIDRM");
    CHECK(exited_with(child_status(s), 0), "and a waiting sender");
}

static void signals(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct mbuf m;
    struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
    sigaction(SIGUSR1, &sa, NULL);
    pid_t c = xfork();
    if (c == 0)
        _exit(rcv(id, &m, 64, 0, 0) == -EINTR ? 0 : 1);
    wait_sleeping(c);
    kill(c, SIGUSR1);
    CHECK(exited_with(child_status(c), 0), "msgrcv: a handled signal is EINTR even with SA_RESTART");

    c = xfork();
    if (c == 0)
        _exit(rcv(id, &m, 64, 0, 0) == 3 && !strcmp(m.text, "hi") ? 0 : 1);
    wait_sleeping(c);
    kill(c, SIGSTOP);
    int st;
    waitpid(c, &st, WUNTRACED);
    CHECK(WIFSTOPPED(st), "stopped");
    kill(c, SIGCONT);
    wait_sleeping(c);
    snd(id, 1, "hi", 3, 0);
    CHECK(exited_with(child_status(c), 0), "after SIGSTOP and SIGCONT msgrcv goes on waiting (restarted)");

    struct msqid_ds ds = stat_of(id);
    ds.msg_qbytes = 1;
    msgctl(id, IPC_SET, &ds);
    snd(id, 1, "x", 1, 0);
    c = xfork();
    if (c == 0)
        _exit(snd(id, 1, "y", 1, 0) == -EINTR ? 0 : 1);
    wait_sleeping(c);
    kill(c, SIGUSR1);
    CHECK(exited_with(child_status(c), 0), "msgsnd: a handled signal is EINTR");
    signal(SIGUSR1, SIG_DFL);
    msgctl(id, IPC_RMID, NULL);
}

/* Tiny OS only: no memory left behind; the tunables are obeyed. */
static void strict(void)
{
    static struct {
        long type;
        char text[8192];
    } big;
    long long before = 0;
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            before = free_bytes();
        for (int i = 0; i < 30; i++) {
            int id = msgget(IPC_PRIVATE, 0600);
            big.type = 1;
            for (int k = 0; k < 3; k++)
                raw_syscall6(SYS_msgsnd, id, (long)&big, 5000, 0, 0, 0);
            raw_syscall6(SYS_msgrcv, id, (long)&big, 8000, 0, 0, 0);
            msgctl(id, IPC_RMID, NULL);
        }
    }
    CHECK_EQ(free_bytes(), before, "messages sent, received and removed leave no memory behind");

    FILE *f = fopen("/proc/sys/kernel/msgmax", "w");
    CHECK(f && fprintf(f, "100000\n") > 0 && fclose(f) == 0, "write msgmax 100000");
    f = fopen("/proc/sys/kernel/msgmnb", "w");
    CHECK(f && fprintf(f, "200000\n") > 0 && fclose(f) == 0, "write msgmnb 200000");
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK_EQ(stat_of(id).msg_qbytes, 200000, "a new queue takes msgmnb");
    char *huge = malloc(8 + 100000);
    *(long *)huge = 7;
    for (int i = 0; i < 100000; i++)
        huge[8 + i] = (char)(i * 7);
    CHECK_EQ(raw_syscall6(SYS_msgsnd, id, (long)huge, 100000, 0, 0, 0), 0, "a 100000-byte message");
    memset(huge, 0, 8 + 100000);
    CHECK_EQ(raw_syscall6(SYS_msgrcv, id, (long)huge, 100000, 0, 0, 0), 100000, "comes back whole");
    int same = *(long *)huge == 7;
    for (int i = 0; i < 100000; i++)
        same &= huge[8 + i] == (char)(i * 7);
    CHECK(same, "byte for byte");
    free(huge);
    msgctl(id, IPC_RMID, NULL);
    f = fopen("/proc/sys/kernel/msgmax", "w");
    fprintf(f, "8192\n");
    fclose(f);
    f = fopen("/proc/sys/kernel/msgmnb", "w");
    fprintf(f, "16384\n");
    fclose(f);
    f = fopen("/proc/sys/kernel/msgmni", "w");
    CHECK(f && fprintf(f, "1\n") > 0 && fclose(f) == 0, "write msgmni 1");
    id = msgget(IPC_PRIVATE, 0600);
    CHECK_EQ(raw_syscall(SYS_msgget, IPC_PRIVATE, 0600, 0), -ENOSPC, "a second queue: ENOSPC");
    msgctl(id, IPC_RMID, NULL);
    f = fopen("/proc/sys/kernel/msgmni", "w");
    fprintf(f, "32000\n");
    fclose(f);
}

int main(int argc, char **argv)
{
    basics();
    keys();
    waiting();
    signals();
    if (argc > 1 && !strcmp(argv[1], "strict"))
        strict();
    return tt_done();
}
