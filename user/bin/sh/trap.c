/*
 * trap.c - trap and kill: signal names, the trap table, and running the
 * actions of caught signals at safe points (XCU 2.14 trap).
 *
 * A caught signal only marks itself pending (the handler can do nothing
 * else safely); traps_run_pending runs the actions between commands and
 * when `wait` is interrupted, with $? kept as it was. The handler is
 * installed without SA_RESTART so that a blocking waitpid in `wait`
 * returns EINTR (and `wait` returns 128+N as POSIX says).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sh.h"

#define NSIGS 65 /* 0 = EXIT, 1..64 */

static char *actions[NSIGS];          /* NULL: default; "": ignored; else a command */
static bool ignored_at_entry[NSIGS];  /* non-interactive: such signals stay ignored */
static volatile sig_atomic_t pending[NSIGS];
static volatile sig_atomic_t any_pending;

/* Linux x86_64's numbers; 32 and 33 belong to the C library's threads. */
static const char *const names[32] = {
    "EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
    "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
    "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

const char *signal_name(int sig)
{
    static char buf[16];
    if (sig >= 0 && sig < 32)
        return names[sig];
    if (sig < SIGRTMIN || sig > SIGRTMAX)
        return NULL;
    /* bash's names: RTMIN+1..RTMIN+15, then RTMAX-14..RTMAX */
    if (sig == SIGRTMIN)
        return "RTMIN";
    if (sig == SIGRTMAX)
        return "RTMAX";
    if (sig - SIGRTMIN <= 15)
        snprintf(buf, sizeof buf, "RTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(buf, sizeof buf, "RTMAX-%d", SIGRTMAX - sig);
    return buf;
}

int signal_number(const char *s)
{
    if (*s >= '0' && *s <= '9') {
        char *end;
        long n = strtol(s, &end, 10);
        return *end || n >= NSIGS ? -1 : (int)n;
    }
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (int i = 0; i < NSIGS; i++) {
        const char *n = signal_name(i);
        if (n && strcasecmp(n, s) == 0)
            return i;
    }
    return -1;
}

static void on_signal(int sig)
{
    pending[sig] = 1;
    any_pending = 1;
}

void traps_init(void)
{
    for (int i = 1; i < NSIGS; i++) {
        struct sigaction old;
        if (sigaction(i, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            ignored_at_entry[i] = true;
    }
}

/* What a signal does when no trap is set: the interactive shell ignores
 * the job-control and keyboard signals itself (main.c). */
static sighandler_t default_disposition(int sig)
{
    if (ignored_at_entry[sig] && !interactive)
        return SIG_IGN;
    if (interactive && (sig == SIGINT || sig == SIGQUIT || sig == SIGTSTP || sig == SIGTTIN ||
                        sig == SIGTTOU))
        return SIG_IGN;
    return SIG_DFL;
}

static void install(int sig)
{
    if (sig == 0)
        return;
    struct sigaction act;
    memset(&act, 0, sizeof act);
    sigemptyset(&act.sa_mask);
    if (ignored_at_entry[sig] && !interactive)
        act.sa_handler = SIG_IGN; /* POSIX: it stays ignored (the trap is listed, as dash does) */
    else if (!actions[sig])
        act.sa_handler = default_disposition(sig);
    else if (!*actions[sig])
        act.sa_handler = SIG_IGN;
    else
        act.sa_handler = on_signal; /* no SA_RESTART: `wait` must see EINTR */
    sigaction(sig, &act, NULL);
}

/* Returns 0, or 1 after printing why the signal cannot be trapped. */
static int trap_set(const char *name, const char *action)
{
    /* KILL and STOP are accepted and listed, as dash and bash do; the
     * kernel refuses them, so they keep their default action. */
    int sig = signal_number(name);
    if (sig < 0) {
        sh_error("trap: %s: bad trap", name);
        return 1;
    }
    free(actions[sig]);
    actions[sig] = action ? xstrdup(action) : NULL;
    install(sig);
    return 0;
}

bool trap_ignored(int sig)
{
    return sig > 0 && sig < NSIGS && actions[sig] && !*actions[sig];
}

int trap_pending_signal(void)
{
    if (!any_pending)
        return 0;
    for (int i = 1; i < NSIGS; i++)
        if (pending[i])
            return i;
    return 0;
}

static void run_action(const char *action, int status)
{
    char *copy = xstrdup(action); /* the action may change its own trap */
    int saved = last_status;
    last_status = status;
    run_text(copy, true);
    last_status = saved;
    free(copy);
}

void traps_run_pending(void)
{
    static bool running;
    if (!any_pending || running)
        return;
    running = true;
    any_pending = 0;
    for (int i = 1; i < NSIGS; i++) {
        if (!pending[i])
            continue;
        pending[i] = 0;
        if (actions[i] && *actions[i])
            run_action(actions[i], last_status);
    }
    running = false;
}

void traps_reset_subshell(void)
{
    for (int i = 0; i < NSIGS; i++) {
        pending[i] = 0;
        if (actions[i] && *actions[i]) {
            free(actions[i]);
            actions[i] = NULL;
            install(i);
        }
    }
    any_pending = 0;
}

void trap_run_exit(void)
{
    char *action = actions[0];
    if (!action)
        return;
    actions[0] = NULL; /* once: an `exit` inside the action really exits */
    if (*action) {
        int st = last_status;
        run_text(action, true);
        last_status = st;
    }
    free(action);
}

/* trap [ACTION CONDITION...] | [-] CONDITION... | (none: the list, re-readable) */
int bi_trap(int argc, char **argv)
{
    int i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        for (int s = 0; s < NSIGS; s++) {
            if (!actions[s])
                continue;
            fputs("trap -- ", stdout);
            sh_print_quoted(actions[s]);
            printf(" %s\n", signal_name(s));
        }
        return 0;
    }
    const char *action = argv[i];
    /* POSIX: `trap N...` with a number first, or a lone condition, resets */
    if (i + 1 >= argc || (action[0] >= '0' && action[0] <= '9' && signal_number(action) >= 0)) {
        action = NULL;
    } else {
        if (strcmp(action, "-") == 0)
            action = NULL;
        i++;
    }
    int st = 0;
    for (; i < argc; i++)
        st |= trap_set(argv[i], action);
    return st;
}

/* kill -l in bash's columns: "%2d) SIG%s", five to a line, tab-separated. */
static void list_signals(void)
{
    int col = 0;
    for (int s = 1; s < NSIGS; s++) {
        const char *n = signal_name(s);
        if (!n)
            continue;
        printf("%2d) SIG%s%c", s, n, ++col % 5 ? '\t' : '\n');
    }
    if (col % 5)
        putchar('\n');
}

/* kill -l [STATUS|NAME...]: a number (or an exit status 128+N) gives the name, a name its number */
static int list_args(int argc, char **argv, int i)
{
    if (i >= argc) {
        list_signals();
        return 0;
    }
    int st = 0;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (*a >= '0' && *a <= '9') {
            long n = strtol(a, NULL, 10);
            if (n > 128)
                n -= 128;
            const char *name = n > 0 && n < NSIGS ? signal_name((int)n) : NULL;
            if (!name) {
                sh_error("kill: %s: invalid signal specification", a);
                st = 1;
                continue;
            }
            printf("%s\n", name);
        } else {
            int n = signal_number(a);
            if (n <= 0) {
                sh_error("kill: %s: invalid signal specification", a);
                st = 1;
                continue;
            }
            printf("%d\n", n);
        }
    }
    return st;
}

int bi_kill(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (i < argc && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0))
        return list_args(argc, argv, i + 1);
    if (i < argc && strcmp(argv[i], "-s") == 0) {
        if (i + 1 >= argc) {
            sh_error("kill: -s: option requires an argument");
            return 2;
        }
        sig = signal_number(argv[i + 1]);
        i += 2;
    } else if (i < argc && strcmp(argv[i], "--") == 0) {
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        sig = signal_number(argv[i] + 1);
        i++;
    }
    if (sig < 0) {
        sh_error("kill: %s: invalid signal specification", argv[i - 1]);
        return 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        fprintf(stderr, "usage: kill [-s SIGNAL | -SIGNAL] PID|%%JOB... | -l [STATUS]\n");
        return 2;
    }
    int st = 0;
    for (; i < argc; i++) {
        pid_t pid;
        struct job *j = NULL;
        if (argv[i][0] == '%') {
            j = job_find(argv[i]);
            if (!j) {
                sh_error("kill: %s: no such job", argv[i]);
                st = 1;
                continue;
            }
            pid = interactive ? -j->pgid : j->pids[0];
        } else {
            char *end;
            long n = strtol(argv[i], &end, 10);
            if (!argv[i][0] || *end) {
                sh_error("kill: %s: arguments must be process or job IDs", argv[i]);
                st = 1;
                continue;
            }
            pid = (pid_t)n;
        }
        if (kill(pid, sig) < 0) {
            sh_error("kill: (%s) - %s", argv[i], strerror(errno));
            st = 1;
            continue;
        }
        if (j && j->state == JOB_STOPPED && sig != SIGSTOP && sig != SIGTSTP && sig != SIGCONT)
            kill(pid, SIGCONT); /* a stopped job would not act on it until continued */
    }
    return st;
}
