/* kill: send a signal to processes (or, with a negative PID, to a
 * process group). kill [-SIGNAL | -s SIGNAL | -n NUM] PID...; the signal
 * is a name (TERM, SIGTERM) or a number; the default is SIGTERM.
 * kill -l lists the signal names; kill -l N names signal N. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {
    [SIGHUP] = "HUP",   [SIGINT] = "INT",     [SIGQUIT] = "QUIT",  [SIGILL] = "ILL",       [SIGTRAP] = "TRAP",
    [SIGABRT] = "ABRT", [SIGBUS] = "BUS",     [SIGFPE] = "FPE",    [SIGKILL] = "KILL",     [SIGUSR1] = "USR1",
    [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",   [SIGPIPE] = "PIPE",  [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",
    [16] = "STKFLT",    [SIGCHLD] = "CHLD",   [SIGCONT] = "CONT",  [SIGSTOP] = "STOP",     [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",   [SIGURG] = "URG",    [SIGXCPU] = "XCPU",     [SIGXFSZ] = "XFSZ",
    [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH", [SIGIO] = "POLL",    [SIGPWR] = "PWR",
    [SIGSYS] = "SYS",
};
#define NNAMES ((int)(sizeof names / sizeof *names))

/* A signal name or number; -1 if neither. */
static int parse_signal(const char *s)
{
    if (isdigit((unsigned char)*s)) {
        char *end;
        long n = strtol(s, &end, 10);
        return *end || n < 0 || n >= 65 ? -1 : (int)n;
    }
    if (!strncasecmp(s, "SIG", 3))
        s += 3;
    for (int i = 1; i < NNAMES; i++)
        if (names[i] && !strcasecmp(s, names[i]))
            return i;
    if (!strcasecmp(s, "IOT"))
        return SIGABRT;
    if (!strcasecmp(s, "IO"))
        return SIGIO;
    if (!strcasecmp(s, "CLD"))
        return SIGCHLD;
    return -1;
}

static int list(const char *arg)
{
    if (arg) {
        int sig = isdigit((unsigned char)*arg) ? atoi(arg) : parse_signal(arg);
        if (sig > 128)
            sig -= 128; /* an exit status of a killed process */
        if (sig <= 0 || sig >= NNAMES || !names[sig])
            errx(1, "unknown signal: %s", arg);
        if (isdigit((unsigned char)*arg))
            printf("%s\n", names[sig]);
        else
            printf("%d\n", sig);
        return 0;
    }
    for (int i = 1; i < NNAMES; i++)
        printf("%s%s", names[i], i + 1 < NNAMES ? " " : "\n");
    return 0;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (i < argc && (!strcmp(argv[i], "-l") || !strcmp(argv[i], "-L")))
        return list(argv[i + 1]);
    if (i < argc && (!strcmp(argv[i], "-s") || !strcmp(argv[i], "-n"))) {
        if (i + 1 >= argc)
            errx(1, "option requires an argument -- '%c'", argv[i][1]);
        if ((sig = parse_signal(argv[i + 1])) < 0)
            errx(1, "unknown signal: %s", argv[i + 1]);
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
        if ((sig = parse_signal(argv[i] + 1)) < 0)
            errx(1, "unknown signal: %s", argv[i] + 1);
        i++;
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i == argc) {
        fputs("Usage: kill [-SIGNAL | -s SIGNAL] PID...\n       kill -l [SIGNAL]\n", stderr);
        return 1;
    }
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (!*argv[i] || *end) {
            warnx("failed to parse argument: '%s'", argv[i]);
            status = 1;
            continue;
        }
        if (kill((pid_t)pid, sig) != 0) {
            warn("(%ld)", pid);
            status = 1;
        }
    }
    return status;
}
