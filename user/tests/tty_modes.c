/*
 * tty_modes.c - the console's line discipline (console=tty), driven by
 * the boot test "tty-modes" (tests/suites/kernel_userland.py), which
 * types keys on the serial line when each "[pN]" prompt appears:
 * canonical editing (erase by DEL and BS, Ctrl-U, Ctrl-W, Ctrl-D), echo
 * off, raw mode with VMIN/VTIME and ICRNL on or off, TCSETSF dropping
 * typed-ahead input, ONLCR off, TIOCGWINSZ/TIOCGPGRP, Ctrl-Z stopping the
 * foreground group and SIGTTIN stopping a background reader.
 * Prints "ok - ..." / "not ok - ..." and ends with "tty-modes: N failures".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s - %s\n", ok ? "ok" : "not ok", what);
    if (!ok)
        failures++;
}

/* Prints the prompt the test runner waits for, then reads once. */
static ssize_t prompt_read(const char *prompt, char *buf, size_t n)
{
    printf("%s\n", prompt);
    ssize_t r = read(0, buf, n - 1);
    buf[r > 0 ? r : 0] = '\0';
    return r;
}

static void set_mode(struct termios *t, int how) { tcsetattr(0, how, t); }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGTTOU, SIG_IGN); /* tcsetpgrp from the background, as shells do */
    char buf[256];
    struct termios orig, t;
    check(tcgetattr(0, &orig) == 0, "tcgetattr");
    check((orig.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG) && (orig.c_iflag & ICRNL) &&
              (orig.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR),
          "the default mode is canonical with echo, ISIG, ICRNL, OPOST|ONLCR");
    struct winsize ws;
    check(ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0, "TIOCGWINSZ");
    check(tcgetpgrp(0) == getpgrp(), "TIOCGPGRP is this process's group");

    prompt_read("[p1]", buf, sizeof buf); /* types ab DEL c BS d CR */
    check(strcmp(buf, "ad\n") == 0, "DEL and BS erase, CR ends the line as NL");
    prompt_read("[p2]", buf, sizeof buf); /* xyz ^U ok CR */
    check(strcmp(buf, "ok\n") == 0, "Ctrl-U kills the line");
    prompt_read("[p3]", buf, sizeof buf); /* one two ^W three CR */
    check(strcmp(buf, "one three\n") == 0, "Ctrl-W erases a word");
    ssize_t r = prompt_read("[p4]", buf, sizeof buf); /* ^D */
    check(r == 0, "Ctrl-D at the start of a line is end of file");
    r = prompt_read("[p5]", buf, sizeof buf); /* part ^D */
    check(r == 4 && strcmp(buf, "part") == 0, "Ctrl-D after text hands it over without a newline");

    t = orig;
    t.c_lflag &= ~(tcflag_t)ECHO;
    set_mode(&t, TCSANOW);
    prompt_read("[p6]", buf, sizeof buf); /* hidden42 CR */
    check(strcmp(buf, "hidden" "42\n") == 0, "echo off still reads the line");

    t = orig;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_iflag &= ~(tcflag_t)ICRNL;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    set_mode(&t, TCSANOW);
    r = prompt_read("[p7]", buf, sizeof buf); /* CR */
    check(r == 1 && buf[0] == '\r', "raw mode without ICRNL: Enter reads as CR");
    t.c_iflag |= ICRNL;
    set_mode(&t, TCSANOW);
    r = prompt_read("[p8]", buf, sizeof buf); /* CR */
    check(r == 1 && buf[0] == '\n', "raw mode with ICRNL: Enter reads as NL");
    t.c_cc[VMIN] = 3;
    set_mode(&t, TCSANOW);
    size_t got = 0;
    printf("[p9]\n"); /* x, then yz */
    r = read(0, buf, sizeof buf);
    check(r == 3 && memcmp(buf, "xyz", 3) == 0, "VMIN=3 waits for three bytes");
    (void)got;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    set_mode(&t, TCSANOW);
    check(read(0, buf, sizeof buf) == 0, "VMIN=0 VTIME=0 returns 0 when nothing was typed");
    t.c_cc[VTIME] = 3;
    set_mode(&t, TCSANOW);
    double t0 = now();
    r = read(0, buf, sizeof buf);
    double dt = now() - t0;
    check(r == 0 && dt > 0.2 && dt < 2.0, "VMIN=0 VTIME=3 times out after 0.3 s");

    set_mode(&orig, TCSANOW);
    printf("[p10]\n"); /* junk CR, typed while we sleep */
    sleep(1);
    set_mode(&orig, TCSAFLUSH);
    prompt_read("[p11]", buf, sizeof buf); /* good CR */
    check(strcmp(buf, "good\n") == 0, "TCSAFLUSH drops typed-ahead input");

    t = orig;
    t.c_oflag &= ~(tcflag_t)ONLCR;
    set_mode(&t, TCSADRAIN);
    printf("crlf-check\r\n"); /* with ONLCR still on this would end in CR CR LF */
    set_mode(&orig, TCSANOW);

    /* Ctrl-Z stops the foreground group. */
    pid_t c = fork();
    if (c == 0) {
        setpgid(0, 0);
        for (;;)
            pause();
    }
    setpgid(c, c);
    tcsetpgrp(0, c);
    printf("[p12]\n"); /* ^Z */
    int st = 0;
    waitpid(c, &st, WUNTRACED);
    check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "Ctrl-Z stops the foreground group with SIGTSTP");
    tcsetpgrp(0, getpgrp());
    kill(c, SIGKILL);
    waitpid(c, &st, 0);

    /* A background group reading the terminal: SIGTTIN stops it; if it
     * ignores SIGTTIN, the read fails with EIO. */
    c = fork();
    if (c == 0) {
        setpgid(0, 0);
        _exit(read(0, buf, 1) < 0 ? 100 : 101);
    }
    setpgid(c, c);
    waitpid(c, &st, WUNTRACED);
    check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN, "a background reader is stopped by SIGTTIN");
    kill(c, SIGKILL);
    waitpid(c, &st, 0);
    c = fork();
    if (c == 0) {
        setpgid(0, 0);
        signal(SIGTTIN, SIG_IGN);
        errno = 0;
        _exit(read(0, buf, 1) < 0 && errno == EIO ? 0 : 1);
    }
    setpgid(c, c);
    waitpid(c, &st, 0);
    check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a background reader ignoring SIGTTIN gets EIO");

    printf("tty-modes: %d failures\n", failures);
    return failures;
}
