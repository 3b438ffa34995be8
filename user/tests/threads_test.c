/*
 * threads_test.c - POSIX threads on the C library's clone(CLONE_THREAD):
 * threads share memory and descriptors, have their own ids under one
 * pid, join (the CLONE_CHILD_CLEARTID futex wake), synchronise with
 * mutexes and condition variables (futexes), take signals sent to the
 * process or to one thread, and exit_group ends them all. Built with musl
 * and with glibc.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
#define CHECK(c, what)                                                                                     \
    do {                                                                                                   \
        if (c)                                                                                             \
            printf("ok - %s\n", what);                                                                     \
        else {                                                                                             \
            printf("not ok - %s\n", what);                                                                 \
            failures++;                                                                                    \
        }                                                                                                  \
    } while (0)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;
static pid_t thread_pid, thread_tid;

static void *adder(void *arg)
{
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return arg;
}

static void *ids(void *arg)
{
    (void)arg;
    thread_pid = getpid();
    thread_tid = (pid_t)syscall(SYS_gettid);
    return NULL;
}

static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!ready)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return (void *)42;
}

static volatile sig_atomic_t got_usr1;
static volatile pid_t usr1_tid;
static void on_usr1(int s)
{
    (void)s;
    got_usr1++;
    usr1_tid = (pid_t)syscall(SYS_gettid);
}

static void *sleeper(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

static void *chdir_tmp(void *arg)
{
    (void)arg;
    return (void *)(long)chdir("/tmp");
}

static void *spinner(void *arg)
{
    (void)arg;
    for (;;)
        ;
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, adder, (void *)(long)i);
    long sum = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (long)r;
    }
    CHECK(counter == 40000, "4 threads x 10000 increments under a mutex");
    CHECK(sum == 6, "join returns each thread's value");

    pthread_create(&t[0], NULL, ids, NULL);
    pthread_join(t[0], NULL);
    CHECK(thread_pid == getpid(), "a thread has the process's pid");
    CHECK(thread_tid != getpid() && thread_tid > 0, "and its own thread id");

    pthread_create(&t[0], NULL, waiter, NULL);
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    void *r;
    pthread_join(t[0], &r);
    CHECK(r == (void *)42, "a condition variable wakes the waiting thread");

    char cwd[64] = "";
    chdir("/");
    pthread_create(&t[0], NULL, chdir_tmp, NULL);
    pthread_join(t[0], &r);
    CHECK(r == 0 && getcwd(cwd, sizeof cwd) && cwd[1] == 't', "a thread's chdir is the process's (CLONE_FS)");
    chdir("/");

    signal(SIGUSR1, on_usr1);
    pthread_create(&t[1], NULL, sleeper, NULL);
    usleep(20000);
    pthread_kill(t[1], SIGUSR1);
    for (int i = 0; i < 200 && !got_usr1; i++)
        usleep(1000);
    CHECK(got_usr1 == 1 && usr1_tid != getpid(), "pthread_kill reaches that thread");

    /* A child process with threads: exit_group from main ends them all. */
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        pthread_t s[2];
        pthread_create(&s[0], NULL, spinner, NULL);
        pthread_create(&s[1], NULL, sleeper, NULL);
        usleep(10000);
        _exit(7); /* exit_group */
    }
    int st;
    CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 7,
          "exit_group ends a process whose threads still run");

    c = fork();
    if (c == 0) {
        pthread_t s;
        pthread_create(&s, NULL, spinner, NULL);
        usleep(10000);
        raise(SIGTERM); /* a fatal signal kills every thread */
        for (;;)
            pause();
    }
    CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "a fatal signal ends all threads");

    c = fork();
    if (c == 0) {
        pthread_t s;
        pthread_create(&s, NULL, spinner, NULL);
        pthread_exit(NULL); /* main thread leaves; the process lives on */
    }
    usleep(30000);
    CHECK(waitpid(c, &st, WNOHANG) == 0, "the process lives while a thread does, after main's pthread_exit");
    kill(c, SIGKILL);
    CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "SIGKILL ends it");
    return failures;
}
