/*
 * runner.c - the Linux Test Project's runner for one boot: PID 1 of an
 * initramfs that holds LTP test programs under /ltp/bin and their list in
 * /ltp/list. The same static program runs on Tiny OS and on Linux
 * (tools/ltp boots both), so the two kernels run the tests the same way.
 *
 * /ltp/list: one test a line, fields separated by tabs: the test's name,
 * then its argv (argv[0] is the program's name, found in /ltp/bin).
 *
 * For each test, in a fresh directory under /tmp, in a process group of
 * its own, with LTP's environment (LTPROOT=/ltp, TMPDIR=/tmp):
 *   LTP-START <name>
 *   ... the test's own output ...
 *   LTP-RESULT <name> exit=<status> signal=<sig> timeout=<0|1> ms=<wall ms>
 * A test still running after its hard timeout (argv[1] of the runner, in
 * seconds, default 180: LTP's own is 30 s per test, scaled) is killed with
 * its whole group; with argv[2] = N, the process table is printed once a
 * test has run N seconds (LTP-PROCESSES), to see what a hung test waits in. Orphans are reaped as init must. At the end:
 *   LTP-DONE
 * and the machine powers off (Linux: reboot(2); Tiny OS powers off when
 * PID 1 exits).
 *
 * Before the first test, what LTP expects of a system is made if the
 * kernel has not made it: /proc, /dev (devtmpfs), /dev/shm and /tmp
 * (tmpfs).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 64
#define LINE_MAX_LEN 8192

static volatile sig_atomic_t alarmed;
static int dump_after; /* argv[2]: print the process table once a test runs this long (0: never) */

static void on_alarm(int sig)
{
    (void)sig;
    alarmed = 1;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void setup_system(void)
{
    mkdir("/proc", 0555);
    if (access("/proc/self", F_OK) != 0)
        mount("proc", "/proc", "proc", 0, NULL);
    mkdir("/dev", 0755);
    if (access("/dev/null", F_OK) != 0)
        mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    mkdir("/dev/shm", 01777);
    mount("shm", "/dev/shm", "tmpfs", 0, "mode=1777");
    mkdir("/tmp", 01777);
    mount("tmp", "/tmp", "tmpfs", 0, "mode=1777");
    mkdir("/tmp/ltp", 0755);
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (type == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* Reaps every exited child without blocking (PID 1 adopts orphans). */
static void reap_orphans(void)
{
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
}

/* Prints every process's pid, state, name and parent (from
 * /proc/PID/stat): what a test that does not finish is waiting in. */
static void dump_processes(const char *name)
{
    printf("LTP-PROCESSES %s (still running after %d s):\n", name, dump_after);
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char path[300], line[512];
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (f && fgets(line, sizeof line, f))
            printf("  %s", line);
        if (f)
            fclose(f);
    }
    if (d)
        closedir(d);
    fflush(stdout);
}

static void run_test(char *name, char **argv, int timeout)
{
    char dir[512], prog[512];
    snprintf(dir, sizeof dir, "/tmp/ltp/%s", name);
    snprintf(prog, sizeof prog, "/ltp/bin/%s", argv[0]);
    mkdir(dir, 0777);
    printf("LTP-START %s\n", name);
    fflush(stdout);
    long start = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        if (chdir(dir) != 0)
            _exit(127);
        char *envp[] = {"PATH=/ltp/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LTPROOT=/ltp", "TMPDIR=/tmp",
                        "HOME=/root", "TERM=dumb", "LTP_COLORIZE_OUTPUT=0",
                        "LTP_TIMEOUT_MUL=3", NULL}; /* TCG is slow: LTP scales its own limits */
        execve(prog, argv, envp);
        printf("LTP-EXEC-FAILED %s errno=%d\n", name, errno);
        _exit(127);
    }
    setpgid(pid, pid);
    int status = 0, timed_out = 0;
    alarmed = 0;
    bool dumped = dump_after <= 0 || dump_after >= timeout;
    alarm((unsigned)(dumped ? timeout : dump_after));
    for (;;) {
        pid_t r = waitpid(pid, &status, 0);
        if (r == pid)
            break;
        if (r < 0 && errno == EINTR && alarmed && !dumped) {
            dump_processes(name);
            dumped = true;
            alarmed = 0;
            alarm((unsigned)(timeout - dump_after));
            continue;
        }
        if (r < 0 && errno == EINTR && alarmed) {
            timed_out = 1;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            alarmed = 0;
            alarm(10);
            continue;
        }
        if (r < 0 && errno != EINTR)
            break;
    }
    alarm(0);
    kill(-pid, SIGKILL); /* what the test left running */
    reap_orphans();
    long ms = now_ms() - start;
    printf("LTP-RESULT %s exit=%d signal=%d timeout=%d ms=%ld\n", name,
           WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0, timed_out, ms);
    fflush(stdout);
    chdir("/");
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int main(int argc, char **argv)
{
    int timeout = argc > 1 ? atoi(argv[1]) : 180;
    if (timeout <= 0)
        timeout = 180;
    dump_after = argc > 2 ? atoi(argv[2]) : 0;
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa = {.sa_handler = on_alarm};
    sigaction(SIGALRM, &sa, NULL);
    setup_system();
    FILE *list = fopen("/ltp/list", "r");
    if (!list) {
        printf("LTP-NO-LIST errno=%d\n", errno);
    } else {
        static char line[LINE_MAX_LEN];
        while (fgets(line, sizeof line, list)) {
            line[strcspn(line, "\n")] = '\0';
            char *fields[MAX_ARGS + 2];
            int n = 0;
            for (char *save, *f = strtok_r(line, "\t", &save); f && n < MAX_ARGS + 1; f = strtok_r(NULL, "\t", &save))
                fields[n++] = f;
            if (n < 2)
                continue;
            fields[n] = NULL;
            run_test(fields[0], &fields[1], timeout);
        }
        fclose(list);
    }
    printf("LTP-DONE\n");
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    return 0;
}
