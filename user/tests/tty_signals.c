/*
 * tty_signals.c - the console as a terminal (console=tty): Ctrl-C typed
 * on it interrupts the foreground process group. Run by the boot test
 * "tty-ctrl-c" (tests/boots.py), which types the keys when the prompts
 * appear. Needs a real console, so it is not a tinyos-run test.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static volatile int got;
static void on_int(int sig) { got = sig; }

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("isatty: %d\n", isatty(0));
    printf("foreground group: %d (mine %d)\n", (int)tcgetpgrp(0), (int)getpgrp());
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_int; /* no SA_RESTART: the read is interrupted */
    sigaction(SIGINT, &sa, NULL);
    printf("ready: press ^C\n");
    char buf[64];
    ssize_t n = read(0, buf, sizeof buf);
    printf("read returned %zd (%s), signal %d\n", n, n < 0 ? strerror(errno) : "data", got);

    pid_t c = fork();
    if (c == 0) {
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL);
        for (;;)
            pause();
    }
    setpgid(c, c);
    tcsetpgrp(0, c);
    printf("foreground now the child's group: %d\n", tcgetpgrp(0) == c);
    printf("ready2: press ^C\n");
    int st;
    waitpid(c, &st, 0);
    printf("child killed by SIGINT: %d\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGINT);
    tcsetpgrp(0, getpgrp());
    printf("done\n");
    return 0;
}
