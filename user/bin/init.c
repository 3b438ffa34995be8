/* init (/sbin/init, PID 1): sets up the environment, greets, then keeps
 * an interactive /bin/sh running on the console. It waits for any child,
 * so orphans re-parented to PID 1 are reaped; when the shell exits a new
 * one starts (after a pause if shells keep dying at once). init never
 * exits: if /bin/sh is missing it says so, keeps reaping and retries.
 *
 * Shutdown, on BusyBox init's signals (what poweroff, reboot and halt
 * send without -f): SIGUSR2 powers off, SIGTERM reboots, SIGUSR1 halts.
 * init then stops every other process (SIGTERM, a moment's grace,
 * SIGKILL), unmounts every file system it can and remounts / read-only
 * (so a disk file system is marked clean), syncs, and calls reboot(2). */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/print_file.h"

#define SHELL "/bin/sh"
#define FAST_EXIT_SECONDS 1 /* a shell that lives less than this "failed" */
#define FAST_EXITS_BEFORE_PAUSE 5
#define PAUSE_SECONDS 10
#define TERM_GRACE_SECONDS 2 /* SIGTERM to SIGKILL at shutdown */

/* Signals that would otherwise stop or end init: the kernel sends the
 * console's Ctrl-C and friends to the foreground group, which is the
 * shell's, but init ignores them all the same. The shell gets the default
 * actions back (ignored signals survive execve). */
static const int guarded[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP, SIGPIPE};

/* The shutdown signals: set by the handler, acted on in the main loop
 * (a handler may not do the work: it would interrupt anything). */
static volatile sig_atomic_t shutdown_signal;

static void on_shutdown_signal(int sig)
{
    shutdown_signal = sig;
}

/* No SA_RESTART: the wait() init sleeps in returns EINTR at once. */
static void catch_shutdown_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_shutdown_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
}

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

/* TERM for the console's shell, as getty sets it for its line: the
 * kernel's console= names where the user sits (the last one given wins,
 * as for Linux's /dev/console). A serial line (ttyS0) gets vt100: the
 * terminal at its far end is unknown, and VT100's sequences are the
 * ones every terminal emulator (xterm, screen, minicom, QEMU's own serial
 * window) understands; the VGA screen (tty0) is `linux`, the kernel's
 * terminal. Without console= the kernel's TERM (linux) stays, as on
 * Linux, where the console is the VGA screen unless told otherwise. */
static void set_term_from_console(void)
{
    char line[4096];
    FILE *f = fopen("/proc/cmdline", "r");
    if (!f)
        return;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    const char *console = NULL;
    for (char *save, *w = strtok_r(line, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
        if (strcmp(w, "--") == 0)
            break; /* init's own arguments follow */
        if (strncmp(w, "console=", 8) == 0)
            console = w + 8;
    }
    if (!console)
        return;
    if (strncmp(console, "ttyS", 4) == 0)
        setenv("TERM", "vt100", 1);
    else if (strncmp(console, "tty", 3) == 0 && console[3] >= '0' && console[3] <= '9')
        setenv("TERM", "linux", 1);
}

static void show_motd(void)
{
    if (!print_file("/etc/motd")) {
        printf("Welcome to Tiny OS.\n");
        fflush(stdout);
    }
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
    signal(SIGTERM, SIG_DFL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    char *argv[] = {"-sh", NULL}; /* a login shell, as login(1) starts it: it reads /etc/profile */
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
        if (shutdown_signal)
            return 0;
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

/* Reaps children until none is left or `seconds` have passed. */
static void reap_all(int seconds)
{
    long long deadline = now_seconds() + seconds;
    for (;;) {
        pid_t pid = waitpid(-1, NULL, WNOHANG);
        if (pid < 0 && errno != EINTR)
            return; /* ECHILD: everyone is gone */
        if (pid > 0)
            continue;
        if (now_seconds() >= deadline)
            return;
        struct timespec tick = {0, 50 * 1000 * 1000};
        nanosleep(&tick, NULL);
    }
}

/* Unmounts what can be, deepest (latest) first, then remounts / read-only:
 * a file system left mounted read-write is "not clean" on disk. Errors
 * are expected (/ itself, busy mounts) and change nothing. */
static void unmount_all(void)
{
    static char dirs[64][256];
    int n = 0;
    FILE *f = fopen("/proc/mounts", "r");
    if (f) {
        char line[1024];
        while (n < 64 && fgets(line, sizeof line, f)) {
            char *save, *dir = (strtok_r(line, " ", &save), strtok_r(NULL, " ", &save));
            if (dir && strcmp(dir, "/") && strlen(dir) < sizeof dirs[0])
                strcpy(dirs[n++], dir);
        }
        fclose(f);
    }
    while (n-- > 0)
        umount2(dirs[n], 0);
    mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY, NULL);
}

static void shut_down(int sig)
{
    int how = sig == SIGUSR2 ? (int)RB_POWER_OFF : sig == SIGTERM ? (int)RB_AUTOBOOT : (int)RB_HALT_SYSTEM;
    const char *what = sig == SIGUSR2 ? "power off" : sig == SIGTERM ? "reboot" : "halt";
    fprintf(stderr, "init: the system is going down for %s\n", what);
    sync();
    kill(-1, SIGTERM);
    kill(-1, SIGCONT); /* stopped processes must run to die */
    reap_all(TERM_GRACE_SECONDS);
    kill(-1, SIGKILL);
    reap_all(TERM_GRACE_SECONDS);
    sync();
    unmount_all();
    sync();
    reboot(how);
    fprintf(stderr, "init: reboot(2): %s\n", strerror(errno));
}

int main(void)
{
    set_guarded(SIG_IGN);
    catch_shutdown_signals();
    /* What the kernel passes (PATH, TERM) stays; gaps get defaults. The
     * console's shell is root's login, so HOME, USER, LOGNAME and SHELL
     * are root's from /etc/passwd as login(1) sets them (the kernel's
     * HOME=/ is only for init itself), and TERM names the console. */
    setenv("PATH", "/bin:/sbin:/usr/bin", 0);
    setenv("TERM", "linux", 0);
    set_term_from_console();
    setenv("SHELL", SHELL, 0);
    struct passwd *pw = getpwuid(getuid());
    setenv("HOME", pw && pw->pw_dir[0] ? pw->pw_dir : "/", 1);
    if (pw) {
        setenv("USER", pw->pw_name, 1);
        setenv("LOGNAME", pw->pw_name, 1);
        if (pw->pw_shell && pw->pw_shell[0])
            setenv("SHELL", pw->pw_shell, 1);
    }
    if (chdir("/") != 0)
        fprintf(stderr, "init: chdir /: %s\n", strerror(errno));
    show_motd();

    int fast_exits = 0;
    for (;;) {
        if (shutdown_signal) {
            shut_down(shutdown_signal);
            shutdown_signal = 0; /* reboot(2) failed: carry on */
        }
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
        if (shutdown_signal)
            continue;
        describe_exit(status);
        fast_exits = now_seconds() - started < FAST_EXIT_SECONDS ? fast_exits + 1 : 0;
        if (fast_exits >= FAST_EXITS_BEFORE_PAUSE) {
            fprintf(stderr, "init: %s keeps exiting at once; waiting %d s\n", SHELL, PAUSE_SECONDS);
            reap_until(-1, PAUSE_SECONDS);
            fast_exits = 0;
        }
    }
}
