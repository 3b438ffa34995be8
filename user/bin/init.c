/* init (/sbin/init, PID 1): sets up the environment, greets, then keeps
 * an interactive /bin/sh running on the console. It waits for any child,
 * so orphans re-parented to PID 1 are reaped; when the shell exits a new
 * one starts (after a pause if shells keep dying at once). init never
 * exits: if /bin/sh is missing it says so, keeps reaping and retries. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define FAST_EXIT_SECONDS 1 /* a shell that lives less than this "failed" */
#define FAST_EXITS_BEFORE_PAUSE 5
#define PAUSE_SECONDS 10

/* Signals that would otherwise stop or end init: the kernel sends the
 * console's Ctrl-C and friends to the foreground group, which is the
 * shell's, but init ignores them all the same. The shell gets the default
 * actions back (ignored signals survive execve). */
static const int guarded[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP, SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2};

static void set_guarded(void (*action)(int))
{
    for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++)
        signal(guarded[i], action);
}

static long long now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static void show_motd(void)
{
    int fd = open("/etc/motd", O_RDONLY);
    if (fd < 0) {
        printf("Welcome to Tiny OS.\n");
        fflush(stdout);
        return;
    }
    char buf[1024];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n)
            break;
    close(fd);
}

/* Starts the shell as the leader of a new session and the console's
 * foreground process group, so Ctrl-C reaches its jobs and not init. */
static pid_t start_shell(void)
{
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "init: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid > 0)
        return pid;
    setsid();
    tcsetpgrp(0, getpid()); /* fails harmlessly when the console is a pipe */
    set_guarded(SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    char *argv[] = {"sh", NULL};
    execv(SHELL, argv);
    fprintf(stderr, "init: cannot run %s: %s\n", SHELL, strerror(errno));
    _exit(127);
}

/* Reaps every child until `shell` ends; returns its wait status. With no
 * shell (-1), reaps whatever there is for `seconds` and returns. */
static int reap_until(pid_t shell, int seconds)
{
    long long deadline = now_seconds() + seconds;
    for (;;) {
        int status;
        pid_t pid = shell > 0 ? wait(&status) : waitpid(-1, &status, WNOHANG);
        if (shell > 0 && pid == shell)
            return status;
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid <= 0 && shell > 0) /* ECHILD: the shell is gone already */
            return 0;
        if (pid <= 0) {
            if (now_seconds() >= deadline)
                return 0;
            sleep(1);
        }
    }
}

static void describe_exit(int status)
{
    if (WIFSIGNALED(status))
        fprintf(stderr, "init: %s was killed by signal %d (%s); starting a new one\n", SHELL, WTERMSIG(status),
                strsignal(WTERMSIG(status)));
    else
        fprintf(stderr, "init: %s exited with status %d; starting a new one\n", SHELL, WEXITSTATUS(status));
}

int main(void)
{
    set_guarded(SIG_IGN);
    /* What the kernel passes (HOME, PATH, TERM) stays; gaps get defaults. */
    setenv("PATH", "/bin:/sbin", 0);
    setenv("HOME", "/", 0);
    setenv("TERM", "linux", 0);
    setenv("SHELL", SHELL, 0);
    if (chdir("/") != 0)
        fprintf(stderr, "init: chdir /: %s\n", strerror(errno));
    show_motd();

    int fast_exits = 0;
    for (;;) {
        if (access(SHELL, X_OK) != 0) {
            fprintf(stderr, "init: %s: %s; retrying in %d s\n", SHELL, strerror(errno), PAUSE_SECONDS);
            reap_until(-1, PAUSE_SECONDS);
            continue;
        }
        long long started = now_seconds();
        pid_t shell = start_shell();
        if (shell < 0) {
            reap_until(-1, 1);
            continue;
        }
        int status = reap_until(shell, 0);
        describe_exit(status);
        fast_exits = now_seconds() - started < FAST_EXIT_SECONDS ? fast_exits + 1 : 0;
        if (fast_exits >= FAST_EXITS_BEFORE_PAUSE) {
            fprintf(stderr, "init: %s keeps exiting at once; waiting %d s\n", SHELL, PAUSE_SECONDS);
            reap_until(-1, PAUSE_SECONDS);
            fast_exits = 0;
        }
    }
}
