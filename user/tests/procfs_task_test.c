/*
 * procfs_task_test.c - /proc/PID/task/TID: one directory per thread with
 * the thread's own stat, status and comm (comm writable by the process's
 * own threads), /proc/thread-self, and /proc/PID/coredump_filter (read,
 * write, inherited by fork). Differential: prints only what Linux
 * defines (no ids).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static int go_pipe[2];
static pid_t worker_tid;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    prctl(PR_SET_NAME, "worker");
    pthread_mutex_lock(&lock);
    worker_tid = (pid_t)syscall(SYS_gettid);
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    char c;
    read(go_pipe[0], &c, 1); /* sleeps until main is done looking */
    return NULL;
}

static ssize_t slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, buf, size - 1);
    buf[n > 0 ? n : 0] = '\0';
    close(fd);
    return n;
}

static int spit(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return -errno;
    ssize_t n = write(fd, text, strlen(text));
    int err = n < 0 ? -errno : 0;
    close(fd);
    return err ? err : (int)n;
}

int main(void)
{
    pid_t pid = getpid();
    char path[128], buf[4096];
    pipe(go_pipe);
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    while (!worker_tid)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    usleep(100000); /* let it block in read */

    /* The listing: both threads, nothing else but . and .. */
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    CHECK(d != NULL, "opendir /proc/PID/task");
    int seen_main = 0, seen_worker = 0, others = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        int id = atoi(e->d_name);
        if (id == pid && e->d_type == DT_DIR)
            seen_main++;
        else if (id == worker_tid && e->d_type == DT_DIR)
            seen_worker++;
        else
            others++;
    }
    if (d)
        closedir(d);
    CHECK(seen_main == 1 && seen_worker == 1 && others == 0, "task lists the two threads");

    /* The thread's own files. */
    snprintf(path, sizeof path, "/proc/%d/task/%d/comm", pid, worker_tid);
    slurp(path, buf, sizeof buf);
    CHECK(!strcmp(buf, "worker\n"), "task/TID/comm is the thread's name");
    slurp("/proc/self/comm", buf, sizeof buf);
    CHECK(strcmp(buf, "worker\n") != 0, "/proc/self/comm is the main thread's name");
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", worker_tid);
    slurp(path, buf, sizeof buf);
    int id = 0;
    char state = 0, name[32] = "";
    sscanf(buf, "%d (%31[^)]) %c", &id, name, &state);
    CHECK(id == worker_tid, "task/TID/stat's pid is the thread id");
    CHECK(!strcmp(name, "worker"), "task/TID/stat's name");
    CHECK_EQ(state, 'S', "task/TID/stat: the blocked thread sleeps");
    snprintf(path, sizeof path, "/proc/self/task/%d/status", worker_tid);
    slurp(path, buf, sizeof buf);
    char want[64];
    snprintf(want, sizeof want, "\nPid:\t%d\n", worker_tid);
    CHECK(strstr(buf, want) != NULL, "task/TID/status Pid is the thread id");
    snprintf(want, sizeof want, "\nTgid:\t%d\n", pid);
    CHECK(strstr(buf, want) != NULL, "task/TID/status Tgid is the process");
    snprintf(path, sizeof path, "/proc/self/task/%d/fd/0", worker_tid);
    struct stat st;
    CHECK(stat(path, &st) == 0, "task/TID/fd/0 exists");
    snprintf(path, sizeof path, "/proc/self/task/%d/task", pid);
    CHECK(stat(path, &st) < 0 && errno == ENOENT, "no task/ inside a thread directory");
    snprintf(path, sizeof path, "/proc/self/task/%d", pid + 100000);
    CHECK(stat(path, &st) < 0 && errno == ENOENT, "no directory for a thread of another id");

    /* comm is writable for the process's own threads; 15 bytes kept,
     * newline and all. */
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", worker_tid);
    CHECK_EQ(spit(path, "renamed"), 7, "write task/TID/comm");
    slurp(path, buf, sizeof buf);
    CHECK(!strcmp(buf, "renamed\n"), "task/TID/comm after the write");
    CHECK_EQ(spit(path, "a-name-longer-than-fifteen"), 26, "a long comm write takes it all");
    slurp(path, buf, sizeof buf);
    CHECK(!strcmp(buf, "a-name-longer-t\n"), "comm keeps 15 bytes");

    /* /proc/thread-self. */
    char link[64];
    ssize_t n = readlink("/proc/thread-self", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "%d/task/%d", pid, pid);
    CHECK(!strcmp(link, want), "/proc/thread-self is PID/task/TID");
    slurp("/proc/thread-self/comm", buf, sizeof buf);
    char comm2[64];
    slurp("/proc/self/comm", comm2, sizeof comm2);
    CHECK(!strcmp(buf, comm2), "/proc/thread-self/comm");

    /* coredump_filter: hexadecimal (any base on write), 9 bits, kept by fork. */
    CHECK_EQ(spit("/proc/self/coredump_filter", "0x23"), 4, "write coredump_filter");
    slurp("/proc/self/coredump_filter", buf, sizeof buf);
    CHECK(!strcmp(buf, "00000023\n"), "coredump_filter reads back");
    CHECK_EQ(spit("/proc/self/coredump_filter", "0x7ff"), 5, "write coredump_filter with high bits");
    slurp("/proc/self/coredump_filter", buf, sizeof buf);
    CHECK(!strcmp(buf, "000001ff\n"), "only the 9 filter bits are kept");
    CHECK_EQ(spit("/proc/self/coredump_filter", "junk"), -EINVAL, "a non-number is EINVAL");
    spit("/proc/self/coredump_filter", "0x33");
    spit("/proc/self/coredump_filter", "17");
    pid_t c = fork();
    if (c == 0) {
        slurp("/proc/self/coredump_filter", buf, sizeof buf);
        _exit(strcmp(buf, "00000011\n") != 0);
    }
    int status;
    waitpid(c, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "fork inherits coredump_filter");
    spit("/proc/self/coredump_filter", "0x33");

    write(go_pipe[1], "x", 1);
    pthread_join(th, NULL);
    snprintf(path, sizeof path, "/proc/self/task/%d", worker_tid);
    CHECK(stat(path, &st) < 0 && errno == ENOENT, "the thread's directory goes when it ends");
    return tt_done();
}
