/* misc_test - gmtime/strftime of fixed times, setjmp/longjmp,
 * signals (sigaction, masks, raise, kill, SIGCHLD), processes (fork,
 * pipe, waitpid statuses), and descriptor calls, compared with glibc. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- time ---- */

static void time_cases(void)
{
    static const time_t times[] = {0, 1, 59, 86399, 86400, 951782400 /* 2000-02-29 */, 951868800,
                                   1000000000, 1234567890, 1700000000, 2147483647, 4102444800 /* 2100 */,
                                   -1, -86401, -2208988800 /* 1900 */, 253402300799 /* 9999-12-31 */};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        struct tm tm;
        gmtime_r(&times[i], &tm);
        char buf[128];
        size_t n = strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %e|%A %B %j %y %C %I %p %u %w|%D %F %T %R %%",
                            &tm);
        printf("%ld: %zu [%s] yday=%d wday=%d isdst=%d\n", (long)times[i], n, buf, tm.tm_yday, tm.tm_wday,
               tm.tm_isdst);
    }
    time_t t = 1234567890;
    struct tm *tm = gmtime(&t);
    char small[8];
    printf("too small: %zu\n", strftime(small, sizeof small, "%Y-%m-%d", tm));
    printf("exact fit: %zu\n", strftime(small, sizeof small, "%H:%M:%S" + 3, tm)); /* "%M:%S" */
    const char *volatile empty = "";
    printf("empty: %zu\n", strftime(small, sizeof small, empty, tm));
    printf("%%c: ");
    char buf[64];
    strftime(buf, sizeof buf, "%c|%x|%X|%h|%n|%t|%k|%l", tm);
    printf("%s\n", buf);
    /* Sane on any date (the suite runs with the guest clock anywhere, even
     * in 1999): time() agrees with CLOCK_REALTIME to the second. */
    time_t now = time(NULL);
    struct timespec ts, rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    printf("time() sane: %d, monotonic sane: %d\n", now > 0 && rt.tv_sec >= now && rt.tv_sec - now <= 1,
           ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
}

/* ---- setjmp ---- */

static jmp_buf env;
static int depth;
static volatile int dive_limit = 10; /* volatile: gcc must not reason the recursion away */

static void dive(int n)
{
    depth = n;
    if (n < dive_limit)
        dive(n + 1);
    else if (n == dive_limit)
        longjmp(env, n * 100);
}

static void setjmp_cases(void)
{
    volatile int count = 0;
    int r = setjmp(env);
    count++;
    if (r == 0)
        dive(0);
    printf("setjmp: r=%d depth=%d count=%d\n", r, depth, count);
    r = setjmp(env);
    if (r == 0)
        longjmp(env, 0);
    printf("longjmp(env, 0) gives %d\n", r);
}

/* ---- signals ---- */

static volatile sig_atomic_t got_usr1, got_usr2, got_chld, info_signo, info_code_user;

static void on_usr1(int sig)
{
    got_usr1 += sig == SIGUSR1;
}

static void on_usr2_info(int sig, siginfo_t *info, void *ctx)
{
    (void)ctx;
    got_usr2 = sig;
    info_signo = info->si_signo;
    info_code_user = info->si_pid == getpid();
}

static void on_chld(int sig)
{
    (void)sig;
    got_chld++;
}

static void signal_cases(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    printf("sigaction: %d\n", sigaction(SIGUSR1, &sa, NULL));
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("handled SIGUSR1 x%d\n", (int)got_usr1);

    sa.sa_sigaction = on_usr2_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("SA_SIGINFO: sig=%d si_signo=%d si_pid is me=%d\n", (int)got_usr2, (int)info_signo, (int)info_code_user);

    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    printf("old handler is on_usr1: %d\n", old.sa_handler == on_usr1);

    sigset_t set, oldset, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    printf("sigismember: %d %d\n", sigismember(&set, SIGUSR1), sigismember(&set, SIGUSR2));
    sigprocmask(SIG_BLOCK, &set, &oldset);
    raise(SIGUSR1);
    sigpending(&pending);
    printf("blocked: handled x%d, pending=%d\n", (int)got_usr1, sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_SETMASK, &oldset, NULL);
    printf("unblocked: handled x%d\n", (int)got_usr1);

    printf("signal(SIG_IGN) returns old: %d\n", signal(SIGUSR1, SIG_IGN) == on_usr1);
    raise(SIGUSR1); /* ignored */
    printf("ignored: handled x%d\n", (int)got_usr1);
    errno = 0;
    printf("bad signal: %d errno=%d\n", sigaction(0, &sa, NULL), errno);
    errno = 0;
    printf("SIGKILL: %d errno=%d\n", sigaction(SIGKILL, &sa, NULL), errno);
    sigfillset(&set);
    printf("sigfillset: %d %d\n", sigismember(&set, SIGINT), sigismember(&set, 64));
    sigdelset(&set, SIGINT);
    printf("sigdelset: %d\n", sigismember(&set, SIGINT));
}

/* ---- processes ---- */

static void process_cases(void)
{
    signal(SIGCHLD, on_chld);
    fflush(stdout); /* the child must not flush our buffer again */
    int fds[2];
    printf("pipe: %d\n", pipe(fds));
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dprintf(fds[1], "hello from the child\n");
        _exit(7);
    }
    close(fds[1]);
    char buf[64];
    ssize_t n = read(fds[0], buf, sizeof buf);
    printf("read %zd: %.*s", n, (int)n, buf);
    close(fds[0]);
    int status;
    printf("waitpid is the child: %d\n", waitpid(pid, &status, 0) == pid);
    printf("exited=%d status=%d signaled=%d got SIGCHLD=%d\n", WIFEXITED(status), WEXITSTATUS(status),
           WIFSIGNALED(status), got_chld > 0);

    pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        pause();
        _exit(0);
    }
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    printf("killed: exited=%d signaled=%d sig=%d (%s)\n", WIFEXITED(status), WIFSIGNALED(status), WTERMSIG(status),
           strsignal(WTERMSIG(status)));

    pid = fork();
    if (pid == 0)
        abort();
    waitpid(pid, &status, 0);
    printf("abort: signaled=%d sig=%d\n", WIFSIGNALED(status), WTERMSIG(status));

    pid = fork();
    if (pid == 0) {
        sleep(5);
        _exit(0);
    }
    printf("WNOHANG: %d\n", waitpid(pid, &status, WNOHANG));
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    printf("SIGKILL: sig=%d\n", WTERMSIG(status));
    errno = 0;
    printf("no children: %d errno=%d\n", wait(&status), errno);

    pid = fork();
    if (pid == 0) {
        char *argv[] = {"no-such-program-anywhere", NULL};
        execvp(argv[0], argv);
        _exit(errno == ENOENT ? 42 : 1);
    }
    waitpid(pid, &status, 0);
    printf("execvp missing: child exit %d\n", WEXITSTATUS(status));
    signal(SIGCHLD, SIG_DFL);
}

/* ---- descriptors and identity ---- */

static void fd_cases(void)
{
    int fd = open("/tmp/libc_misc_test", O_CREAT | O_RDWR | O_TRUNC, 0644);
    printf("write: %zd\n", write(fd, "0123456789", 10));
    printf("lseek: %ld ", (long)lseek(fd, 2, SEEK_SET));
    char buf[8] = {0};
    printf("read: %zd %.4s\n", read(fd, buf, 4), buf);
    int d = dup(fd);
    printf("dup shares offset: %ld\n", (long)lseek(d, 0, SEEK_CUR));
    printf("dup2: %d\n", dup2(fd, 20));
    printf("cloexec: %d ", fcntl(20, F_GETFD));
    fcntl(20, F_SETFD, FD_CLOEXEC);
    printf("%d\n", fcntl(20, F_GETFD));
    printf("ftruncate: %d ", ftruncate(fd, 3));
    struct stat st;
    fstat(fd, &st);
    printf("size=%ld mode=%o\n", (long)st.st_size, st.st_mode & 0777);
    close(fd);
    close(d);
    close(20);
    errno = 0;
    printf("closed: %zd errno=%d (%s)\n", write(20, "x", 1), errno, strerror(errno));
    printf("unlink: %d ", unlink("/tmp/libc_misc_test"));
    errno = 0;
    printf("again: %d %s\n", unlink("/tmp/libc_misc_test"), strerror(errno));
    printf("isatty(pipe): ");
    int p[2];
    pipe(p);
    errno = 0;
    int tty = isatty(p[0]);
    printf("%d errno=%d\n", tty, errno);
    close(p[0]);
    close(p[1]);
    char cwd[256];
    rmdir("/tmp/libc_misc_dir");
    /* one call per statement: argument evaluation order is unspecified */
    int r = chdir("/tmp");
    printf("chdir /tmp: %d getcwd: %s\n", r, getcwd(cwd, sizeof cwd));
    r = mkdir("/tmp/libc_misc_dir", 0755);
    printf("mkdir: %d rmdir: %d\n", r, rmdir("/tmp/libc_misc_dir"));
    printf("ids: pid>0 %d ppid>=0 %d pgrp>0 %d\n", getpid() > 0, getppid() >= 0, getpgrp() > 0);
}

static void on_exit_handler(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    atexit(on_exit_handler);
    time_cases();
    setjmp_cases();
    signal_cases();
    process_cases();
    fd_cases();
    printf("exiting with 3 (stdout flushed by exit)\n");
    exit(3);
}
